import { afterEach, describe, expect, test } from 'vitest';
import { relayStoreContract } from './contract.ts';
import { createScratchSchema, openPostgresStore, type ScratchSchema } from './postgres.ts';

const url = process.env.DATABASE_URL;

if (!url) console.info('postgres.test.ts: DATABASE_URL is not set, so the PostgreSQL store contract was skipped');

describe.runIf(url)('PostgreSQL store', () => {
  const created: string[] = [];
  let scratch: ScratchSchema | undefined;

  // Runs after the contract's own afterEach has closed the store.
  afterEach(async () => {
    await scratch?.drop();
    scratch = undefined;
  });

  relayStoreContract('postgres', async () => {
    scratch = await createScratchSchema(url!);
    created.push(scratch.schema);
    return openPostgresStore(url!, { schema: scratch.schema });
  });

  test('every test ran in a fresh schema', () => {
    expect(created.length).toBeGreaterThan(1);
    expect(new Set(created).size).toBe(created.length);
  });
});
