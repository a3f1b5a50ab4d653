/**
 * Request and response bodies of the relay API (`/v1`), validated at both ends: the relay
 * parses every request with these schemas, the client parses every response.
 *
 * Routes:
 * ```
 * GET  /healthz
 * POST /v1/accounts                       register an account, its first device and vault
 * GET  /v1/accounts/:account/slots        unlock slots (no session; rate-limited)
 * POST /v1/auth/challenge                 a login challenge
 * POST /v1/auth/session                   a signed challenge → a session token
 * GET  /v1/accounts/:account              the account card and device log
 * POST /v1/accounts/:account/devices      append device-log statements
 * GET  /v1/accounts/:account/items        the encrypted account items
 * POST /v1/accounts/:account/items        append encrypted account items
 * POST /v1/vaults                         create a vault (its first control statement)
 * GET  /v1/vaults/:vault/log?after=SEQ    read the control log
 * POST /v1/vaults/:vault/log              append to the control log (compare-and-set on prev)
 * POST /v1/vaults/:vault/envelopes        append envelopes (idempotent, all or nothing)
 * GET  /v1/vaults/:vault/envelopes?after=CURSOR&limit=N   pull
 * POST /v1/links                          create a share link (device session)
 * GET  /v1/links                          the caller's share links with their opens
 * POST /v1/links/:link/revoke             revoke a share link (its owner)
 * POST /v1/links/:link/open               open a share link (no session; passcode-checked)
 * POST /v1/links/:link/shl                the SMART Health Links manifest of a link made as one
 * GET  /v1/shared                         the grants in force to the caller (grantee)
 * GET  /v1/vaults/:vault/packages         key packages: the caller's (grantee) or all (owner)
 * GET  /v1/vaults/:vault/access-log       the vault's access log (owner), newest first
 * GET  /v1/vaults/:vault/emergency        every emergency grant of the vault and its state (owner)
 * POST /v1/vaults/:vault/emergency/:grant/request   the grantee asks; the wait starts
 * POST /v1/vaults/:vault/emergency/:grant/refuse    the owner refuses a pending request
 * GET  /v1/vaults/:vault/events           the realtime channel: server-sent events (owner, grantee in force)
 * ```
 *
 * Grantees with a grant in force also read the control log, pull the envelopes of their
 * granted collections and months, and (with write access) append to those collections.
 */
import * as v from 'valibot';
import {
  MAX_ACCOUNT_ITEMS,
  MAX_BATCH_ENVELOPES,
  MAX_ENVELOPE_BYTES,
  MAX_LINK_PAYLOAD_BYTES,
  MAX_LINK_TRIES,
  MAX_LOG_STATEMENTS,
  MAX_PULL_ENVELOPES,
  MAX_KEY_PACKAGES,
  MAX_KEY_PACKAGE_TEXT,
} from './limits.ts';
import { AccountId, Base64Url, HexHash, HexId, Seq, StatementWire, Timestamp } from './wire.ts';
import { ERROR_CODES, type ErrorCode } from './errors.ts';

const b64Of = (bytes: number) => v.pipe(Base64Url, v.length(Math.ceil((bytes * 4) / 3)));

export const KdfParamsSchema = v.strictObject({
  alg: v.literal('argon2id13'),
  opsLimit: v.pipe(v.number(), v.safeInteger()),
  memLimit: v.pipe(v.number(), v.safeInteger()),
  salt: Base64Url,
});

const SlotId = v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,64}$/));

export const PassphraseSlotSchema = v.strictObject({
  slotId: SlotId,
  type: v.literal('passphrase'),
  kdf: KdfParamsSchema,
  nonce: b64Of(24),
  ciphertext: b64Of(48),
});

export type PassphraseSlotWire = v.InferOutput<typeof PassphraseSlotSchema>;

export const RecoverySlotSchema = v.strictObject({
  slotId: SlotId,
  type: v.literal('recovery'),
  nonce: b64Of(24),
  ciphertext: b64Of(48),
  sealedAccountKey: v.pipe(Base64Url, v.maxLength(256)),
});

