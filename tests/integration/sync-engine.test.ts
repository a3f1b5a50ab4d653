/**
 * The client's sync engine against an in-memory relay (the real Hono app over the memory store,
 * called in-process) with a network that can fail, lose responses, and a relay that can reorder,
 * replay, drop and tamper with what it serves.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CarekeyClient, MemoryStorage, backoffDelay, ready, type FetchLike, type Timers } from '@carekey/client';
import { startRelay, type RunningRelay as TestRelay } from '@carekey/server/testing';

await ready();

const PASSPHRASE = 'a passphrase for the sync engine tests';

interface PulledEnvelope {
  seq: number;
  data: string;
}

interface PullPage {
  envelopes: PulledEnvelope[];
  cursor: string;
  more: boolean;
}

/** Rewrites only the envelopes of a page. */
const envelopes =
  (rewrite: (list: PulledEnvelope[]) => PulledEnvelope[]) =>
  (page: PullPage): PullPage => ({ ...page, envelopes: rewrite(page.envelopes) });

/** Appends envelopes at new positions after the page, moving the cursor with them (a consistent relay). */
const appended =
  (extra: () => Array<Omit<PulledEnvelope, 'seq'>>) =>
  (page: PullPage): PullPage => {
    let seq = Number(page.cursor);
    const added = extra().map((e) => ({ ...e, seq: (seq += 1) }));
    return { ...page, envelopes: [...page.envelopes, ...added], cursor: String(seq) };
  };

/** A network between the client and the relay that tests can break in specific ways. */
class FaultyNetwork {
  down = false;
  /** Appends that reach the relay but whose response is lost on the way back. */
  loseAppendResponses = 0;
  /** Rewrites pull responses, as a malicious or broken relay would. */
  rewritePull: ((page: PullPage) => PullPage) | undefined;
  appends = 0;
  readonly #relay: TestRelay;

  constructor(relay: TestRelay) {
    this.#relay = relay;
  }

  readonly fetch: FetchLike = async (input, init) => {
    if (this.down) throw new TypeError('fetch failed: connect ECONNREFUSED');
    const response = await this.#relay.app.request(input, init);
    const path = new URL(input).pathname;
    if (init.method === 'POST' && path.endsWith('/envelopes')) {
      this.appends += 1;
      if (this.loseAppendResponses > 0) {
        this.loseAppendResponses -= 1;
        throw new TypeError('fetch failed: socket hang up');
      }
    }
    if ((init.method ?? 'GET') === 'GET' && path.endsWith('/envelopes') && this.rewritePull && response.ok) {
      const body = (await response.json()) as PullPage;
      return Response.json(this.rewritePull(body), { status: 200 });
    }
    return response;
  };
}

/** Timers the test fires by hand, recording every delay the engine asks for. */
class ManualTimers implements Timers {
  readonly delays: number[] = [];
  #pending: Array<{ run: () => void; handle: number }> = [];
  #next = 1;
  set(run: () => void, ms: number): unknown {
    this.delays.push(ms);
    const handle = this.#next++;
    this.#pending.push({ run, handle });
    return handle;
  }
  clear(handle: unknown): void {
    this.#pending = this.#pending.filter((p) => p.handle !== handle);
  }
  fire(): void {
    const due = this.#pending.splice(0);
    for (const p of due) p.run();
  }
}

let relay: TestRelay;
let network: FaultyNetwork;

beforeEach(async () => {
  relay = await startRelay({ store: 'memory' });
  network = new FaultyNetwork(relay);
});

afterEach(async () => {
  await relay.close();
});

async function newClient(): Promise<CarekeyClient> {
  return CarekeyClient.open({ storage: new MemoryStorage(), relay: relay.url, fetch: network.fetch });
}

async function twoDevices(): Promise<{ a: CarekeyClient; b: CarekeyClient; kit: { accountId: string; secretKey: string } }> {
  const a = await newClient();
  const kit = await a.signUp({ name: 'Sync Tester', passphrase: PASSPHRASE });
  const b = await newClient();
  await b.logIn({ accountId: kit.accountId, secretKey: kit.secretKey, passphrase: PASSPHRASE });
  return { a, b, kit };
}

const note = (text: string) => ({ resourceType: 'Observation', status: 'final', code: { text: 'Diary' }, valueString: text });
const texts = (client: CarekeyClient) =>
  client
    .entries()
    .map((e) => e.resource.valueString as string)
    .sort();

