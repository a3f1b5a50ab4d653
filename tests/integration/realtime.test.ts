/**
 * The realtime channel through the client against the real relay over HTTP (DESIGN §4 "Carers
 * and emergency access"): the patient's open device is told at once when their emergency
 * contact asks, and of new envelopes and control-log changes; locking ends the watch.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { CarekeyClient, MemoryStorage, ready, type FetchLike, type RealtimeEvent } from '@carekey/client';
import { startRelay, type RunningRelay } from '@carekey/server/testing';

await ready();

let relay: RunningRelay;

async function person(name: string, role: 'patient' | 'carer'): Promise<CarekeyClient> {
  const client = await CarekeyClient.open({ storage: new MemoryStorage(), relay: relay.url });
  await client.signUp({ name, passphrase: 'realtime tests passphrase', role });
  return client;
}

/** Collects events and lets a test wait for the next one of a kind. */
function inbox() {
  const events: Array<{ vault: string; event: RealtimeEvent }> = [];
  return {
    events,
    push: (vault: string, event: RealtimeEvent) => events.push({ vault, event }),
    next: (kind: RealtimeEvent['kind'], after = 0) =>
      expect.poll(() => events.slice(after).find((e) => e.event.kind === kind), { timeout: 5000 }).toBeDefined(),
  };
}

beforeEach(async () => {
  relay = await startRelay({ store: 'memory' });
});
afterEach(async () => relay.close());

test("the patient's open device hears of a request, a new entry and a grant at once; locking ends the watch", async () => {
  const patient = await person('Realtime Patient', 'patient');
  const carer = await person('Realtime Carer', 'carer');
  const box = inbox();
  const stop = new AbortController();
  const watching = patient.events({ signal: stop.signal, onEvent: box.push });
  await box.next('ready');
  const vault = patient.vaults[0]!.vault;
  expect(box.events[0]).toEqual({ vault, event: { kind: 'ready' } });

  let seen = box.events.length;
  await patient.grant({
    to: carer.account.accountId,
    fingerprint: carer.account.fingerprint,
    categories: ['summary'],
    access: 'read',
    until: Date.now() + 100 * 24 * 60 * 60 * 1000,
    role: 'carer',
    name: 'My carer',
    emergency: { waitHours: 12 },
  });
  await box.next('control', seen);

  seen = box.events.length;
  await carer.requestEmergencyAccess(vault);
  await box.next('emergency', seen);
  expect(await patient.emergencyRequests()).toEqual([expect.objectContaining({ name: 'My carer', state: 'waiting' })]);

  seen = box.events.length;
  await patient.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } });
  await patient.sync();
  await box.next('envelopes', seen);
  // Events hold a kind and a number, nothing of the entry.
  expect(JSON.stringify(box.events)).not.toContain('Penicillin');

  patient.lock();
  await watching;
  stop.abort();
});

test('a client that disconnects frees its stream on the relay (streams count against a per-account cap)', async () => {
  let token = '';
  const watchingFetch: FetchLike = (input, init) => {
    const auth = new Headers(init.headers).get('authorization');
    if (auth) token = auth.slice('Bearer '.length);
    return fetch(input, init);
  };
  const client = await CarekeyClient.open({ storage: new MemoryStorage(), relay: relay.url, fetch: watchingFetch });
  await client.signUp({ name: 'Realtime Leaver', passphrase: 'realtime tests passphrase' });
  await client.sync();
  const open = () => (relay.hub as unknown as { size: number }).size;
  const connection = new AbortController();
  const res = await fetch(`${relay.url}/v1/vaults/${client.vaults[0]!.vault}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: connection.signal,
  });
  await res.body!.getReader().read();
  expect(open()).toBe(1);
  connection.abort();
  await expect.poll(open, { timeout: 5000 }).toBe(0);
});
