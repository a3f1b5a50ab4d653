/**
 * The client's storage in the browser: one IndexedDB object store through Dexie, keyed by the
 * flat key string, so prefix listing is an indexed range query and a batch is one transaction.
 * Holds only what the client stores (envelopes as on the wire, encrypted account items, verified
 * marks); never decrypted health data.
 */
import { Dexie, type DexieOptions, type Table } from 'dexie';
import { CarekeyError, joinKey, type StorageAdapter, type StorageKey, type StorageRecord, type StorageWrite } from '@carekey/client';

interface Row {
  key: string;
  value: Uint8Array;
}

/** Version of the IndexedDB schema (STYLE habit 5): bump with a Dexie upgrade when it changes. */
export const DEXIE_SCHEMA_VERSION = 1;

class CarekeyDatabase extends Dexie {
  kv!: Table<Row, string>;

  constructor(name: string, options?: DexieOptions) {
    super(name, options);
    this.version(DEXIE_SCHEMA_VERSION).stores({ kv: 'key' });
  }
}

/**
 * @example
 * const storage = await DexieStorage.open('carekey');
 */
export class DexieStorage implements StorageAdapter {
  readonly #db: CarekeyDatabase;

  private constructor(db: CarekeyDatabase) {
    this.#db = db;
  }

  /**
   * Opens (creating if needed) the database. `options` lets tests pass fake-indexeddb.
   *
   * @throws when the browser refuses storage (private mode, storage disabled)
   */
  static async open(name = 'carekey', options?: DexieOptions): Promise<DexieStorage> {
    const db = new CarekeyDatabase(name, options);
    await db.open();
    return new DexieStorage(db);
  }

  async get(key: StorageKey): Promise<Uint8Array | undefined> {
    const row = await this.#db.kv.get(joinKey(key));
    return row ? new Uint8Array(row.value) : undefined;
  }

  async list(prefix: StorageKey): Promise<StorageRecord[]> {
    const rows =
      prefix.length === 0
        ? await this.#db.kv.orderBy('key').toArray()
        : await this.#db.kv
            .where('key')
            .between(`${joinKey(prefix)}/`, `${joinKey(prefix)}0`, true, false)
            .toArray();
    return rows.map((row) => ({ key: row.key.split('/'), value: new Uint8Array(row.value) }));
  }

  async keys(prefix: StorageKey): Promise<StorageKey[]> {
    const flat =
      prefix.length === 0
        ? await this.#db.kv.orderBy('key').primaryKeys()
        : await this.#db.kv
            .where('key')
            .between(`${joinKey(prefix)}/`, `${joinKey(prefix)}0`, true, false)
            .primaryKeys();
    return flat.map((key) => key.split('/'));
  }

  async write(writes: readonly StorageWrite[]): Promise<void> {
    const flat = writes.map((w) => ({ key: joinKey(w.key), value: w.value ? new Uint8Array(w.value) : undefined }));
    try {
      await this.#db.transaction('rw', this.#db.kv, async () => {
        // Runs of puts go to IndexedDB as one bulkPut (in order, so a later put of a key wins),
        // rather than one awaited request each: an import writes 30,000 records.
        let rows: Row[] = [];
        for (const { key, value } of flat) {
          if (value !== undefined) {
            rows.push({ key, value });
            continue;
          }
          if (rows.length > 0) await this.#db.kv.bulkPut(rows);
          rows = [];
          await this.#db.kv.delete(key);
        }
        if (rows.length > 0) await this.#db.kv.bulkPut(rows);
      });
    } catch (error) {
      // The transaction was rolled back: nothing of this batch is stored, everything before is.
      if (isQuotaError(error)) throw new CarekeyError('storage-full', 'the browser refused to store more', { cause: error });
      throw error;
    }
  }

  async clear(prefix: StorageKey): Promise<void> {
    if (prefix.length === 0) await this.#db.kv.clear();
    else
      await this.#db.kv
        .where('key')
        .between(`${joinKey(prefix)}/`, `${joinKey(prefix)}0`, true, false)
        .delete();
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

function isQuotaError(error: unknown): boolean {
  const names = [error, (error as { inner?: unknown } | null)?.inner].map((e) => (e as { name?: string } | null)?.name);
  return names.includes('QuotaExceededError');
}
