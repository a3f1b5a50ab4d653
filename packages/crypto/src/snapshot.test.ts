import { describe, expect, test } from 'vitest';
import { ready } from './sodium.ts';
import { deriveBackupKey, deriveLocalKey, deriveSnapshotKey, deriveVerifiedMarkKey } from './account.ts';
import { bytesEqual, utf8 } from './bytes.ts';
import { IntegrityError } from './errors.ts';
import { openSnapshot, sealSnapshot } from './snapshot.ts';

await ready();

const accountKey = new Uint8Array(32).fill(3);
const key = deriveSnapshotKey(accountKey);
const context = { account: '0123456789ABCDEFGHJKMNPQRS', vault: 'ab'.repeat(16) };
const plaintext = utf8('{"v":1,"versions":[]}');

const reasonOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof IntegrityError) return error.reason;
    throw error;
  }
  return undefined;
};

describe('unlock snapshot', () => {
  test('its key is its own subkey of the account key', () => {
    for (const other of [deriveLocalKey(accountKey), deriveVerifiedMarkKey(accountKey), deriveBackupKey(accountKey)]) {
      expect(bytesEqual(key, other)).toBe(false);
    }
  });

  test('round trip, with a fresh nonce every time', () => {
    const a = sealSnapshot(key, context, plaintext);
    const b = sealSnapshot(key, context, plaintext);
    expect(a[0]).toBe(1);
    expect(bytesEqual(a.subarray(1, 25), b.subarray(1, 25))).toBe(false);
    expect(openSnapshot(key, context, a)).toEqual(plaintext);
  });

  test('refuses another key, account or vault, and any changed byte, with one error', () => {
    const sealed = sealSnapshot(key, context, plaintext);
    expect(reasonOf(() => openSnapshot(deriveSnapshotKey(new Uint8Array(32).fill(4)), context, sealed))).toBe('decrypt');
    expect(reasonOf(() => openSnapshot(key, { ...context, vault: 'cd'.repeat(16) }, sealed))).toBe('decrypt');
    expect(reasonOf(() => openSnapshot(key, { ...context, account: 'ZZZZZZZZZZZZZZZZZZZZZZZZZZ' }, sealed))).toBe('decrypt');
    for (const at of [1, 24, 25, sealed.length - 1]) {
      const changed = sealed.slice();
      changed[at] = (changed[at] ?? 0) ^ 1;
      expect(reasonOf(() => openSnapshot(key, context, changed))).toBe('decrypt');
    }
  });

  test('refuses an unknown version and a truncated value before decrypting', () => {
    const sealed = sealSnapshot(key, context, plaintext);
    const future = sealed.slice();
    future[0] = 2;
    expect(reasonOf(() => openSnapshot(key, context, future))).toBe('unsupported-version');
    expect(reasonOf(() => openSnapshot(key, context, sealed.subarray(0, 40)))).toBe('malformed');
  });
});
