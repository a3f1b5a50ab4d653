import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { CarekeyError, WRITE_HELD } from '@carekey/protocol';
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

  test("a write hold one relay process sets refuses the grantee's appends on another", async () => {
    scratch = await createScratchSchema(url!);
    const first = await openPostgresStore(url!, { schema: scratch.schema });
    const second = await openPostgresStore(url!, { schema: scratch.schema });
    try {
      const hex = () => randomBytes(16).toString('hex');
      const statement = () => {
        const label = hex();
        return { seq: 1, hash: createHash('sha256').update(label).digest('base64url'), statement: { payload: label, signature: label } };
      };
      const [owner, grantee, vault, collection] = ['0123456789ABCDEFGHJKMNPQRS', '0123456789ABCDEFGHJKMNPQRT', hex(), hex()];
      const head = statement();
      await first.createAccount({
        account: owner,
        card: { payload: 'card', signature: 'card' },
        slots: [],
        items: [],
        device: statement(),
        created: 0,
        vault: { vault, owner, collections: [{ id: collection, epoch: 1 }], log: [head], created: 0 },
      });
      const data = new Uint8Array(randomBytes(64));
      const envelope = { hash: createHash('sha256').update(data).digest('base64url'), collection, entry: hex(), epoch: 1, month: 202601 };
      const append = { received: 1000, controlHead: head.hash, writer: grantee };
      await first.holdWrites(vault, grantee, 2000);
      const refused = await second
        .appendEnvelopes(vault, [{ ...envelope, signer: hex(), size: 64, data }], append)
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CarekeyError);
      expect((refused as CarekeyError).message.startsWith(WRITE_HELD)).toBe(true);
      expect(
        await second.appendEnvelopes(vault, [{ ...envelope, signer: hex(), size: 64, data }], { ...append, received: 2000 }),
      ).toHaveLength(1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('every test ran in a fresh schema', () => {
    expect(created.length).toBeGreaterThan(1);
    expect(new Set(created).size).toBe(created.length);
  });
});