export const UnlockSlotSchema = v.variant('type', [PassphraseSlotSchema, RecoverySlotSchema]);
export type UnlockSlotWire = v.InferOutput<typeof UnlockSlotSchema>;

/** An AK-encrypted account item: the account bundle or a category root. */
export const AccountItemSchema = v.strictObject({
  itemId: v.pipe(v.string(), v.regex(/^[a-z0-9:-]{1,160}$/)),
  kind: v.picklist(['bundle', 'root', 'grant']),
  nonce: b64Of(24),
  ciphertext: v.pipe(Base64Url, v.maxLength(256 * 1024)),
});
export type AccountItemWire = v.InferOutput<typeof AccountItemSchema>;

const LogStatements = v.pipe(v.array(StatementWire), v.minLength(1), v.maxLength(MAX_LOG_STATEMENTS));

export const SessionSchema = v.object({ token: v.pipe(v.string(), v.minLength(32)), expiresAt: Timestamp });
export type Session = v.InferOutput<typeof SessionSchema>;

export const RegisterRequest = v.strictObject({
  card: StatementWire,
  device: StatementWire,
  slots: v.pipe(v.array(UnlockSlotSchema), v.minLength(1), v.maxLength(8)),
  items: v.pipe(v.array(AccountItemSchema), v.maxLength(MAX_ACCOUNT_ITEMS)),
  vault: v.optional(v.strictObject({ id: HexId, log: LogStatements })),
});
export type RegisterRequest = v.InferOutput<typeof RegisterRequest>;

export const RegisterResponse = v.object({ account: AccountId, session: SessionSchema });

export const SlotsResponse = v.object({ slots: v.array(UnlockSlotSchema) });

export const ChallengeRequest = v.strictObject({ account: AccountId });
export const ChallengeResponse = v.object({ challenge: b64Of(32), origin: v.string(), expiresAt: Timestamp });

export const SessionRequest = v.strictObject({ login: StatementWire });
export const SessionResponse = SessionSchema;

export const AccountResponse = v.object({ card: StatementWire, devices: v.array(StatementWire) });

export const AppendDevicesRequest = v.strictObject({ statements: LogStatements });
export const LogHeadSchema = v.nullable(v.object({ seq: Seq, hash: Base64Url }));
export const AppendDevicesResponse = v.object({ head: LogHeadSchema });

export const ItemsResponse = v.object({ items: v.array(AccountItemSchema) });
export const AppendItemsRequest = v.strictObject({
  items: v.pipe(v.array(AccountItemSchema), v.minLength(1), v.maxLength(MAX_ACCOUNT_ITEMS)),
});
export const OkResponse = v.object({ ok: v.literal(true) });

export const CreateVaultRequest = v.strictObject({ id: HexId, log: LogStatements });

export const LogQuery = v.object({ after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/)), '0') });

export const LogResponse = v.object({ statements: v.array(StatementWire), head: LogHeadSchema });
/** A sealed key package (docs/protocol.md §5.2) for one grant, base64url. */
export const KeyPackageWire = v.strictObject({
  grant: HexId,
  data: v.pipe(Base64Url, v.minLength(1), v.maxLength(MAX_KEY_PACKAGE_TEXT)),
});
export type KeyPackageWire = v.InferOutput<typeof KeyPackageWire>;

export const AppendLogRequest = v.strictObject({
  /** The hash of the last statement the writer saw; null when it writes the first. */
  prev: v.nullable(Base64Url),
  statements: LogStatements,
  /** The key packages the new statements list by hash (stored with them, all or nothing). */
  packages: v.optional(v.pipe(v.array(KeyPackageWire), v.maxLength(MAX_KEY_PACKAGES))),
});
export const AppendLogResponse = v.object({ head: LogHeadSchema });
export const CreateVaultResponse = AppendLogResponse;

/** An envelope in a request or response: base64url of its bytes. */
const EnvelopeData = v.pipe(Base64Url, v.maxLength(Math.ceil((MAX_ENVELOPE_BYTES * 4) / 3)));

