/**
 * Realtime events between relay processes (DESIGN §5 "Scale-out"): two relay apps on one
 * PostgreSQL database, each with its own LISTEN connection, as two processes behind a load
 * balancer would be. An event published by a request on one reaches a stream open on the other.
 * Runs when DATABASE_URL is set, in a scratch schema (and so on a channel of its own).
 */
import { afterEach, describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { ready, toBase64Url } from '@carekey/crypto';
import { api } from '@carekey/protocol';
import { openStream } from '../test-events.ts';
import { createScratchSchema, openPostgresStore, type ScratchSchema } from '../store/postgres.ts';
import type { SqlRelayStore } from '../store/sql.ts';
import { TestPatient } from '../test-actors.ts';
import { call, register, signIn, testRelay, type TestRelay } from '../test-app.ts';
import { channelFor, PostgresHub } from './postgres.ts';

await ready();

const url = process.env.DATABASE_URL;

if (!url) console.info('realtime/postgres.test.ts: DATABASE_URL is not set, so the PostgreSQL realtime test was skipped');

describe.runIf(url)('realtime over PostgreSQL LISTEN/NOTIFY', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function relayProcess(scratch: ScratchSchema): Promise<TestRelay> {
    const store: SqlRelayStore = await openPostgresStore(url!, { schema: scratch.schema, maxConnections: 3 });
    cleanups.push(() => store.close());
    const hub = await PostgresHub.open(url!, { schema: scratch.schema, logger: { info: () => undefined, error: () => undefined } });
    cleanups.push(() => hub.close());
    return testRelay({ store, hub });
  }

  test('an event published on one relay process reaches a stream open on another', async () => {
    const scratch = await createScratchSchema(url!);
    cleanups.push(() => scratch.drop());
    const a = await relayProcess(scratch);
    const b = await relayProcess(scratch);

    const owner = TestPatient.create();
    const vault = owner.newVault(1);
    await register(a, owner, { vault });
    const carer = TestPatient.create();
    await register(a, carer);
    const issued = owner.issueGrant(vault, carer, { emergencyWaitHours: 12 });
    const ownerTokenA = await signIn(a, owner, owner.firstDevice);
    const prev = (await call(a.app, 'GET', `/v1/vaults/${vault.id}/log`, { token: ownerTokenA })).body['head'] as { hash: string };
    expect(
      (
        await call(a.app, 'POST', `/v1/vaults/${vault.id}/log`, {
          token: ownerTokenA,
          body: { prev: prev.hash, statements: [issued.statement], packages: issued.packages },
        })
      ).status,
    ).toBe(200);

    // The patient's phone is connected to process B; the carer and the patient's laptop talk to A.
    const phone = await openStream(b, vault.id, await signIn(b, owner, owner.firstDevice));
    expect(phone.status).toBe(200);
    expect(v.parse(api.RealtimeEventSchema, JSON.parse((await phone.next()).data))).toEqual({ kind: 'ready' });

    const asked = await call(a.app, 'POST', `/v1/vaults/${vault.id}/emergency/${issued.grant.id}/request`, {
      token: await signIn(a, carer, carer.firstDevice),
    });
    expect(asked.status).toBe(200);
    expect(JSON.parse((await phone.next()).data)).toEqual({ kind: 'emergency' });

    const envelope = owner.seal(issued.vault, { collection: vault.collections[0]!, month: 202601 });
    const appended = await call(a.app, 'POST', `/v1/vaults/${vault.id}/envelopes`, {
      token: ownerTokenA,
      body: { envelopes: [toBase64Url(envelope)] },
    });
    expect(appended.status).toBe(200);
    const seq = v.parse(api.AppendEnvelopesResponse, appended.body).results[0]!.seq;
    expect(JSON.parse((await phone.next()).data)).toEqual({ kind: 'envelopes', cursor: String(seq) });
    await phone.close();
  });

  test('relays on different schemas use different channels', () => {
    expect(channelFor()).toBe('carekey_events');
    expect(channelFor('carekey_test_0a1b2c3d4e5f')).toBe('carekey_events_carekey_test_0a1b2c3d4e5f');
    expect(channelFor('s'.repeat(63))).toHaveLength(63);
  });
});
