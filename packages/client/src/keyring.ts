/**
 * The keys of an unlocked session, held in memory only and dropped on lock: subkeys of the
 * account key, the identity, box and device keys, and each vault's category roots with the
 * month keys derived from them.
 */
import {
  boxKeyPairFromSecretKey,
  deriveAuthKeyPair,
  deriveBackupKey,
  deriveMonthKey,
  deriveSnapshotKey,
  deriveVerifiedMarkKey,
  fromBase64Url,
  fromHex,
  signingKeyPairFromSeed,
  type BoxKeyPair,
  type SigningKeyPair,
} from '@carekey/crypto';
import type { Category } from '@carekey/record';
import type { Bundle, RootItem } from './account-data.ts';

/** A collection of a vault as this session knows it. */
export interface CollectionKeys {
  readonly collection: string;
  readonly category: Category;
  /** Category root per epoch. */
  readonly roots: ReadonlyMap<number, Uint8Array>;
  /** The newest epoch held. */
  readonly epoch: number;
}

export interface VaultKeys {
  readonly vault: string;
  readonly name: string;
  readonly importKey: Uint8Array;
  readonly byCategory: ReadonlyMap<Category, CollectionKeys>;
  readonly byCollection: ReadonlyMap<string, CollectionKeys>;
}

export class Keyring {
  readonly account: string;
  readonly identity: SigningKeyPair;
  readonly box: BoxKeyPair;
  readonly device: { readonly id: string; readonly idBytes: Uint8Array; readonly keys: SigningKeyPair };
  readonly markKey: Uint8Array;
  /** Key of this device's unlock snapshots (derived from the account key, which is not kept). */
  readonly snapshotKey: Uint8Array;
  readonly itemKey: Uint8Array;
  /** Key of backup files (derived from the account key, which is not kept). */
  readonly backupKey: Uint8Array;
  /** The account auth key, to register this device with a relay it has not met yet (restore). */
  readonly auth: SigningKeyPair;
  readonly bundle: Bundle;
  readonly #vaults = new Map<string, VaultKeys>();
  readonly #monthKeys = new Map<string, Uint8Array>();

  constructor(input: {
    account: string;
    accountKey: Uint8Array;
    itemKey: Uint8Array;
    bundle: Bundle;
    roots: readonly RootItem[];
    device: { id: string; keys: SigningKeyPair };
  }) {
    this.account = input.account;
    this.bundle = input.bundle;
    this.identity = signingKeyPairFromSeed(fromBase64Url(input.bundle.identitySeed, 'identitySeed'));
    this.box = boxKeyPairFromSecretKey(fromBase64Url(input.bundle.boxSecretKey, 'boxSecretKey'));
    this.device = { id: input.device.id, idBytes: fromHex(input.device.id), keys: input.device.keys };
    this.markKey = deriveVerifiedMarkKey(input.accountKey);
    this.snapshotKey = deriveSnapshotKey(input.accountKey);
    this.itemKey = input.itemKey;
    this.backupKey = deriveBackupKey(input.accountKey);
    this.auth = deriveAuthKeyPair(input.accountKey);
    for (const vault of input.bundle.vaults) {
      const byCategory = new Map<Category, CollectionKeys>();
      const byCollection = new Map<string, CollectionKeys>();
      for (const root of input.roots.filter((r) => r.vault === vault.vault)) {
        const existing = byCollection.get(root.collection);
        const roots = new Map(existing?.roots ?? []);
        roots.set(root.epoch, fromBase64Url(root.root, 'root'));
        const keys: CollectionKeys = {
          collection: root.collection,
          category: root.category,
          roots,
          epoch: Math.max(root.epoch, existing?.epoch ?? 0),
        };
        byCollection.set(root.collection, keys);
        byCategory.set(root.category, keys);
      }
      this.#vaults.set(vault.vault, {
        vault: vault.vault,
        name: vault.name,
        importKey: fromBase64Url(vault.importKey, 'importKey'),
        byCategory,
        byCollection,
      });
    }
  }

  /** Adds a category root (a new epoch after a revocation); the newest epoch is then written under. */
  addRoot(root: RootItem): void {
    const vault = this.#vaults.get(root.vault);
    if (!vault) throw new Error('a root for a vault this account does not own');
    const existing = vault.byCollection.get(root.collection);
    const roots = new Map(existing?.roots ?? []);
    roots.set(root.epoch, fromBase64Url(root.root, 'root'));
    const keys: CollectionKeys = {
      collection: root.collection,
      category: root.category,
      roots,
      epoch: Math.max(root.epoch, existing?.epoch ?? 0),
    };
    (vault.byCollection as Map<string, CollectionKeys>).set(root.collection, keys);
    (vault.byCategory as Map<Category, CollectionKeys>).set(root.category, keys);
  }

  /** The vaults this account owns. */
  get vaults(): VaultKeys[] {
    return [...this.#vaults.values()];
  }

  vault(vault: string): VaultKeys | undefined {
    return this.#vaults.get(vault);
  }

  /** The month key of a collection, epoch and month, or undefined when this session lacks it. */
  monthKey(vault: string, collection: string, epoch: number, month: number): Uint8Array | undefined {
    const id = `${vault}:${collection}:${epoch}:${month}`;
    const cached = this.#monthKeys.get(id);
    if (cached) return cached;
    const root = this.#vaults.get(vault)?.byCollection.get(collection)?.roots.get(epoch);
    if (!root) return undefined;
    const key = deriveMonthKey(root, month);
    this.#monthKeys.set(id, key);
    return key;
  }

  /** Overwrites secret material held by this keyring (best effort: JavaScript may hold copies). */
  wipe(): void {
    this.identity.secretKey.fill(0);
    this.box.secretKey.fill(0);
    this.device.keys.secretKey.fill(0);
    this.markKey.fill(0);
    this.snapshotKey.fill(0);
    this.itemKey.fill(0);
    this.backupKey.fill(0);
    this.auth.secretKey.fill(0);
    for (const key of this.#monthKeys.values()) key.fill(0);
    this.#monthKeys.clear();
    for (const vault of this.#vaults.values()) {
      vault.importKey.fill(0);
      for (const c of vault.byCollection.values()) for (const r of c.roots.values()) r.fill(0);
    }
    this.#vaults.clear();
  }
}
