/**
 * The {@link RelayStore} over SQL: one kysely query layer for SQLite (`node:sqlite`) and
 * PostgreSQL (`pg`). Every write is one transaction. The two databases differ only in how a
 * vault is locked for an envelope append: PostgreSQL takes the vault row `FOR UPDATE`, SQLite
 * already holds the database write lock (`BEGIN IMMEDIATE`).
 *
 * Idempotent inserts use `ON CONFLICT DO NOTHING` and then compare what is stored, so two
 * relay processes racing on one account, item or vault get a clean `account-exists` or
 * `conflict` rather than a constraint violation.
 */
import * as v from 'valibot';
import { sql, type ExpressionBuilder, type Generated, type Insertable, type Kysely, type Transaction } from 'kysely';
import { CarekeyError, HexId, api, type StatementWire } from '@carekey/protocol';
import { refusalTime, requestTime } from '../emergency.ts';
import { migrateToLatest, type SqlFlavour } from './migrations.ts';
import {
  byGrantAndHash,
  byIssued,
  checkRevokedWriters,
  controlLogMoved,
  deviceLogMoved,
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

/** The relay's tables as kysely sees them (see migrations.ts). */
export interface RelayDatabase {
  accounts: {
    account: string;
    card_payload: string;
    card_signature: string;
    device_head_seq: number;
    device_head_hash: string;
    created: number;
  };
  unlock_slots: { account: string; position: number; slot: string };
  account_items: { account: string; item_id: string; kind: string; nonce: string; ciphertext: string };
  device_log: LogTable & { account: string };
  login_challenges: { challenge: string; account: string; expires_at: number };
  sessions: { token_hash: string; account: string; device: string | null; expires_at: number };
  vaults: { vault: string; owner: string; created: number; log_head_seq: number; log_head_hash: string; envelope_seq: number };
  vault_collections: { vault: string; collection: string; epoch: number };
  control_log: LogTable & { vault: string };
  envelopes: {
    vault: string;
    seq: number;
    hash: string;
    collection: string;
    entry: string;
    epoch: number;
    month: number;
    signer: string;
    size: number;
    received: number;
    data: Uint8Array;
  };
  share_links: {
    link: string;
    owner: string;
    payload: Uint8Array;
    auth_hash: string | null;
    max_tries: number;
    failed_tries: number;
    opens: number;
    expires_at: number;
    created: number;
    revoked_at: number | null;
  };
  share_link_opens: { link: string; n: number; at: number };
  grants: {
    vault: string;
    grant_id: string;
    grantee: string;
    /** JSON array of collection IDs. */
    collections: string;
    access: string;
    not_before: number;
    not_after: number;
    issued_at: number;
    revoked_at: number | null;
    /** The waiting period of an emergency grant; null for an ordinary grant. */
    wait_hours: number | null;
    /** Relay state of an emergency grant: when its grantee last asked. */
    requested_at: number | null;
    /** Relay state of an emergency grant: when the owner last refused. */
    refused_at: number | null;
  };
  key_packages: { vault: string; grant_id: string; hash: string; data: Uint8Array };
  /** Write holds: until when (relay time) a grantee's envelope appends to the vault are refused. */
  write_holds: { vault: string; grantee: string; held_until: number };
  access_log: {
    id: Generated<number>;
    vault: string;
    at: number;
    kind: string;
    actor: string;
    grant_id: string | null;
    /** JSON array of collection IDs. */
    collections: string;
    count: number;
    reason: string | null;
  };
}

const StoredCollections = v.array(HexId);
const StoredAccess = v.picklist(['read', 'write']);

function toGrant(row: RelayDatabase['grants']): StoredGrantRecord {
  return {
    vault: row.vault,
    grant: row.grant_id,
    grantee: row.grantee,
    collections: v.parse(StoredCollections, JSON.parse(row.collections)),
    access: v.parse(StoredAccess, row.access),
    notBefore: row.not_before,
    notAfter: row.not_after,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
    emergency: row.wait_hours === null ? null : { waitHours: row.wait_hours, requestedAt: row.requested_at, refusedAt: row.refused_at },
  };
}

/** The derived columns of a grant (a new row starts with no request). */
function fromGrant(vault: string, grant: GrantRecord): RelayDatabase['grants'] {
  return {
    vault,
    grant_id: grant.grant,
    grantee: grant.grantee,
    collections: JSON.stringify(grant.collections),
    access: grant.access,
    not_before: grant.notBefore,
    not_after: grant.notAfter,
    issued_at: grant.issuedAt,
    revoked_at: grant.revokedAt,
    wait_hours: grant.emergency?.waitHours ?? null,
    requested_at: null,
    refused_at: null,
  };
}

function toEvent(row: Omit<RelayDatabase['access_log'], 'id' | 'vault'>): AccessEventRecord {
  return v.parse(api.AccessEventSchema, {
    at: row.at,
    kind: row.kind,
    actor: row.actor,
    grant: row.grant_id,
    collections: JSON.parse(row.collections) as unknown,
    count: row.count,
    reason: row.reason,
  });
}

function fromEvent(vault: string, event: AccessEventRecord): Insertable<RelayDatabase['access_log']> {
  return {
    vault,
    at: event.at,
    kind: event.kind,
    actor: event.actor,
    grant_id: event.grant,
    collections: JSON.stringify(event.collections),
    count: event.count,
    reason: event.reason,
  };
}

/** Rows per INSERT (and values per `IN` list), well inside SQLite's and PostgreSQL's limits on bound parameters. */
const INSERT_CHUNK = 200;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) out.push(rows.slice(i, i + INSERT_CHUNK));
  return out;
}

