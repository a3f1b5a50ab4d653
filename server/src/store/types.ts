/**
 * What the relay keeps, behind one small interface (STYLE habits 2 and 3). The app talks only
 * to {@link RelayStore}; the adapters (memory, SQLite, PostgreSQL) pass one shared contract
 * suite (`contract.ts`).
 *
 * The relay is an untrusted mailbox: everything here is either public (account cards, signed
 * log statements, IDs, hashes, seqs, epochs, months, sizes, times) or opaque ciphertext
 * (unlock slots, account items, envelopes). No plaintext exists to store.
 *
 * Expected failures are `CarekeyError`s with a protocol code (`account-exists`,
 * `conflict`, `not-found`); anything else that throws is a bug or an unavailable database.
 * Every write is all or nothing.
 */
import type { LogHead, StatementWire, api } from '@carekey/protocol';

/** A statement of a hash-chained log (device log, control log) as stored. */
export interface StoredStatement {
  /** Its position in the log, from 1. */
  readonly seq: number;
  /** Its hash (`statementWireHash`), which the next statement names as `prev`. */
  readonly hash: string;
  readonly statement: StatementWire;
}

/** A collection of a vault and its current key epoch. */
export interface CollectionEpoch {
  readonly id: string;
  readonly epoch: number;
}

/** A vault to create: its verified genesis log and the state that log leads to. */
export interface NewVault {
  readonly vault: string;
  readonly owner: string;
  readonly collections: readonly CollectionEpoch[];
  /** The verified control-log statements, from seq 1. */
  readonly log: readonly StoredStatement[];
  readonly created: number;
}

/** A vault as the relay needs it to enforce appends and reads. */
export interface VaultRecord {
  readonly vault: string;
  readonly owner: string;
  readonly collections: readonly CollectionEpoch[];
  /** The head of the control log. */
  readonly head: LogHead;
}

/** An account to create, with everything registration stores at once. */
export interface NewAccount {
  readonly account: string;
  /** The self-signed account card. */
  readonly card: StatementWire;
  readonly slots: readonly api.UnlockSlotWire[];
  readonly items: readonly api.AccountItemWire[];
  /** Device-log statement 1: the first device. */
  readonly device: StoredStatement;
  /** A vault created with the account, owned by it. */
  readonly vault?: NewVault;
  readonly created: number;
}

/** A login challenge waiting for its answer. */
export interface ChallengeRecord {
  /** 32 random bytes, base64url. */
  readonly challenge: string;
  readonly account: string;
  readonly expiresAt: number;
}

/** A session, keyed by a hash of its bearer token (the token itself is never stored). */
export interface SessionRecord {
  /** SHA-256 of the bearer token, base64url. */
  readonly tokenHash: string;
  readonly account: string;
  /** The device that logged in, or null for the account auth key (a device not yet registered). */
  readonly device: string | null;
  readonly expiresAt: number;
}

/** A verified envelope to append, with the clear fields the relay indexes. */
export interface NewEnvelope {
  /** The envelope hash, base64url: its identity for idempotent appends. */
  readonly hash: string;
  readonly collection: string;
  readonly entry: string;
  readonly epoch: number;
  readonly month: number;
  readonly signer: string;
  /** `data.length`. */
  readonly size: number;
  /** The envelope bytes, opaque to the store. */
  readonly data: Uint8Array;
}

/** The circumstances of an envelope append. */
export interface EnvelopeAppend {
  /** When the relay received the batch. */
  readonly received: number;
  /** The control-log head hash whose collections and epochs the batch was checked against. */
  readonly controlHead: string;
  /**
   * The grantee account sending the batch (absent for the owner): the append is refused while
   * a write hold on them for this vault lasts past `received` ({@link RelayStore.holdWrites}),
   * checked under the per-vault lock like `controlHead`.
   */
  readonly writer?: string;
}

/** The clear index of a stored envelope: what the relay read from its header when it admitted it. */
export interface StoredEnvelopeIndex {
  readonly seq: number;
  readonly collection: string;
  readonly entry: string;
  readonly epoch: number;
  readonly month: number;
  readonly signer: string;
}

/** The circumstances of an envelope removal. */
export interface EnvelopeRemoval {
  /** The control-log head hash whose collections and epochs the removal was checked against. */
  readonly controlHead: string;
}

/** The outcome of appending one envelope. */
export interface AppendedEnvelope {
  readonly hash: string;
  readonly seq: number;
  /** True when the vault already held this envelope (or it came earlier in the same batch). */
  readonly duplicate: boolean;
}

