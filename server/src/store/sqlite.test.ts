import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { relayStoreContract } from './contract.ts';
import { openSqliteStore } from './sqlite.ts';
import type { NewEnvelope } from './types.ts';

const dir = mkdtempSync(join(tmpdir(), 'carekey-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let opened = 0;
relayStoreContract('sqlite', async () => openSqliteStore(join(dir, `relay-${++opened}.sqlite`)));

test("a removed envelope's bytes are not left in the database file", async () => {
  const path = join(dir, 'removed.sqlite');
  const store = await openSqliteStore(path);
  const hex = () => randomBytes(16).toString('hex');
  const statement = () => {
    const label = hex();
    return { seq: 1, hash: createHash('sha256').update(label).digest('base64url'), statement: { payload: label, signature: label } };
  };
  const [account, vault, collection] = ['0123456789ABCDEFGHJKMNPQRS', hex(), hex()];
  const head = statement();
  await store.createAccount({
    account,
    card: { payload: 'card', signature: 'card' },
    slots: [],
    items: [],
    device: statement(),
    created: 0,
    vault: { vault, owner: account, collections: [{ id: collection, epoch: 1 }], log: [head], created: 0 },
  });
  const envelope = (size: number): NewEnvelope => {
    const data = new Uint8Array(randomBytes(size));
    const hash = createHash('sha256').update(data).digest('base64url');
    return { hash, collection, entry: hex(), epoch: 1, month: 202601, signer: hex(), size, data };
  };
  // A small one shares its page with the envelopes kept; a large one fills pages of its own.
  const kept = [envelope(300), envelope(300)];
  const removed = [envelope(300), envelope(100_000)];
  await store.appendEnvelopes(vault, [kept[0]!, ...removed, kept[1]!], { received: 0, controlHead: head.hash });
  expect(await store.removeEnvelopes(vault, [removed[0]!.hash, removed[1]!.hash], { controlHead: head.hash })).toBe(2);

  // Every file of the running relay (the database and its write-ahead log), then after closing.
  const files = () => readdirSync(dir).filter((f) => f.startsWith('removed.sqlite'));
  const found = (e: NewEnvelope) => {
    const bytes = Buffer.from(e.data);
    return files().some((f) => {
      const file = readFileSync(join(dir, f));
      return file.includes(bytes.subarray(0, 64)) || file.includes(bytes.subarray(e.size - 64));
    });
  };
  expect(kept.map(found)).toEqual([true, true]);
  expect(removed.map(found)).toEqual([false, false]);
  await store.close();
  expect(readFileSync(path).includes(Buffer.from(kept[0]!.data).subarray(0, 64))).toBe(true);
  expect(removed.map(found)).toEqual([false, false]);
});
