/**
 * Emergency access on the relay (DESIGN §4 "Carers and emergency access"): a patient makes an
 * emergency grant in advance with all its keys sealed; the relay serves nothing of it — no key
 * package, no envelope, no write — until the carer asks and the waiting period passes with no
 * refusal from the patient, on the relay's own clock. The stories run on each store: memory,
 * SQLite and (when DATABASE_URL is set) PostgreSQL.
 */
import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { ready, toBase64Url } from '@carekey/crypto';
import { api } from '@carekey/protocol';
import { HOUR_MS } from '../emergency.ts';
import { TestPatient, type GrantOptions, type TestGrant } from '../test-actors.ts';
import { call, register, signIn, type Reply } from '../test-app.ts';
import { accessLog, appendEnvelopes, expectError, get, makeWorld, publish, sortedByData, testStores, type World } from '../test-world.ts';

await ready();

const STORES = testStores('emergency');

const WAIT_HOURS = 48;
const MINUTE = 60_000;

/** What the owner put in the vault before granting: envelopes in and out of the grant. */
interface OwnerEntries {
  /** In the granted collection and months. */
  readonly inA: Uint8Array;
  /** In the granted collection, before the grant's first month. */
  readonly early: Uint8Array;
  /** In a collection not granted. */
  readonly inB: Uint8Array;
}

async function withRecord(w: World): Promise<OwnerEntries> {
  const [a, b] = w.vault.collections;
  const record = {
    early: w.owner.seal(w.vault, { collection: a!, month: 202512 }),
    inA: w.owner.seal(w.vault, { collection: a!, month: w.month }),
    inB: w.owner.seal(w.vault, { collection: b!, month: w.month }),
  };
  expect((await appendEnvelopes(w, w.ownerToken, [record.early, record.inA, record.inB])).status).toBe(200);
  return record;
}

/** Issues an emergency grant of the first collection, January to March 2026, to the clinician (a carer here). */
async function emergencyGrant(w: World, options: GrantOptions = {}): Promise<TestGrant> {
  const issued = w.owner.issueGrant(w.vault, w.clinician, { emergencyWaitHours: WAIT_HOURS, notBefore: 202601, ...options });
  expect((await publish(w, issued)).status).toBe(200);
  return issued.grant;
}

/** Moves the relay clock to `time` (forward only) and signs both people in again: sessions last an hour. */
async function setClock(w: World, time: number): Promise<void> {
  w.relay.clock.set(time);
  w.ownerToken = await signIn(w.relay, w.owner, w.owner.firstDevice);
  w.clinicianToken = await signIn(w.relay, w.clinician, w.clinician.firstDevice);
}

function emergencyPath(w: World, grant: string, action: 'request' | 'refuse'): string {
  return `/v1/vaults/${w.vault.id}/emergency/${grant}/${action}`;
}

function ask(w: World, grant: string, token = w.clinicianToken): Promise<Reply> {
  return call(w.relay.app, 'POST', emergencyPath(w, grant, 'request'), { token });
}

function refuse(w: World, grant: string, token = w.ownerToken): Promise<Reply> {
  return call(w.relay.app, 'POST', emergencyPath(w, grant, 'refuse'), { token });
}

function emergencyOf(reply: Reply): api.EmergencyState {
  expect(reply.status).toBe(200);
  return v.parse(api.EmergencyResponse, reply.body).emergency;
}

async function shared(w: World, token = w.clinicianToken): Promise<api.SharedGrant[]> {
  return v.parse(api.SharedResponse, (await call(w.relay.app, 'GET', '/v1/shared', { token })).body).grants;
}

async function ownersList(w: World): Promise<v.InferOutput<typeof api.EmergencyListResponse>['grants']> {
  const reply = await get(w, w.ownerToken, '/v1/vaults/:vault/emergency');
  expect(reply.status).toBe(200);
  return v.parse(api.EmergencyListResponse, reply.body).grants;
}

async function packagesOf(w: World, token = w.clinicianToken): Promise<api.KeyPackageWire[]> {
  const reply = await get(w, token, '/v1/vaults/:vault/packages');
  expect(reply.status).toBe(200);
  return sortedByData(v.parse(api.PackagesResponse, reply.body).packages);
}