/** Envelopes of one collection from one month through another (yyyymm, both included). */
export interface EnvelopeRange {
  readonly collection: string;
  readonly fromMonth: number;
  readonly toMonth: number;
}

/** What to pull. */
export interface PullOptions {
  /** Only envelopes with a greater seq. */
  readonly after: number;
  /** At most this many envelopes (≥ 1). */
  readonly limit: number;
  /** Stop before the envelopes' total size passes this many bytes; the first always fits. */
  readonly maxBytes: number;
  /**
   * Only envelopes inside one of these ranges (a grantee's reads); every envelope when absent.
   * An empty list matches nothing. Envelopes outside are skipped as if they did not exist:
   * `limit`, `maxBytes` and `more` count only the matching ones.
   */
  readonly only?: readonly EnvelopeRange[];
}

/** One page of a pull, in seq order. */
export interface PullPage {
  readonly envelopes: ReadonlyArray<{ readonly seq: number; readonly collection: string; readonly data: Uint8Array }>;
  /** True when envelopes (that match the filter) after the last one returned exist. */
  readonly more: boolean;
}

/**
 * A grant as the relay enforces it (DESIGN §4 "Grants"): the clear part of a verified
 * `grant-issued` statement and, once a `grant-revoked` follows, when. Derived from the
 * verified control log; the log stays the authority.
 */
export interface GrantRecord {
  readonly vault: string;
  readonly grant: string;
  readonly grantee: string;
  readonly collections: readonly string[];
  readonly access: 'read' | 'write';
  /** The first month (yyyymm) the grant reads. */
  readonly notBefore: number;
  /** The last millisecond of the grant's last month. */
  readonly notAfter: number;
  /** The time of the statement that issued it. */
  readonly issuedAt: number;
  /** The time of the statement that revoked it, or null. */
  readonly revokedAt: number | null;
  /** For an emergency grant, the waiting period its clear part names; null for an ordinary grant. */
  readonly emergency: EmergencyTerms | null;
}

/** What the owner signed about an emergency grant (DESIGN §4 "Carers and emergency access"). */
export interface EmergencyTerms {
  /** Hours between the grantee's request and the release, if the owner does not refuse. */
  readonly waitHours: number;
}

/**
 * An emergency grant's terms and the relay's own state of it: when its grantee last asked and
 * when the owner last refused. The times are the relay's, not the control log's: an append
 * that restates the grant never resets them.
 */
export interface EmergencyRecord extends EmergencyTerms {
  /** When the grantee last asked, or null if never. */
  readonly requestedAt: number | null;
  /** When the owner last refused a request, or null if never. */
  readonly refusedAt: number | null;
}

/** A grant as stored: its derived state and, for an emergency grant, the relay's request state. */
export interface StoredGrantRecord extends GrantRecord {
  readonly emergency: EmergencyRecord | null;
}

/** A grant with the owner of its vault, as a grantee lists what is shared with them. */
export interface SharedGrantRecord extends StoredGrantRecord {
  readonly owner: string;
}

/** What a request for emergency access came to. */
export interface EmergencyRequestOutcome {
  readonly emergency: EmergencyRecord;
  /** True when this request started a wait; false when one was already pending (or released). */
  readonly started: boolean;
}

/** A sealed key package of a grant; its hash is listed for that grant in the control log. */
export interface KeyPackageRecord {
  readonly grant: string;
  /** `grantPackageHash` of the sealed bytes, base64url. */
  readonly hash: string;
  /** The sealed bytes, opaque to the store. */
  readonly data: Uint8Array;
}

/** One event of a vault's access log (DESIGN §4 "Transparency"). */
export interface AccessEventRecord {
  readonly at: number;
  readonly kind: api.AccessEvent['kind'];
  /** The grantee the event is about, or who was refused. */
  readonly actor: string;
  readonly grant: string | null;
  readonly collections: readonly string[];
  /** Envelopes fetched or written (0 for other events). */
  readonly count: number;
  /** For `refused`: what was refused, in plain words. */
  readonly reason: string | null;
}

