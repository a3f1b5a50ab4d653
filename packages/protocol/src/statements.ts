/**
 * The signed statements of the protocol and the rules for reading them (DESIGN §4):
 *
 * - the **account card**, self-signed by the identity key: the account's public keys;
 * - the **device log**, identity-signed statements adding and removing device keys;
 * - the **control log** of a vault, statements signed by the vault owner's identity key;
 * - the **login** payload a device signs to get a session.
 *
 * Logs are hash chains: each statement names its `seq` and `prev` (the hash of the previous
 * statement), so a reader notices a dropped, reordered, replayed or forked statement. Every
 * failure is an IntegrityError; readers never trust a field before its signature is checked.
 */
import * as v from 'valibot';
import {
  CTX_ACCOUNT_CARD,
  CTX_CONTROL_LOG,
  CTX_DEVICE_LOG,
  CTX_LOGIN,
  IntegrityError,
  accountIdFromIdentityKey,
  bytesEqual,
  fromBase64Url,
  fromUtf8,
  monthOf,
  openStatement,
  signStatement,
  statementHash,
  toBase64Url,
  type SignedStatement,
} from '@carekey/crypto';
import { MAX_EMERGENCY_WAIT_HOURS, MAX_GRANT_PACKAGES, MAX_REVOKED_WRITTEN } from './limits.ts';
import { AccountId, Base64Url, HexId, Month, Seq, Timestamp, statementFromWire, statementToWire, type StatementWire } from './wire.ts';

function parsePayload<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) {
    throw new IntegrityError('malformed', `${what}: ${result.issues[0]?.message ?? 'invalid'}`);
  }
  return result.output;
}

const Key32 = v.pipe(Base64Url, v.length(43));

// --- Account card -------------------------------------------------------------------------

export const AccountCard = v.strictObject({
  v: v.literal(1),
  account: AccountId,
  identityKey: Key32,
  boxKey: Key32,
  authKey: Key32,
  created: Timestamp,
});
export type AccountCard = v.InferOutput<typeof AccountCard>;

/** Signs an account card with the identity key. */
export function signAccountCard(card: AccountCard, identitySecretKey: Uint8Array): StatementWire {
  return statementToWire(signStatement(CTX_ACCOUNT_CARD, card, identitySecretKey));
}

/**
 * Reads an account card: self-signed by the identity key it names, and that key hashes to the
 * account ID. Whether this identity key is the *right* one for a person is a separate question
 * answered by comparing fingerprints.
 *
 * @throws IntegrityError
 */
export function openAccountCard(wire: StatementWire, expectedAccount?: string): AccountCard {
  const statement = statementFromWire(wire);
  // The key to check with is inside the payload, so peek, verify, then validate the whole.
  const peek = peekStatement(wire);
  const identityKey = (peek as { identityKey?: unknown } | null)?.identityKey;
  if (typeof identityKey !== 'string') throw new IntegrityError('malformed', 'account card has no identity key');
  const key = fromBase64Url(identityKey, 'identityKey');
  const card = parsePayload(AccountCard, openStatement(CTX_ACCOUNT_CARD, statement, key), 'account card');
  if (accountIdFromIdentityKey(key) !== card.account) {
    throw new IntegrityError('certificate', 'account card identity key does not match its account ID');
  }
  if (expectedAccount !== undefined && card.account !== expectedAccount) {
    throw new IntegrityError('certificate', 'account card is for another account');
  }
  return card;
}

// --- Hash-chained logs --------------------------------------------------------------------

/** The head of a verified log: its last seq and the hash of its last statement. */
export interface LogHead {
  readonly seq: number;
  readonly hash: string;
}

/** The `prev` of the first statement of a log. */
export const GENESIS_PREV = null;

function hashOf(statement: SignedStatement): string {
  return toBase64Url(statementHash(statement));
}

/** The hash of a wire statement, as `prev` and heads name it (base64url). */
export function statementWireHash(wire: StatementWire): string {
  return hashOf(statementFromWire(wire));
}

function checkLink(seq: number, prev: string | null, head: LogHead | null, what: string): void {
  const expectedSeq = head ? head.seq + 1 : 1;
  if (seq !== expectedSeq) throw new IntegrityError('chain', `${what} statement ${seq} is out of order (expected ${expectedSeq})`);
  const expectedPrev = head ? head.hash : GENESIS_PREV;
  if (prev !== expectedPrev) throw new IntegrityError('chain', `${what} statement ${seq} does not follow the one before it`);
}

