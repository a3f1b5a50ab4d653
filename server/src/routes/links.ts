/**
 * Share links for a clinician who has no account (DESIGN §4 "Share links", protocol.md §5.1, §7):
 *
 * ```
 * POST /v1/links                 create a link (a device session of the owner)
 * GET  /v1/links                 the caller's links, each with its opens
 * POST /v1/links/:link/revoke    revoke a link (its owner)
 * POST /v1/links/:link/open      open a link (no session): the sealed payload, logged
 * POST /v1/links/:link/shl       the SMART Health Links manifest of a link made as one (no
 *                                session, any origin): its JWE as an embedded file, logged
 * ```
 *
 * The relay holds the sealed payload and, for a passcode link, `authHash` = H_32(ctx("ck-link-auth") ‖ p).
 * An open with a passcode sends hex(p); the relay hashes it and compares in constant time. It
 * never sees the fragment key or the passcode, so it can never open the payload. Every wrong
 * passcode is counted in the same transaction that checks the link is alive, and the one that
 * reaches the limit kills the link for good.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type * as v from 'valibot';
import { bytesEqual, fromBase64Url, fromHex, linkAuthHash, toBase64Url } from '@carekey/crypto';
import {
  CarekeyError,
  DEFAULT_LINK_MAX_TRIES,
  HexId,
  MAX_LINK_LIFETIME_MS,
  MAX_LINK_PAYLOAD_BYTES,
  api,
  parseWith,
} from '@carekey/protocol';
import type { RelayDeps, RelayEnv } from '../context.ts';
import { perIpKey } from '../middleware/client-ip.ts';
import { RateLimiter, rateLimit } from '../middleware/rate-limit.ts';
import { requireSession } from '../middleware/session.ts';
import { requireDevice } from '../permissions.ts';
import { readJson } from '../request.ts';
import { shareLinkRefusal } from '../store/rules.ts';
import type { ShareLinkRecord } from '../store/types.ts';

function linkParam(c: Context): string {
  return parseWith(HexId, c.req.param('link'));
}

/** The error a link that may not be opened answers with. */
function refusalError(refusal: 'not-found' | 'revoked' | 'locked' | 'expired'): CarekeyError {
  switch (refusal) {
    case 'not-found':
      return new CarekeyError('not-found', 'no such share link');
    case 'expired':
      return new CarekeyError('link-expired', 'this share link has expired');
    case 'revoked':
      return new CarekeyError('link-revoked', 'this share link was revoked by the patient');
    case 'locked':
      return new CarekeyError('link-revoked', 'this share link was closed after too many wrong passcodes');
  }
}

function summary(link: ShareLinkRecord, now: number): api.LinkSummary {
  return {
    link: link.link,
    created: link.created,
    expiresAt: link.expiresAt,
    passcode: link.authHash !== null,
    maxTries: link.maxTries,
    failedTries: link.failedTries,
    revokedAt: link.revokedAt,
    state: shareLinkRefusal(link, now) ?? 'active',
    opens: link.opens.map((at) => ({ at })),
  };
}

