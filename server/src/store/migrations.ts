/**
 * The relay's schema, as kysely migrations kept in code (no migration files to ship). Each
 * migration is written once for both databases; only column types differ: SQLite stores bytes
 * as `blob` and every integer as a 64-bit `integer`, PostgreSQL needs `bytea` and `bigint` for
 * times and seqs. Migrations are versioned by name and never edited once released (STYLE
 * habit 5): a change is a new migration.
 *
 * What is stored is exactly what the relay needs: IDs, hashes, seqs, epochs, months, sizes,
 * times, signed statements and opaque ciphertext. Nothing here can hold plaintext.
 */
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

/** The SQL databases the relay runs on. */
export type SqlFlavour = 'sqlite' | 'postgres';

function initialSchema(flavour: SqlFlavour): Migration {
  const bytes = flavour === 'postgres' ? 'bytea' : 'blob';
  const big = flavour === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('accounts')
        .addColumn('account', 'text', (c) => c.primaryKey())
        .addColumn('card_payload', 'text', (c) => c.notNull())
        .addColumn('card_signature', 'text', (c) => c.notNull())
        .addColumn('device_head_seq', big, (c) => c.notNull())
        .addColumn('device_head_hash', 'text', (c) => c.notNull())
        .addColumn('created', big, (c) => c.notNull())
        .execute();

      // An unlock slot is opaque JSON to the relay (KDF parameters, nonce, wrapped key).
      await db.schema
        .createTable('unlock_slots')
        .addColumn('account', 'text', (c) => c.notNull().references('accounts.account').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('slot', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('unlock_slots_pk', ['account', 'position'])
        .execute();

      await db.schema
        .createTable('account_items')
        .addColumn('account', 'text', (c) => c.notNull().references('accounts.account').onDelete('cascade'))
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('ciphertext', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('account_items_pk', ['account', 'item_id'])
        .execute();

      await db.schema
        .createTable('device_log')
        .addColumn('account', 'text', (c) => c.notNull().references('accounts.account').onDelete('cascade'))
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('device_log_pk', ['account', 'seq'])
        .execute();

      await db.schema
        .createTable('login_challenges')
        .addColumn('challenge', 'text', (c) => c.primaryKey())
        .addColumn('account', 'text', (c) => c.notNull().references('accounts.account').onDelete('cascade'))
        .addColumn('expires_at', big, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_challenges_expiry').on('login_challenges').column('expires_at').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('account', 'text', (c) => c.notNull().references('accounts.account').onDelete('cascade'))
        .addColumn('device', 'text')
        .addColumn('expires_at', big, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();

      // The vault row is also the per-vault lock: envelope appends and control-log appends
      // both update it, so they serialise per vault and seqs commit in order.
      await db.schema
        .createTable('vaults')
        .addColumn('vault', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull().references('accounts.account'))
        .addColumn('created', big, (c) => c.notNull())
        .addColumn('log_head_seq', big, (c) => c.notNull())
        .addColumn('log_head_hash', 'text', (c) => c.notNull())
        .addColumn('envelope_seq', big, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('vault_collections')
        .addColumn('vault', 'text', (c) => c.notNull().references('vaults.vault').onDelete('cascade'))
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('epoch', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('vault_collections_pk', ['vault', 'collection'])
        .execute();

      await db.schema
        .createTable('control_log')
        .addColumn('vault', 'text', (c) => c.notNull().references('vaults.vault').onDelete('cascade'))
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('control_log_pk', ['vault', 'seq'])
        .execute();

      await db.schema
        .createTable('envelopes')
        .addColumn('vault', 'text', (c) => c.notNull().references('vaults.vault').onDelete('cascade'))
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('entry', 'text', (c) => c.notNull())
        .addColumn('epoch', 'integer', (c) => c.notNull())
        .addColumn('month', 'integer', (c) => c.notNull())
        .addColumn('signer', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('received', big, (c) => c.notNull())
        .addColumn('data', bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('envelopes_pk', ['vault', 'seq'])
        .addUniqueConstraint('envelopes_hash', ['vault', 'hash'])
        .execute();
    },
  };
}

/**
 * Share links (DESIGN §4 "Share links"): the sealed payload, the passcode check value (a hash of
 * p, never p), the try counter, expiry and revocation, and one row per open.
 */
function shareLinks(flavour: SqlFlavour): Migration {
  const bytes = flavour === 'postgres' ? 'bytea' : 'blob';
  const big = flavour === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('share_links')
        .addColumn('link', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull().references('accounts.account').onDelete('cascade'))
        .addColumn('payload', bytes, (c) => c.notNull())
        .addColumn('auth_hash', 'text')
        .addColumn('max_tries', 'integer', (c) => c.notNull())
        .addColumn('failed_tries', 'integer', (c) => c.notNull())
        .addColumn('opens', 'integer', (c) => c.notNull())
        .addColumn('expires_at', big, (c) => c.notNull())
        .addColumn('created', big, (c) => c.notNull())
        .addColumn('revoked_at', big)
        .execute();
      await db.schema.createIndex('share_links_owner').on('share_links').columns(['owner', 'created']).execute();

      await db.schema
        .createTable('share_link_opens')
        .addColumn('link', 'text', (c) => c.notNull().references('share_links.link').onDelete('cascade'))
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('at', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('share_link_opens_pk', ['link', 'n'])
        .execute();
    },
  };
}

/**
 * Grants (DESIGN §4 "Grants", "Transparency"): the clear part of each grant as the verified
 * control log leads to it (the relay enforces it on every read and write), the key packages
 * the log lists by hash, and the vault's access log in the order events happened (`id`).
 * Collections are a JSON array of hex IDs.
 */
function grants(flavour: SqlFlavour): Migration {
  const bytes = flavour === 'postgres' ? 'bytea' : 'blob';
  const big = flavour === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('grants')
        .addColumn('vault', 'text', (c) => c.notNull().references('vaults.vault').onDelete('cascade'))
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('grantee', 'text', (c) => c.notNull())
        .addColumn('collections', 'text', (c) => c.notNull())
        .addColumn('access', 'text', (c) => c.notNull())
        .addColumn('not_before', 'integer', (c) => c.notNull())
        .addColumn('not_after', big, (c) => c.notNull())
        .addColumn('issued_at', big, (c) => c.notNull())
        .addColumn('revoked_at', big)
        .addPrimaryKeyConstraint('grants_pk', ['vault', 'grant_id'])
        .execute();
      await db.schema.createIndex('grants_grantee').on('grants').column('grantee').execute();

      await db.schema
        .createTable('key_packages')
        .addColumn('vault', 'text', (c) => c.notNull().references('vaults.vault').onDelete('cascade'))
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('data', bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('key_packages_pk', ['vault', 'grant_id', 'hash'])
        .execute();

      await db.schema
        .createTable('access_log')
        .addColumn('id', flavour === 'postgres' ? 'bigserial' : 'integer', (c) =>
          flavour === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('vault', 'text', (c) => c.notNull().references('vaults.vault').onDelete('cascade'))
        .addColumn('at', big, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('collections', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text')
        .execute();
      await db.schema.createIndex('access_log_vault').on('access_log').columns(['vault', 'id']).execute();
    },
  };
}

/**
 * Emergency grants (DESIGN §4 "Carers and emergency access"): the waiting period the grant's
 * clear part names (`wait_hours`, null for an ordinary grant), derived from the verified
 * control log like the rest of the row; and the relay's own state of the request — when the
 * grantee last asked (`requested_at`) and when the owner last refused (`refused_at`). A
 * control-log append restates the derived columns and never touches those two. One column per
 * ALTER TABLE: SQLite adds one at a time.
 */
function emergency(flavour: SqlFlavour): Migration {
  const big = flavour === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('grants').addColumn('wait_hours', 'integer').execute();
      await db.schema.alterTable('grants').addColumn('requested_at', big).execute();
      await db.schema.alterTable('grants').addColumn('refused_at', big).execute();
    },
  };
}

/**
 * Envelopes by signer: a revocation of a writer is checked against every envelope the vault
 * holds from the writer's devices (docs/protocol.md §5.2), inside the append's transaction and
 * under the vault's lock, so it reads only those rather than the whole vault.
 */
function envelopesBySigner(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('envelopes_signer').on('envelopes').columns(['vault', 'signer']).execute();
    },
  };
}

/**
 * Write holds (docs/protocol.md §5.2): after refusing a revocation for leaving out an envelope
 * its writer had sent, the relay refuses that grantee's envelope appends to the vault for a
 * short while, so the revoking device can pull and try again. One row per vault and grantee,
 * the relay's own state (nothing signed restates it); an ended hold is simply ignored.
 */
function writeHolds(flavour: SqlFlavour): Migration {
  const big = flavour === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('write_holds')
        .addColumn('vault', 'text', (c) => c.notNull().references('vaults.vault').onDelete('cascade'))
        .addColumn('grantee', 'text', (c) => c.notNull())
        .addColumn('held_until', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('write_holds_pk', ['vault', 'grantee'])
        .execute();
    },
  };
}

/**
 * The migrations of the relay's schema for one database, oldest first.
 *
 * @example
 * new Migrator({ db, provider: relayMigrations('sqlite') });
 */
export function relayMigrations(flavour: SqlFlavour): MigrationProvider {
  return {
    getMigrations: async () => ({
      '0001-initial': initialSchema(flavour),
      '0002-share-links': shareLinks(flavour),
      '0003-grants': grants(flavour),
      '0004-emergency': emergency(flavour),
      '0005-envelopes-by-signer': envelopesBySigner(),
      '0006-write-holds': writeHolds(flavour),
    }),
  };
}

/**
 * Brings the database up to the latest schema (each migration in a transaction).
 *
 * @param schema PostgreSQL only: the schema the relay's tables live in. kysely looks for its
 *   bookkeeping tables in every schema unless told which one, so a second relay schema in the
 *   same database would otherwise fool it.
 * @throws the error of the first migration that failed (later ones do not run)
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, flavour: SqlFlavour, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: relayMigrations(flavour),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error('a relay migration failed', { cause: error });
}