// --- Device log ---------------------------------------------------------------------------

export const DeviceStatement = v.strictObject({
  v: v.literal(1),
  account: AccountId,
  seq: Seq,
  prev: v.nullable(Base64Url),
  time: Timestamp,
  op: v.picklist(['add', 'remove']),
  device: HexId,
  key: Key32,
});
export type DeviceStatement = v.InferOutput<typeof DeviceStatement>;

/** Signs a device-log statement with the identity key. */
export function signDeviceStatement(statement: DeviceStatement, identitySecretKey: Uint8Array): StatementWire {
  return statementToWire(signStatement(CTX_DEVICE_LOG, statement, identitySecretKey));
}

/** A device as the verified device log describes it. */
export interface DeviceRecord {
  readonly device: string;
  readonly key: Uint8Array;
  readonly addedAt: number;
  readonly addedSeq: number;
  readonly removedSeq: number | null;
}

/** The state a verified device log leads to. */
export interface DeviceLogState {
  readonly account: string;
  readonly devices: ReadonlyMap<string, DeviceRecord>;
  readonly head: LogHead | null;
}

/** An empty device log of an account. */
export function emptyDeviceLog(account: string): DeviceLogState {
  return { account, devices: new Map(), head: null };
}

/**
 * Applies device-log statements on top of a verified state, checking every signature with the
 * pinned identity key, the chain, and that adds and removes make sense.
 *
 * @throws IntegrityError
 */
export function applyDeviceLog(state: DeviceLogState, identityKey: Uint8Array, statements: readonly StatementWire[]): DeviceLogState {
  const devices = new Map(state.devices);
  let head = state.head;
  for (const wire of statements) {
    const statement = statementFromWire(wire);
    const s = parsePayload(DeviceStatement, openStatement(CTX_DEVICE_LOG, statement, identityKey), 'device statement');
    if (s.account !== state.account) throw new IntegrityError('context-mismatch', 'device statement is for another account');
    checkLink(s.seq, s.prev, head, 'device log');
    const existing = devices.get(s.device);
    if (s.op === 'add') {
      if (existing) throw new IntegrityError('chain', 'device added twice');
      devices.set(s.device, { device: s.device, key: fromBase64Url(s.key, 'key'), addedAt: s.time, addedSeq: s.seq, removedSeq: null });
    } else {
      if (!existing || existing.removedSeq !== null || !bytesEqual(existing.key, fromBase64Url(s.key, 'key'))) {
        throw new IntegrityError('chain', 'removal of a device that is not active');
      }
      devices.set(s.device, { ...existing, removedSeq: s.seq });
    }
    head = { seq: s.seq, hash: hashOf(statement) };
  }
  return { account: state.account, devices, head };
}

/** The active (not removed) device key of `device`, or undefined. */
export function activeDeviceKey(state: DeviceLogState, device: string): Uint8Array | undefined {
  const record = state.devices.get(device);
  return record && record.removedSeq === null ? record.key : undefined;
}

// --- Control log --------------------------------------------------------------------------

const CollectionClear = v.strictObject({ id: HexId, epoch: Seq });

const ControlBase = {
  v: v.literal(1),
  vault: HexId,
  seq: Seq,
  prev: v.nullable(Base64Url),
  time: Timestamp,
  author: AccountId,
};

/** The first statement of a vault: its owner and its collections (random IDs, no names). */
export const VaultCreated = v.strictObject({
  ...ControlBase,
  type: v.literal('vault-created'),
  owner: AccountId,
  collections: v.pipe(v.array(CollectionClear), v.minLength(1), v.maxLength(64)),
});

const PackageHashes = v.pipe(v.array(v.pipe(Base64Url, v.length(43))), v.minLength(1), v.maxLength(MAX_GRANT_PACKAGES));

/**
 * The clear part of a grant, which the relay enforces (DESIGN §4 "Grants"): who (the grantee's
 * account and the exact identity and box keys the owner verified by fingerprint), which
 * collections, read or write, and from which month until when. `notAfter` is the last
 * millisecond of a UTC month: every grant ends, at the end of a month. `packages` lists the
 * hashes of the key packages and the identity card sealed to the grantee: only those count.
 */
