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
  openStatement,
  signStatement,
  statementHash,
  toBase64Url,
  type SignedStatement,
} from '@carekey/crypto';
import { AccountId, Base64Url, HexId, Seq, Timestamp, statementFromWire, statementToWire, type StatementWire } from './wire.ts';

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

export const ControlStatement = v.variant('type', [VaultCreated]);
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

/** The state a verified control log leads to. */
export interface ControlLogState {
  readonly vault: string;
  readonly owner: string;
  readonly collections: ReadonlyMap<string, CollectionState>;
  readonly head: LogHead;
}

/**
 * Reads a vault's control log from the start (or on top of `state`), with the owner's pinned
 * identity key. Only the owner may sign statements in this version of the protocol.
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
  for (const wire of statements) {
    const statement = statementFromWire(wire);
    const s = parsePayload(ControlStatement, openStatement(CTX_CONTROL_LOG, statement, owner.identityKey), 'control statement');
    if (s.vault !== vault) throw new IntegrityError('context-mismatch', 'control statement is for another vault');
    if (s.author !== owner.account) throw new IntegrityError('author-mismatch', 'control statement author is not the owner');
    checkLink(s.seq, s.prev, current?.head ?? null, 'control log');
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
        current = { vault, owner: s.owner, collections, head };
        break;
      }
    }
  }
  if (!current) throw new IntegrityError('chain', 'the control log is empty');
  return current;
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
