/**
 * SMART Health Cards (https://spec.smarthealth.cards): a FHIR Bundle signed by its issuer as a
 * compact JWS (ES256) with a raw-DEFLATE compressed payload
 * `{ iss, nbf, vc: { rid?, credentialSubject: { fhirBundle } } }`.
 *
 * A card is verified only against issuers the caller trusts: a signature that fails against a
 * trusted key refuses the whole file (it was altered); a card from anyone else imports, marked
 * unverified. Revocation follows the SMART Health Cards revocation lists: a listed `rid` revokes
 * the cards issued up to the listed time (all of them when no time is given).
 */
import { FormatError, fromBase64Url, fromUtf8, isEcPublicJwk, ready, utf8, verifyEs256 } from '@carekey/crypto';
import { Inflate } from 'fflate';
import { ImportError, MESSAGES } from './errors.ts';
import type { CardInfo, IssuerKey, RevokedCard, TrustedIssuer } from './types.ts';

/** A card's content once its signature has been dealt with. */
export interface OpenedCard {
  /** The FHIR Bundle inside the card (`vc.credentialSubject.fhirBundle`). */
  readonly bundle: unknown;
  readonly card: CardInfo;
}

/** Compact JWS: three base64url parts. */
export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

interface JwsHeader {
  readonly alg?: unknown;
  readonly kid?: unknown;
  readonly zip?: unknown;
}

interface CardPayload {
  readonly iss?: unknown;
  readonly nbf?: unknown;
  readonly vc?: { readonly rid?: unknown; readonly credentialSubject?: { readonly fhirBundle?: unknown } };
}

function damaged(cause?: unknown): ImportError {
  return new ImportError('bad-signature', MESSAGES.damagedCard, cause === undefined ? undefined : { cause });
}

/**
 * True for the ways decoding a damaged card fails: not base64url (FormatError), not UTF-8
 * (TypeError), not JSON (SyntaxError), not DEFLATE (fflate's errors carry a numeric `code`).
 * Anything else is a bug and is not disguised as a damaged card.
 */
function isDecodingFailure(error: unknown): boolean {
  return (
    error instanceof FormatError ||
    error instanceof SyntaxError ||
    error instanceof TypeError ||
    (error instanceof Error && typeof (error as { code?: unknown }).code === 'number')
  );
}

function decodeJsonPart(part: string): unknown {
  try {
    return JSON.parse(fromUtf8(fromBase64Url(part, 'JWS part'))) as unknown;
  } catch (cause) {
    if (isDecodingFailure(cause)) throw damaged(cause);
    throw cause;
  }
}

/**
 * Inflates raw DEFLATE data, refusing to produce more than `limit` bytes (a tiny card could
 * otherwise expand into gigabytes).
 */
