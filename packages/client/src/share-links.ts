/**
 * Share links for a clinician who has no account (DESIGN §4 "Share links", docs/protocol.md §5.1).
 *
 * The patient's device seals a FHIR Bundle of the chosen categories (and the Patient, so the
 * clinician knows whose record it is) under a content key and uploads only the sealed bytes.
 * The link is `<relay origin>/s/<linkId>#<base64url fragmentKey>`; the fragment never reaches
 * the relay. Opening needs no account: {@link openShareLink} works from a bare fetch.
 */
import * as v from 'valibot';
import {
  IntegrityError,
  LINK_PAYLOAD_VERSION,
  concatBytes,
  MAX_JWE_INFLATED_BYTES,
  decryptJwe,
  derivePassphraseKey,
  encryptJwe,
  fromBase64Url,
  fromUtf8,
  linkAuthHash,
  linkContentKey,
  linkPasscodeKdf,
  openLinkPayload,
  randomBytes,
  randomId,
  sealLinkPayload,
  toBase64Url,
  toHex,
  utf8,
  type KdfParams,
} from '@carekey/crypto';
import { CarekeyError, DEFAULT_LINK_MAX_TRIES, MAX_LINK_LIFETIME_MS, MAX_LINK_PAYLOAD_BYTES, MAX_LINK_TRIES, api } from '@carekey/protocol';
import { isCategory, isFhirResource, type Category, type ExportedBundle, type FhirResource } from '@carekey/record';
import type { Clock } from './clock.ts';
import type { RelaySession } from './relay-session.ts';
import { HttpTransport, type FetchLike, type RelayTransport } from './transport/http.ts';

/** Argon2id of a passcode (the web app runs it in a Web Worker). */
export type PasscodeKdf = (passcode: string, params: KdfParams) => Promise<Uint8Array>;

/** What the patient chooses for a new link. */
export interface ShareLinkOptions {
  /** The categories shared (at least one); the Patient is always included. */
  readonly categories: readonly Category[];
  /** When the link stops working: a time after now and at most a year ahead. */
  readonly until: Date | number;
  /** An optional passcode, told to the clinician separately; bound into the key. */
  readonly passcode?: string;
  /** Wrong passcodes the link survives (default 5). */
  readonly maxTries?: number;
  /**
   * Also make it a SMART Health Link (`shlink:/…`), which other SMART viewers open. Only for
   * links without a passcode: that format carries the key itself and leaves passcodes to the
   * server, where Carekey binds them into the key instead.
   */
  readonly smartHealthLink?: boolean;
}

/** A link just made. */
export interface CreatedShareLink {
  readonly linkId: string;
  /** `<relay origin>/s/<linkId>#<fragment key>`: whoever has it (and the passcode) can open it. */
  readonly url: string;
  readonly expiresAt: number;
  /** The same link in the SMART Health Links format, when asked for. */
  readonly shlink?: string;
}

/** One of the patient's links, as the relay reports it. */
export interface ShareLinkView {
  readonly linkId: string;
  readonly created: number;
  readonly expiresAt: number;
  readonly passcode: boolean;
  readonly state: api.LinkState;
  readonly failedTries: number;
  readonly maxTries: number;
  readonly revokedAt: number | null;
  /** When it was opened, oldest first. */
  readonly opens: readonly number[];
}

/** What a link shares: a FHIR R4 Bundle (type `collection`), the Patient first. */
export interface SharedBundle {
  readonly resourceType: 'Bundle';
  readonly type: 'collection';
  readonly timestamp: string;
  readonly entry: ReadonlyArray<{ readonly fullUrl?: string; readonly resource: FhirResource }>;
}

/** The parts of a share link's address. */
export interface ParsedShareLink {
  readonly origin: string;
  readonly linkId: string;
  readonly fragmentKey: Uint8Array;
}

const LINK_PATH = /^\/s\/([0-9a-f]{32})\/?$/;
const FRAGMENT = /^[A-Za-z0-9_-]{43}$/;

/** The address of a link. */
export function shareLinkUrl(origin: string, linkId: string, fragmentKey: Uint8Array): string {
  return `${new URL(origin).origin}/s/${linkId}#${toBase64Url(fragmentKey)}`;
}

