/**
 * The scale-out store: PostgreSQL through `pg` and kysely's PostgresDialect (DESIGN §5: many
 * relay processes on one database).
 */
import { randomBytes, toHex } from '@carekey/crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SqlRelayStore, type RelayDatabase } from './sql.ts';

const INT8_OID = 20;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Type parsers for the relay's pools: `bigint` columns (times, seqs) come back as numbers
 * rather than strings. Every value the relay stores in them is a safe integer; anything else
 * is refused loudly instead of being rounded.
 */
function relayTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, 'text', (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is beyond the safe integers`);
    return value;
  });
  return types;
}

/** Options of a relay PostgreSQL connection pool. */
export interface PostgresStoreOptions {
  /** Use this schema (through `search_path`) instead of the default `public`. */
  readonly schema?: string;
  /** Most connections this process opens (default 10). */
  readonly maxConnections?: number;
}

/**
 * Opens a pool on `connectionString`, migrates the database and returns a store over it.
 *
 * @example
 * const store = await openPostgresStore(process.env.DATABASE_URL);
 */
export async function openPostgresStore(connectionString: string, options: PostgresStoreOptions = {}): Promise<SqlRelayStore> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new RangeError(`not a schema name: ${options.schema}`);
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    types: relayTypes(),
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  return SqlRelayStore.open(new Kysely<RelayDatabase>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
}

/** A schema made for one test run, and how to drop it. */
export interface ScratchSchema {
  readonly schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, empty schema `carekey_test_<random>` so a test run never sees another's
 * rows. Drop it when done.
 *
 * @example
 * const scratch = await createScratchSchema(url);
 * const store = await openPostgresStore(url, { schema: scratch.schema });
 * // …
 * await store.close();
 * await scratch.drop();
 */
export async function createScratchSchema(connectionString: string): Promise<ScratchSchema> {
  const schema = `carekey_test_${toHex(randomBytes(6))}`;
  await withClient(connectionString, (client) => client.query(`CREATE SCHEMA ${schema}`));
  return {
    schema,
    drop: () => withClient(connectionString, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)),
  };
}

async function withClient(connectionString: string, use: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.end();
  }
}