type ShareLinkRow = Omit<RelayDatabase['share_links'], 'payload' | 'opens'>;

interface LogTable {
  seq: number;
  hash: string;
  payload: string;
  signature: string;
}

type Db = Kysely<RelayDatabase> | Transaction<RelayDatabase>;

function toStored(row: LogTable): StoredStatement {
  return { seq: row.seq, hash: row.hash, statement: { payload: row.payload, signature: row.signature } };
}

function fromStored(s: StoredStatement): LogTable {
  return { seq: s.seq, hash: s.hash, payload: s.statement.payload, signature: s.statement.signature };
}

/** A plain Uint8Array view of bytes from the driver (pg gives Buffers). */
function plainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toItem(row: RelayDatabase['account_items']): api.AccountItemWire {
  return v.parse(api.AccountItemSchema, { itemId: row.item_id, kind: row.kind, nonce: row.nonce, ciphertext: row.ciphertext });
}

/**
 * A {@link RelayStore} over a kysely database. Open one with `openSqliteStore` or
 * `openPostgresStore`, which run the migrations first.
 *
 * @example
 * const store = await SqlRelayStore.open(new Kysely({ dialect }), 'sqlite');
 */
export class SqlRelayStore implements RelayStore {
  readonly #db: Kysely<RelayDatabase>;
  readonly #flavour: SqlFlavour;

  private constructor(db: Kysely<RelayDatabase>, flavour: SqlFlavour) {
    this.#db = db;
    this.#flavour = flavour;
  }