export const GrantClear = v.strictObject({
  grant: HexId,
  grantee: AccountId,
  granteeIdentityKey: Key32,
  granteeBoxKey: Key32,
  collections: v.pipe(v.array(HexId), v.minLength(1), v.maxLength(64)),
  access: v.picklist(['read', 'write']),
  notBefore: Month,
  notAfter: Timestamp,
  /** Hash of the sealed identity card (one of `packages`). */
  card: v.pipe(Base64Url, v.length(43)),
  packages: PackageHashes,
  /**
   * An emergency grant: made in advance with every key sealed, but the relay releases its
   * packages and the record only after the grantee asks and `waitHours` pass with no refusal.
   */
  emergency: v.optional(
    v.strictObject({ waitHours: v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_EMERGENCY_WAIT_HOURS)) }),
  ),
  /**
   * A co-owner (DESIGN §4 "Carers and emergency access"): a carer who looks after the record of
   * someone who will not use the app. Only the owner names one. The grant covers the whole
   * record with write access, its packages carry the category roots rather than month keys, and
   * its grantee may sign control statements the owner could — confirm entries, give access and
   * stop it (moving the record to new keys) — so the record does not stall. Never another
   * co-owner, an emergency grant or the owner's own statements.
   */
  coOwner: v.optional(v.literal(true)),
});
export type GrantClear = v.InferOutput<typeof GrantClear>;

/** A grant issued by the owner. */
export const GrantIssued = v.strictObject({
  ...ControlBase,
  type: v.literal('grant-issued'),
  grant: GrantClear,
});

/**
 * A grant revoked, in one statement with what revocation requires: a new epoch for every
 * collection the grant covered (`epochs`), and the key packages of that epoch for every grant
 * still in force that covers one of them (`packages`, by grant). `written` lists the hashes of
 * every envelope the grantee wrote that the owner had accepted before revoking: readers accept
 * a revoked writer's envelope only if it is listed, so one back-dated after the revocation by
 * someone holding the old keys and the relay's database is refused. (Checkpoints will carry
 * this for every writer; until then the list is capped.)
 */
export const GrantRevoked = v.strictObject({
  ...ControlBase,
  type: v.literal('grant-revoked'),
  grant: HexId,
  written: v.pipe(v.array(v.pipe(Base64Url, v.length(43))), v.maxLength(MAX_REVOKED_WRITTEN)),
  epochs: v.pipe(v.array(CollectionClear), v.minLength(1), v.maxLength(64)),
  packages: v.pipe(v.array(v.strictObject({ grant: HexId, hashes: PackageHashes })), v.maxLength(256)),
  /**
   * The new epochs' roots sealed to the owner's box key, when a co-owner revokes: the owner's
   * devices cannot read a co-owner's account items, so the roots travel as packages (the relay
   * keeps them under the vault's own ID).
   */
  owner: v.optional(PackageHashes),
});

/**
 * Entries written by people with access that a patient device has accepted into the record
 * (DESIGN §4: a grantee's entry counts as accepted once a checkpoint includes it). Until a
 * statement lists it, readers show such an entry as "not yet confirmed by the patient's record".
 * This is the confirming half of a checkpoint; the omission-detecting half is not built yet.
 */
export const EntriesConfirmed = v.strictObject({
  ...ControlBase,
  type: v.literal('entries-confirmed'),
  entries: v.pipe(v.array(v.pipe(Base64Url, v.length(43))), v.minLength(1), v.maxLength(MAX_REVOKED_WRITTEN)),
});

export const ControlStatement = v.variant('type', [VaultCreated, GrantIssued, GrantRevoked, EntriesConfirmed]);
export type ControlStatement = v.InferOutput<typeof ControlStatement>;

/** Signs a control-log statement with the author's identity key. */
export function signControlStatement(statement: ControlStatement, identitySecretKey: Uint8Array): StatementWire {
  return statementToWire(signStatement(CTX_CONTROL_LOG, statement, identitySecretKey));
}

/** A collection as the control log describes it: its current epoch. */
export interface CollectionState {
  readonly id: string;
  readonly epoch: number;
}

