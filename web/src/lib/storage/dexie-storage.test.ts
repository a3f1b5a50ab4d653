import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, test, vi } from 'vitest';
import { storageContract } from '@carekey/client/testing';
import { DexieStorage } from './dexie-storage.ts';

let n = 0;
storageContract('Dexie (fake-indexeddb)', () => DexieStorage.open(`carekey-test-${n++}`, { indexedDB: new IDBFactory(), IDBKeyRange }));

describe('when the browser runs out of space', () => {
  test('a write fails as storage-full and everything saved before stays', async () => {
    const storage = await DexieStorage.open(`carekey-quota-${n++}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    await storage.write([{ key: ['kept'], value: new Uint8Array([1]) }]);
    const refuse = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    try {
      await expect(storage.write([{ key: ['new'], value: new Uint8Array([2]) }])).rejects.toMatchObject({ code: 'storage-full' });
    } finally {
      refuse.mockRestore();
    }
    expect(await storage.get(['kept'])).toEqual(new Uint8Array([1]));
    expect(await storage.get(['new'])).toBeUndefined();
    await storage.close();
  });
});
