import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openStore, sqlitePath } from './open.ts';

const dir = mkdtempSync(join(tmpdir(), 'carekey-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('without DATABASE_URL the store is SQLite in the data directory, created if missing', async () => {
  const dataDir = join(dir, 'nested', 'data');
  const { store, description } = await openStore({ databaseUrl: null, dataDir });
  expect(description).toBe(`sqlite ${sqlitePath(dataDir)}`);
  expect(sqlitePath(dataDir)).toBe(join(dataDir, 'relay.sqlite'));
  expect(await store.getSlots('nobody')).toBeUndefined();
  await store.close();
  // Opening again runs no migration twice.
  const again = await openStore({ databaseUrl: null, dataDir });
  await again.store.close();
});
