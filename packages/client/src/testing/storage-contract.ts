/**
 * The contract every {@link StorageAdapter} passes (STYLE habit 3). Call it from an adapter's
 * test file with a factory that returns a fresh, empty adapter.
 *
 * @example
 * storageContract('memory', async () => new MemoryStorage());
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { StorageAdapter } from '../storage/types.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

export function storageContract(name: string, create: () => Promise<StorageAdapter>): void {
  describe(`storage contract: ${name}`, () => {
    const open: StorageAdapter[] = [];
    const make = async () => {
      const storage = await create();
      open.push(storage);
      return storage;
    };
    afterEach(async () => {
      for (const storage of open.splice(0)) await storage.close();
    });

    test('get returns what was written and undefined for unknown keys', async () => {
      const s = await make();
      await s.write([{ key: ['a', 'b'], value: bytes(1, 2, 3) }]);
      expect(await s.get(['a', 'b'])).toEqual(bytes(1, 2, 3));
      expect(await s.get(['a', 'c'])).toBeUndefined();
      expect(await s.get(['a'])).toBeUndefined();
    });

    test('values are copied: changing a returned or written array changes nothing stored', async () => {
      const s = await make();
      const value = bytes(1);
      await s.write([{ key: ['k'], value }]);
      value[0] = 9;
      const got = await s.get(['k']);
      expect(got).toEqual(bytes(1));
      got![0] = 7;
      expect(await s.get(['k'])).toEqual(bytes(1));
    });

    test('binary values survive exactly, including empty and large ones', async () => {
      const s = await make();
      const large = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff);
      await s.write([
        { key: ['empty'], value: bytes() },
        { key: ['large'], value: large },
        { key: ['all'], value: Uint8Array.from({ length: 256 }, (_, i) => i) },
      ]);
      expect(await s.get(['empty'])).toEqual(bytes());
      expect(await s.get(['large'])).toEqual(large);
      expect(await s.get(['all'])).toEqual(Uint8Array.from({ length: 256 }, (_, i) => i));
    });

    test('list returns exactly the keys under a prefix, component-wise, in key order', async () => {
      const s = await make();
      await s.write([
        { key: ['env', 'v1', 'b'], value: bytes(2) },
        { key: ['env', 'v1', 'a'], value: bytes(1) },
        { key: ['env', 'v10', 'c'], value: bytes(3) },
        { key: ['env', 'v1'], value: bytes(4) },
        { key: ['envx', 'v1', 'd'], value: bytes(5) },
        { key: ['outbox', 'v1', '0001'], value: bytes(6) },
      ]);
      const under = await s.list(['env', 'v1']);
      expect(under.map((r) => r.key)).toEqual([
        ['env', 'v1', 'a'],
        ['env', 'v1', 'b'],
      ]);
      expect(under.map((r) => Array.from(r.value))).toEqual([[1], [2]]);
      expect((await s.list(['env'])).map((r) => r.key.join('/'))).toEqual(['env/v1', 'env/v1/a', 'env/v1/b', 'env/v10/c']);
      expect(await s.list(['nothing'])).toEqual([]);
      expect((await s.list([])).length).toBe(6);
    });

    test('keys lists the same keys as list, without the values', async () => {
      const s = await make();
      await s.write([
        { key: ['env', 'v1', 'b'], value: bytes(2) },
        { key: ['env', 'v1', 'a'], value: bytes(1) },
        { key: ['env', 'v10', 'c'], value: bytes(3) },
        { key: ['env', 'v1'], value: bytes(4) },
        { key: ['envx', 'v1', 'd'], value: bytes(5) },
      ]);
      expect(await s.keys(['env', 'v1'])).toEqual([
        ['env', 'v1', 'a'],
        ['env', 'v1', 'b'],
      ]);
      expect((await s.keys(['env'])).map((k) => k.join('/'))).toEqual(['env/v1', 'env/v1/a', 'env/v1/b', 'env/v10/c']);
      expect(await s.keys(['nothing'])).toEqual([]);
      expect(await s.keys([])).toHaveLength(5);
    });

    test('list orders zero-padded sequence keys numerically', async () => {
      const s = await make();
      const keys = [10, 2, 1, 100, 33].map((n) => String(n).padStart(12, '0'));
      await s.write(keys.map((k) => ({ key: ['outbox', 'v', k], value: bytes(0) })));
      expect((await s.list(['outbox', 'v'])).map((r) => Number(r.key[2]))).toEqual([1, 2, 10, 33, 100]);
    });

    test('a batch may put and delete, later writes winning', async () => {
      const s = await make();
      await s.write([{ key: ['a'], value: bytes(1) }]);
      await s.write([
        { key: ['a'], value: undefined },
        { key: ['b'], value: bytes(2) },
        { key: ['b'], value: bytes(3) },
      ]);
      expect(await s.get(['a'])).toBeUndefined();
      expect(await s.get(['b'])).toEqual(bytes(3));
    });

    test('a batch with an invalid key writes nothing', async () => {
      const s = await make();
      await expect(
        s.write([
          { key: ['ok'], value: bytes(1) },
          { key: ['bad/key'], value: bytes(2) },
        ]),
      ).rejects.toThrow();
      expect(await s.get(['ok'])).toBeUndefined();
    });

    test('clear deletes a prefix and nothing else', async () => {
      const s = await make();
      await s.write([
        { key: ['vault', 'a', '1'], value: bytes(1) },
        { key: ['vault', 'a', '2'], value: bytes(2) },
        { key: ['vault', 'ab', '1'], value: bytes(3) },
      ]);
      await s.clear(['vault', 'a']);
      expect(await s.list(['vault'])).toEqual([{ key: ['vault', 'ab', '1'], value: bytes(3) }]);
    });

    test('many records can be written in one batch and listed back', async () => {
      const s = await make();
      const writes = Array.from({ length: 2000 }, (_, i) => ({
        key: ['env', 'v', String(i).padStart(6, '0')],
        value: bytes(i & 0xff, i >> 8),
      }));
      await s.write(writes);
      const listed = await s.list(['env', 'v']);
      expect(listed).toHaveLength(2000);
      expect(listed[1999]?.value).toEqual(bytes(1999 & 0xff, 1999 >> 8));
    });
  });
}
