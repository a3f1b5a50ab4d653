/**
 * Importing into the client: what an import keeps can be read back on the next unlock (and by
 * the snapshot and the envelopes alike), an item too large for one entry is reported rather than
 * aborting the import, a failure part-way leaves only what was saved, and a file about someone
 * else is refused in plain words.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { CarekeyError, peekStatement } from '@carekey/protocol';
import { ready } from '@carekey/crypto';
import { CarekeyClient } from './client.ts';
import { MemoryStorage } from './storage/memory.ts';
import type { StorageWrite } from './storage/types.ts';
import type { RelayTransport } from './transport/http.ts';

await ready();

const PASSPHRASE = 'import passphrase for tests';

/** A relay that accepts the sign-up and is offline for everything else. */
function offlineRelay(): RelayTransport {
  const target: Record<string, unknown> = {
    baseUrl: 'http://relay.invalid',
    register: async (request: { card: Parameters<typeof peekStatement>[0] }) => ({
      account: (peekStatement(request.card) as { account: string }).account,
      session: { token: 'token', expiresAt: Date.now() + 3_600_000 },
    }),
  };
  return new Proxy(target, {
    get: (t, name) =>
      name in t
        ? t[name as string]
        : async () => {
            throw new TypeError('fetch failed');
          },
  }) as unknown as RelayTransport;
}

const reading = (i: number, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  id: `r${i}`,
  status: 'final',
  code: { text: `Reading ${i}` },
  valueString: `n${i}`,
  ...extra,
});

const collection = (resources: readonly unknown[]) =>
  JSON.stringify({
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, resource })),
  });

const opened: CarekeyClient[] = [];
async function signedUp(storage: MemoryStorage): Promise<CarekeyClient> {
  const client = await CarekeyClient.open({ storage, relay: offlineRelay() });
  opened.push(client);
  await client.signUp({ name: 'Import Patient', passphrase: PASSPHRASE });
  return client;
}
async function reopened(storage: MemoryStorage): Promise<CarekeyClient> {
  const client = await CarekeyClient.open({ storage, relay: offlineRelay() });
  opened.push(client);
  await client.unlock(PASSPHRASE);
  return client;
}
afterEach(() => {
  for (const client of opened.splice(0)) client.lock();
});

const ids = (client: CarekeyClient) =>
  client
    .entries()
    .map((e) => `${e.entryId}:${e.current.hash}`)
    .sort();

describe('importing into the record', { timeout: 60_000 }, () => {
  test('what an import keeps — a nested Bundle, a misspelt type — reads back on the next unlock', async () => {
    const storage = new MemoryStorage();
    const client = await signedUp(storage);
    const report = await client.importRecord(
      collection([
        reading(1),
        { resourceType: 'Bundle', type: 'collection', entry: [{ resource: reading(2) }] },
        { resourceType: 'observation', status: 'final', code: { text: 'lower case' } },
      ]),
    );
    expect(report.added).toBe(3);
    const before = ids(client);
    const vault = client.vaults[0]?.vault ?? '';
    client.lock();

    // Without the snapshot: every envelope read back and checked.
    await storage.write([{ key: ['vault', vault, 'snapshot'], value: undefined }]);
    const again = await reopened(storage);
    expect(again.loadProblems).toEqual([]);
    expect(ids(again)).toEqual(before);
    expect(
      again
        .entries()
        .map((e) => e.resourceType)
        .sort(),
    ).toEqual(['Bundle', 'Observation', 'observation']);
  });

  test('an item too large for one entry is reported, and the rest of the file is imported', async () => {
    const storage = new MemoryStorage();
    const client = await signedUp(storage);
    const huge = reading(2, { valueString: 'x'.repeat(1_100_000) });
    const report = await client.importRecord(collection([reading(1), huge, reading(3)]));
    expect(report.added).toBe(2);
    expect(report.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/too large to keep in Carekey/) })]);
    expect(client.entries()).toHaveLength(2);
    const before = ids(client);
    client.lock();
    const again = await reopened(storage);
    expect(again.loadProblems).toEqual([]);
    expect(ids(again)).toEqual(before);
  });

  test('adding an item too large for one entry by hand is a typed error that changes nothing', async () => {
    const client = await signedUp(new MemoryStorage());
    await expect(client.addEntry(reading(1, { valueString: 'x'.repeat(1_100_000) }))).rejects.toMatchObject({
      code: 'envelope-too-large',
    });
    expect(client.entries()).toHaveLength(0);
  });

  test('a failure part-way keeps what was saved, shows nothing unsaved, and a second try completes it', async () => {
    const storage = new FailingStorage();
    const client = await signedUp(storage);
    const file = collection(Array.from({ length: 600 }, (_, i) => reading(i)));
    storage.failOnEnvelopeWrite = 2; // the second batch of 250 fails to save
    await expect(client.importRecord(file)).rejects.toMatchObject({ code: 'storage-full' });
    expect(client.entries()).toHaveLength(250);
    const saved = ids(client);
    client.lock();

    const again = await reopened(storage);
    expect(again.loadProblems).toEqual([]);
    expect(ids(again)).toEqual(saved);
    const report = await again.importRecord(file);
    expect(report).toMatchObject({ added: 350, unchanged: 250 });
    expect(again.entries()).toHaveLength(600);
  });

  test('a file about someone else is refused in plain words until the patient confirms it', async () => {
    const client = await signedUp(new MemoryStorage());
    const patient = (given: string, birthDate: string) => ({
      resourceType: 'Patient',
      name: [{ family: 'Example', given: [given] }],
      birthDate,
    });
    await client.importRecord(collection([patient('Ada', '1960-02-01'), reading(1)]));
    const other = collection([patient('Bea', '1971-07-09'), reading(2)]);
    const refused = client.importRecord(other);
    await expect(refused).rejects.toMatchObject({ code: 'different-patient' });
    await expect(refused).rejects.toThrow("the name and date of birth in it differ from this record's");
    expect(client.entries()).toHaveLength(2);
    const confirmed = await client.importRecord(other, { confirmDifferentPatient: true });
    expect(confirmed.patient).toBe('confirmed-different');
  });
});

/** Memory storage whose n-th write of envelopes fails as a full disk would. */
class FailingStorage extends MemoryStorage {
  failOnEnvelopeWrite = 0;
  #envelopeWrites = 0;

  override async write(writes: readonly StorageWrite[]): Promise<void> {
    if (writes.some((w) => w.key[2] === 'env')) {
      this.#envelopeWrites += 1;
      if (this.#envelopeWrites === this.failOnEnvelopeWrite) throw new CarekeyError('storage-full', 'the disk is full');
    }
    return super.write(writes);
  }
}
