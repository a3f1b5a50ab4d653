/**
 * Storage in one file for Node (the CLI's `--home` directory): an SQLite database through
 * Node's built-in `node:sqlite`, so writes are atomic and crash-safe with no native build.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  joinKey,
  prefixRange,
  splitKey,
  type StorageAdapter,
  type StorageKey,
  type StorageRecord,
  type StorageWrite,
} from '../storage/types.ts';

/**
 * @example
 * const storage = FileStorage.open('/home/me/.carekey/store.sqlite');
 */
export class FileStorage implements StorageAdapter {
  readonly #db: DatabaseSync;
  readonly #get: StatementSync;
  readonly #put: StatementSync;
  readonly #delete: StatementSync;
  readonly #range: StatementSync;
  readonly #all: StatementSync;
  readonly #keyRange: StatementSync;
  readonly #allKeys: StatementSync;
  readonly #clearRange: StatementSync;

  private constructor(db: DatabaseSync) {
    this.#db = db;
    // A rowid table with 16 KiB pages: values are envelopes of a kilobyte or more, which a
    // WITHOUT ROWID table (meant for small rows) stores in overflow pages — measured 2–4× slower
    // to write and list 10,000 of them. page_size applies when the file is created.
    db.exec(`
      PRAGMA page_size = 16384;
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL);
    `);
    this.#get = db.prepare('SELECT value FROM kv WHERE key = ?');
    this.#put = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.#delete = db.prepare('DELETE FROM kv WHERE key = ?');
    this.#range = db.prepare('SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key');
    this.#all = db.prepare('SELECT key, value FROM kv ORDER BY key');
    this.#keyRange = db.prepare('SELECT key FROM kv WHERE key >= ? AND key < ? ORDER BY key');
    this.#allKeys = db.prepare('SELECT key FROM kv ORDER BY key');
    this.#clearRange = db.prepare('DELETE FROM kv WHERE key >= ? AND key < ?');
  }

  /** Opens (creating if needed) the database file at `path`; `:memory:` works too. */
  static open(path: string): FileStorage {
    if (path === ':memory:') return new FileStorage(new DatabaseSync(path));
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const storage = new FileStorage(new DatabaseSync(path));
    // Readable by its owner only, also when the file was made earlier with looser permissions:
    // it holds the Secret Key beside the encrypted record.
    chmodSync(path, 0o600);
    return storage;
  }

  async get(key: StorageKey): Promise<Uint8Array | undefined> {
    const row = this.#get.get(joinKey(key)) as { value: Uint8Array } | undefined;
    return row ? row.value : undefined; // node:sqlite hands out a fresh array per row
  }

  async list(prefix: StorageKey): Promise<StorageRecord[]> {
    const range = prefixRange(prefix);
    const rows = (range ? this.#range.all(range.lower, range.upper) : this.#all.all()) as Array<{ key: string; value: Uint8Array }>;
    return rows.map((row) => ({ key: splitKey(row.key), value: row.value }));
  }

  async keys(prefix: StorageKey): Promise<StorageKey[]> {
    const range = prefixRange(prefix);
    const rows = (range ? this.#keyRange.all(range.lower, range.upper) : this.#allKeys.all()) as Array<{ key: string }>;
    return rows.map((row) => splitKey(row.key));
  }

  async write(writes: readonly StorageWrite[]): Promise<void> {
    const flat = writes.map((w) => [joinKey(w.key), w.value] as const);
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const [key, value] of flat) {
        if (value === undefined) this.#delete.run(key);
        else this.#put.run(key, value);
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async clear(prefix: StorageKey): Promise<void> {
    const range = prefixRange(prefix);
    if (range) this.#clearRange.run(range.lower, range.upper);
    else this.#db.exec('DELETE FROM kv');
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
