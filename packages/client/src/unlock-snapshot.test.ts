/**
 * The unlock snapshot: unlocking reads the record from it plus the envelopes stored since, and
 * any snapshot that is damaged, foreign or names an envelope no longer stored is refused — the
 * record is then rebuilt from the envelopes, losing nothing.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { peekStatement } from '@carekey/protocol';
import { ready } from '@carekey/crypto';
import type { EntryInner, EntryVersion } from '@carekey/record';
import { CarekeyClient } from './client.ts';
import { MemoryStorage } from './storage/memory.ts';
import type { RelayTransport } from './transport/http.ts';
import { decodeSnapshot, encodeSnapshot } from './unlock-snapshot.ts';

await ready();

const PASSPHRASE = 'snapshot passphrase for tests';

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

const note = (i: number) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: `Reading ${i} — café ☕` },
  valueString: `n${i}`,
});
const bundle = (count: number) =>
  JSON.stringify({
    resourceType: 'Bundle',
    type: 'collection',
    entry: Array.from({ length: count }, (_, i) => ({
      fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resource: note(i),
    })),
  });

/** Everything the record shows, in a comparable form. */
const shown = (client: CarekeyClient) =>
  client
    .entries()
    .map((e) => ({
      id: e.entryId,
      category: e.category,
      hlc: e.hlc,
      text: e.current.resourceText,
      versions: e.versions.map((v) => v.hash),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

const opened: CarekeyClient[] = [];
async function openOn(storage: MemoryStorage): Promise<CarekeyClient> {
  const client = await CarekeyClient.open({ storage, relay: offlineRelay() });
  opened.push(client);
  return client;
}
afterEach(() => {
  for (const client of opened.splice(0)) client.lock();
});

async function unlockOn(storage: MemoryStorage): Promise<CarekeyClient> {
  const client = await openOn(storage);
  await client.unlock(PASSPHRASE);
  return client;
}

/** Closes the client's session, writing a due snapshot, without closing the shared storage. */
async function closeKeepingStorage(client: CarekeyClient): Promise<void> {
  const close = client.storage.close.bind(client.storage);
  client.storage.close = async () => undefined;
  try {
    await client.close();
  } finally {
    client.storage.close = close;
  }
}

describe('unlock snapshot', { timeout: 60_000 }, () => {
  test('unlocking reads the record from the snapshot, exactly as the envelopes hold it', async () => {
    const storage = new MemoryStorage();
    const client = await openOn(storage);
    await client.signUp({ name: 'Snapshot Patient', passphrase: PASSPHRASE });
    await client.importRecord(bundle(300));
    const vault = client.vaults[0]!.vault;
    const before = shown(client);
    await closeKeepingStorage(client);
    expect(await storage.get(['vault', vault, 'snapshot'])).toBeDefined();

    const again = await unlockOn(storage);
    expect(again.loads).toEqual([{ vault, snapshot: 'used', fromSnapshot: 300, fromEnvelopes: 0 }]);
    expect(shown(again)).toEqual(before);
    expect(again.loadProblems).toEqual([]);
    // A new entry follows the clock of everything in the snapshot.
    const added = await again.addEntry(note(1000));
    expect(before.every((e) => e.hlc < added.hlc)).toBe(true);
  });

  test('an older snapshot catches up with amendments, deletions and moves made since', async () => {
    const storage = new MemoryStorage();
    const first = await openOn(storage);
    await first.signUp({ name: 'Snapshot Patient', passphrase: PASSPHRASE });
    await first.importRecord(bundle(300));
    await closeKeepingStorage(first);

    const second = await unlockOn(storage);
    const [a, b, c] = second.entries();
    await second.amendEntry(a!.entryId, { ...a!.resource, valueString: 'amended' });
    await second.retractEntry(b!.entryId);
    const moved = await second.moveEntry(c!.entryId, 'mental-health');
    await second.addEntry(note(2000));
    const expected = shown(second);
    await closeKeepingStorage(second); // fewer than 256 new versions: the old snapshot stays

    const third = await unlockOn(storage);
    expect(third.loads[0]).toMatchObject({ snapshot: 'used', fromSnapshot: 300, fromEnvelopes: 5 });
    expect(shown(third)).toEqual(expected);
    expect(third.entry(b!.entryId)).toBeUndefined();
    expect(third.entry(c!.entryId)).toBeUndefined();
    expect(third.entry(moved.entryId)?.category).toBe('mental-health');
    expect(third.entry(a!.entryId)?.resource.valueString).toBe('amended');

    // The same as a rebuild from every envelope.
    await storage.write([{ key: ['vault', third.vaults[0]!.vault, 'snapshot'], value: undefined }]);
    const rebuilt = await unlockOn(storage);
    expect(rebuilt.loads[0]).toMatchObject({ snapshot: 'absent', fromSnapshot: 0, fromEnvelopes: 305 });
    expect(shown(rebuilt)).toEqual(expected);
  });

  test('a damaged snapshot is refused and the record rebuilt from the envelopes, losing nothing', async () => {
    const storage = new MemoryStorage();
    const client = await openOn(storage);
    await client.signUp({ name: 'Snapshot Patient', passphrase: PASSPHRASE });
    await client.importRecord(bundle(300));
    const vault = client.vaults[0]!.vault;
    const before = shown(client);
    await closeKeepingStorage(client);

    const key = ['vault', vault, 'snapshot'];
    const sealed = (await storage.get(key))!;
    for (const at of [0, 30, sealed.length - 1]) {
      const damaged = sealed.slice();
      damaged[at] = (damaged[at] ?? 0) ^ 0x40;
      await storage.write([{ key, value: damaged }]);
      const reopened = await unlockOn(storage);
      expect(reopened.loads[0]).toMatchObject({ snapshot: 'refused', fromSnapshot: 0, fromEnvelopes: 300 });
      expect(shown(reopened)).toEqual(before);
      expect(reopened.loadProblems).toEqual([]);
      // A refused snapshot is dropped, not tried again at every unlock.
      expect(await storage.get(key)).toBeUndefined();
      reopened.lock();
    }
    await storage.write([{ key, value: sealed.subarray(0, 20) }]);
    const truncated = await unlockOn(storage);
    expect(truncated.loads[0]?.snapshot).toBe('refused');
    expect(shown(truncated)).toEqual(before);

    // The rebuild writes a good snapshot again.
    await closeKeepingStorage(truncated);
    const healed = await unlockOn(storage);
    expect(healed.loads[0]?.snapshot).toBe('used');
    expect(shown(healed)).toEqual(before);
  });

  test("another account's snapshot does not open under this account's key", async () => {
    const make = async () => {
      const storage = new MemoryStorage();
      const client = await openOn(storage);
      await client.signUp({ name: 'Snapshot Patient', passphrase: PASSPHRASE });
      await client.importRecord(bundle(300));
      const vault = client.vaults[0]!.vault;
      const before = shown(client);
      await closeKeepingStorage(client);
      return { storage, vault, before };
    };
    const mine = await make();
    const theirs = await make();
    const foreign = (await theirs.storage.get(['vault', theirs.vault, 'snapshot']))!;
    await mine.storage.write([{ key: ['vault', mine.vault, 'snapshot'], value: foreign }]);
    const client = await unlockOn(mine.storage);
    expect(client.loads[0]?.snapshot).toBe('refused');
    expect(shown(client)).toEqual(mine.before);
  });

  test('a snapshot naming an envelope that is no longer stored is refused', async () => {
    const storage = new MemoryStorage();
    const client = await openOn(storage);
    await client.signUp({ name: 'Snapshot Patient', passphrase: PASSPHRASE });
    await client.importRecord(bundle(300));
    const vault = client.vaults[0]!.vault;
    const gone = client.entries()[7]!;
    await closeKeepingStorage(client);

    await storage.write([{ key: ['vault', vault, 'env', gone.current.hash], value: undefined }]);
    const reopened = await unlockOn(storage);
    expect(reopened.loads[0]).toMatchObject({ snapshot: 'refused', fromEnvelopes: 299 });
    expect(reopened.entry(gone.entryId)).toBeUndefined();
    expect(reopened.entries()).toHaveLength(299);
  });
});

describe('snapshot plaintext', () => {
  const inner = (kind: EntryInner['kind']): EntryInner => ({
    v: 1,
    kind,
    category: 'notes',
    author: { account: '0123456789ABCDEFGHJKMNPQRS', device: 'ab'.repeat(16) },
    authorSeq: 1,
    authorPrev: null,
    hlc: `000000000001:0000:${'ab'.repeat(16)}`,
    attachments: [],
  });
  const version = (hash: string, text: string | null): EntryVersion => ({
    entryId: 'cd'.repeat(16),
    hash,
    kind: text === null ? 'retract' : 'create',
    category: 'notes',
    author: { account: '0123456789ABCDEFGHJKMNPQRS', device: 'ab'.repeat(16) },
    hlc: `000000000001:0000:${'ab'.repeat(16)}`,
    supersedes: undefined,
    resource: null,
    resourceText: text,
    source: undefined,
    issues: [],
    movedTo: undefined,
  });

  test('round trip keeps every text exactly, non-ASCII and retractions included', () => {
    const rows = [
      { collection: 'c1', version: version('h1', '{"resourceType":"Observation","note":"é ☕ 𝄞 \\"q\\""}'), inner: inner('create') },
      { collection: 'c1', version: version('h2', null), inner: inner('retract') },
      { collection: 'c2', version: version('h3', ''), inner: inner('create') },
    ];
    const decoded = decodeSnapshot('v1', encodeSnapshot('v1', rows));
    expect(decoded.map((d) => [d.hash, d.collection, d.resourceText])).toEqual([
      ['h1', 'c1', rows[0]!.version.resourceText],
      ['h2', 'c1', null],
      ['h3', 'c2', ''],
    ]);
    expect(decoded[1]?.inner).toEqual(inner('retract'));
  });

  test('refuses another vault, truncation and a length that does not fit', () => {
    const bytes = encodeSnapshot('v1', [{ collection: 'c', version: version('h', '{"a":1}'), inner: inner('create') }]);
    expect(() => decodeSnapshot('v2', bytes)).toThrow(/not one of this record/);
    expect(() => decodeSnapshot('v1', bytes.subarray(0, 2))).toThrow(/truncated/);
    expect(() => decodeSnapshot('v1', bytes.subarray(0, bytes.length - 1))).toThrow();
  });
});