/** A verified control-log append and everything derived from it, stored all or nothing. */
export interface ControlLogAppend {
  /** The head the writer appended on top of (compare-and-set). */
  readonly prev: string;
  readonly statements: readonly StoredStatement[];
  /** The collections' epochs the new log leads to. */
  readonly collections: readonly CollectionEpoch[];
  /** The full state of every grant the new log holds (each replaces what is stored). */
  readonly grants?: readonly GrantRecord[];
  /** Key packages the new statements list (one already stored under its grant and hash is kept). */
  readonly packages?: readonly KeyPackageRecord[];
  /** Access events of the append (grants issued and revoked). */
  readonly events?: readonly AccessEventRecord[];
  /**
   * Writers the new statements revoke, each with the envelopes their revocation lists: the
   * append goes through only if the vault holds no envelope in `collections` signed by one of
   * `signers` that `written` leaves out, checked in the same transaction and under the same
   * per-vault lock as envelope appends, so none can slip in between the check and the append.
   */
  readonly revokedWriters?: readonly RevokedWriter[];
}

/** A revoked writer's devices and collections, and the envelopes their revocation lists. */
export interface RevokedWriter {
  readonly collections: readonly string[];
  /** Device IDs (hex), as envelopes name their signer. */
  readonly signers: readonly string[];
  /** Envelope hashes (base64url). */
  readonly written: readonly string[];
}

/** A share link to create (DESIGN §4 "Share links"): opaque sealed bytes and what the relay enforces. */
export interface NewShareLink {
  /** 16 random bytes, hex. */
  readonly link: string;
  /** The account that made it (and alone may list and revoke it). */
  readonly owner: string;
  /** The sealed payload, opaque to the store. */
  readonly payload: Uint8Array;
  /** H_32(ctx("ck-link-auth") ‖ p) as hex for a passcode link; null without a passcode. */
  readonly authHash: string | null;
  /** Wrong passcodes the link survives; the one that reaches this kills it for good. */
  readonly maxTries: number;
  readonly expiresAt: number;
  readonly created: number;
}

/** A share link as stored, without its payload. */
export interface ShareLinkRecord {
  readonly link: string;
  readonly owner: string;
  readonly authHash: string | null;
  readonly maxTries: number;
  readonly failedTries: number;
  readonly expiresAt: number;
  readonly created: number;
  /** When its owner revoked it, or null. */
  readonly revokedAt: number | null;
  /** When it was opened, oldest first. */
  readonly opens: readonly number[];
}

/** An attempt to open a share link: when, and whether the relay found the passcode right. */
export interface ShareLinkAttempt {
  readonly at: number;
  /** True for a link without a passcode, or when the given p hashes to the stored authHash. */
  readonly passcodeOk: boolean;
}

/**
 * What an open came to, decided atomically with the counting: an open is logged and a wrong
 * passcode counted in the same transaction that checked the link was still alive.
 */
export type ShareLinkOpen =
  | { readonly outcome: 'opened'; readonly payload: Uint8Array; readonly expiresAt: number }
  | { readonly outcome: 'wrong-passcode'; readonly triesLeft: number }
  | { readonly outcome: 'not-found' | 'revoked' | 'locked' | 'expired' };

/**
 * The relay's storage. All methods are async; all writes are atomic.
 *
 * @example
 * const store = new MemoryRelayStore();
 * await store.createAccount({ account, card, slots, items: [], device, created: now });
 * const [result] = await store.appendEnvelopes(vault, [envelope], now);
 */
export interface RelayStore {
  // --- Accounts ---------------------------------------------------------------------------

  /**
   * Creates an account with its slots, items, first device statement and, when given, its
   * first vault — all or nothing.
   *
   * @throws CarekeyError `account-exists`; `conflict` when the vault already exists or two
   *   items share an ID with different contents
   */
  createAccount(account: NewAccount): Promise<void>;

  /** The account card, or undefined for an unknown account. */
  getAccountCard(account: string): Promise<StatementWire | undefined>;

  /** The unlock slots in registration order, or undefined for an unknown account. */
  getSlots(account: string): Promise<api.UnlockSlotWire[] | undefined>;

  // --- Device log -------------------------------------------------------------------------

  /** The device log in order (empty for an unknown account). */
  readDeviceLog(account: string): Promise<StoredStatement[]>;

  /**
   * Appends verified device-log statements if the stored head is still `prev`
   * (compare-and-set), so two devices cannot fork the log.
   *
   * @throws CarekeyError `not-found` for an unknown account; `conflict` when the head moved
   */
  appendDeviceLog(account: string, prev: string, statements: readonly StoredStatement[]): Promise<void>;

  // --- Account items ----------------------------------------------------------------------

  /** The account's encrypted items, ordered by item ID. */
  listItems(account: string): Promise<api.AccountItemWire[]>;