export const AppendEnvelopesRequest = v.strictObject({
  // The relay checks the count and each length before this schema, to answer batch-too-large
  // and envelope-too-large rather than bad-request.
  envelopes: v.pipe(v.array(EnvelopeData), v.minLength(1), v.maxLength(MAX_BATCH_ENVELOPES)),
});
export type AppendEnvelopesRequest = v.InferOutput<typeof AppendEnvelopesRequest>;
export const AppendEnvelopesResponse = v.object({
  results: v.array(v.object({ hash: Base64Url, seq: Seq, duplicate: v.boolean() })),
});

/** An envelope hash as it travels: base64url of 32 bytes. */
const EnvelopeHash = v.pipe(Base64Url, v.length(43));

/**
 * Removing envelopes a re-encryption replaced (DESIGN §4 "Revocation and expiry"): each
 * `envelope` (under a superseded epoch) is deleted once `by` (the patient-signed re-encryption
 * envelope carrying it, under the collection's current epoch, same collection, entry and month)
 * is stored. One already gone counts as done.
 */
export const RemoveReplacedRequest = v.strictObject({
  replaced: v.pipe(v.array(v.strictObject({ envelope: EnvelopeHash, by: EnvelopeHash })), v.minLength(1), v.maxLength(MAX_BATCH_ENVELOPES)),
});
export type RemoveReplacedRequest = v.InferOutput<typeof RemoveReplacedRequest>;
export const RemoveReplacedResponse = v.object({ removed: v.pipe(v.number(), v.safeInteger(), v.minValue(0)) });

export const PullQuery = v.object({
  after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/)), '0'),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/)), String(MAX_PULL_ENVELOPES)),
});
export const PullResponse = v.object({
  envelopes: v.array(v.object({ seq: Seq, data: EnvelopeData })),
  cursor: v.pipe(v.string(), v.regex(/^\d{1,15}$/)),
  more: v.boolean(),
});
export type PullResponse = v.InferOutput<typeof PullResponse>;

export const PackagesResponse = v.object({ packages: v.array(KeyPackageWire) });

/** A grant in force to the caller, as the relay lists it (the caller verifies it in the log). */
/**
 * Where an emergency grant stands, on the relay's clock: `idle` (never asked, or refused and
 * not asked again), `waiting` (asked; released at `releasesAt` unless refused), `released`.
 */
export const EmergencyStateSchema = v.object({
  waitHours: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  state: v.picklist(['idle', 'waiting', 'released']),
  requestedAt: v.nullable(Timestamp),
  releasesAt: v.nullable(Timestamp),
  refusedAt: v.nullable(Timestamp),
});
export type EmergencyState = v.InferOutput<typeof EmergencyStateSchema>;

export const SharedGrantSchema = v.object({
  vault: HexId,
  owner: AccountId,
  grant: HexId,
  collections: v.array(HexId),
  access: v.picklist(['read', 'write']),
  notAfter: Timestamp,
  /** Present for an emergency grant: until it is `released`, nothing of the record is served. */
  emergency: v.optional(EmergencyStateSchema),
});
export type SharedGrant = v.InferOutput<typeof SharedGrantSchema>;
export const SharedResponse = v.object({ grants: v.array(SharedGrantSchema) });

/**
 * One access-log event, as the relay saw it: a grant issued or revoked, a grantee's fetch or
 * write (with the collections it touched), or a refused attempt (`reason` says what).
 */
export const AccessEventSchema = v.object({
  at: Timestamp,
  kind: v.picklist(['grant-issued', 'grant-revoked', 'fetch', 'write', 'refused', 'emergency-requested', 'emergency-refused']),
  actor: AccountId,
  grant: v.nullable(HexId),
  collections: v.array(HexId),
  count: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  reason: v.nullable(v.pipe(v.string(), v.maxLength(200))),
});
export type AccessEvent = v.InferOutput<typeof AccessEventSchema>;
export const AccessLogResponse = v.object({ events: v.array(AccessEventSchema) });

export const EmergencyResponse = v.object({ grant: HexId, emergency: EmergencyStateSchema });
export const EmergencyListResponse = v.object({
  grants: v.array(v.object({ grant: HexId, grantee: AccountId, emergency: EmergencyStateSchema })),
});