/** The share-link routes, to mount under `/v1`. */
export function linkRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const { store, clock, config } = deps;
  const session = requireSession(deps);
  const routes = new Hono<RelayEnv>();
  const limits = config.rateLimits;
  const openPerIp = new RateLimiter({ limit: limits.linkOpenPerIp, windowMs: limits.windowMs, clock });
  const openPerLink = new RateLimiter({ limit: limits.linkOpenPerLink, windowMs: limits.windowMs, clock });
  const opening = [
    rateLimit(openPerIp, perIpKey(config.trustProxy)),
    rateLimit(openPerLink, (c: Context) => `link:${c.req.param('link') ?? ''}`),
  ] as const;

  routes.post('/links', session, async (c) => {
    const caller = c.var.session;
    requireDevice(caller);
    const request = parseWith(api.CreateLinkRequest, await readJson(c));
    const payload = fromBase64Url(request.payload, 'payload');
    if (payload.length > MAX_LINK_PAYLOAD_BYTES) {
      throw new CarekeyError('payload-too-large', `a shared record is at most ${MAX_LINK_PAYLOAD_BYTES} bytes`);
    }
    const now = clock.now();
    if (request.expiresAt <= now) throw new CarekeyError('bad-request', 'the link would already have expired');
    if (request.expiresAt > now + MAX_LINK_LIFETIME_MS) throw new CarekeyError('bad-request', 'a share link lasts at most a year');
    await store.createShareLink({
      link: request.link,
      owner: caller.account,
      payload,
      authHash: request.authHash ?? null,
      maxTries: request.maxTries ?? DEFAULT_LINK_MAX_TRIES,
      expiresAt: request.expiresAt,
      created: now,
    });
    return c.json({ link: request.link, expiresAt: request.expiresAt }, 201);
  });

  routes.get('/links', session, async (c) => {
    const now = clock.now();
    const links = await store.listShareLinks(c.var.session.account);
    return c.json({ links: links.map((link) => summary(link, now)) });
  });

  routes.post('/links/:link/revoke', session, async (c) => {
    await store.revokeShareLink(c.var.session.account, linkParam(c), clock.now());
    return c.json({ ok: true });
  });

  routes.post('/links/:link/open', ...opening, async (c) => {
    const link = linkParam(c);
    const { auth } = parseWith(api.OpenLinkRequest, await readJson(c));
    const now = clock.now();
    const record = await store.getShareLink(link);
    if (!record) throw refusalError('not-found');
    const refusal = shareLinkRefusal(record, now);
    if (refusal) throw refusalError(refusal);
    let passcodeOk = true;
    if (record.authHash !== null) {
      // Asking without a passcode costs no try: the viewer learns it must ask for one.
      if (auth === undefined) throw new CarekeyError('passcode-required', 'this share link needs its passcode');
      passcodeOk = bytesEqual(linkAuthHash(fromHex(auth, 'auth')), fromHex(record.authHash, 'authHash'));
    }
    const opened = await store.openShareLink(link, { at: now, passcodeOk });
    switch (opened.outcome) {
      case 'opened':
        return c.json({ link, payload: toBase64Url(opened.payload), expiresAt: opened.expiresAt });
      case 'wrong-passcode':
        throw new CarekeyError(
          'wrong-passcode',
          opened.triesLeft > 0 ? `wrong passcode; ${opened.triesLeft} tries left` : 'wrong passcode; the link is now closed',
          { triesLeft: opened.triesLeft },
        );
      default:
        throw refusalError(opened.outcome);
    }
  });

  // SMART Health Links viewers run on other origins and fetch the manifest from the browser.
  // It carries no credentials, so any origin may ask; the JWE opens only with the link's key.
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type',
  };
  routes.options('/links/:link/shl', (c) => c.body(null, 204, cors));
  // Every answer carries the headers — a refusal too (429 from the rate limit, 404, 410), or a
  // viewer on another origin could not read why.
  const withCors: MiddlewareHandler<RelayEnv> = async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(cors)) c.res.headers.set(name, value);
  };
  routes.post('/links/:link/shl', withCors, ...opening, async (c) => {
    const link = linkParam(c);
    const request = parseWith(api.ShlManifestRequest, await readJson(c));
    void request.recipient; // required by the specification; not kept (no names in the relay)
    const now = clock.now();
    const record = await store.getShareLink(link);
    if (!record) throw refusalError('not-found');
    const refusal = shareLinkRefusal(record, now);
    if (refusal) throw refusalError(refusal);
    // Passcode links are never SMART Health Links: the passcode is bound into Carekey's key,
    // which that format cannot carry. Only a link made as one holds a JWE (Carekey's own links
    // hold a sealed box): decided before the open, so asking for another link's manifest
    // records no open in its owner's list.
    const held = record.authHash === null ? await store.peekShareLinkPayload(link) : undefined;
    if (!held || !COMPACT_JWE.test(new TextDecoder().decode(held))) {
      throw new CarekeyError('not-found', 'this link is not a SMART Health Link');
    }
    const opened = await store.openShareLink(link, { at: now, passcodeOk: true });
    if (opened.outcome !== 'opened') throw refusalError(opened.outcome === 'wrong-passcode' ? 'locked' : opened.outcome);
    const embedded = new TextDecoder().decode(opened.payload);
    const body: v.InferOutput<typeof api.ShlManifestResponse> = { files: [{ contentType: 'application/fhir+json', embedded }] };
    return c.json(body);
  });

  return routes;
}

const COMPACT_JWE = /^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
