/**
 * Limits both ends agree on. The relay enforces them and answers a clear error code; the client
 * stays inside them (it splits its outbox into batches of at most MAX_BATCH_ENVELOPES).
 */
import { MAX_ENVELOPE_LENGTH } from '@carekey/crypto';

/** The protocol version of the API (the `/v1` path prefix). */
export const API_VERSION = 1;
export const API_PREFIX = '/v1';

/** Most envelopes in one append. */
export const MAX_BATCH_ENVELOPES = 256;
/** Largest request body the relay reads (16 MiB): a full batch of typical entries fits well. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
/** Largest single envelope (header, wrapped key, 1 MiB body, signature). */
export const MAX_ENVELOPE_BYTES = MAX_ENVELOPE_LENGTH;
/** Most envelopes in one pull response. */
export const MAX_PULL_ENVELOPES = 1000;
/** A pull response stops adding envelopes after this many bytes (it always returns at least one). */
export const MAX_PULL_BYTES = 8 * 1024 * 1024;
/** Most statements in one control-log or device-log append. */
export const MAX_LOG_STATEMENTS = 64;
/** Most account items in one append (the sign-up batch: bundle plus every category root). */
export const MAX_ACCOUNT_ITEMS = 64;
/** How long a login challenge may be answered. */
export const CHALLENGE_TTL_MS = 2 * 60 * 1000;
/** How far the time a device signs into a login may be from the relay's clock. */
export const LOGIN_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** How long a session token lasts. */
export const SESSION_TTL_MS = 60 * 60 * 1000;
/** Largest sealed share-link payload (8 MiB; its base64url fits well inside a request). */
export const MAX_LINK_PAYLOAD_BYTES = 8 * 1024 * 1024;
/** Wrong passcodes a share link survives by default; the next wrong one kills it for good. */
export const DEFAULT_LINK_MAX_TRIES = 5;
/** The most wrong passcodes a patient may allow a link. */
export const MAX_LINK_TRIES = 10;
/** The furthest ahead a share link may expire (a year and a day, so "a year from today" fits). */
export const MAX_LINK_LIFETIME_MS = 366 * 24 * 60 * 60 * 1000;
/** Most key packages in one control-log append (a revocation re-seals for every grant left). */
export const MAX_KEY_PACKAGES = 512;
/**
 * Most key packages one grant lists (one per collection and epoch held, and the identity card):
 * every revocation adds an epoch, so a whole-record grant after many revocations needs many.
 */
export const MAX_GRANT_PACKAGES = 256;
/** Largest sealed key package as base64url (1,200 months of keys fit). */
export const MAX_KEY_PACKAGE_TEXT = 96 * 1024;
/** The furthest ahead a grant may end (ten years and a month). */
export const MAX_GRANT_LIFETIME_MS = 3700 * 24 * 60 * 60 * 1000;
/** Most envelope hashes a revocation lists as the revoked writer's accepted entries. */
export const MAX_REVOKED_WRITTEN = 1000;
/**
 * How long the relay refuses a write grantee's envelope appends to a vault after refusing a
 * revocation of theirs, signed by the owner or a co-owner, for leaving out an envelope they had
 * sent (docs/protocol.md §5.2): long enough for the revoking device to pull and try again, so a
 * writer who keeps sending cannot keep their access from being stopped; short, and it simply
 * ends, so it never stands in for the revocation.
 */
export const WRITE_HOLD_MS = 2 * 60 * 1000;
/** The longest waiting period of an emergency grant (30 days). */
export const MAX_EMERGENCY_WAIT_HOURS = 720;
/** How often the realtime channel sends a heartbeat comment, so proxies and clients know it is alive. */
export const REALTIME_HEARTBEAT_MS = 25_000;
/**
 * Most realtime streams one account may hold open at once on one relay process (a patient's
 * phones, tablets and browser tabs, one stream per record each); the next is `rate-limited`.
 */
export const MAX_EVENT_STREAMS_PER_ACCOUNT = 16;
