import { joinKey, prefixRange, splitKey, type StorageAdapter, type StorageKey, type StorageRecord, type StorageWrite } from './types.ts';

/**
 * Storage in memory: for tests and for a session that must leave nothing behind.
 *
 * @example
 * const storage = new MemoryStorage();
 * await storage.write([{ key: ['a', 'b'], value: new Uint8Array([1]) }]);
 */
export class MemoryStorage implements StorageAdapter {
  readonly #data = new Map<string, Uint8Array>();
  #closed = false;

  async get(key: StorageKey): Promise<Uint8Array | undefined> {
    this.#check();
    const value = this.#data.get(joinKey(key));
    return value ? value.slice() : undefined;
  }

  async list(prefix: StorageKey): Promise<StorageRecord[]> {
    this.#check();
    const range = prefixRange(prefix);
    const out: StorageRecord[] = [];
    for (const [flat, value] of this.#data) {
      if (!range || (flat >= range.lower && flat < range.upper)) out.push({ key: splitKey(flat), value: value.slice() });
    }
    return out.sort((a, b) => (joinKey(a.key) < joinKey(b.key) ? -1 : 1));
  }

  async keys(prefix: StorageKey): Promise<StorageKey[]> {
    this.#check();
    const range = prefixRange(prefix);
    const out: string[] = [];
    for (const flat of this.#data.keys()) if (!range || (flat >= range.lower && flat < range.upper)) out.push(flat);
    return out.sort().map(splitKey);
  }

  async write(writes: readonly StorageWrite[]): Promise<void> {
    this.#check();
    const flat = writes.map((w) => [joinKey(w.key), w.value?.slice()] as const); // validate all first
    for (const [key, value] of flat) {
      if (value === undefined) this.#data.delete(key);
      else this.#data.set(key, value);
    }
  }

  async clear(prefix: StorageKey): Promise<void> {
    this.#check();
    const range = prefixRange(prefix);
    for (const key of [...this.#data.keys()]) {
      if (!range || (key >= range.lower && key < range.upper)) this.#data.delete(key);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #check(): void {
    if (this.#closed) throw new Error('storage is closed');
  }
}