/**
 * Reads a share link's address.
 *
 * @throws CarekeyError `bad-link` when it is not a whole Carekey share link (a missing or cut fragment)
 */
export function parseShareLink(link: string): ParsedShareLink {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch (cause) {
    throw new CarekeyError('bad-link', 'that is not a link', { cause });
  }
  const linkId = LINK_PATH.exec(url.pathname)?.[1];
  const fragment = url.hash.slice(1);
  // Plain http only to this computer (development, tests): elsewhere p would cross the network in clear.
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if ((url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) || !linkId) {
    throw new CarekeyError('bad-link', 'that is not a Carekey share link');
  }
  if (!FRAGMENT.test(fragment)) throw new CarekeyError('bad-link', 'the link is missing its key (the part after #)');
  let fragmentKey: Uint8Array;
  try {
    fragmentKey = fromBase64Url(fragment, 'fragment');
  } catch (cause) {
    throw new CarekeyError('bad-link', 'the key in the link (the part after #) is damaged', { cause });
  }
  return { origin: url.origin, linkId, fragmentKey };
}

/**
 * The Bundle a link shares: the chosen categories as exported, with the Patient first unless
 * it is already among them.
 */
export function sharedBundle(exported: ExportedBundle, patient: FhirResource): SharedBundle {
  const entries = exported.entry.map((e) => ({ fullUrl: e.fullUrl, resource: e.resource }));
  const hasPatient = entries.some((e) => e.resource.resourceType === 'Patient');
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: exported.timestamp,
    entry: hasPatient ? entries : [{ resource: patient }, ...entries],
  };
}

function expiryOf(until: Date | number, now: number): number {
  const expiresAt = typeof until === 'number' ? until : until.getTime();
  if (!Number.isSafeInteger(expiresAt)) throw new CarekeyError('bad-expiry', 'the end of the link is not a date');
  if (expiresAt <= now) throw new CarekeyError('bad-expiry', 'the end of the link is in the past');
  if (expiresAt > now + MAX_LINK_LIFETIME_MS) throw new CarekeyError('bad-expiry', 'a link lasts at most a year');
  return expiresAt;
}

/** What {@link createShareLink} needs from the client. */
export interface ShareLinkDeps {
  readonly transport: RelayTransport;
  readonly session: RelaySession;
  readonly clock: Clock;
  readonly kdf: PasscodeKdf;
  /** Exports the chosen categories with the Patient (called after the options are checked). */
  readonly bundle: (categories: readonly Category[]) => SharedBundle;
}

/**
 * Seals the chosen categories and uploads them as a new link.
 *
 * @throws CarekeyError `bad-expiry` (past, or over a year ahead), `bad-request` (no or unknown
 *   categories, an empty passcode, a try limit out of range), and the relay's errors
 */
export async function createShareLink(deps: ShareLinkDeps, options: ShareLinkOptions): Promise<CreatedShareLink> {
  const now = deps.clock.now();
  const expiresAt = expiryOf(options.until, now);
  if (options.categories.length === 0 || !options.categories.every(isCategory)) {
    throw new CarekeyError('bad-request', 'choose at least one category to share');
  }
  if (options.passcode !== undefined && options.passcode.trim() === '') throw new CarekeyError('bad-request', 'the passcode is empty');
  const maxTries = options.maxTries ?? DEFAULT_LINK_MAX_TRIES;
  if (!Number.isSafeInteger(maxTries) || maxTries < 1 || maxTries > MAX_LINK_TRIES) {
    throw new CarekeyError('bad-request', `a link allows 1 to ${MAX_LINK_TRIES} wrong passcodes`);
  }
  const bundle = deps.bundle([...new Set(options.categories)]);

  if (options.smartHealthLink && options.passcode !== undefined) {
    throw new CarekeyError('bad-request', 'a SMART Health Link cannot have a passcode; make a Carekey link for that');
  }
  const linkId = toHex(randomId());
  const fragmentKey = randomBytes(32);
  const p = options.passcode === undefined ? null : await deps.kdf(options.passcode, linkPasscodeKdf(linkId));
  // A SMART Health Link holds the format's JWE (AES-256-GCM under the link's key); otherwise
  // Carekey's own sealed payload. Either way the key is used with one algorithm only.
  const payload = options.smartHealthLink
    ? utf8(await encryptJwe(fragmentKey, utf8(JSON.stringify(bundle))))
    : sealLinkPayload(linkContentKey(fragmentKey, p), linkId, utf8(JSON.stringify(bundle)));
  const request: api.CreateLinkRequest = {
    link: linkId,
    payload: toBase64Url(payload),
    expiresAt,
    maxTries,
    ...(p ? { authHash: toHex(linkAuthHash(p)) } : {}),
  };
  await deps.session.call((token) => deps.transport.createLink(request, token));
  const url = shareLinkUrl(deps.transport.baseUrl, linkId, fragmentKey);
  if (!options.smartHealthLink) return { linkId, url, expiresAt };
  return { linkId, url, expiresAt, shlink: smartHealthLink(deps.transport.baseUrl, linkId, fragmentKey, expiresAt) };
}

