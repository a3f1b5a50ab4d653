import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { storageContract } from '../testing/storage-contract.ts';
import { FileStorage } from './file-storage.ts';

const dir = mkdtempSync(join(tmpdir(), 'carekey-file-storage-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storageContract('file (node:sqlite)', async () => FileStorage.open(join(dir, `store-${n++}.sqlite`)));

test('data survives closing and reopening the file', async () => {
  const path = join(dir, 'reopen.sqlite');
  const first = FileStorage.open(path);
  await first.write([{ key: ['profile'], value: new Uint8Array([4, 2]) }]);
  await first.close();
  const second = FileStorage.open(path);
  expect(await second.get(['profile'])).toEqual(new Uint8Array([4, 2]));
  await second.close();
});

test('the file is readable by its owner only, also one made earlier with looser permissions', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'carekey-file-mode-'));
  try {
    const path = join(dir, 'store.sqlite');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    const storage = FileStorage.open(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await storage.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
