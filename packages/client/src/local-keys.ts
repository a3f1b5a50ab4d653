/**
 * Where the client keeps things in its {@link StorageAdapter}. One place, so the layout is
 * documented (docs/architecture.md) and versioned with the profile.
 */
import type { StorageKey } from './storage/types.ts';

export const LOCAL_LAYOUT_VERSION = 1;

export const keys = {
  /** This device's profile: account, device ID, relay, Secret Key, cached slot, sealed device key. */
  profile: ['profile'] as StorageKey,
  accountCard: ['account', 'card'] as StorageKey,
  accountDevices: ['account', 'devices'] as StorageKey,
  accountItems: ['account', 'item'] as StorageKey,
  accountItem: (itemId: string): StorageKey => ['account', 'item', itemId],
  vault: (vault: string): StorageKey => ['vault', vault],
  controlLog: (vault: string): StorageKey => ['vault', vault, 'log'],
  cursor: (vault: string): StorageKey => ['vault', vault, 'cursor'],
  envelopes: (vault: string): StorageKey => ['vault', vault, 'env'],
  envelope: (vault: string, hash: string): StorageKey => ['vault', vault, 'env', hash],
  /** What this device knows of an original envelope that was re-encrypted (see reencryption.ts). */
  reencryptions: (vault: string): StorageKey => ['vault', vault, 'reenc'],
  reencryption: (vault: string, hash: string): StorageKey => ['vault', vault, 'reenc', hash],
  /** The unlock snapshot: the vault's verified entries, sealed under a key from the account key. */
  snapshot: (vault: string): StorageKey => ['vault', vault, 'snapshot'],
  marks: (vault: string): StorageKey => ['vault', vault, 'mark'],
  mark: (vault: string, hash: string): StorageKey => ['vault', vault, 'mark', hash],
  /** Envelopes written here and not yet accepted by the relay, in writing order. */
  outboxAll: ['outbox'] as StorageKey,
  outbox: (vault: string): StorageKey => ['outbox', vault],
  outboxItem: (vault: string, stamp: string): StorageKey => ['outbox', vault, stamp],
  /** Envelopes this device wrote that the relay refuses for good (kept, reported, never lost). */
  stuck: (vault: string): StorageKey => ['stuck', vault],
  stuckItem: (vault: string, stamp: string): StorageKey => ['stuck', vault, stamp],
  /** Envelopes pulled from the relay that failed a check, kept with the reason. */
  rejected: (vault: string): StorageKey => ['rejected', vault],
  rejectedItem: (vault: string, hash: string): StorageKey => ['rejected', vault, hash],
} as const;