/**
 * One event of the realtime channel (`GET /v1/vaults/:vault/events`, `text/event-stream`): the
 * SSE `event:` field is the kind and `data:` this JSON. An event says only that something
 * happened and where the vault's sequences stand — never what: the client pulls or reads
 * through the ordinary routes.
 *
 * - `ready`: the stream is open; anything before it may have been missed, so catch up now;
 * - `envelopes`: new envelopes were stored; `cursor` is the highest new seq (a grantee hears only
 *   of batches that touch its granted collections and months);
 * - `control`: the control log grew to `seq`;
 * - `emergency`: an emergency request or refusal happened (the owner's devices only).
 */
export const RealtimeEventSchema = v.variant('kind', [
  v.object({ kind: v.literal('ready') }),
  v.object({ kind: v.literal('envelopes'), cursor: v.pipe(v.string(), v.regex(/^\d{1,15}$/)) }),
  v.object({ kind: v.literal('control'), seq: Seq }),
  v.object({ kind: v.literal('emergency') }),
]);
export type RealtimeEvent = v.InferOutput<typeof RealtimeEventSchema>;
/** The kinds of {@link RealtimeEventSchema}, as the SSE `event:` field names them. */
export const REALTIME_EVENT_KINDS = ['ready', 'envelopes', 'control', 'emergency'] as const;

export const HealthResponse = v.object({ ok: v.literal(true), version: v.string(), time: Timestamp });

/** A sealed share-link payload (docs/protocol.md §5.1), base64url. */
const LinkPayload = v.pipe(Base64Url, v.minLength(1), v.maxLength(Math.ceil((MAX_LINK_PAYLOAD_BYTES * 4) / 3)));

/**
 * Create a share link. The relay gets the sealed payload and, for a passcode link, only
 * `authHash` = H_32(ctx("ck-link-auth") ‖ p) as hex — never the fragment key, p or the passcode.
 */
export const CreateLinkRequest = v.strictObject({
  link: HexId,
  payload: LinkPayload,
  expiresAt: Timestamp,
  authHash: v.optional(HexHash),
  maxTries: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_LINK_TRIES))),
});
export type CreateLinkRequest = v.InferOutput<typeof CreateLinkRequest>;
export const CreateLinkResponse = v.object({ link: HexId, expiresAt: Timestamp });

/** Open a share link: `auth` is hex of p for a passcode link, absent otherwise. */
export const OpenLinkRequest = v.strictObject({ auth: v.optional(HexHash) });
export const OpenLinkResponse = v.object({ link: HexId, payload: LinkPayload, expiresAt: Timestamp });

/**
 * The SMART Health Links manifest request (the specification's shape: `recipient` is required,
 * a passcode is never accepted because Carekey binds passcodes into the key instead).
 */
export const ShlManifestRequest = v.object({
  recipient: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  passcode: v.optional(v.string()),
  embeddedLengthMax: v.optional(v.number()),
});
export const ShlManifestResponse = v.object({
  files: v.array(
    v.object({ contentType: v.literal('application/fhir+json'), embedded: v.pipe(v.string(), v.maxLength(MAX_LINK_PAYLOAD_BYTES * 2)) }),
  ),
});

/** What a share link is now: usable, past its expiry, revoked by its owner, or dead of wrong passcodes. */
export const LinkState = v.picklist(['active', 'expired', 'revoked', 'locked']);
export type LinkState = v.InferOutput<typeof LinkState>;

/** One of the owner's share links as listed to them, with every open. */
export const LinkSummarySchema = v.object({
  link: HexId,
  created: Timestamp,
  expiresAt: Timestamp,
  passcode: v.boolean(),
  maxTries: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  failedTries: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  revokedAt: v.nullable(Timestamp),
  state: LinkState,
  opens: v.array(v.object({ at: Timestamp })),
});
export type LinkSummary = v.InferOutput<typeof LinkSummarySchema>;
export const LinksResponse = v.object({ links: v.array(LinkSummarySchema) });

export const ApiErrorSchema = v.object({
  error: v.object({
    code: v.picklist(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: v.string(),
    triesLeft: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  }),
});

/** Max envelopes per batch, re-exported for schema users. */
export { MAX_BATCH_ENVELOPES, MAX_PULL_ENVELOPES };
export { Seq };
