/**
 * Attacks and accidents found in review of the first version, each reproduced against the
 * in-memory relay and shown to be handled: concurrent writes, a relay contradicting the device
 * history, withholding a device statement or a key, garbage in a pull, and an entry the relay
 * will never take.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CarekeyClient, MemoryStorage, ready, type Clock, type FetchLike } from '@carekey/client';
import { startRelay, type RunningRelay } from '@carekey/server/testing';

await ready();

const PASSPHRASE = 'review findings passphrase';
const note = (text: string) => ({ resourceType: 'Observation', status: 'final', code: { text: 'Diary' }, valueString: text });
const texts = (client: CarekeyClient) =>
  client
    .entries()
    .map((e) => e.resource.valueString as string)
    .sort();

type Rewrite = (path: string, method: string, body: unknown) => unknown;

let relay: RunningRelay;
let rewrite: Rewrite | undefined;
const fetchVia: FetchLike = async (input, init) => {
  const response = await relay.app.request(input, init);
  if (!rewrite || !response.ok) return response;
  const body = (await response.json()) as unknown;
  return Response.json(rewrite(new URL(input).pathname, init.method ?? 'GET', body), { status: response.status });
};

beforeEach(async () => {
  relay = await startRelay({ store: 'memory' });
  rewrite = undefined;
});
afterEach(async () => relay.close());

async function open(storage = new MemoryStorage(), clock?: Clock): Promise<CarekeyClient> {
  return CarekeyClient.open({ storage, relay: relay.url, fetch: fetchVia, ...(clock ? { clock } : {}) });
}

async function account() {
  const a = await open();
  const kit = await a.signUp({ name: 'Review', passphrase: PASSPHRASE });
  const join = async () => {
    const storage = new MemoryStorage();
    const device = await open(storage);
    await device.logIn({ accountId: kit.accountId, secretKey: kit.secretKey, passphrase: PASSPHRASE });
    return { device, storage };
  };
  return { a, kit, join };
}

describe('review findings', () => {
  test('entries added at the same time keep their own places in the author chain', async () => {
    const { a, join } = await account();
    await Promise.all(['one', 'two', 'three'].map((t) => a.addEntry(note(t))));
    expect((await a.sync()).pushed).toBe(3);
    const { device: b } = await join();
    expect(await b.sync()).toMatchObject({ pulled: 3, rejected: [], gaps: [] });
    expect(texts(b)).toEqual(['one', 'three', 'two']);
  });

  test('a relay serving a shorter or altered device history stops the sync; the device still unlocks', async () => {
    const { a, join } = await account();
    const { device: b, storage } = await join();
    const { device: c } = await join(); // a device b has not heard of yet
    await c.addEntry(note('from c'));
    await c.sync();
    rewrite = (path, method, body) => {
      if (method === 'GET' && /\/v1\/accounts\/[^/]+$/.test(path)) {
        const account = body as { card: unknown; devices: unknown[] };
        return { ...account, devices: account.devices.slice(0, 1) }; // rolled back
      }
      return body;
    };
    const report = await b.sync();
    expect(report.error?.code).toBe('integrity');
    expect(texts(b)).toEqual([]);
    b.lock();
    const reopened = await open(storage);
    await reopened.unlock(PASSPHRASE);
    rewrite = undefined;
    expect(await reopened.sync()).toMatchObject({ pulled: 1, rejected: [], error: null });
    expect(texts(reopened)).toEqual(['from c']);
    void a;
  });

  test('an envelope from a device the relay withheld is kept and accepted once its statement arrives', async () => {
    const { join } = await account();
    const { device: b } = await join();
    const { device: c } = await join();
    await c.addEntry(note('withheld signer'));
    await c.sync();
    let known = 0;
    rewrite = (path, method, body) => {
      if (method === 'GET' && /\/v1\/accounts\/[^/]+$/.test(path)) {
        const account = body as { card: unknown; devices: unknown[] };
        return { ...account, devices: account.devices.slice(0, known) };
      }
      return body;
    };
    known = 2; // the first device and b: exactly what b has verified, nothing about c
    const first = await b.sync();
    expect(first.rejected.map((r) => r.reason)).toEqual(['certificate']);
    expect((await b.keptProblems()).rejected).toHaveLength(1);
    rewrite = undefined;
    expect(await b.sync()).toMatchObject({ pulled: 1, rejected: [] });
    expect(texts(b)).toEqual(['withheld signer']);
    expect((await b.keptProblems()).rejected).toEqual([]);
  });

  test('a relay hiding one part of the record from a new device is caught before the device joins', async () => {
    const { a, kit } = await account();
    await a.addEntry(note('in notes'));
    await a.sync();
    rewrite = (path, method, body) => {
      if (method === 'GET' && path.endsWith('/items')) {
        const { items } = body as { items: Array<{ kind: string }> };
        const roots = items.filter((i) => i.kind === 'root');
        return { items: items.filter((i) => i !== roots[4]) };
      }
      return body;
    };
    const b = await open();
    await expect(b.logIn({ accountId: kit.accountId, secretKey: kit.secretKey, passphrase: PASSPHRASE })).rejects.toMatchObject({
      name: 'IntegrityError',
    });
    expect(b.status).toBe('no-account');
    expect((await relay.store.readDeviceLog(kit.accountId)).length).toBe(1); // nothing registered
  });

  test('garbage in a pull is rejected for that envelope only, and automatic sync carries on', async () => {
    const { a, join } = await account();
    await a.addEntry(note('good'));
    await a.sync();
    const { device: b } = await join();
    rewrite = (path, method, body) => {
      if (method === 'GET' && path.endsWith('/envelopes')) {
        const page = body as { envelopes: Array<{ seq: number; data: string }>; cursor: string; more: boolean };
        return { ...page, envelopes: page.envelopes.map((e) => ({ ...e, data: `${e.data}A` })) };
      }
      return body;
    };
    const report = await b.sync();
    expect(report.rejected.map((r) => r.reason)).toEqual(['malformed']);
    expect(report.error).toBeNull();
    expect(b.snapshot.sync.state).toBe('idle');
  });

  test('an entry the relay will never take is set aside and does not hold back the ones after it', async () => {
    let now = Date.now();
    const clock: Clock = { now: () => now };
    const storage = new MemoryStorage();
    const a = await open(storage, clock);
    const kit = await a.signUp({ name: 'Clock', passphrase: PASSPHRASE });
    now += 120 * 24 * 3600 * 1000; // the phone's clock runs four months fast
    await a.addEntry(note('from the future'));
    now = Date.now();
    await a.addEntry(note('on time'));
    const report = await a.sync();
    expect(report).toMatchObject({ pushed: 1, stuck: 1, pending: 0, error: null });
    expect((await a.keptProblems()).stuck).toEqual([
      { code: 'bad-request', message: expect.stringContaining('after next month') as string },
    ]);
    const b = await open();
    await b.logIn({ accountId: kit.accountId, secretKey: kit.secretKey, passphrase: PASSPHRASE });
    await b.sync();
    expect(texts(b)).toEqual(['on time']);
  });
});
