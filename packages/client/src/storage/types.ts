/**
 * The client's local storage: a small, ordered key-value interface (after automerge-repo's
 * StorageAdapterInterface) that memory, Dexie (browser, in web/) and file (Node) adapters
 * implement and one contract suite checks (`@carekey/client/testing`).
 *
 * What is stored is already protected: envelopes exactly as on the wire, the account items
 * encrypted under the account key, the device key encrypted under a local key from the account
 * key, and verified marks. Decrypted health data never reaches storage.
 */

/** A key is a path of non-empty components without `/`, e.g. `['env', vaultId, hash]`. */
export type StorageKey = readonly string[];

/** One write of a batch: put `value`, or delete the key when `value` is undefined. */
export interface StorageWrite {
  readonly key: StorageKey;
  readonly value: Uint8Array | undefined;
}

/** A stored record. */
export interface StorageRecord {
  readonly key: StorageKey;
  readonly value: Uint8Array;
}

export interface StorageAdapter {
  /** The value at `key`, or undefined. */
  get(key: StorageKey): Promise<Uint8Array | undefined>;
  /** Every record whose key starts with `prefix` (component-wise), in key order. */
  list(prefix: StorageKey): Promise<StorageRecord[]>;
  /**
   * The keys of every record whose key starts with `prefix`, in key order: what {@link list}
   * returns without reading the values (unlocking checks which envelopes exist this way).
   */
  keys(prefix: StorageKey): Promise<StorageKey[]>;
  /** Applies all writes atomically: either every one is stored or none is. */
  write(writes: readonly StorageWrite[]): Promise<void>;
  /** Deletes every record whose key starts with `prefix`. */
  clear(prefix: StorageKey): Promise<void>;
  /** Releases the storage. */
  close(): Promise<void>;
}

/** Joins a key into the flat string form adapters index by; `/` sorts before every ID character. */
export function joinKey(key: StorageKey): string {
  for (const part of key) {
    if (part.length === 0 || part.includes('/')) throw new RangeError(`bad storage key component: ${JSON.stringify(part)}`);
  }
  return key.join('/');
}

/** Splits a flat key back into its components. */
export function splitKey(flat: string): string[] {
  return flat.split('/');
}

/**
 * The half-open range of flat keys under a prefix: `[prefix + '/', prefix + '0')` because `0`
 * is the character right after `/`. An empty prefix is everything.
 */
export function prefixRange(prefix: StorageKey): { readonly lower: string; readonly upper: string } | null {
  if (prefix.length === 0) return null;
  const flat = joinKey(prefix);
  return { lower: `${flat}/`, upper: `${flat}0` };
}