  /**
   * Migrates the database to the latest schema and returns a store over it. On PostgreSQL the
   * relay's tables live in the connection's `current_schema()`.
   */
  static async open(db: Kysely<RelayDatabase>, flavour: SqlFlavour): Promise<SqlRelayStore> {
    try {
      const schema =
        flavour === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
      await migrateToLatest(db, flavour, schema);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return new SqlRelayStore(db, flavour);
  }

  async createAccount(account: NewAccount): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('accounts')
        .values({
          account: account.account,
          card_payload: account.card.payload,
          card_signature: account.card.signature,
          device_head_seq: account.device.seq,
          device_head_hash: account.device.hash,
          created: account.created,
        })
        .onConflict((oc) => oc.column('account').doNothing())
        .returning('account')
        .executeTakeFirst();
      if (!inserted) throw new CarekeyError('account-exists', 'this account is already registered');
      if (account.slots.length > 0) {
        await trx
          .insertInto('unlock_slots')
          .values(account.slots.map((slot, position) => ({ account: account.account, position, slot: JSON.stringify(slot) })))
          .execute();
      }
      await insertItems(trx, account.account, account.items);
      await trx
        .insertInto('device_log')
        .values({ account: account.account, ...fromStored(account.device) })
        .execute();
      if (account.vault) await insertVault(trx, account.vault);
    });
  }

  async getAccountCard(account: string): Promise<StatementWire | undefined> {
    const row = await this.#db
      .selectFrom('accounts')
      .select(['card_payload', 'card_signature'])
      .where('account', '=', account)
      .executeTakeFirst();
    return row ? { payload: row.card_payload, signature: row.card_signature } : undefined;
  }

  async getSlots(account: string): Promise<api.UnlockSlotWire[] | undefined> {
    const rows = await this.#db
      .selectFrom('accounts')
      .leftJoin('unlock_slots', 'unlock_slots.account', 'accounts.account')
      .select(['unlock_slots.slot'])
      .where('accounts.account', '=', account)
      .orderBy('unlock_slots.position')
      .execute();
    if (rows.length === 0) return undefined;
    return rows.flatMap((row) => (row.slot === null ? [] : [v.parse(api.UnlockSlotSchema, JSON.parse(row.slot))]));
  }

  async readDeviceLog(account: string): Promise<StoredStatement[]> {
    const rows = await this.#db
      .selectFrom('device_log')
      .select(['seq', 'hash', 'payload', 'signature'])
      .where('account', '=', account)
      .orderBy('seq')
      .execute();
    return rows.map(toStored);
  }

  async appendDeviceLog(account: string, prev: string, statements: readonly StoredStatement[]): Promise<void> {
    const head = statements.at(-1);
    if (!head) return;
    await this.#db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('accounts')
        .set({ device_head_seq: head.seq, device_head_hash: head.hash })
        .where('account', '=', account)
        .where('device_head_hash', '=', prev)
        .executeTakeFirst();
      if (moved.numUpdatedRows === 0n) {
        throw (await accountExists(trx, account)) ? deviceLogMoved() : new CarekeyError('not-found', 'no such account');
      }
      await trx
        .insertInto('device_log')
        .values(statements.map((s) => ({ account, ...fromStored(s) })))
        .execute();
    });
  }

  async listItems(account: string): Promise<api.AccountItemWire[]> {
    const rows = await this.#db.selectFrom('account_items').selectAll().where('account', '=', account).orderBy('item_id').execute();
    return rows.map(toItem);
  }

  async appendItems(account: string, items: readonly api.AccountItemWire[]): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      if (!(await accountExists(trx, account))) throw new CarekeyError('not-found', 'no such account');
      await insertItems(trx, account, items);
    });
  }

  async putChallenge(challenge: ChallengeRecord): Promise<void> {
    await this.#db
      .insertInto('login_challenges')
      .values({ challenge: challenge.challenge, account: challenge.account, expires_at: challenge.expiresAt })
      .execute();
  }

  async takeChallenge(challenge: string): Promise<ChallengeRecord | undefined> {
    // One DELETE … RETURNING: of several racing takers exactly one gets the row.
    const row = await this.#db
      .deleteFrom('login_challenges')
      .where('challenge', '=', challenge)
      .returning(['challenge', 'account', 'expires_at'])
      .executeTakeFirst();
    return row ? { challenge: row.challenge, account: row.account, expiresAt: row.expires_at } : undefined;
  }

  async putSession(session: SessionRecord): Promise<void> {
    await this.#db
      .insertInto('sessions')
      .values({ token_hash: session.tokenHash, account: session.account, device: session.device, expires_at: session.expiresAt })
      .execute();
  }

  async getSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = await this.#db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? { tokenHash: row.token_hash, account: row.account, device: row.device, expiresAt: row.expires_at } : undefined;
  }

  async sweepExpired(now: number): Promise<void> {
    await this.#db.deleteFrom('login_challenges').where('expires_at', '<=', now).execute();
    await this.#db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }

  async createVault(vault: NewVault): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      if (!(await accountExists(trx, vault.owner))) throw new CarekeyError('not-found', 'no such account');
      await insertVault(trx, vault);
    });
  }

  async getVault(vault: string): Promise<VaultRecord | undefined> {
    const row = await this.#db
      .selectFrom('vaults')
      .select(['owner', 'log_head_seq', 'log_head_hash'])
      .where('vault', '=', vault)
      .executeTakeFirst();
    if (!row) return undefined;
    const collections = await this.#db
      .selectFrom('vault_collections')
      .select(['collection', 'epoch'])
      .where('vault', '=', vault)
      .orderBy('collection')
      .execute();
    return {
      vault,
      owner: row.owner,
      collections: collections.map((c) => ({ id: c.collection, epoch: c.epoch })),
      head: { seq: row.log_head_seq, hash: row.log_head_hash },
    };
  }

  async readControlLog(vault: string, after: number): Promise<StoredStatement[]> {
    const rows = await this.#db
      .selectFrom('control_log')
      .select(['seq', 'hash', 'payload', 'signature'])
      .where('vault', '=', vault)
      .where('seq', '>', after)
      .orderBy('seq')
      .execute();
    return rows.map(toStored);
  }

  async appendControlLog(vault: string, append: ControlLogAppend): Promise<void> {
    const head = append.statements.at(-1);
    if (!head) return;
    await this.#db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('vaults')
        .set({ log_head_seq: head.seq, log_head_hash: head.hash })
        .where('vault', '=', vault)
        .where('log_head_hash', '=', append.prev)
        .executeTakeFirst();
      if (moved.numUpdatedRows === 0n) {
        const exists = await trx.selectFrom('vaults').select('vault').where('vault', '=', vault).executeTakeFirst();
        throw exists ? controlLogMoved() : new CarekeyError('not-found', 'no such vault');
      }
      // After the head moved: an envelope append (which locks the vault row and checks the head)
      // either committed before this reads, or waits and then finds the head moved.
      await checkRevokedWriters(append.revokedWriters ?? [], (collections, signers) => signedBy(trx, vault, collections, signers));
      await trx
        .insertInto('control_log')
        .values(append.statements.map((s) => ({ vault, ...fromStored(s) })))
        .execute();
      if (append.collections.length > 0) {
        await trx
          .insertInto('vault_collections')
          .values(append.collections.map((c) => ({ vault, collection: c.id, epoch: c.epoch })))
          .onConflict((oc) => oc.columns(['vault', 'collection']).doUpdateSet((eb) => ({ epoch: eb.ref('excluded.epoch') })))
          .execute();
      }
      for (const rows of chunks((append.grants ?? []).map((g) => fromGrant(vault, g)))) {
        await trx
          .insertInto('grants')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['vault', 'grant_id']).doUpdateSet((eb) => ({
              grantee: eb.ref('excluded.grantee'),
              collections: eb.ref('excluded.collections'),
              access: eb.ref('excluded.access'),
              not_before: eb.ref('excluded.not_before'),
              not_after: eb.ref('excluded.not_after'),
              issued_at: eb.ref('excluded.issued_at'),
              revoked_at: eb.ref('excluded.revoked_at'),
              wait_hours: eb.ref('excluded.wait_hours'),
              // requested_at and refused_at are the relay's own state: never restated here.
            })),
          )
          .execute();
      }
      for (const rows of chunks(append.packages ?? [])) {
        await trx
          .insertInto('key_packages')
          .values(rows.map((p) => ({ vault, grant_id: p.grant, hash: p.hash, data: p.data })))
          .onConflict((oc) => oc.columns(['vault', 'grant_id', 'hash']).doNothing())
          .execute();
      }
      await insertEvents(trx, vault, append.events ?? []);
    });
  }

  async listGrants(vault: string, grantee?: string): Promise<StoredGrantRecord[]> {
    const rows = await this.#db
      .selectFrom('grants')
      .selectAll()
      .where('vault', '=', vault)
      .$if(grantee !== undefined, (q) => q.where('grantee', '=', grantee!))
      .execute();
    return rows.map(toGrant).sort(byIssued);
  }

  async grantsTo(grantee: string): Promise<SharedGrantRecord[]> {
    const rows = await this.#db
      .selectFrom('grants')
      .innerJoin('vaults', 'vaults.vault', 'grants.vault')
      .selectAll('grants')
      .select('vaults.owner')
      .where('grants.grantee', '=', grantee)
      .execute();
    return rows.map((row) => ({ ...toGrant(row), owner: row.owner })).sort(byIssued);
  }

  async requestEmergency(vault: string, grant: string, at: number, event?: AccessEventRecord): Promise<EmergencyRequestOutcome> {
    return this.#db.transaction().execute(async (trx): Promise<EmergencyRequestOutcome> => {
      const emergency = await this.#lockEmergency(trx, vault, grant);
      const requestedAt = requestTime(emergency, at);
      if (requestedAt === null) return { emergency, started: false };
      await trx.updateTable('grants').set({ requested_at: requestedAt }).where('vault', '=', vault).where('grant_id', '=', grant).execute();
      if (event) await insertEvents(trx, vault, [event]);
      return { emergency: { ...emergency, requestedAt }, started: true };
    });
  }

  async refuseEmergency(vault: string, grant: string, at: number, event?: AccessEventRecord): Promise<EmergencyRecord> {
    return this.#db.transaction().execute(async (trx): Promise<EmergencyRecord> => {
      const emergency = await this.#lockEmergency(trx, vault, grant);
      const refusedAt = refusalTime(emergency, at);
      if (refusedAt === null) throw new CarekeyError('conflict', 'no request for emergency access is waiting');
      await trx.updateTable('grants').set({ refused_at: refusedAt }).where('vault', '=', vault).where('grant_id', '=', grant).execute();
      if (event) await insertEvents(trx, vault, [event]);
      return { ...emergency, refusedAt };
    });
  }

  /**
   * The request state of emergency grant `grant`, its row locked for the transaction
   * (PostgreSQL `FOR UPDATE`; SQLite holds the write lock from `BEGIN IMMEDIATE`), so a
   * request and a refusal racing each other apply one after the other.
   *
   * @throws CarekeyError `not-found` unless the vault holds an emergency grant `grant`
   */
  async #lockEmergency(trx: Transaction<RelayDatabase>, vault: string, grant: string): Promise<EmergencyRecord> {
    const row = await trx
      .selectFrom('grants')
      .select(['wait_hours', 'requested_at', 'refused_at'])
      .where('vault', '=', vault)
      .where('grant_id', '=', grant)
      .$if(this.#flavour === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row || row.wait_hours === null) throw new CarekeyError('not-found', 'no such emergency grant');
    return { waitHours: row.wait_hours, requestedAt: row.requested_at, refusedAt: row.refused_at };
  }

  async listKeyPackages(vault: string, grants?: readonly string[]): Promise<KeyPackageRecord[]> {
    if (grants !== undefined && grants.length === 0) return [];
    const rows = await this.#db
      .selectFrom('key_packages')
      .select(['grant_id', 'hash', 'data'])
      .where('vault', '=', vault)
      .$if(grants !== undefined, (q) => q.where('grant_id', 'in', [...grants!]))
      .execute();
    return rows.map((row) => ({ grant: row.grant_id, hash: row.hash, data: plainBytes(row.data) })).sort(byGrantAndHash);
  }

  async appendAccessEvents(vault: string, events: readonly AccessEventRecord[]): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('vaults').select('vault').where('vault', '=', vault).executeTakeFirst();
      if (!exists) throw new CarekeyError('not-found', 'no such vault');
      await insertEvents(trx, vault, events);
    });
  }

  async readAccessLog(vault: string, limit: number): Promise<AccessEventRecord[]> {
    const rows = await this.#db
      .selectFrom('access_log')
      .select(['at', 'kind', 'actor', 'grant_id', 'collections', 'count', 'reason'])
      .where('vault', '=', vault)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  async appendEnvelopes(vault: string, envelopes: readonly NewEnvelope[], append: EnvelopeAppend): Promise<AppendedEnvelope[]> {
    return this.#db.transaction().execute(async (trx) => {
      // The per-vault lock: held until commit, so seqs commit in order.
      const locked = await trx
        .selectFrom('vaults')
        .select(['envelope_seq', 'log_head_hash'])
        .where('vault', '=', vault)
        .$if(this.#flavour === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!locked) throw new CarekeyError('not-found', 'no such vault');
      if (locked.log_head_hash !== append.controlHead) throw controlLogMoved();
      if (append.writer !== undefined) {
        // Read under the lock: a hold committed before this append took it is seen here.
        const hold = await trx
          .selectFrom('write_holds')
          .select('held_until')
          .where('vault', '=', vault)
          .where('grantee', '=', append.writer)
          .where('held_until', '>', append.received)
          .executeTakeFirst();
        if (hold) throw writeHeld();
      }

      const hashes = [...new Set(envelopes.map((e) => e.hash))];
      const held = new Map<string, number>();
      if (hashes.length > 0) {
        const rows = await trx
          .selectFrom('envelopes')
          .select(['hash', 'seq'])
          .where('vault', '=', vault)
          .where('hash', 'in', hashes)
          .execute();
        for (const row of rows) held.set(row.hash, row.seq);
      }

      const results: AppendedEnvelope[] = [];
      const added: Array<RelayDatabase['envelopes']> = [];
      let next = locked.envelope_seq;
      for (const envelope of envelopes) {
        const existing = held.get(envelope.hash);
        if (existing !== undefined) {
          results.push({ hash: envelope.hash, seq: existing, duplicate: true });
          continue;
        }
        next += 1;
        held.set(envelope.hash, next);
        const { hash, collection, entry, epoch, month, signer, size, data } = envelope;
        added.push({ vault, seq: next, hash, collection, entry, epoch, month, signer, size, received: append.received, data });
        results.push({ hash, seq: next, duplicate: false });
      }
      if (added.length > 0) {
        await trx.insertInto('envelopes').values(added).execute();
        await trx.updateTable('vaults').set({ envelope_seq: next }).where('vault', '=', vault).execute();
      }
      return results;
    });
  }

  async pullEnvelopes(vault: string, options: PullOptions): Promise<PullPage> {
    const { only } = options;
    if (only !== undefined && only.length === 0) return { envelopes: [], more: false };
    const matching = (eb: ExpressionBuilder<RelayDatabase, 'envelopes'>) =>
      eb.or(
        (only ?? []).map((r) =>
          eb.and([eb('collection', '=', r.collection), eb('month', '>=', r.fromMonth), eb('month', '<=', r.toMonth)]),
        ),
      );
    // Sizes first, so the byte budget is decided without reading bytes that will not be sent.
    const sizes = await this.#db
      .selectFrom('envelopes')
      .select(['seq', 'size'])
      .where('vault', '=', vault)
      .where('seq', '>', options.after)
      .$if(only !== undefined, (q) => q.where(matching))
      .orderBy('seq')
      .limit(options.limit + 1)
      .execute();
    const page = pageWithinBudget(sizes, options.limit, options.maxBytes);
    const last = page.rows.at(-1);
    if (!last) return { envelopes: [], more: false };
    const rows = await this.#db
      .selectFrom('envelopes')
      .select(['seq', 'collection', 'data'])
      .where('vault', '=', vault)
      .where('seq', '>', options.after)
      .where('seq', '<=', last.seq)
      .$if(only !== undefined, (q) => q.where(matching))
      .orderBy('seq')
      .execute();
    return {
      envelopes: rows.map((row) => ({ seq: row.seq, collection: row.collection, data: plainBytes(row.data) })),
      more: page.more,
    };
  }

  async readEnvelopeIndex(vault: string, hashes: readonly string[]): Promise<Map<string, StoredEnvelopeIndex>> {
    const found = new Map<string, StoredEnvelopeIndex>();
    for (const some of chunks([...new Set(hashes)])) {
      const rows = await this.#db
        .selectFrom('envelopes')
        .select(['hash', 'seq', 'collection', 'entry', 'epoch', 'month', 'signer'])
        .where('vault', '=', vault)
        .where('hash', 'in', some)
        .execute();
      for (const { hash, ...index } of rows) found.set(hash, index);
    }
    return found;
  }

  async holdWrites(vault: string, grantee: string, until: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      // The per-vault lock, as for an envelope append: an append holding it commits first; one
      // that takes it after this commits reads the hold.
      const locked = await trx
        .selectFrom('vaults')
        .select('vault')
        .where('vault', '=', vault)
        .$if(this.#flavour === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!locked) throw new CarekeyError('not-found', 'no such vault');
      await trx
        .insertInto('write_holds')
        .values({ vault, grantee, held_until: until })
        .onConflict((oc) =>
          oc.columns(['vault', 'grantee']).doUpdateSet((eb) => ({
            // The later of the two: a hold is never shortened.
            held_until: eb.fn<number>(this.#flavour === 'postgres' ? 'greatest' : 'max', [
              eb.ref('write_holds.held_until'),
              eb.ref('excluded.held_until'),
            ]),
          })),
        )
        .execute();
    });
  }

  async envelopesSignedBy(vault: string, collections: readonly string[], signers: readonly string[]): Promise<string[]> {
    return signedBy(this.#db, vault, collections, signers);
  }

  async removeEnvelopes(vault: string, hashes: readonly string[], removal: EnvelopeRemoval): Promise<number> {
    const removed = await this.#db.transaction().execute(async (trx) => {
      // The per-vault lock, as for an append: the head checked is the head until commit.
      const locked = await trx
        .selectFrom('vaults')
        .select(['log_head_hash'])
        .where('vault', '=', vault)
        .$if(this.#flavour === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!locked) throw new CarekeyError('not-found', 'no such vault');
      if (locked.log_head_hash !== removal.controlHead) throw controlLogMoved();
      // vaults.envelope_seq is left alone: the next append still gets the next seq.
      let removed = 0n;
      for (const some of chunks([...new Set(hashes)])) {
        const result = await trx.deleteFrom('envelopes').where('vault', '=', vault).where('hash', 'in', some).executeTakeFirst();
        removed += result.numDeletedRows;
      }
      return Number(removed);
    });
    // SQLite's write-ahead log still holds the pages as they were written until a checkpoint
    // copies them into the database file (where secure_delete has zeroed the rows) and the log is
    // truncated: without this a copy of the running relay's files would still hold them.
    if (removed > 0 && this.#flavour === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.#db);
    return removed;
  }

  async createShareLink(link: NewShareLink): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      if (!(await accountExists(trx, link.owner))) throw new CarekeyError('not-found', 'no such account');
      const inserted = await trx
        .insertInto('share_links')
        .values({
          link: link.link,
          owner: link.owner,
          payload: link.payload,
          auth_hash: link.authHash,
          max_tries: link.maxTries,
          failed_tries: 0,
          opens: 0,
          expires_at: link.expiresAt,
          created: link.created,
          revoked_at: null,
        })
        .onConflict((oc) => oc.column('link').doNothing())
        .returning('link')
        .executeTakeFirst();
      if (!inserted) throw new CarekeyError('conflict', 'this share link already exists');
    });
  }

  async getShareLink(link: string): Promise<ShareLinkRecord | undefined> {
    const row = await this.#db.selectFrom('share_links').select(LINK_COLUMNS).where('link', '=', link).executeTakeFirst();
    if (!row) return undefined;
    const [record] = await this.#withOpens(this.#db, [row]);
    return record;
  }

  async peekShareLinkPayload(link: string): Promise<Uint8Array | undefined> {
    const row = await this.#db.selectFrom('share_links').select('payload').where('link', '=', link).executeTakeFirst();
    return row ? new Uint8Array(row.payload) : undefined;
  }

  async openShareLink(link: string, attempt: ShareLinkAttempt): Promise<ShareLinkOpen> {
    return this.#db.transaction().execute(async (trx): Promise<ShareLinkOpen> => {
      // Locked for the transaction (SQLite holds the write lock from BEGIN IMMEDIATE), so two
      // racing wrong passcodes are both counted and none slips past the limit.
      const row = await trx
        .selectFrom('share_links')
        .select(['revoked_at', 'failed_tries', 'max_tries', 'expires_at', 'opens'])
        .where('link', '=', link)
        .$if(this.#flavour === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!row) return { outcome: 'not-found' };
      const refusal = shareLinkRefusal(
        { revokedAt: row.revoked_at, failedTries: row.failed_tries, maxTries: row.max_tries, expiresAt: row.expires_at },
        attempt.at,
      );
      if (refusal) return { outcome: refusal };
      if (!attempt.passcodeOk) {
        const failed = row.failed_tries + 1;
        await trx.updateTable('share_links').set({ failed_tries: failed }).where('link', '=', link).execute();
        return { outcome: 'wrong-passcode', triesLeft: row.max_tries - failed };
      }
      const n = row.opens + 1;
      await trx.updateTable('share_links').set({ opens: n }).where('link', '=', link).execute();
      await trx.insertInto('share_link_opens').values({ link, n, at: attempt.at }).execute();
      const { payload } = await trx.selectFrom('share_links').select('payload').where('link', '=', link).executeTakeFirstOrThrow();
      return { outcome: 'opened', payload: plainBytes(payload), expiresAt: row.expires_at };
    });
  }

  async revokeShareLink(owner: string, link: string, at: number): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('share_links').select(['owner']).where('link', '=', link).executeTakeFirst();
      if (!row || row.owner !== owner) throw new CarekeyError('not-found', 'no such share link');
      await trx.updateTable('share_links').set({ revoked_at: at }).where('link', '=', link).where('revoked_at', 'is', null).execute();
    });
  }

  async listShareLinks(owner: string): Promise<ShareLinkRecord[]> {
    const rows = await this.#db
      .selectFrom('share_links')
      .select(LINK_COLUMNS)
      .where('owner', '=', owner)
      .orderBy('created')
      .orderBy('link')
      .execute();
    return this.#withOpens(this.#db, rows);
  }

  async #withOpens(db: Db, rows: readonly ShareLinkRow[]): Promise<ShareLinkRecord[]> {
    if (rows.length === 0) return [];
    const opens = await db
      .selectFrom('share_link_opens')
      .select(['link', 'at'])
      .where(
        'link',
        'in',
        rows.map((r) => r.link),
      )
      .orderBy('link')
      .orderBy('n')
      .execute();
    const byLink = new Map<string, number[]>();
    for (const open of opens) byLink.set(open.link, [...(byLink.get(open.link) ?? []), open.at]);
    return rows.map((row) => ({
      link: row.link,
      owner: row.owner,
      authHash: row.auth_hash,
      maxTries: row.max_tries,
      failedTries: row.failed_tries,
      expiresAt: row.expires_at,
      created: row.created,
      revokedAt: row.revoked_at,
      opens: byLink.get(row.link) ?? [],
    }));
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }
}