/** A grant as the verified control log describes it. */
export interface GrantState {
  readonly grant: string;
  readonly grantee: string;
  readonly granteeIdentityKey: Uint8Array;
  readonly granteeBoxKey: Uint8Array;
  readonly collections: readonly string[];
  readonly access: 'read' | 'write';
  readonly notBefore: number;
  readonly notAfter: number;
  readonly card: string;
  /** Hashes of every key package sealed for this grant, in any statement. */
  readonly packages: ReadonlySet<string>;
  /** A co-owner: holds the roots and may sign control statements (see `GrantClear.coOwner`). */
  readonly coOwner: boolean;
  /** For an emergency grant, the waiting period the relay enforces before releasing it. */
  readonly emergency: { readonly waitHours: number } | null;
  readonly issuedAt: number;
  readonly issuedSeq: number;
  readonly revokedAt: number | null;
  readonly revokedSeq: number | null;
  /** For a revoked grant: the envelopes it wrote that the owner accepted before revoking. */
  readonly written: ReadonlySet<string>;
}

/** The state a verified control log leads to. */
export interface ControlLogState {
  readonly vault: string;
  readonly owner: string;
  /** When the vault was created (its first month is the earliest a grant can start). */
  readonly created: number;
  readonly collections: ReadonlyMap<string, CollectionState>;
  readonly grants: ReadonlyMap<string, GrantState>;
  /** Envelope hashes of grantees' entries the owner's (or a co-owner's) devices have confirmed. */
  readonly confirmed: ReadonlySet<string>;
  /**
   * Root packages a co-owner sealed to the owner (kept under the vault's ID), by hash: each with
   * the new epochs of the revocation that listed it, the only roots it may carry.
   */
  readonly ownerPackages: ReadonlyMap<string, ReadonlyArray<CollectionState>>;
  /** The time the last statement claims: a co-owner's statements may not go back before it. */
  readonly time: number;
  readonly head: LogHead;
}

/**
 * The co-owner grant `account` holds in force in `state` at `time`, if any.
 */
export function coOwnerGrant(state: ControlLogState, account: string, time: number): GrantState | undefined {
  return [...state.grants.values()].find(
    (g) => g.coOwner && g.grantee === account && g.revokedSeq === null && time >= g.issuedAt && time <= g.notAfter,
  );
}

/**
 * Whose identity key checks a control statement: the owner's for the owner's statements, a
 * co-owner's (named by a grant in force in the log so far) for theirs. The payload is only
 * peeked at to find the author; nothing else in it is trusted before the signature is checked.
 */
function signerOf(
  current: ControlLogState | null,
  owner: { account: string; identityKey: Uint8Array },
  wire: StatementWire,
): { key: Uint8Array; coOwner: GrantState | null } {
  const peek = peekStatement(wire) as { author?: unknown; time?: unknown } | null;
  const author = peek?.author;
  if (author === owner.account || current === null) return { key: owner.identityKey, coOwner: null };
  const time = typeof peek?.time === 'number' ? peek.time : -1;
  const grant = typeof author === 'string' ? coOwnerGrant(current, author, time) : undefined;
  if (!grant) throw new IntegrityError('author-mismatch', 'control statement author is neither the owner nor a co-owner in force');
  return { key: grant.granteeIdentityKey, coOwner: grant };
}

/** The last millisecond of the UTC month `month` (yyyymm). */
export function endOfMonth(month: number): number {
  const year = Math.floor(month / 100);
  return Date.UTC(year, month % 100, 1) - 1;
}

/** True while `grant` is in force at `now`: not revoked and not past its end. */
export function grantInForce(grant: GrantState, now: number): boolean {
  return grant.revokedSeq === null && now <= grant.notAfter;
}

/**
 * Reads a vault's control log from the start (or on top of `state`), with the owner's pinned
 * identity key: vault creation, grants issued and revoked with their new epochs, entries
 * confirmed. The owner signs; so may a co-owner the owner named in a grant in force, for what
 * a co-owner may do (confirm entries, stop an ordinary grant), at a time no earlier than the
 * statement before.
 *
 * @throws IntegrityError
 */