/**
 * The SMART Health Links form of a link: `shlink:/` and the base64url of
 * `{ url: <manifest>, key, exp (seconds), label, v: 1 }`.
 */
export function smartHealthLink(origin: string, linkId: string, key: Uint8Array, expiresAt: number): string {
  const payload = {
    url: `${new URL(origin).origin}/v1/links/${linkId}/shl`,
    key: toBase64Url(key),
    exp: Math.floor(expiresAt / 1000),
    label: 'Shared from Carekey',
    v: 1,
  };
  return `shlink:/${toBase64Url(utf8(JSON.stringify(payload)))}`;
}

/** The patient's links with their opens, oldest first. */
export async function listShareLinks(deps: Pick<ShareLinkDeps, 'transport' | 'session'>): Promise<ShareLinkView[]> {
  const { links } = await deps.session.call((token) => deps.transport.listLinks(token));
  return links.map((l) => ({
    linkId: l.link,
    created: l.created,
    expiresAt: l.expiresAt,
    passcode: l.passcode,
    state: l.state,
    failedTries: l.failedTries,
    maxTries: l.maxTries,
    revokedAt: l.revokedAt,
    opens: l.opens.map((o) => o.at),
  }));
}

/** Revokes one of the patient's links. @throws CarekeyError `not-found` for a link that is not theirs */
export async function revokeShareLink(deps: Pick<ShareLinkDeps, 'transport' | 'session'>, linkId: string): Promise<void> {
  await deps.session.call((token) => deps.transport.revokeLink(linkId, token));
}

/** Options of {@link openShareLink}. */
export interface OpenShareLinkOptions {
  readonly passcode?: string;
  /** The relay to ask (default: an HTTP transport to the link's own origin). */
  readonly transport?: Pick<RelayTransport, 'openLink'>;
  /** Used with the default transport; defaults to the global fetch. */
  readonly fetch?: FetchLike;
  /** Argon2id of the passcode (default: inline; the web app passes its worker). */
  readonly derivePasscodeKey?: PasscodeKdf;
}

const inlineKdf: PasscodeKdf = async (passcode, params) => derivePassphraseKey(passcode, params);

function asSharedBundle(value: unknown): SharedBundle {
  if (
    typeof value !== 'object' ||
    value === null ||
    (value as { resourceType?: unknown }).resourceType !== 'Bundle' ||
    !Array.isArray((value as { entry?: unknown }).entry) ||
    !(value as { entry: unknown[] }).entry.every(
      (e) => typeof e === 'object' && e !== null && isFhirResource((e as { resource?: unknown }).resource),
    )
  ) {
    throw new IntegrityError('malformed', 'the shared record is not a FHIR Bundle');
  }
  return value as SharedBundle;
}

/**
 * Opens a share link with no account: asks the relay for the sealed record (sending only hex(p)
 * for a passcode link) and opens it with the fragment key.
 *
 * @example
 * const bundle = await openShareLink('https://relay.example/s/0f…#k3…', { passcode: '4921' });
 * @throws CarekeyError `bad-link`, `passcode-required`, `wrong-passcode` (with `triesLeft`),
 *   `link-expired`, `link-revoked`, `not-found`, `offline`; IntegrityError when the record does
 *   not open with this link (a changed fragment) or is not a Bundle
 */