describe('sync engine', () => {
  test('entries written on one device reach the other exactly once', async () => {
    const { a, b } = await twoDevices();
    for (const t of ['one', 'two', 'three']) await a.addEntry(note(t));
    expect((await a.sync()).pushed).toBe(3);
    const report = await b.sync();
    expect(report).toMatchObject({ pulled: 3, rejected: [], gaps: [], offline: false, error: null });
    expect(texts(b)).toEqual(['one', 'three', 'two']);
    expect((await b.sync()).pulled).toBe(0);
    await a.addEntry(note('four'));
    await a.sync();
    await b.sync();
    expect(texts(b)).toEqual(['four', 'one', 'three', 'two']);
  });

  test('offline is a state: writes are kept, reported as pending, and sent when the relay is back', async () => {
    const { a, b } = await twoDevices();
    network.down = true;
    await a.addEntry(note('offline one'));
    await a.addEntry(note('offline two'));
    expect(texts(a)).toEqual(['offline one', 'offline two']);
    const report = await a.sync();
    expect(report).toMatchObject({ offline: true, pushed: 0, pending: 2, error: null });
    expect(a.snapshot.sync).toMatchObject({ state: 'offline', pending: 2, lastError: 'offline' });
    network.down = false;
    expect(await a.sync()).toMatchObject({ pushed: 2, pending: 0, offline: false });
    expect(a.snapshot.sync.state).toBe('idle');
    await b.sync();
    expect(texts(b)).toEqual(['offline one', 'offline two']);
  });

  test('the outbox survives closing the app: a reopened device still sends what it wrote offline', async () => {
    const storage = new MemoryStorage();
    const a = await CarekeyClient.open({ storage, relay: relay.url, fetch: network.fetch });
    const kit = await a.signUp({ name: 'Reopen', passphrase: PASSPHRASE });
    network.down = true;
    await a.addEntry(note('before closing'));
    a.lock();
    const reopened = await CarekeyClient.open({ storage, relay: relay.url, fetch: network.fetch });
    expect(reopened.snapshot.sync.pending).toBe(1);
    await reopened.unlock(PASSPHRASE);
    network.down = false;
    expect((await reopened.sync()).pushed).toBe(1);
    const b = await newClient();
    await b.logIn({ accountId: kit.accountId, secretKey: kit.secretKey, passphrase: PASSPHRASE });
    await b.sync();
    expect(texts(b)).toEqual(['before closing']);
  });

  test('a lost acknowledgement is retried and the relay keeps one copy', async () => {
    const { a, b, kit } = await twoDevices();
    await a.addEntry(note('acked late'));
    network.loseAppendResponses = 1;
    expect((await a.sync()).offline).toBe(true);
    expect(a.snapshot.sync.pending).toBe(1);
    expect(await a.sync()).toMatchObject({ pushed: 1, pending: 0 });
    expect(network.appends).toBe(2);
    await b.sync();
    expect(texts(b)).toEqual(['acked late']);
    // The relay holds the envelope once: a fresh device pulls exactly one.
    const c = await newClient();
    await c.logIn({ accountId: kit.accountId, secretKey: kit.secretKey, passphrase: PASSPHRASE });
    expect((await c.sync()).pulled).toBe(1);
    expect(texts(c)).toEqual(['acked late']);
  });

  test('automatic sync retries with exponential backoff while offline and recovers', async () => {
    const timers = new ManualTimers();
    const storage = new MemoryStorage();
    const a = await CarekeyClient.open({ storage, relay: relay.url, fetch: network.fetch });
    await a.signUp({ name: 'Backoff', passphrase: PASSPHRASE });
    a.lock();
    const client = await CarekeyClient.open({ storage, relay: relay.url, fetch: network.fetch, timers });
    await client.unlock(PASSPHRASE);
    network.down = true;
    client.startAutoSync({ intervalMs: 60_000 });
    expect(timers.delays).toEqual([0]);
    for (let i = 0; i < 5; i += 1) {
      timers.fire();
      await waitFor(() => timers.delays.length === i + 2);
    }
    const retries = timers.delays.slice(1);
    retries.forEach((delay, i) => {
      const ceiling = 1000 * 2 ** i;
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    });
    expect(client.snapshot.sync.state).toBe('offline');
    network.down = false;
    await client.addEntry(note('after the outage'));
    timers.fire();
    await waitFor(() => client.snapshot.sync.state === 'idle' && client.snapshot.sync.pending === 0);
    expect(timers.delays.at(-1)).toBe(60_000);
    client.stopAutoSync();
  });

  test('the backoff delay doubles, is capped, and is jittered within half its ceiling', () => {
    expect(backoffDelay(0, 1000, 300_000, () => 0)).toBe(500);
    expect(backoffDelay(3, 1000, 300_000, (b) => b - 1)).toBe(7999);
    expect(backoffDelay(30, 1000, 300_000, () => 0)).toBe(150_000);
  });

  test('a relay serving pages out of order is refused, nothing is saved, and an honest relay then works', async () => {
    const { a, b } = await twoDevices();
    for (const t of ['1', '2', '3', '4']) await a.addEntry(note(t));
    await a.sync();
    network.rewritePull = envelopes((list) => [...list].reverse());
    expect((await b.sync()).error?.code).toBe('relay-error');
    expect(texts(b)).toEqual([]);
    network.rewritePull = (page) => ({ ...page, cursor: '999999999999' }); // a cursor jump past what it served
    expect((await b.sync()).error?.code).toBe('relay-error');
    network.rewritePull = (page) => ({ ...page, envelopes: [], more: true }); // "more" forever, serving nothing
    expect((await b.sync()).error?.code).toBe('relay-error');
    network.rewritePull = undefined;
    const report = await b.sync();
    expect(report).toMatchObject({ pulled: 4, rejected: [], gaps: [], error: null });
    expect(texts(b)).toEqual(['1', '2', '3', '4']);
  });

  test('an envelope replayed at a new position changes nothing', async () => {
    const { a, b } = await twoDevices();
    for (const t of ['1', '2']) await a.addEntry(note(t));
    await a.sync();
    let first: PulledEnvelope | undefined;
    network.rewritePull = (page) => {
      first ??= page.envelopes[0];
      return appended(() => (first ? [{ data: first.data }, { data: first.data }] : []))(page);
    };
    const report = await b.sync();
    expect(report).toMatchObject({ rejected: [], gaps: [], error: null });
    expect(texts(b)).toEqual(['1', '2']);
  });

  test('an envelope the relay drops from an author chain is detected as a gap', async () => {
    const { a, b } = await twoDevices();
    for (const t of ['first', 'second', 'third']) await a.addEntry(note(t));
    await a.sync();
    network.rewritePull = envelopes((list) => list.filter((_, i) => i !== 1));
    const report = await b.sync();
    expect(report.gaps).toHaveLength(1);
    expect(report.gaps[0]?.missing).toEqual([2]);
    expect(texts(b)).toEqual(['first', 'third']);
  });

  test('a tampered envelope is rejected with its reason, reported and never listed', async () => {
    const { a, b } = await twoDevices();
    await a.addEntry(note('genuine'));
    await a.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Latex' } });
    await a.sync();
    network.rewritePull = envelopes((list) =>
      list.map((e, i) => {
        if (i !== 0) return e;
        const bytes = Buffer.from(e.data, 'base64url');
        bytes[300] = (bytes[300] ?? 0) ^ 0x40;
        return { ...e, data: bytes.toString('base64url') };
      }),
    );
    const report = await b.sync();
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ reason: 'signature', seq: expect.any(Number) as number });
    expect(b.entries()).toHaveLength(1);
  });

  test("an envelope replayed from another person's record is rejected", async () => {
    const { a, b } = await twoDevices();
    const malloryStorage = new MemoryStorage();
    const mallory = await CarekeyClient.open({ storage: malloryStorage, relay: relay.url, fetch: network.fetch });
    await mallory.signUp({ name: 'Mallory', passphrase: PASSPHRASE });
    await mallory.addEntry(note('planted'));
    const stored = await malloryStorage.list(['vault', mallory.vaults[0]!.vault, 'env']);
    const planted = stored.map((r) => ({ data: Buffer.from(r.value).toString('base64url') }));
    expect(planted).toHaveLength(1);
    await a.addEntry(note('mine'));
    await a.sync();
    network.rewritePull = appended(() => planted);
    const report = await b.sync();
    expect(report.rejected.map((r) => r.reason)).toEqual(['context-mismatch']);
    expect(texts(b)).toEqual(['mine']);
  });

  test('two devices writing offline at the same time both keep everything', async () => {
    const { a, b } = await twoDevices();
    network.down = true;
    await a.addEntry(note('from a'));
    await b.addEntry(note('from b'));
    network.down = false;
    await a.sync();
    await b.sync();
    await a.sync();
    expect(texts(a)).toEqual(['from a', 'from b']);
    expect(texts(b)).toEqual(['from a', 'from b']);
    expect(a.gaps()).toEqual([]);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not reached');
}