export function applyControlLog(
  state: ControlLogState | null,
  vault: string,
  owner: { account: string; identityKey: Uint8Array },
  statements: readonly StatementWire[],
): ControlLogState {
  let current = state;
  // Confirmations add up over a record's life: one set grows through this call (copied once, so
  // `state` is never changed) rather than a copy per statement, which made a long log quadratic.
  let confirmed: Set<string> | null = null;
  for (const wire of statements) {
    const statement = statementFromWire(wire);
    const signer = signerOf(current, owner, wire);
    const s = parsePayload(ControlStatement, openStatement(CTX_CONTROL_LOG, statement, signer.key), 'control statement');
    if (s.vault !== vault) throw new IntegrityError('context-mismatch', 'control statement is for another vault');
    if (s.author !== (signer.coOwner?.grantee ?? owner.account)) {
      throw new IntegrityError('author-mismatch', 'control statement author is not its signer');
    }
    checkLink(s.seq, s.prev, current?.head ?? null, 'control log');
    if (signer.coOwner) checkCoOwnerStatement(current!, s);
    const head = { seq: s.seq, hash: hashOf(statement) };
    switch (s.type) {
      case 'vault-created': {
        if (current) throw new IntegrityError('chain', 'vault created twice');
        if (s.owner !== owner.account) throw new IntegrityError('author-mismatch', 'vault owner is not the signer');
        const collections = new Map<string, CollectionState>();
        for (const c of s.collections) {
          if (collections.has(c.id)) throw new IntegrityError('malformed', 'collection listed twice');
          collections.set(c.id, { id: c.id, epoch: c.epoch });
        }
        current = {
          vault,
          owner: s.owner,
          created: s.time,
          collections,
          grants: new Map(),
          confirmed: new Set(),
          ownerPackages: new Map(),
          time: s.time,
          head,
        };
        break;
      }
      case 'grant-issued': {
        if (!current) throw new IntegrityError('chain', 'a grant before the vault was created');
        const g = s.grant;
        if (current.grants.has(g.grant)) throw new IntegrityError('chain', 'grant issued twice');
        // The vault's own ID names the owner's packages (roots a co-owner sealed to them).
        if (g.grant === vault) throw new IntegrityError('malformed', "a grant named with the record's own ID");
        if (g.grantee === current.owner) throw new IntegrityError('malformed', 'a grant to the owner');
        if (new Set(g.collections).size !== g.collections.length) throw new IntegrityError('malformed', 'collection granted twice');
        for (const c of g.collections) {
          if (!current.collections.has(c)) throw new IntegrityError('malformed', 'a grant names a collection this vault does not have');
        }
        if (new Set(g.packages).size !== g.packages.length || !g.packages.includes(g.card)) {
          throw new IntegrityError('malformed', 'a grant must list each key package once, the identity card among them');
        }
        const lastMonth = monthOf(g.notAfter);
        if (g.notAfter !== endOfMonth(lastMonth)) throw new IntegrityError('malformed', 'a grant ends at the end of a month');
        if (g.notAfter < s.time) throw new IntegrityError('malformed', 'a grant that has already ended');
        if (g.notBefore > lastMonth) throw new IntegrityError('malformed', 'a grant that starts after it ends');
        if (g.coOwner) {
          if (g.access !== 'write' || g.emergency || g.collections.length !== current.collections.size) {
            throw new IntegrityError('malformed', 'a co-owner holds the whole record with write access, and is not an emergency grant');
          }
          if (g.notBefore !== monthOf(current.created)) throw new IntegrityError('malformed', 'a co-owner holds the record from its start');
        }
        const grants = new Map(current.grants);
        grants.set(g.grant, {
          grant: g.grant,
          grantee: g.grantee,
          granteeIdentityKey: fromBase64Url(g.granteeIdentityKey, 'granteeIdentityKey'),
          granteeBoxKey: fromBase64Url(g.granteeBoxKey, 'granteeBoxKey'),
          collections: g.collections,
          access: g.access,
          notBefore: g.notBefore,
          notAfter: g.notAfter,
          card: g.card,
          packages: new Set(g.packages),
          emergency: g.emergency ? { waitHours: g.emergency.waitHours } : null,
          coOwner: g.coOwner === true,
          issuedAt: s.time,
          issuedSeq: s.seq,
          revokedAt: null,
          revokedSeq: null,
          written: new Set(),
        });
        current = { ...current, grants, time: s.time, head };
        break;
      }
      case 'grant-revoked': {
        if (!current) throw new IntegrityError('chain', 'a revocation before the vault was created');
        const revoked = current.grants.get(s.grant);
        if (!revoked || revoked.revokedSeq !== null) throw new IntegrityError('chain', 'revocation of a grant that is not in force');
        const collections = new Map(current.collections);
        for (const c of s.epochs) {
          const existing = collections.get(c.id);
          if (!existing) throw new IntegrityError('malformed', 'a new epoch for a collection this vault does not have');
          if (c.epoch !== existing.epoch + 1) throw new IntegrityError('chain', 'a new epoch must follow the current one');
          collections.set(c.id, { id: c.id, epoch: c.epoch });
        }
        if (revoked.collections.some((c) => collections.get(c)?.epoch === current!.collections.get(c)?.epoch)) {
          throw new IntegrityError('malformed', 'a revocation must start a new epoch for every collection of the grant');
        }
        const grants = new Map(current.grants);
        if (s.written.length > 0 && revoked.access !== 'write') throw new IntegrityError('malformed', 'a read-only grant wrote nothing');
        grants.set(s.grant, { ...revoked, revokedAt: s.time, revokedSeq: s.seq, written: new Set(s.written) });
        for (const p of s.packages) {
          const g = grants.get(p.grant);
          if (!g || g.revokedSeq !== null || p.grant === s.grant)
            throw new IntegrityError('malformed', 'key packages for a grant not in force');
          grants.set(p.grant, { ...g, packages: new Set([...g.packages, ...p.hashes]) });
        }
        const ownerPackages = new Map(current.ownerPackages);
        for (const hash of s.owner ?? []) ownerPackages.set(hash, s.epochs);
        current = { ...current, collections, grants, ownerPackages, time: s.time, head };
        break;
      }
      case 'entries-confirmed': {
        if (!current) throw new IntegrityError('chain', 'a confirmation before the vault was created');
        confirmed ??= new Set(current.confirmed);
        for (const entry of s.entries) confirmed.add(entry);
        current = { ...current, confirmed, time: s.time, head };
        break;
      }
    }
  }
  if (!current) throw new IntegrityError('chain', 'the control log is empty');
  return current;
}