export async function openShareLink(link: string, options: OpenShareLinkOptions = {}): Promise<SharedBundle> {
  const shl = /(?:^|#)shlink:\/([A-Za-z0-9_-]+)\s*$/.exec(link.trim());
  if (shl) return openSmartHealthLink(shl[1] ?? '', options);
  const { origin, linkId, fragmentKey } = parseShareLink(link);
  const transport = options.transport ?? new HttpTransport({ baseUrl: origin, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const kdf = options.derivePasscodeKey ?? inlineKdf;
  const p = options.passcode === undefined || options.passcode === '' ? null : await kdf(options.passcode, linkPasscodeKdf(linkId));
  const opened = await transport.openLink(linkId, p ? toHex(p) : undefined);
  if (opened.link !== linkId) throw new IntegrityError('context-mismatch', 'the relay answered for another link');
  const sealed = fromBase64Url(opened.payload, 'payload');
  let plaintext: Uint8Array;
  if (sealed[0] !== LINK_PAYLOAD_VERSION && p === null) {
    // A link made as a SMART Health Link: its payload is the format's JWE.
    return parseBundleBytes(await decryptJwe(fragmentKey, fromUtf8(sealed)));
  }
  try {
    plaintext = openLinkPayload(linkContentKey(fragmentKey, p), linkId, sealed);
  } catch (error) {
    // A passcode given for a link that has none (CAREKEY_PASSCODE left set, say): the relay
    // ignored it, so try the link's own key. The AEAD still decides; nothing is weakened.
    if (p === null) throw error;
    plaintext = openLinkPayload(linkContentKey(fragmentKey, null), linkId, sealed);
  }
  return parseBundleBytes(plaintext);
}

function parseBundleBytes(plaintext: Uint8Array): SharedBundle {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(plaintext));
  } catch (cause) {
    throw new IntegrityError('malformed', 'the shared record is not JSON', { cause });
  }
  return asSharedBundle(parsed);
}

const ShlPayload = v.object({
  url: v.pipe(v.string(), v.maxLength(2048)),
  key: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
  exp: v.optional(v.number()),
  flag: v.optional(v.string()),
  label: v.optional(v.string()),
  v: v.optional(v.number()),
});
/** The most a SMART Health Links manifest may be, and the most files it may list. */
const MAX_SHL_MANIFEST_BYTES = 1024 * 1024;
const MAX_SHL_FILES = 32;
const ShlManifest = v.object({
  files: v.pipe(
    v.array(v.object({ contentType: v.string(), embedded: v.optional(v.string()), location: v.optional(v.string()) })),
    v.maxLength(MAX_SHL_FILES),
  ),
});

/**
 * Opens a SMART Health Link (from Carekey or any other source): fetches its manifest, then the
 * FHIR files in it, and decrypts each with the link's key. Links that need a passcode ('P') or
 * hold only SMART Health Cards are refused with a plain reason.
 */
async function openSmartHealthLink(encoded: string, options: OpenShareLinkOptions): Promise<SharedBundle> {
  let payload: v.InferOutput<typeof ShlPayload>;
  try {
    payload = v.parse(ShlPayload, JSON.parse(fromUtf8(fromBase64Url(encoded, 'shlink'))));
  } catch (cause) {
    throw new CarekeyError('bad-link', 'that SMART Health Link is damaged', { cause });
  }
  if (payload.flag?.includes('P'))
    throw new CarekeyError('bad-link', 'this SMART Health Link needs a passcode at its server, which Carekey does not support');
  if (payload.flag?.includes('U'))
    throw new CarekeyError('bad-link', 'this SMART Health Link points straight at one file, which Carekey does not open yet');
  let manifestUrl: URL;
  try {
    manifestUrl = new URL(payload.url);
  } catch (cause) {
    throw new CarekeyError('bad-link', 'that SMART Health Link has no valid address', { cause });
  }
  if (!servedSafely(manifestUrl)) throw new CarekeyError('bad-link', 'that SMART Health Link is not served over https');
  if (payload.exp !== undefined && payload.exp * 1000 < Date.now())
    throw new CarekeyError('link-expired', 'this SMART Health Link has expired');
  const key = fromBase64Url(payload.key, 'key');
  const fetcher = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  let manifest: v.InferOutput<typeof ShlManifest>;
  try {
    const response = await fetcher(manifestUrl.href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ recipient: 'Carekey viewer' }),
      // A redirect could lead off https; the specification's servers answer directly.
      redirect: 'error',
    });
    const body: unknown = JSON.parse(await readCapped(response, MAX_SHL_MANIFEST_BYTES));
    if (!response.ok) {
      const error = v.safeParse(api.ApiErrorSchema, body);
      if (error.success) throw new CarekeyError(error.output.error.code, error.output.error.message);
      throw new CarekeyError(response.status === 404 ? 'not-found' : 'relay-error', `the link's server answered ${response.status}`);
    }
    manifest = v.parse(ShlManifest, body);
  } catch (error) {
    if (error instanceof CarekeyError) throw error;
    throw new CarekeyError('offline', "the SMART Health Link's server cannot be reached or answered nonsense", { cause: error });
  }
  const entries: Array<{ resource: FhirResource }> = [];
  let opened = 0;
  for (const file of manifest.files) {
    if (file.contentType !== 'application/fhir+json') continue;
    let jwe = file.embedded;
    if (jwe === undefined && file.location) jwe = await fetchFile(fetcher, file.location);
    if (jwe === undefined) continue;
    const plain = await decryptJwe(key, jwe);
    opened += plain.length;
    if (opened > MAX_JWE_INFLATED_BYTES) throw new CarekeyError('bad-link', 'that SMART Health Link holds too much to open');
    const resource = parseAny(plain);
    if ((resource as { resourceType?: unknown }).resourceType === 'Bundle')
      entries.push(...asSharedBundle(resource).entry.map((e) => ({ resource: e.resource })));
    else if (isFhirResource(resource)) entries.push({ resource });
  }
  if (entries.length === 0)
    throw new CarekeyError(
      'bad-link',
      'this SMART Health Link holds no FHIR record Carekey can show (SMART Health Cards are opened by importing them)',
    );
  return { resourceType: 'Bundle', type: 'collection', timestamp: new Date().toISOString(), entry: entries };
}

