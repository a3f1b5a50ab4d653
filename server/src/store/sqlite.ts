/**
 * The embedded store: SQLite through `node:sqlite`, the one-command default (DESIGN §5).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Kysely } from 'kysely';
import { NodeSqliteDialect } from './sqlite-dialect.ts';
import { SqlRelayStore, type RelayDatabase } from './sql.ts';

/**
 * Opens (creating if needed) the SQLite store at `path` and migrates it.
 *
 * @example
 * const store = await openSqliteStore(join(config.dataDir, 'relay.sqlite'));
 */
export async function openSqliteStore(path: string): Promise<SqlRelayStore> {
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
  return SqlRelayStore.open(new Kysely<RelayDatabase>({ dialect: new NodeSqliteDialect({ path }) }), 'sqlite');
}