const LINK_COLUMNS = ['link', 'owner', 'auth_hash', 'max_tries', 'failed_tries', 'expires_at', 'created', 'revoked_at'] as const;

/** The hashes of the vault's envelopes in `collections` signed by `signers`, in seq order (index `envelopes_signer`). */
async function signedBy(db: Db, vault: string, collections: readonly string[], signers: readonly string[]): Promise<string[]> {
  if (collections.length === 0 || signers.length === 0) return [];
  const rows = await db
    .selectFrom('envelopes')
    .select('hash')
    .where('vault', '=', vault)
    .where('signer', 'in', [...signers])
    .where('collection', 'in', [...collections])
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.hash);
}

/** Appends events one row at a time, so their ids (the log's order) follow the given order. */
async function insertEvents(trx: Transaction<RelayDatabase>, vault: string, events: readonly AccessEventRecord[]): Promise<void> {
  for (const event of events) await trx.insertInto('access_log').values(fromEvent(vault, event)).execute();
}

async function accountExists(db: Db, account: string): Promise<boolean> {
  return (await db.selectFrom('accounts').select('account').where('account', '=', account).executeTakeFirst()) !== undefined;
}

/**
 * Inserts items, skipping identical ones already stored.
 *
 * @throws CarekeyError `conflict` when a stored item with the same ID differs
 */