interface ChunkReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}

/** https, or plain http to this machine only (a relay run locally). */
function servedSafely(url: URL): boolean {
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && local);
}

/** The most a SMART Health Link file fetched from its `location` may be (a JWE of a whole record fits easily). */
export const MAX_SHL_FILE_BYTES = 2 * MAX_LINK_PAYLOAD_BYTES;

/**
 * A manifest file given by `location`: fetched over https only, refused when the server fails,
 * and read no further than {@link MAX_SHL_FILE_BYTES} — a hostile server cannot fill memory.
 */
async function fetchFile(fetcher: FetchLike, location: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(location);
  } catch (cause) {
    throw new CarekeyError('bad-link', 'a file of that SMART Health Link has no valid address', { cause });
  }
  if (!servedSafely(url)) throw new CarekeyError('bad-link', 'a file of that SMART Health Link is not served over https');
  let response: Response;
  try {
    response = await fetcher(url.href, { method: 'GET', headers: {}, redirect: 'error' });
  } catch (cause) {
    throw new CarekeyError('offline', "the SMART Health Link's file cannot be fetched", { cause });
  }
  if (!response.ok)
    throw new CarekeyError(response.status === 404 ? 'link-expired' : 'relay-error', `the link's file server answered ${response.status}`);
  return readCapped(response, MAX_SHL_FILE_BYTES);
}

/**
 * A response's text, read no further than `max` bytes whether or not it declares a length.
 *
 * @throws CarekeyError `bad-link` past `max`
 */
async function readCapped(response: Response, max: number): Promise<string> {
  const tooLarge = () => new CarekeyError('bad-link', 'a file of that SMART Health Link is too large to open');
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > max) throw tooLarge();
  if (!response.body) {
    const text = await response.text();
    if (text.length > max) throw tooLarge();
    return text;
  }
  const reader = (response.body as unknown as { getReader(): ChunkReader }).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || !value) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return fromUtf8(concatBytes(...chunks));
}

function parseAny(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(fromUtf8(bytes));
  } catch (cause) {
    throw new IntegrityError('malformed', 'the shared file is not JSON', { cause });
  }
}
