/**
 * The in-memory {@link RelayStore}: for tests and for trying the relay without a disk. It
 * passes the same contract suite as the SQL adapters. JavaScript runs one callback at a time,
 * so each method validates everything first and then mutates synchronously: that is what makes
 * every write all or nothing here.
 */
import { CarekeyError, type StatementWire, type api } from '@carekey/protocol';
import { refusalTime, requestTime } from '../emergency.ts';
import {
  byGrantAndHash,
  byIssued,
  checkRevokedWriters,
  holdLasts,
  controlLogMoved,
  deviceLogMoved,
  inRanges,
  itemConflict,
  pageWithinBudget,
  sameItem,
  shareLinkRefusal,
  uniqueItems,
  writeHeld,
} from './rules.ts';
import type {
  AccessEventRecord,
  AppendedEnvelope,
  ChallengeRecord,
  ControlLogAppend,
  EmergencyRecord,
  EmergencyRequestOutcome,
  EnvelopeAppend,
  EnvelopeRemoval,
  GrantRecord,
  KeyPackageRecord,
  NewAccount,
  NewEnvelope,
  NewShareLink,
  NewVault,
  PullOptions,
  PullPage,
  RelayStore,
  SessionRecord,
  SharedGrantRecord,
  ShareLinkAttempt,
  ShareLinkOpen,
  ShareLinkRecord,
  StoredEnvelopeIndex,
  StoredGrantRecord,
  StoredStatement,
  VaultRecord,
} from './types.ts';

interface ShareLinkRow {
  readonly link: string;
  readonly owner: string;
  readonly payload: Uint8Array;
  readonly authHash: string | null;
  readonly maxTries: number;
  failedTries: number;
  readonly expiresAt: number;
  readonly created: number;
  revokedAt: number | null;
  readonly opens: number[];
}

function linkRecord(row: ShareLinkRow): ShareLinkRecord {
  const { payload: _payload, ...record } = row;
  return { ...record, opens: [...row.opens] };
}

interface AccountRow {
  readonly card: StatementWire;
  readonly slots: readonly api.UnlockSlotWire[];
  readonly items: Map<string, api.AccountItemWire>;
  readonly deviceLog: StoredStatement[];
}

interface EnvelopeRow extends NewEnvelope {
  readonly seq: number;
  readonly received: number;
}

interface VaultRow {
  readonly owner: string;
  readonly collections: Map<string, number>;
  readonly log: StoredStatement[];
  /**
   * Envelopes in seq order; envelope n sits at index n − 1. A removed envelope leaves null
   * behind (a tombstone), so the seqs after it stay where they are and the next append still
   * gets the length + 1.
   */
  readonly envelopes: Array<EnvelopeRow | null>;
  readonly seqByHash: Map<string, number>;
  /** Grants by ID, in the order first issued. */
  readonly grants: Map<string, GrantRecord>;
  /** The request state of emergency grants by ID (the relay's own, kept when a grant is restated). */
  readonly requests: Map<string, { requestedAt: number | null; refusedAt: number | null }>;
  /** Key packages by `grant hash`. */
  readonly packages: Map<string, KeyPackageRecord>;
  /** The access log, oldest first. */
  readonly events: AccessEventRecord[];
  /** Write holds: until when (relay time) each grantee's envelope appends are refused. */
  readonly holds: Map<string, number>;
}

function copyGrant(grant: GrantRecord): GrantRecord {
  return { ...grant, collections: [...grant.collections], emergency: grant.emergency ? { waitHours: grant.emergency.waitHours } : null };
}

/** A stored grant as read: a copy, with an emergency grant's request state. */
function storedGrant(row: VaultRow, grant: GrantRecord): StoredGrantRecord {
  const copy = copyGrant(grant);
  return { ...copy, emergency: copy.emergency ? { ...copy.emergency, ...requestOf(row, grant.grant) } : null };
}

function requestOf(row: VaultRow, grant: string): { requestedAt: number | null; refusedAt: number | null } {
  const request = row.requests.get(grant);
  return { requestedAt: request?.requestedAt ?? null, refusedAt: request?.refusedAt ?? null };
}