async function pulled(w: World, token = w.clinicianToken): Promise<string[]> {
  const reply = await get(w, token, '/v1/vaults/:vault/envelopes');
  expect(reply.status).toBe(200);
  return v.parse(api.PullResponse, reply.body).envelopes.map((e) => e.data);
}

/** The clinician is refused the record: packages, pulls and (for a write grant) appends. */
async function expectHeldBack(w: World, message: string): Promise<void> {
  for (const path of ['/v1/vaults/:vault/packages', '/v1/vaults/:vault/envelopes']) {
    const reply = await get(w, w.clinicianToken, path);
    expectError(reply, 403, 'emergency-waiting');
    expect(reply.body.error?.message).toContain(message);
  }
}

describe.each(STORES)('emergency access on the %s store', (_name, openStore) => {
  const world = async () => makeWorld(await openStore());

  test('before a request the grant serves nothing but the control log, and says to ask first', async () => {
    const w = await world();
    await withRecord(w);
    const grant = await emergencyGrant(w, { access: 'write' });

    expect((await get(w, w.clinicianToken, '/v1/vaults/:vault/log')).status).toBe(200);
    await expectHeldBack(w, 'ask for it first');
    const write = await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { month: w.month })]);
    expectError(write, 403, 'emergency-waiting');
    expect((await w.relay.store.pullEnvelopes(w.vault.id, { after: 0, limit: 100, maxBytes: 1 << 30 })).envelopes).toHaveLength(3);

    const idle = { waitHours: WAIT_HOURS, state: 'idle', requestedAt: null, releasesAt: null, refusedAt: null };
    expect(await shared(w)).toEqual([
      {
        vault: w.vault.id,
        owner: w.owner.account,
        grant: grant.id,
        collections: grant.clear.collections,
        access: 'write',
        notAfter: grant.clear.notAfter,
        emergency: idle,
      },
    ]);
    expect(await ownersList(w)).toEqual([{ grant: grant.id, grantee: w.clinician.account, emergency: idle }]);

    const events = await accessLog(w);
    expect(events.map((e) => [e.kind, e.reason])).toEqual([
      ['refused', 'write before emergency access was released'],
      ['refused', 'read before emergency access was released'],
      ['refused', 'read before emergency access was released'],
      ['grant-issued', null],
    ]);
    expect(events.every((e) => e.actor === w.clinician.account && e.grant === grant.id)).toBe(true);
  });

  test('a request starts the wait: nothing a minute before it ends, only the granted collection and months after', async () => {
    const w = await world();
    const record = await withRecord(w);
    const grant = await emergencyGrant(w, { access: 'write' });
    const asked = w.relay.clock.now();
    const releasesAt = asked + WAIT_HOURS * HOUR_MS;
    const waiting = { waitHours: WAIT_HOURS, state: 'waiting', requestedAt: asked, releasesAt, refusedAt: null };

    const reply = await ask(w, grant.id);
    expect(v.parse(api.EmergencyResponse, reply.body)).toEqual({ grant: grant.id, emergency: waiting });
    // Asking again while waiting changes nothing and logs nothing more.
    await setClock(w, w.relay.clock.now() + HOUR_MS);
    expect(emergencyOf(await ask(w, grant.id))).toEqual(waiting);
    expect(await ownersList(w)).toEqual([{ grant: grant.id, grantee: w.clinician.account, emergency: waiting }]);
    expect((await shared(w))[0]?.emergency).toEqual(waiting);

    await setClock(w, releasesAt - MINUTE);
    await expectHeldBack(w, new Date(releasesAt).toISOString());
    expectError(await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { month: w.month })]), 403, 'emergency-waiting');

    await setClock(w, releasesAt);
    const released = { ...waiting, state: 'released' };
    expect((await shared(w))[0]?.emergency).toEqual(released);
    expect(await ownersList(w)).toEqual([{ grant: grant.id, grantee: w.clinician.account, emergency: released }]);
    expect(await packagesOf(w)).toEqual(sortedByData(grant.packages));
    expect(await pulled(w)).toEqual([toBase64Url(record.inA)]);
    // Released, it is an ordinary write grant: the carer adds to the granted collection.
    const [a, b] = w.vault.collections;
    expect((await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { collection: a!, month: w.month })])).status).toBe(200);
    expectError(
      await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { collection: b!, month: w.month })]),
      403,
      'forbidden',
    );
    // A request once released changes nothing either.
    expect(emergencyOf(await ask(w, grant.id))).toEqual(released);

    const events = await accessLog(w);
    expect(events.filter((e) => e.kind === 'emergency-requested')).toEqual([
      { at: asked, kind: 'emergency-requested', actor: w.clinician.account, grant: grant.id, collections: [a!.id], count: 0, reason: null },
    ]);
    expect(events.slice(0, 3).map((e) => e.kind)).toEqual(['refused', 'write', 'fetch']);
  });

  test("the owner's refusal: idle again, nothing released after the wait; a new request starts a new wait", async () => {
    const w = await world();
    const record = await withRecord(w);
    const grant = await emergencyGrant(w);
    const [a] = w.vault.collections;
    const first = w.relay.clock.now();
    emergencyOf(await ask(w, grant.id));

    await setClock(w, w.relay.clock.now() + HOUR_MS);
    const refusedAt = w.relay.clock.now();
    const idle = { waitHours: WAIT_HOURS, state: 'idle', requestedAt: first, releasesAt: null, refusedAt };
    expect(v.parse(api.EmergencyResponse, (await refuse(w, grant.id)).body)).toEqual({ grant: grant.id, emergency: idle });
    expectError(await refuse(w, grant.id), 409, 'conflict');
    expect(await ownersList(w)).toEqual([{ grant: grant.id, grantee: w.clinician.account, emergency: idle }]);

    await setClock(w, first + WAIT_HOURS * HOUR_MS + 1);
    expect((await shared(w))[0]?.emergency).toEqual(idle);
    await expectHeldBack(w, 'ask for it first');

    const second = w.relay.clock.now();
    const releasesAt = second + WAIT_HOURS * HOUR_MS;
    expect(emergencyOf(await ask(w, grant.id))).toEqual({
      waitHours: WAIT_HOURS,
      state: 'waiting',
      requestedAt: second,
      releasesAt,
      refusedAt,
    });
    await setClock(w, releasesAt - MINUTE);
    await expectHeldBack(w, new Date(releasesAt).toISOString());
    await setClock(w, releasesAt);
    expect(await pulled(w)).toEqual([toBase64Url(record.inA)]);

    const events = (await accessLog(w)).filter((e) => e.kind.startsWith('emergency-'));
    const about = { actor: w.clinician.account, grant: grant.id, collections: [a!.id], count: 0, reason: null };
    expect(events).toEqual([
      { at: second, kind: 'emergency-requested', ...about },
      { at: refusedAt, kind: 'emergency-refused', ...about },
      { at: first, kind: 'emergency-requested', ...about },
    ]);
  });

  test("the same grantee's ordinary grant works as ever while the emergency grant waits", async () => {
    const w = await world();
    const record = await withRecord(w);
    const [a, b] = w.vault.collections;
    const ordinary = w.owner.issueGrant(w.vault, w.clinician, { collections: [b!] });
    expect((await publish(w, ordinary)).status).toBe(200);
    const grant = await emergencyGrant(w, { collections: [a!] });

    expect(await packagesOf(w)).toEqual(sortedByData(ordinary.grant.packages));
    expect(await pulled(w)).toEqual([toBase64Url(record.inB)]);
    expect((await shared(w)).map((g) => [g.grant, g.emergency?.state])).toEqual([
      [ordinary.grant.id, undefined],
      [grant.id, 'idle'],
    ]);
    expect((await shared(w))[0]).not.toHaveProperty('emergency');
    expect(await ownersList(w)).toEqual([expect.objectContaining({ grant: grant.id })]);

    emergencyOf(await ask(w, grant.id));
    await setClock(w, w.relay.clock.now() + WAIT_HOURS * HOUR_MS);
    expect(await packagesOf(w)).toEqual(sortedByData([...ordinary.grant.packages, ...grant.packages]));
    expect(await pulled(w)).toEqual([record.inA, record.inB].map(toBase64Url));
  });

  test('only the grantee asks and only the owner refuses; an ordinary grant has nothing to ask for', async () => {
    const w = await world();
    const grant = await emergencyGrant(w);
    const ordinary = w.owner.issueGrant(w.vault, w.clinician, { collections: [w.vault.collections[1]!] });
    expect((await publish(w, ordinary)).status).toBe(200);
    const mallory = TestPatient.create();
    const malloryToken = await register(w.relay, mallory);
    const before = await accessLog(w);

    expectError(await ask(w, grant.id, malloryToken), 403, 'forbidden');
    expectError(await refuse(w, grant.id, malloryToken), 403, 'forbidden');
    expectError(await get(w, malloryToken, '/v1/vaults/:vault/emergency'), 403, 'forbidden');
    expectError(await ask(w, grant.id, w.ownerToken), 403, 'forbidden');
    expect(await accessLog(w)).toEqual(before);

    expectError(await ask(w, 'ab'.repeat(16)), 404, 'not-found');
    expectError(await ask(w, 'not-a-grant'), 400, 'bad-request');
    expectError(await ask(w, ordinary.grant.id), 400, 'bad-request');
    expectError(await refuse(w, ordinary.grant.id), 400, 'bad-request');
    expectError(await refuse(w, 'ab'.repeat(16)), 404, 'not-found');
    expectError(
      await call(w.relay.app, 'POST', `/v1/vaults/${'0'.repeat(32)}/emergency/${grant.id}/request`, { token: w.clinicianToken }),
      404,
      'not-found',
    );
    // Nothing asked yet: nothing to refuse.
    expectError(await refuse(w, grant.id), 409, 'conflict');
    // A grantee neither refuses nor reads the list; each try is logged for the patient.
    expectError(await refuse(w, grant.id, w.clinicianToken), 403, 'forbidden');
    expectError(await get(w, w.clinicianToken, '/v1/vaults/:vault/emergency'), 403, 'forbidden');
    // Asking needs a registered device, as every change does.
    const authToken = await signIn(w.relay, w.clinician, 'auth');
    expectError(await ask(w, grant.id, authToken), 403, 'forbidden');

    expect((await accessLog(w)).slice(0, 2).map((e) => [e.kind, e.actor, e.reason])).toEqual([
      ['refused', w.clinician.account, 'a grantee tried to read the emergency requests'],
      ['refused', w.clinician.account, 'a grantee tried to refuse emergency access'],
    ]);
    expect((await ownersList(w))[0]?.emergency.state).toBe('idle');
  });

  test('revoking an emergency grant ends it, waiting or released: access-ended, and nothing left to ask or refuse', async () => {
    const w = await world();
    await withRecord(w);
    const grant = await emergencyGrant(w);
    emergencyOf(await ask(w, grant.id));
    await setClock(w, w.relay.clock.now() + WAIT_HOURS * HOUR_MS);
    expect(await pulled(w)).toHaveLength(1);

    expect((await publish(w, w.owner.revokeGrant(w.vault, grant.id))).status).toBe(200);
    for (const path of ['/v1/vaults/:vault/packages', '/v1/vaults/:vault/envelopes', '/v1/vaults/:vault/log']) {
      expectError(await get(w, w.clinicianToken, path), 403, 'access-ended');
    }
    expectError(await ask(w, grant.id), 403, 'access-ended');
    expectError(await refuse(w, grant.id), 409, 'conflict');
    expect(await shared(w)).toEqual([]);
    expect(await ownersList(w)).toEqual([]);

    // Waiting when revoked: the request goes nowhere either.
    const next = await emergencyGrant(w);
    emergencyOf(await ask(w, next.id));
    expect((await publish(w, w.owner.revokeGrant(w.vault, next.id))).status).toBe(200);
    await setClock(w, w.relay.clock.now() + WAIT_HOURS * HOUR_MS);
    expectError(await get(w, w.clinicianToken, '/v1/vaults/:vault/envelopes'), 403, 'access-ended');
    expect((await w.relay.store.listGrants(w.vault.id, w.clinician.account)).map((g) => g.revokedAt !== null)).toEqual([true, true]);
  });

  test('a grant still in force answers access-ended for an emergency grant of the same grantee that has ended', async () => {
    const w = await world();
    const ended = await emergencyGrant(w);
    expect((await publish(w, w.owner.revokeGrant(w.vault, ended.id))).status).toBe(200);
    await emergencyGrant(w);
    expectError(await ask(w, ended.id), 403, 'access-ended');
    expect((await accessLog(w))[0]).toMatchObject({
      kind: 'refused',
      actor: w.clinician.account,
      grant: ended.id,
      reason: 'asked for emergency access on a grant that has ended',
    });
  });
});