function inflateLimited(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate();
  inflate.ondata = (chunk) => {
    total += chunk.length;
    if (total > limit) throw new ImportError('too-large', MESSAGES.tooLarge(limit));
    chunks.push(chunk);
  };
  inflate.push(data, true);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function decodePayload(part: string, header: JwsHeader, limit: number): CardPayload {
  try {
    const raw = fromBase64Url(part, 'JWS payload');
    const bytes = header.zip === 'DEF' ? inflateLimited(raw, limit) : raw;
    const value = JSON.parse(fromUtf8(bytes)) as CardPayload | null;
    if (!value || typeof value !== 'object') throw damaged();
    return value;
  } catch (cause) {
    if (isDecodingFailure(cause)) throw damaged(cause);
    throw cause;
  }
}

/** True when the card `rid`, issued at `nbf`, is on the key's revocation list. */
export function isRevoked(list: readonly RevokedCard[] | undefined, rid: string | undefined, nbf: number | undefined): boolean {
  if (!list || rid === undefined) return false;
  return list.some((entry) => entry.rid === rid && (entry.until === undefined || (nbf !== undefined && entry.until >= nbf)));
}

/**
 * Opens a compact-JWS health card: checks the signature against the trusted issuers' keys,
 * decompresses the payload, and applies revocation.
 *
 * @throws ImportError `bad-signature` (altered or damaged card), `unsupported` (not ES256), `too-large`
 */
export async function openHealthCard(jws: string, trusted: readonly TrustedIssuer[], limit: number): Promise<OpenedCard> {
  await ready();
  const [headerPart, payloadPart, signaturePart] = jws.split('.') as [string, string, string];
  const header = decodeJsonPart(headerPart) as JwsHeader;
  if (!header || typeof header !== 'object') throw damaged();
  if (header.alg !== 'ES256') {
    throw new ImportError(
      'unsupported',
      'This health card is signed in a way Carekey cannot check (it is not a SMART Health Card), so nothing was imported.',
    );
  }
  const kid = typeof header.kid === 'string' ? header.kid : undefined;

  // The signature is checked before anything else is read from the card, so a changed payload
  // fails here even when the change also broke its compression.
  let signedBy: TrustedIssuer | undefined;
  const candidates =
    kid === undefined ? [] : trusted.flatMap((issuer) => issuer.keys.filter((k) => k.kid === kid).map((key) => ({ issuer, key })));
  if (candidates.length > 0) {
    let signature: Uint8Array;
    try {
      signature = fromBase64Url(signaturePart, 'JWS signature');
    } catch (cause) {
      if (cause instanceof FormatError) throw new ImportError('bad-signature', MESSAGES.badSignature, { cause });
      throw cause;
    }
    const message = utf8(`${headerPart}.${payloadPart}`);
    for (const { issuer, key } of candidates) {
      if (await verifyEs256(key, message, signature)) {
        signedBy = issuer;
        break;
      }
    }
    if (!signedBy) throw new ImportError('bad-signature', MESSAGES.badSignature);
  }

  const payload = decodePayload(payloadPart, header, limit);
  const iss = typeof payload.iss === 'string' ? payload.iss : undefined;
  if (iss === undefined) throw damaged();
  if (signedBy && signedBy.iss !== iss) throw new ImportError('bad-signature', MESSAGES.badSignature);
  const bundle = payload.vc?.credentialSubject?.fhirBundle;
  if (!bundle || typeof bundle !== 'object') throw damaged();

  const nbf = typeof payload.nbf === 'number' && Number.isFinite(payload.nbf) ? payload.nbf : undefined;
  const rid = typeof payload.vc?.rid === 'string' ? payload.vc.rid : undefined;
  const issuedAt = nbf === undefined ? undefined : new Date(nbf * 1000).toISOString();
  const base = { issuer: iss, ...(issuedAt ? { issuedAt } : {}) };

  if (!signedBy) return { bundle, card: { ...base, verified: false, reason: 'unknown-issuer' } };
  if (kid !== undefined && isRevoked(signedBy.revoked?.[kid], rid, nbf)) {
    return { bundle, card: { ...base, verified: false, reason: 'revoked' } };
  }
  return { bundle, card: { ...base, verified: true } };
}

/**
 * A trusted issuer from its published files: the JWKS at `<iss>/.well-known/jwks.json` and the
 * revocation lists at `<iss>/.well-known/crl/<kid>.json`. Keys other than P-256 signing keys
 * with a `kid` are ignored.
 *
 * @example
 * trustedIssuerFromJwks('https://spec.smarthealth.cards/examples/issuer', jwks, [crl])
 */
export function trustedIssuerFromJwks(iss: string, jwks: unknown, revocationLists: readonly unknown[] = [], name?: string): TrustedIssuer {
  const keys: IssuerKey[] = [];
  const listed = (jwks as { keys?: unknown } | null)?.keys;
  for (const key of Array.isArray(listed) ? (listed as unknown[]) : []) {
    if (!isEcPublicJwk(key)) continue;
    const { kid, use, alg } = key as unknown as { kid?: unknown; use?: unknown; alg?: unknown };
    if (typeof kid !== 'string' || (use !== undefined && use !== 'sig') || (alg !== undefined && alg !== 'ES256')) continue;
    keys.push({ kty: 'EC', crv: 'P-256', x: key.x, y: key.y, kid });
  }
  const revoked: Record<string, RevokedCard[]> = {};
  for (const list of revocationLists) {
    const { kid, rids } = (list ?? {}) as { kid?: unknown; rids?: unknown };
    if (typeof kid !== 'string' || !Array.isArray(rids)) continue;
    const entries = (revoked[kid] ??= []);
    for (const item of rids as unknown[]) {
      if (typeof item !== 'string') continue;
      // "rid" revokes every card with that rid; "rid.timestamp" those issued up to that time.
      const dot = item.indexOf('.');
      const until = dot < 0 ? undefined : Number(item.slice(dot + 1));
      const rid = dot < 0 ? item : item.slice(0, dot);
      entries.push(until === undefined || !Number.isFinite(until) ? { rid } : { rid, until });
    }
  }
  return { iss, keys, ...(Object.keys(revoked).length > 0 ? { revoked } : {}), ...(name === undefined ? {} : { name }) };
}