/** The hashes of the vault's envelopes in `collections` signed by `signers`, in seq order. */
function signedBy(row: VaultRow, collections: readonly string[], signers: readonly string[]): string[] {
  const inCollections = new Set(collections);
  const bySigners = new Set(signers);
  const hashes: string[] = [];
  for (const envelope of row.envelopes) {
    if (envelope && inCollections.has(envelope.collection) && bySigners.has(envelope.signer)) hashes.push(envelope.hash);
  }
  return hashes;
}

function copyEvent(event: AccessEventRecord): AccessEventRecord {
  return { ...event, collections: [...event.collections] };
}

/**
 * A {@link RelayStore} in plain Maps.
 *
 * @example
 * const relay = createApp({ store: new MemoryRelayStore(), clock, config });
 */
export class MemoryRelayStore implements RelayStore {
  readonly #accounts = new Map<string, AccountRow>();
  readonly #vaults = new Map<string, VaultRow>();
  readonly #challenges = new Map<string, ChallengeRecord>();
  readonly #sessions = new Map<string, SessionRecord>();
  readonly #links = new Map<string, ShareLinkRow>();

  async createAccount(account: NewAccount): Promise<void> {
    if (this.#accounts.has(account.account)) throw new CarekeyError('account-exists', 'this account is already registered');
    if (account.vault && this.#vaults.has(account.vault.vault)) throw new CarekeyError('conflict', 'this vault already exists');
    const items = mergeItems(new Map(), account.items);
    this.#accounts.set(account.account, { card: account.card, slots: [...account.slots], items, deviceLog: [account.device] });
    if (account.vault) this.#insertVault(account.vault);
  }

  async getAccountCard(account: string): Promise<StatementWire | undefined> {
    return this.#accounts.get(account)?.card;
  }

  async getSlots(account: string): Promise<api.UnlockSlotWire[] | undefined> {
    const row = this.#accounts.get(account);
    return row ? [...row.slots] : undefined;
  }

  async readDeviceLog(account: string): Promise<StoredStatement[]> {
    return [...(this.#accounts.get(account)?.deviceLog ?? [])];
  }

  async appendDeviceLog(account: string, prev: string, statements: readonly StoredStatement[]): Promise<void> {
    const row = this.#accounts.get(account);
    if (!row) throw new CarekeyError('not-found', 'no such account');
    if (row.deviceLog.at(-1)?.hash !== prev) throw deviceLogMoved();
    row.deviceLog.push(...statements);
  }

  async listItems(account: string): Promise<api.AccountItemWire[]> {
    const items = [...(this.#accounts.get(account)?.items.values() ?? [])];
    return items.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  }

  async appendItems(account: string, items: readonly api.AccountItemWire[]): Promise<void> {
    const row = this.#accounts.get(account);
    if (!row) throw new CarekeyError('not-found', 'no such account');
    for (const [id, item] of mergeItems(row.items, items)) row.items.set(id, item);
  }

  async putChallenge(challenge: ChallengeRecord): Promise<void> {
    this.#challenges.set(challenge.challenge, challenge);
  }

  async takeChallenge(challenge: string): Promise<ChallengeRecord | undefined> {
    const record = this.#challenges.get(challenge);
    this.#challenges.delete(challenge);
    return record;
  }

  async putSession(session: SessionRecord): Promise<void> {
    this.#sessions.set(session.tokenHash, session);
  }

  async getSession(tokenHash: string): Promise<SessionRecord | undefined> {
    return this.#sessions.get(tokenHash);
  }

  async sweepExpired(now: number): Promise<void> {
    for (const [key, record] of this.#challenges) if (record.expiresAt <= now) this.#challenges.delete(key);
    for (const [key, record] of this.#sessions) if (record.expiresAt <= now) this.#sessions.delete(key);
  }

  async createVault(vault: NewVault): Promise<void> {
    if (!this.#accounts.has(vault.owner)) throw new CarekeyError('not-found', 'no such account');
    if (this.#vaults.has(vault.vault)) throw new CarekeyError('conflict', 'this vault already exists');
    this.#insertVault(vault);
  }

  async getVault(vault: string): Promise<VaultRecord | undefined> {
    const row = this.#vaults.get(vault);
    const last = row?.log.at(-1);
    if (!row || !last) return undefined;
    return {
      vault,
      owner: row.owner,
      collections: [...row.collections].map(([id, epoch]) => ({ id, epoch })),
      head: { seq: last.seq, hash: last.hash },
    };
  }

  async readControlLog(vault: string, after: number): Promise<StoredStatement[]> {
    return (this.#vaults.get(vault)?.log ?? []).filter((s) => s.seq > after);
  }

  async appendControlLog(vault: string, append: ControlLogAppend): Promise<void> {
    const row = this.#vaults.get(vault);
    if (!row) throw new CarekeyError('not-found', 'no such vault');
    if (row.log.at(-1)?.hash !== append.prev) throw controlLogMoved();
    await checkRevokedWriters(append.revokedWriters ?? [], async (collections, signers) => signedBy(row, collections, signers));
    // Copy everything first, commit after: a bad part leaves nothing behind.
    const grants = (append.grants ?? []).map((grant) => ({ ...copyGrant(grant), vault }));
    const packages = (append.packages ?? []).map((p) => ({ grant: p.grant, hash: p.hash, data: p.data.slice() }));
    const events = (append.events ?? []).map(copyEvent);
    row.log.push(...append.statements);
    for (const c of append.collections) row.collections.set(c.id, c.epoch);
    for (const grant of grants) row.grants.set(grant.grant, grant);
    for (const p of packages) if (!row.packages.has(`${p.grant} ${p.hash}`)) row.packages.set(`${p.grant} ${p.hash}`, p);
    row.events.push(...events);
  }

  async listGrants(vault: string, grantee?: string): Promise<StoredGrantRecord[]> {
    const row = this.#vaults.get(vault);
    if (!row) return [];
    return [...row.grants.values()]
      .filter((g) => grantee === undefined || g.grantee === grantee)
      .sort(byIssued)
      .map((g) => storedGrant(row, g));
  }

  async grantsTo(grantee: string): Promise<SharedGrantRecord[]> {
    const shared: SharedGrantRecord[] = [];
    for (const row of this.#vaults.values()) {
      for (const g of row.grants.values()) if (g.grantee === grantee) shared.push({ ...storedGrant(row, g), owner: row.owner });
    }
    return shared.sort(byIssued);
  }

  async requestEmergency(vault: string, grant: string, at: number, event?: AccessEventRecord): Promise<EmergencyRequestOutcome> {
    const { row, emergency } = this.#emergency(vault, grant);
    const requestedAt = requestTime(emergency, at);
    if (requestedAt === null) return { emergency, started: false };
    row.requests.set(grant, { requestedAt, refusedAt: emergency.refusedAt });
    if (event) row.events.push(copyEvent(event));
    return { emergency: { ...emergency, requestedAt }, started: true };
  }

  async refuseEmergency(vault: string, grant: string, at: number, event?: AccessEventRecord): Promise<EmergencyRecord> {
    const { row, emergency } = this.#emergency(vault, grant);
    const refusedAt = refusalTime(emergency, at);
    if (refusedAt === null) throw new CarekeyError('conflict', 'no request for emergency access is waiting');
    row.requests.set(grant, { requestedAt: emergency.requestedAt, refusedAt });
    if (event) row.events.push(copyEvent(event));
    return { ...emergency, refusedAt };
  }

  async listKeyPackages(vault: string, grants?: readonly string[]): Promise<KeyPackageRecord[]> {
    const wanted = grants === undefined ? undefined : new Set(grants);
    return [...(this.#vaults.get(vault)?.packages.values() ?? [])]
      .filter((p) => wanted === undefined || wanted.has(p.grant))
      .sort(byGrantAndHash)
      .map((p) => ({ ...p, data: p.data.slice() }));
  }

  async appendAccessEvents(vault: string, events: readonly AccessEventRecord[]): Promise<void> {
    const row = this.#vaults.get(vault);
    if (!row) throw new CarekeyError('not-found', 'no such vault');
    row.events.push(...events.map(copyEvent));
  }

  async readAccessLog(vault: string, limit: number): Promise<AccessEventRecord[]> {
    const events = this.#vaults.get(vault)?.events ?? [];
    return events
      .slice(Math.max(0, events.length - limit))
      .reverse()
      .map(copyEvent);
  }

  async appendEnvelopes(vault: string, envelopes: readonly NewEnvelope[], append: EnvelopeAppend): Promise<AppendedEnvelope[]> {
    const row = this.#vaults.get(vault);
    if (!row) throw new CarekeyError('not-found', 'no such vault');
    if (row.log.at(-1)?.hash !== append.controlHead) throw controlLogMoved();
    if (append.writer !== undefined && holdLasts(row.holds.get(append.writer), append.received)) throw writeHeld();
    // Build every row first, commit after: a bad envelope leaves nothing behind.
    const results: AppendedEnvelope[] = [];
    const added: EnvelopeRow[] = [];
    const addedSeqs = new Map<string, number>();
    for (const envelope of envelopes) {
      const existing = row.seqByHash.get(envelope.hash) ?? addedSeqs.get(envelope.hash);
      if (existing !== undefined) {
        results.push({ hash: envelope.hash, seq: existing, duplicate: true });
        continue;
      }
      const seq = row.envelopes.length + added.length + 1;
      added.push({ ...envelope, data: envelope.data.slice(), seq, received: append.received });
      addedSeqs.set(envelope.hash, seq);
      results.push({ hash: envelope.hash, seq, duplicate: false });
    }
    for (const envelope of added) {
      row.envelopes.push(envelope);
      row.seqByHash.set(envelope.hash, envelope.seq);
    }
    return results;
  }

  async pullEnvelopes(vault: string, options: PullOptions): Promise<PullPage> {
    const all = this.#vaults.get(vault)?.envelopes ?? [];
    const { only } = options;
    const candidates: EnvelopeRow[] = [];
    for (let i = options.after; i < all.length && candidates.length <= options.limit; i++) {
      const envelope = all[i];
      if (envelope && (only === undefined || inRanges(envelope, only))) candidates.push(envelope);
    }
    const page = pageWithinBudget(candidates, options.limit, options.maxBytes);
    return { envelopes: page.rows.map((e) => ({ seq: e.seq, collection: e.collection, data: e.data })), more: page.more };
  }

  async readEnvelopeIndex(vault: string, hashes: readonly string[]): Promise<Map<string, StoredEnvelopeIndex>> {
    const row = this.#vaults.get(vault);
    const found = new Map<string, StoredEnvelopeIndex>();
    if (!row) return found;
    for (const hash of hashes) {
      const seq = row.seqByHash.get(hash);
      const envelope = seq === undefined ? null : row.envelopes[seq - 1];
      if (!envelope) continue;
      const { collection, entry, epoch, month, signer } = envelope;
      found.set(hash, { seq: envelope.seq, collection, entry, epoch, month, signer });
    }
    return found;
  }

  async holdWrites(vault: string, grantee: string, until: number): Promise<void> {
    const row = this.#vaults.get(vault);
    if (!row) throw new CarekeyError('not-found', 'no such vault');
    row.holds.set(grantee, Math.max(until, row.holds.get(grantee) ?? until));
  }

  async envelopesSignedBy(vault: string, collections: readonly string[], signers: readonly string[]): Promise<string[]> {
    const row = this.#vaults.get(vault);
    return row ? signedBy(row, collections, signers) : [];
  }

  async removeEnvelopes(vault: string, hashes: readonly string[], removal: EnvelopeRemoval): Promise<number> {
    const row = this.#vaults.get(vault);
    if (!row) throw new CarekeyError('not-found', 'no such vault');
    if (row.log.at(-1)?.hash !== removal.controlHead) throw controlLogMoved();
    let removed = 0;
    for (const hash of hashes) {
      // A hash named twice is found once: the first removal forgets it.
      const seq = row.seqByHash.get(hash);
      if (seq === undefined) continue;
      row.envelopes[seq - 1] = null;
      row.seqByHash.delete(hash);
      removed += 1;
    }
    return removed;
  }

  async createShareLink(link: NewShareLink): Promise<void> {
    if (!this.#accounts.has(link.owner)) throw new CarekeyError('not-found', 'no such account');
    if (this.#links.has(link.link)) throw new CarekeyError('conflict', 'this share link already exists');
    this.#links.set(link.link, { ...link, payload: link.payload.slice(), failedTries: 0, revokedAt: null, opens: [] });
  }

  async getShareLink(link: string): Promise<ShareLinkRecord | undefined> {
    const row = this.#links.get(link);
    return row ? linkRecord(row) : undefined;
  }

  async peekShareLinkPayload(link: string): Promise<Uint8Array | undefined> {
    return this.#links.get(link)?.payload.slice();
  }

  async openShareLink(link: string, attempt: ShareLinkAttempt): Promise<ShareLinkOpen> {
    const row = this.#links.get(link);
    if (!row) return { outcome: 'not-found' };
    const refusal = shareLinkRefusal(row, attempt.at);
    if (refusal) return { outcome: refusal };
    if (!attempt.passcodeOk) {
      row.failedTries += 1;
      return { outcome: 'wrong-passcode', triesLeft: row.maxTries - row.failedTries };
    }
    row.opens.push(attempt.at);
    return { outcome: 'opened', payload: row.payload.slice(), expiresAt: row.expiresAt };
  }

  async revokeShareLink(owner: string, link: string, at: number): Promise<void> {
    const row = this.#links.get(link);
    if (!row || row.owner !== owner) throw new CarekeyError('not-found', 'no such share link');
    row.revokedAt ??= at;
  }

  async listShareLinks(owner: string): Promise<ShareLinkRecord[]> {
    return [...this.#links.values()]
      .filter((row) => row.owner === owner)
      .sort((a, b) => a.created - b.created || (a.link < b.link ? -1 : 1))
      .map(linkRecord);
  }

  async close(): Promise<void> {
    this.#accounts.clear();
    this.#vaults.clear();
    this.#challenges.clear();
    this.#sessions.clear();
    this.#links.clear();
  }

  /**
   * The vault row and the request state of its emergency grant `grant`.
   *
   * @throws CarekeyError `not-found` unless the vault holds an emergency grant `grant`
   */
  #emergency(vault: string, grant: string): { row: VaultRow; emergency: EmergencyRecord } {
    const row = this.#vaults.get(vault);
    const terms = row?.grants.get(grant)?.emergency;
    if (!row || !terms) throw new CarekeyError('not-found', 'no such emergency grant');
    return { row, emergency: { waitHours: terms.waitHours, ...requestOf(row, grant) } };
  }

  #insertVault(vault: NewVault): void {
    this.#vaults.set(vault.vault, {
      owner: vault.owner,
      collections: new Map(vault.collections.map((c) => [c.id, c.epoch])),
      log: [...vault.log],
      envelopes: [],
      seqByHash: new Map(),
      grants: new Map(),
      requests: new Map(),
      packages: new Map(),
      events: [],
      holds: new Map(),
    });
  }
}

/**
 * The items of `incoming` that `existing` does not hold yet, keyed by ID.
 *
 * @throws CarekeyError `conflict` when an ID holds different contents (stored or in `incoming`)
 */
function mergeItems(
  existing: ReadonlyMap<string, api.AccountItemWire>,
  incoming: readonly api.AccountItemWire[],
): Map<string, api.AccountItemWire> {
  const added = new Map<string, api.AccountItemWire>();
  for (const item of uniqueItems(incoming)) {
    const held = existing.get(item.itemId);
    if (held && !sameItem(held, item)) throw itemConflict(item.itemId);
    if (!held) added.set(item.itemId, { ...item });
  }
  return added;
}
