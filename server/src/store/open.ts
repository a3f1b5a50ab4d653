/**
 * Picks the store the configuration asks for: PostgreSQL when `DATABASE_URL` is set,
 * otherwise SQLite at `DATA_DIR/relay.sqlite`. Either way the schema is migrated first.
 */
import { join } from 'node:path';
import type { RelayConfig } from '../config.ts';
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { RelayStore } from './types.ts';

/** An open store and how to describe it in the start-up line. */
export interface OpenedStore {
  readonly store: RelayStore;
  /** `sqlite <path>` or `postgres`: never the connection string, which may hold a password. */
  readonly description: string;
}

/** Where the SQLite store lives in a data directory. */
export function sqlitePath(dataDir: string): string {
  return join(dataDir, 'relay.sqlite');
}

/**
 * Opens and migrates the configured store.
 *
 * @example
 * const { store, description } = await openStore(readConfig());
 */
export async function openStore(config: Pick<RelayConfig, 'databaseUrl' | 'dataDir'>): Promise<OpenedStore> {
  if (config.databaseUrl !== null) return { store: await openPostgresStore(config.databaseUrl), description: 'postgres' };
  const path = sqlitePath(config.dataDir);
  return { store: await openSqliteStore(path), description: `sqlite ${path}` };
}