  /**
   * Appends encrypted items. An item whose ID exists with identical contents is a no-op
   * (so a retried request succeeds); with different contents the whole call fails.
   *
   * @throws CarekeyError `not-found` for an unknown account; `conflict`
   */
  appendItems(account: string, items: readonly api.AccountItemWire[]): Promise<void>;

  // --- Login ------------------------------------------------------------------------------

  /** Stores a login challenge. */
  putChallenge(challenge: ChallengeRecord): Promise<void>;

  /**
   * Removes and returns a challenge: each can be answered once, even when several relay
   * processes race for it. Expiry is the caller's to check.
   */
  takeChallenge(challenge: string): Promise<ChallengeRecord | undefined>;

  /** Stores a session. */
  putSession(session: SessionRecord): Promise<void>;

  /** The session with this token hash, or undefined. Expiry is the caller's to check. */
  getSession(tokenHash: string): Promise<SessionRecord | undefined>;

  /** Deletes challenges and sessions whose `expiresAt` is at or before `now`. */
  sweepExpired(now: number): Promise<void>;

  // --- Vaults and control logs ------------------------------------------------------------

  /**
   * Creates a vault from its verified genesis log.
   *
   * @throws CarekeyError `conflict` when the vault exists; `not-found` for an unknown owner
   */
  createVault(vault: NewVault): Promise<void>;

  /** The vault's owner, collections with their current epochs, and log head; or undefined. */
  getVault(vault: string): Promise<VaultRecord | undefined>;

  /** Control-log statements with seq greater than `after`, in order. */
  readControlLog(vault: string, after: number): Promise<StoredStatement[]>;

  /**
   * Appends verified control-log statements if the head is still `prev` (compare-and-set),
   * and records in the same transaction the collections' epochs and the grants the new log
   * leads to, the key packages it lists and the access events it makes: all or nothing.
   *
   * @throws CarekeyError `not-found` for an unknown vault; `conflict` when the head moved, or
   *   (with a message starting `UNLISTED_WRITES`) when a revoked writer holds an envelope
   *   their revocation does not list
   */
  appendControlLog(vault: string, append: ControlLogAppend): Promise<void>;

  // --- Grants, key packages and the access log ----------------------------------------------

  /**
   * The vault's grants (in force or not), oldest first, each emergency grant with its request
   * state; only those to `grantee` when given. Empty for an unknown vault.
   */
  listGrants(vault: string, grantee?: string): Promise<StoredGrantRecord[]>;

  /** Every grant (in force or not) to `grantee`, across vaults, with each vault's owner; oldest first. */
  grantsTo(grantee: string): Promise<SharedGrantRecord[]>;

  /**
   * The grantee of emergency grant `grant` asks for access at `at`: the wait starts at `at`
   * — or just after the last refusal, should the clock say otherwise — unless a request is
   * already pending (asked, and not refused since; waiting or released), which is left as it
   * is. `event` is appended to the access log in the same transaction when, and only when, a
   * wait starts. In force or not is the caller's to check.
   *
   * @throws CarekeyError `not-found` unless the vault holds an emergency grant `grant`
   */
  requestEmergency(vault: string, grant: string, at: number, event?: AccessEventRecord): Promise<EmergencyRequestOutcome>;

  /**
   * The owner refuses the pending request of emergency grant `grant` at `at` (recorded no
   * earlier than the request), appending `event` to the access log in the same transaction.
   *
   * @throws CarekeyError `not-found` unless the vault holds an emergency grant `grant`;
   *   `conflict` unless its request is waiting at `at` (never asked, refused already, or released)
   */
  refuseEmergency(vault: string, grant: string, at: number, event?: AccessEventRecord): Promise<EmergencyRecord>;

  /**
   * The vault's key packages, ordered by grant and hash; only those of the given grants when
   * `grants` is given (an empty list gives none).
   */
  listKeyPackages(vault: string, grants?: readonly string[]): Promise<KeyPackageRecord[]>;

  /**
   * Appends events to the vault's access log, in order.
   *
   * @throws CarekeyError `not-found` for an unknown vault
   */
  appendAccessEvents(vault: string, events: readonly AccessEventRecord[]): Promise<void>;

  /** The vault's access log, newest first (by the order appended), at most `limit` events. */
  readAccessLog(vault: string, limit: number): Promise<AccessEventRecord[]>;

  // --- Envelopes --------------------------------------------------------------------------