async function insertItems(trx: Transaction<RelayDatabase>, account: string, items: readonly api.AccountItemWire[]): Promise<void> {
  const unique = uniqueItems(items);
  if (unique.length === 0) return;
  await trx
    .insertInto('account_items')
    .values(unique.map((item) => ({ account, item_id: item.itemId, kind: item.kind, nonce: item.nonce, ciphertext: item.ciphertext })))
    .onConflict((oc) => oc.columns(['account', 'item_id']).doNothing())
    .execute();
  const stored = await trx
    .selectFrom('account_items')
    .selectAll()
    .where('account', '=', account)
    .where(
      'item_id',
      'in',
      unique.map((item) => item.itemId),
    )
    .execute();
  const byId = new Map(stored.map((row) => [row.item_id, toItem(row)]));
  for (const item of unique) {
    const held = byId.get(item.itemId);
    if (!held || !sameItem(held, item)) throw itemConflict(item.itemId);
  }
}

/**
 * Inserts a vault with its collections and genesis log.
 *
 * @throws CarekeyError `conflict` when the vault exists
 */
async function insertVault(trx: Transaction<RelayDatabase>, vault: NewVault): Promise<void> {
  const head = vault.log.at(-1);
  if (!head) throw new Error('a vault is created with at least one control-log statement');
  const inserted = await trx
    .insertInto('vaults')
    .values({
      vault: vault.vault,
      owner: vault.owner,
      created: vault.created,
      log_head_seq: head.seq,
      log_head_hash: head.hash,
      envelope_seq: 0,
    })
    .onConflict((oc) => oc.column('vault').doNothing())
    .returning('vault')
    .executeTakeFirst();
  if (!inserted) throw new CarekeyError('conflict', 'this vault already exists');
  if (vault.collections.length > 0) {
    await trx
      .insertInto('vault_collections')
      .values(vault.collections.map((c) => ({ vault: vault.vault, collection: c.id, epoch: c.epoch })))
      .execute();
  }
  await trx
    .insertInto('control_log')
    .values(vault.log.map((s) => ({ vault: vault.vault, ...fromStored(s) })))
    .execute();
}