/**
 * What a co-owner may sign (DESIGN §4: "allowed to checkpoint and rotate"): entries confirmed,
 * and ordinary grants revoked (sealing the new roots to the owner) — never a grant, which could
 * outlive the co-owner's own, and never the end of a co-owner's or an emergency contact's access.
 * Each no earlier than the statement before it, so a former co-owner holding an old key cannot
 * slip a statement in under an earlier date (the relay also refuses their statements dated away
 * from its clock, and once their grant has ended).
 *
 * @throws IntegrityError
 */
function checkCoOwnerStatement(current: ControlLogState, s: ControlStatement): void {
  if (s.time < current.time) throw new IntegrityError('chain', "a co-owner's statement is dated before the one it follows");
  switch (s.type) {
    case 'vault-created':
      throw new IntegrityError('author-mismatch', 'only the owner creates a record');
    case 'grant-issued':
      throw new IntegrityError('author-mismatch', 'only the owner gives access');
    case 'grant-revoked': {
      const target = current.grants.get(s.grant);
      if (target?.coOwner) throw new IntegrityError('author-mismatch', 'only the owner stops a co-owner');
      if (target?.emergency) throw new IntegrityError('author-mismatch', "only the owner stops an emergency contact's access");
      if (!s.owner) throw new IntegrityError('malformed', "a co-owner's revocation must seal the new keys to the owner");
      return;
    }
    case 'entries-confirmed':
      return;
  }
}

// --- Login --------------------------------------------------------------------------------

export const LoginPayload = v.strictObject({
  v: v.literal(1),
  origin: v.pipe(v.string(), v.maxLength(512)),
  account: AccountId,
  /** A device ID (hex) or `"auth"` for the account auth key of a device not yet registered. */
  device: v.union([HexId, v.literal('auth')]),
  challenge: v.pipe(Base64Url, v.length(43)),
  time: Timestamp,
});
export type LoginPayload = v.InferOutput<typeof LoginPayload>;

/** Signs a login payload with a device key or the account auth key. */
export function signLogin(payload: LoginPayload, secretKey: Uint8Array): StatementWire {
  return statementToWire(signStatement(CTX_LOGIN, payload, secretKey));
}

/** Verifies a login signature and returns the payload. @throws IntegrityError */
export function openLogin(wire: StatementWire, publicKey: Uint8Array): LoginPayload {
  return parsePayload(LoginPayload, openStatement(CTX_LOGIN, statementFromWire(wire), publicKey), 'login');
}

/** Reads a statement's payload without verifying it: only to find which key verifies it. */
export function peekStatement(wire: StatementWire): unknown {
  try {
    return JSON.parse(fromUtf8(statementFromWire(wire).payload));
  } catch (cause) {
    throw new IntegrityError('malformed', 'statement payload is not JSON', { cause });
  }
}