  /**
   * Appends a batch of verified envelopes atomically. Each new envelope gets the vault's next
   * seq; seqs are assigned under a per-vault lock, so a reader never sees seq n+1 committed
   * before seq n. An envelope the vault already holds (same hash) keeps its seq and is
   * reported as a duplicate. Results are in the batch's order.
   *
   * The batch was checked against the collections and epochs of the control log at
   * `append.controlHead`; if the log has moved since (say, an epoch rotated), nothing is
   * appended, so an envelope under a just-superseded epoch cannot slip in. Likewise nothing is
   * appended while a write hold on `append.writer` lasts (checked under the same lock).
   *
   * @throws CarekeyError `not-found` for an unknown vault; `conflict` when the control-log head
   *   moved, or (its message starting `WRITE_HELD`) while a write hold on the writer lasts
   */
  appendEnvelopes(vault: string, envelopes: readonly NewEnvelope[], append: EnvelopeAppend): Promise<AppendedEnvelope[]>;

  /**
   * Envelopes after a seq, within a count limit and a byte budget (at least one when any
   * exist), only those inside `options.only` when given.
   */
  pullEnvelopes(vault: string, options: PullOptions): Promise<PullPage>;

  /**
   * The clear index of the vault's envelopes with these hashes, by hash; a hash the vault does
   * not hold (never stored, or removed) is simply absent. Empty for an unknown vault.
   */
  readEnvelopeIndex(vault: string, hashes: readonly string[]): Promise<Map<string, StoredEnvelopeIndex>>;

  /**
   * Puts a write hold on `grantee` for this vault until `until` (relay time, ms), or keeps the
   * later one already there: envelope appends naming them as `writer` and received before then
   * are refused (docs/protocol.md §5.2). Set after the relay refused a revocation of theirs for
   * leaving out an envelope they had sent, in its own write, under the per-vault lock, so any
   * append that commits after it sees it. A hold simply ends; nothing else removes it.
   *
   * @throws CarekeyError `not-found` for an unknown vault
   */
  holdWrites(vault: string, grantee: string, until: number): Promise<void>;

  /**
   * The hashes of the vault's envelopes in one of `collections` signed by one of `signers`
   * (device IDs), in seq order: what a revoked writer wrote that the relay still holds. Removed
   * envelopes are not held. Empty for an unknown vault or an empty list.
   */
  envelopesSignedBy(vault: string, collections: readonly string[], signers: readonly string[]): Promise<string[]>;

  /**
   * Removes the vault's envelopes with these hashes, atomically: the envelopes a re-encryption
   * replaced (DESIGN §4 "Revocation and expiry"). Hashes the vault does not hold are ignored.
   * Removal leaves a hole: the seqs of the envelopes left never change and later appends still
   * get the next seq, never a removed one; a removed envelope is no longer pulled nor indexed.
   *
   * The removal was checked against the collections and epochs of the control log at
   * `removal.controlHead`; if the log has moved since (say, an epoch rotated), nothing is
   * removed.
   *
   * @returns how many envelopes were removed
   * @throws CarekeyError `not-found` for an unknown vault; `conflict` when the control-log head moved
   */
  removeEnvelopes(vault: string, hashes: readonly string[], removal: EnvelopeRemoval): Promise<number>;

  // --- Share links ------------------------------------------------------------------------

  /**
   * Stores a new share link.
   *
   * @throws CarekeyError `conflict` when the link ID exists; `not-found` for an unknown owner
   */
  createShareLink(link: NewShareLink): Promise<void>;

  /** The link without its payload, or undefined. */
  getShareLink(link: string): Promise<ShareLinkRecord | undefined>;

  /**
   * The link's sealed payload, recording nothing: only to decide how the link may be served
   * (a SMART Health Links manifest exists only for a link made as one) before an open counts.
   */
  peekShareLinkPayload(link: string): Promise<Uint8Array | undefined>;

  /**
   * Tries to open a link, atomically: a revoked link is `revoked`; one whose wrong passcodes
   * reached `maxTries` is `locked` (for good, whatever passcode comes next); one at or past
   * `expiresAt` is `expired`; otherwise a wrong passcode is counted (`wrong-passcode` with the
   * tries left) and a right one is logged with its time and returns the payload.
   */
  openShareLink(link: string, attempt: ShareLinkAttempt): Promise<ShareLinkOpen>;

  /**
   * Revokes the owner's link (a second revoke keeps the first time).
   *
   * @throws CarekeyError `not-found` unless `owner` made this link
   */
  revokeShareLink(owner: string, link: string, at: number): Promise<void>;

  /** The owner's links, oldest first, with their opens. */
  listShareLinks(owner: string): Promise<ShareLinkRecord[]>;

  /** Releases the database. */
  close(): Promise<void>;
}
