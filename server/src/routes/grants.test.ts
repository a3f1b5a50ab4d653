/**
 * Grants on the relay (DESIGN §4 "Grants", "Revocation and expiry", "Transparency"): a patient
 * grants a clinician or carer (another real account) collections and months; the relay lets
 * the grantee read the control log, their own key packages and the envelopes of their grant,
 * write where the grant allows, and nothing once it is revoked or has ended — logging each
 * fetch, write and refusal for the patient. The stories run on each store: memory, SQLite and
 * (when DATABASE_URL is set) PostgreSQL.
 */
import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { ready, toBase64Url } from '@carekey/crypto';
import {
  MAX_REVOKED_WRITTEN,
  UNLISTED_WRITES,
  WRITE_HELD,
  WRITE_HOLD_MS,
  api,
  signControlStatement,
  statementWireHash,
} from '@carekey/protocol';
import { TestPatient, type TestLogAppend } from '../test-actors.ts';
import { WRITE_HELD_REASON } from './envelopes.ts';
import { call, register, signIn } from '../test-app.ts';
import {
  accessLog,
  appendEnvelopes,
  expectError,
  get,
  makeWorld,
  publish,
  sortedByData,
  storedSeqs,
  testStores,
  type World,
} from '../test-world.ts';

await ready();

const STORES = testStores('grants');

describe.each(STORES)('grants on the %s store', (_name, openStore) => {
  const world = async () => makeWorld(await openStore());

  describe('a grant to read', () => {
    test('the grantee reads the log, their packages and the shared list, and pulls only the granted collections and months', async () => {
      const w = await world();
      const [a, b] = w.vault.collections;
      const before = w.owner.seal(w.vault, { collection: a!, month: 202512 });
      const inA = w.owner.seal(w.vault, { collection: a!, month: w.month });
      const inB = w.owner.seal(w.vault, { collection: b!, month: w.month });
      expect((await appendEnvelopes(w, w.ownerToken, [before, inA, inB])).status).toBe(200);

      const issued = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!], notBefore: 202601, lastMonth: 202603 });
      const published = await publish(w, issued);
      expect(published.status).toBe(200);
      expect(v.parse(api.AppendLogResponse, published.body)).toEqual({ head: { seq: 2, hash: statementWireHash(issued.statement) } });

      const log = await get(w, w.clinicianToken, '/v1/vaults/:vault/log');
      expect(log.status).toBe(200);
      expect(v.parse(api.LogResponse, log.body).statements).toEqual(w.vault.log);

      const packages = await get(w, w.clinicianToken, '/v1/vaults/:vault/packages');
      expect(packages.status).toBe(200);
      expect(sortedByData(v.parse(api.PackagesResponse, packages.body).packages)).toEqual(sortedByData(issued.grant.packages));

      const shared = await call(w.relay.app, 'GET', '/v1/shared', { token: w.clinicianToken });
      expect(v.parse(api.SharedResponse, shared.body)).toEqual({
        grants: [
          {
            vault: w.vault.id,
            owner: w.owner.account,
            grant: issued.grant.id,
            collections: [a!.id],
            access: 'read',
            notAfter: issued.grant.clear.notAfter,
          },
        ],
      });
      expect(v.parse(api.SharedResponse, (await call(w.relay.app, 'GET', '/v1/shared', { token: w.ownerToken })).body)).toEqual({
        grants: [],
      });

      const pulled = await get(w, w.clinicianToken, '/v1/vaults/:vault/envelopes');
      expect(v.parse(api.PullResponse, pulled.body)).toEqual({ envelopes: [{ seq: 2, data: toBase64Url(inA) }], cursor: '2', more: false });
      // Nothing granted after the cursor: the cursor stays, and nothing more is logged.
      expect(v.parse(api.PullResponse, (await get(w, w.clinicianToken, '/v1/vaults/:vault/envelopes?after=2')).body)).toEqual({
        envelopes: [],
        cursor: '2',
        more: false,
      });
      // The owner still pulls everything.
      expect(v.parse(api.PullResponse, (await get(w, w.ownerToken, '/v1/vaults/:vault/envelopes')).body).envelopes).toHaveLength(3);

      expect(await accessLog(w)).toEqual([
        {
          at: w.relay.clock.now(),
          kind: 'fetch',
          actor: w.clinician.account,
          grant: issued.grant.id,
          collections: [a!.id],
          count: 1,
          reason: null,
        },
        {
          at: w.relay.clock.now(),
          kind: 'grant-issued',
          actor: w.clinician.account,
          grant: issued.grant.id,
          collections: [a!.id],
          count: 0,
          reason: null,
        },
      ]);
    });

    test('each grantee gets only the packages of their own grants; the owner gets all', async () => {
      const w = await world();
      const [a, b] = w.vault.collections;
      const carer = TestPatient.create();
      const carerToken = await register(w.relay, carer);
      const first = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!] });
      expect((await publish(w, first)).status).toBe(200);
      const second = w.owner.issueGrant(w.vault, carer, { collections: [a!, b!], access: 'write' });
      expect((await publish(w, second)).status).toBe(200);

      const packagesOf = async (token: string) =>
        sortedByData(v.parse(api.PackagesResponse, (await get(w, token, '/v1/vaults/:vault/packages')).body).packages);
      expect(await packagesOf(w.clinicianToken)).toEqual(sortedByData(first.grant.packages));
      expect(await packagesOf(carerToken)).toEqual(sortedByData(second.grant.packages));
      expect(await packagesOf(w.ownerToken)).toEqual(sortedByData([...first.grant.packages, ...second.grant.packages]));
      expect((await w.relay.store.listGrants(w.vault.id)).map((g) => [g.grantee, g.access])).toEqual([
        [w.clinician.account, 'read'],
        [carer.account, 'write'],
      ]);
    });

    test('a read-only grantee cannot write: 403, nothing stored, the refusal logged', async () => {
      const w = await world();
      const issued = w.owner.issueGrant(w.vault, w.clinician);
      await publish(w, issued);
      const reply = await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { month: w.month })]);
      expectError(reply, 403, 'forbidden');
      expect(await storedSeqs(w)).toEqual([]);
      expect((await accessLog(w))[0]).toMatchObject({
        kind: 'refused',
        actor: w.clinician.account,
        grant: issued.grant.id,
        reason: 'write with a read-only grant',
      });
    });

    test('owner and grantee can read each other’s account card and device log', async () => {
      const w = await world();
      await publish(w, w.owner.issueGrant(w.vault, w.clinician));
      const owner = await call(w.relay.app, 'GET', `/v1/accounts/${w.owner.account}`, { token: w.clinicianToken });
      expect(v.parse(api.AccountResponse, owner.body)).toEqual({ card: w.owner.card, devices: w.owner.deviceLog });
      const clinician = await call(w.relay.app, 'GET', `/v1/accounts/${w.clinician.account}`, { token: w.ownerToken });
      expect(v.parse(api.AccountResponse, clinician.body)).toEqual({ card: w.clinician.card, devices: w.clinician.deviceLog });
    });
  });

  describe('a grant to write', () => {
    test('the grantee appends to a granted collection with their own device; anything else refuses the whole batch', async () => {
      const w = await world();
      const [a, b] = w.vault.collections;
      const issued = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!], access: 'write' });
      await publish(w, issued);

      const first = w.clinician.seal(w.vault, { collection: a!, month: w.month });
      const ok = await appendEnvelopes(w, w.clinicianToken, [first]);
      expect(ok.status).toBe(200);
      expect(v.parse(api.AppendEnvelopesResponse, ok.body).results).toMatchObject([{ seq: 1, duplicate: false }]);
      // The same batch again stores nothing new and logs no second write.
      const again = await appendEnvelopes(w, w.clinicianToken, [first]);
      expect(v.parse(api.AppendEnvelopesResponse, again.body).results).toMatchObject([{ seq: 1, duplicate: true }]);

      const good = w.clinician.seal(w.vault, { collection: a!, month: w.month });
      const notGranted = await appendEnvelopes(w, w.clinicianToken, [good, w.clinician.seal(w.vault, { collection: b!, month: w.month })]);
      expectError(notGranted, 403, 'forbidden');
      const tooEarly = await appendEnvelopes(w, w.clinicianToken, [good, w.clinician.seal(w.vault, { collection: a!, month: 202512 })]);
      expectError(tooEarly, 403, 'forbidden');
      // Signed by a device of another account (the owner's): not the grantee's to send.
      const notTheirs = await appendEnvelopes(w, w.clinicianToken, [w.owner.seal(w.vault, { collection: a!, month: w.month })]);
      expectError(notTheirs, 403, 'unknown-device');
      expect(await storedSeqs(w)).toEqual([1]);

      const events = await accessLog(w);
      expect(events.map((e) => [e.kind, e.reason, e.collections, e.count])).toEqual([
        ['refused', 'write to a month outside the grant', [a!.id], 0],
        ['refused', 'write to a collection not granted', [b!.id], 0],
        ['write', null, [a!.id], 1],
        ['grant-issued', null, [a!.id], 0],
      ]);
      expect(events.every((e) => e.actor === w.clinician.account)).toBe(true);
      expect(events[0]?.grant).toBe(issued.grant.id);
      expect(events[2]?.grant).toBe(issued.grant.id);
    });

    test('an auth-key session of a grantee may read but not write', async () => {
      const w = await world();
      await publish(w, w.owner.issueGrant(w.vault, w.clinician, { access: 'write' }));
      const token = await signIn(w.relay, w.clinician, 'auth');
      expect((await get(w, token, '/v1/vaults/:vault/envelopes')).status).toBe(200);
      expectError(await appendEnvelopes(w, token, [w.clinician.seal(w.vault, { month: w.month })]), 403, 'forbidden');
    });
  });

  describe('revocation and expiry', () => {
    test('after revocation the grantee gets access-ended everywhere; appends under the old epoch are refused', async () => {
      const w = await world();
      const [a] = w.vault.collections;
      const carer = TestPatient.create();
      const carerToken = await register(w.relay, carer);
      const revoked = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!], access: 'write' });
      await publish(w, revoked);
      const kept = w.owner.issueGrant(w.vault, carer, { collections: [a!], access: 'write' });
      await publish(w, kept);
      const oldVault = w.vault;
      const written = await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { collection: a!, month: w.month })]);
      const writtenHash = v.parse(api.AppendEnvelopesResponse, written.body).results[0]!.hash;

      const revocation = w.owner.revokeGrant(w.vault, revoked.grant.id, [writtenHash]);
      expect(revocation.packages.map((p) => p.grant)).toEqual([kept.grant.id]);
      expect((await publish(w, revocation)).status).toBe(200);
      expect((await w.relay.store.getVault(w.vault.id))?.collections.find((c) => c.id === a!.id)?.epoch).toBe(2);

      const relisted = w.clinician.seal(w.vault, { collection: a!, month: w.month });
      expectError(await get(w, w.clinicianToken, '/v1/vaults/:vault/envelopes'), 403, 'access-ended');
      expectError(await get(w, w.clinicianToken, '/v1/vaults/:vault/log'), 403, 'access-ended');
      expectError(await get(w, w.clinicianToken, '/v1/vaults/:vault/packages'), 403, 'access-ended');
      expectError(await appendEnvelopes(w, w.clinicianToken, [relisted]), 403, 'access-ended');
      expect(v.parse(api.SharedResponse, (await call(w.relay.app, 'GET', '/v1/shared', { token: w.clinicianToken })).body)).toEqual({
        grants: [],
      });

      // The grant left holds the new epoch's keys; under the old epoch nobody appends any more.
      const carerPackages = v.parse(api.PackagesResponse, (await get(w, carerToken, '/v1/vaults/:vault/packages')).body).packages;
      expect(sortedByData(carerPackages)).toEqual(sortedByData([...kept.grant.packages, ...revocation.packages]));
      expectError(
        await appendEnvelopes(w, carerToken, [carer.seal(oldVault, { collection: oldVault.collections[0]!, month: w.month })]),
        409,
        'conflict',
      );
      expectError(
        await appendEnvelopes(w, w.ownerToken, [w.owner.seal(oldVault, { collection: oldVault.collections[0]!, month: w.month })]),
        409,
        'conflict',
      );
      expect(
        (await appendEnvelopes(w, carerToken, [carer.seal(w.vault, { collection: w.vault.collections[0]!, month: w.month })])).status,
      ).toBe(200);

      const events = await accessLog(w);
      const refusals = events.filter((e) => e.kind === 'refused');
      expect(refusals).toHaveLength(4);
      expect(refusals.every((e) => e.actor === w.clinician.account && e.grant === revoked.grant.id && e.reason === 'grant revoked')).toBe(
        true,
      );
      expect(events.find((e) => e.kind === 'grant-revoked')).toEqual({
        at: w.relay.clock.now(),
        kind: 'grant-revoked',
        actor: w.clinician.account,
        grant: revoked.grant.id,
        collections: [a!.id],
        count: 0,
        reason: null,
      });
      expect((await w.relay.store.listGrants(w.vault.id, w.clinician.account))[0]?.revokedAt).not.toBeNull();
    });

    test('a revocation of a writer must list every entry the relay holds from them, or nothing is appended', async () => {
      const w = await world();
      const [a, b] = w.vault.collections;
      const issued = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!], access: 'write' });
      await publish(w, issued);
      const hashesOf = (reply: { body: unknown }) => v.parse(api.AppendEnvelopesResponse, reply.body).results.map((r) => r.hash);
      const [seen, late] = hashesOf(
        await appendEnvelopes(w, w.clinicianToken, [
          w.clinician.seal(w.vault, { collection: a!, month: w.month }),
          w.clinician.seal(w.vault, { collection: a!, month: w.month }),
        ]),
      );
      // The owner's own entries, and those in collections the grant does not cover, are not the writer's to list.
      await appendEnvelopes(w, w.ownerToken, [
        w.owner.seal(w.vault, { collection: a!, month: w.month }),
        w.owner.seal(w.vault, { collection: b!, month: w.month }),
      ]);

      // The patient's device pulled before the last entry arrived: it lists only the first.
      const reply = await publish(w, w.owner.revokeGrant(w.vault, issued.grant.id, [seen!]));
      expectError(reply, 409, 'conflict');
      expect(reply.body.error?.message.startsWith(UNLISTED_WRITES)).toBe(true);
      expect(await w.relay.store.readControlLog(w.vault.id, 0)).toHaveLength(2);
      expect((await w.relay.store.getVault(w.vault.id))?.collections.find((c) => c.id === a!.id)?.epoch).toBe(1);
      expect((await w.relay.store.listGrants(w.vault.id, w.clinician.account))[0]?.revokedAt).toBeNull();
      expect((await accessLog(w)).some((e) => e.kind === 'grant-revoked')).toBe(false);
      // Still in force: the writer keeps reading.
      expect((await get(w, w.clinicianToken, '/v1/vaults/:vault/envelopes')).status).toBe(200);

      // Built again after a pull, listing both: accepted.
      expect((await publish(w, w.owner.revokeGrant(w.vault, issued.grant.id, [late!, seen!]))).status).toBe(200);
      expect((await w.relay.store.listGrants(w.vault.id, w.clinician.account))[0]?.revokedAt).not.toBeNull();
    });

    test("a read-only grant's revocation lists nothing and is not checked, even when the same person writes under another grant", async () => {
      const w = await world();
      const [a] = w.vault.collections;
      const writing = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!], access: 'write' });
      await publish(w, writing);
      const reading = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!] });
      await publish(w, reading);
      expect((await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { collection: a!, month: w.month })])).status).toBe(
        200,
      );
      expect((await publish(w, w.owner.revokeGrant(w.vault, reading.grant.id))).status).toBe(200);
    });

    test(`a revocation whose list is already at ${MAX_REVOKED_WRITTEN} entries cannot list more, and is accepted`, async () => {
      const w = await world();
      const [a] = w.vault.collections;
      const issued = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!], access: 'write' });
      await publish(w, issued);
      expect((await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { collection: a!, month: w.month })])).status).toBe(
        200,
      );
      const full = Array.from({ length: MAX_REVOKED_WRITTEN }, () => toBase64Url(crypto.getRandomValues(new Uint8Array(32))));
      expect((await publish(w, w.owner.revokeGrant(w.vault, issued.grant.id, full))).status).toBe(200);
      const current = w.vault.collections[0]!;
      const short = w.owner.issueGrant(w.vault, w.clinician, { collections: [current], access: 'write' });
      await publish(w, short);
      expect(
        (await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { collection: current, month: w.month })])).status,
      ).toBe(200);
      // One short of the cap is checked again (the first entry, under the earlier grant, is theirs too).
      expectError(await publish(w, w.owner.revokeGrant(w.vault, short.grant.id, full.slice(1))), 409, 'conflict');
    });

    test(`a refused revocation holds that writer's appends to the vault for ${WRITE_HOLD_MS / 60_000} minutes: refused, logged, nothing stored`, async () => {
      const w = await world();
      const [a, b] = w.vault.collections;
      const carer = TestPatient.create();
      const carerToken = await register(w.relay, carer);
      const issued = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!], access: 'write' });
      await publish(w, issued);
      await publish(w, w.owner.issueGrant(w.vault, carer, { collections: [a!, b!], access: 'write' }));
      const clinicianWrites = (collection = a!) =>
        appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { collection, month: w.month })]);
      expect((await clinicianWrites()).status).toBe(200);

      // The patient's device pulled before that entry: the revocation leaves it out, and is refused.
      expectError(await publish(w, w.owner.revokeGrant(w.vault, issued.grant.id, [])), 409, 'conflict');
      const stored = await storedSeqs(w);

      const held = await clinicianWrites();
      expectError(held, 409, 'conflict');
      expect(held.body.error?.message).toBe(`${WRITE_HELD} the record's owner is changing your access; nothing was added`);
      expect(await storedSeqs(w)).toEqual(stored);
      expect((await accessLog(w))[0]).toEqual({
        at: w.relay.clock.now(),
        kind: 'refused',
        actor: w.clinician.account,
        grant: issued.grant.id,
        collections: [a!.id],
        count: 0,
        reason: WRITE_HELD_REASON,
      });
      // The writer still reads; someone else with write access still writes.
      expect((await get(w, w.clinicianToken, '/v1/vaults/:vault/envelopes')).status).toBe(200);
      expect((await appendEnvelopes(w, carerToken, [carer.seal(w.vault, { collection: a!, month: w.month })])).status).toBe(200);
      // And the owner.
      expect((await appendEnvelopes(w, w.ownerToken, [w.owner.seal(w.vault, { collection: a!, month: w.month })])).status).toBe(200);

      w.relay.clock.advance(WRITE_HOLD_MS - 1);
      expectError(await clinicianWrites(), 409, 'conflict');
      // It simply ends.
      w.relay.clock.advance(1);
      expect((await clinicianWrites()).status).toBe(200);
    });

    test('only a revocation refused for leaving out their entries holds a writer', async () => {
      const w = await world();
      const [a, b] = w.vault.collections;
      const first = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!], access: 'write' });
      await publish(w, first);
      const second = w.owner.issueGrant(w.vault, w.clinician, { collections: [b!], access: 'write' });
      await publish(w, second);
      const written = v
        .parse(
          api.AppendEnvelopesResponse,
          (await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { collection: a!, month: w.month })])).body,
        )
        .results.map((r) => r.hash);
      const clinicianWrites = () => appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { collection: b!, month: w.month })]);

      // A revocation on top of a stale head is refused for that, and holds no one.
      const stale = w.owner.revokeGrant(w.vault, first.grant.id, written);
      const prev = statementWireHash(w.vault.log.at(-2)!);
      const moved = await call(w.relay.app, 'POST', `/v1/vaults/${w.vault.id}/log`, {
        token: w.ownerToken,
        body: { prev, statements: [stale.statement], packages: stale.packages },
      });
      expectError(moved, 409, 'conflict');
      expect((await clinicianWrites()).status).toBe(200);

      // The grantee trying to change the log themselves: refused, and holds no one.
      const own = await call(w.relay.app, 'POST', `/v1/vaults/${w.vault.id}/log`, {
        token: w.clinicianToken,
        body: { prev: statementWireHash(w.vault.log.at(-1)!), statements: [stale.statement], packages: [] },
      });
      expect(own.status).toBeGreaterThanOrEqual(400);
      expect((await clinicianWrites()).status).toBe(200);

      // A revocation that lists everything goes through and holds no one: the other grant still writes.
      expect((await publish(w, w.owner.revokeGrant(w.vault, first.grant.id, written))).status).toBe(200);
      const current = w.vault.collections.find((c) => c.id === b!.id)!;
      expect(
        (await appendEnvelopes(w, w.clinicianToken, [w.clinician.seal(w.vault, { collection: current, month: w.month })])).status,
      ).toBe(200);
      expect((await accessLog(w)).some((e) => e.reason === WRITE_HELD_REASON)).toBe(false);
    });

    test('a grant ends at the last millisecond of its last month (on the relay clock)', async () => {
      const w = await world();
      const issued = w.owner.issueGrant(w.vault, w.clinician, { lastMonth: 202602 });
      await publish(w, issued);
      const notAfter = issued.grant.clear.notAfter;
      w.relay.clock.set(notAfter - 1000);
      const token = await signIn(w.relay, w.clinician, w.clinician.firstDevice);
      expect((await get(w, token, '/v1/vaults/:vault/envelopes')).status).toBe(200);
      w.relay.clock.set(notAfter);
      expect((await get(w, token, '/v1/vaults/:vault/log')).status).toBe(200);
      w.relay.clock.set(notAfter + 1);
      const ended = await get(w, token, '/v1/vaults/:vault/envelopes');
      expectError(ended, 403, 'access-ended');
      expect(ended.body.error?.message).toContain('2026-02-28');
      expect(v.parse(api.SharedResponse, (await call(w.relay.app, 'GET', '/v1/shared', { token })).body)).toEqual({ grants: [] });
      const ownerToken = await signIn(w.relay, w.owner, w.owner.firstDevice);
      const events = v.parse(api.AccessLogResponse, (await get(w, ownerToken, '/v1/vaults/:vault/access-log')).body).events;
      expect(events[0]).toEqual({
        at: notAfter + 1,
        kind: 'refused',
        actor: w.clinician.account,
        grant: issued.grant.id,
        collections: [],
        count: 0,
        reason: 'grant ended',
      });
    });
  });

  describe('key packages must be exactly those the statements list', () => {
    async function refused(w: World, append: TestLogAppend, packages: readonly api.KeyPackageWire[], code: string) {
      const reply = await publish(w, append, packages);
      expectError(reply, 400, code);
      expect(await w.relay.store.readControlLog(w.vault.id, 0)).toHaveLength(1);
      expect(await w.relay.store.listGrants(w.vault.id)).toEqual([]);
      expect(await w.relay.store.listKeyPackages(w.vault.id)).toEqual([]);
      expect(await w.relay.store.readAccessLog(w.vault.id, 10)).toEqual([]);
    }

    test('a package whose hash is not listed', async () => {
      const w = await world();
      const issued = w.owner.issueGrant(w.vault, w.clinician);
      const stranger = w.owner.issueGrant(w.vault, w.clinician).grant.packages[0]!;
      await refused(w, issued, [...issued.packages, { grant: issued.grant.id, data: stranger.data }], 'integrity');
    });

    test('a listed package under another grant', async () => {
      const w = await world();
      const issued = w.owner.issueGrant(w.vault, w.clinician);
      const [first, ...rest] = issued.packages;
      await refused(w, issued, [{ grant: 'ab'.repeat(16), data: first!.data }, ...rest], 'integrity');
    });

    test('a listed hash without its package', async () => {
      const w = await world();
      const issued = w.owner.issueGrant(w.vault, w.clinician);
      await refused(w, issued, issued.packages.slice(1), 'bad-request');
      await refused(w, issued, [], 'bad-request');
    });

    test('a package sent twice', async () => {
      const w = await world();
      const issued = w.owner.issueGrant(w.vault, w.clinician);
      await refused(w, issued, [...issued.packages, issued.packages[0]!], 'bad-request');
    });

    test('packages beside statements that list none', async () => {
      const w = await world();
      const issued = w.owner.issueGrant(w.vault, w.clinician);
      expect((await publish(w, issued)).status).toBe(200);
      const revocation = w.owner.revokeGrant(w.vault, issued.grant.id);
      const reply = await publish(w, revocation, issued.packages.slice(0, 1));
      expectError(reply, 400, 'integrity');
      expect(await w.relay.store.readControlLog(w.vault.id, 0)).toHaveLength(2);
    });
  });

  describe('who else may look', () => {
    test('a stranger is forbidden everywhere and nothing is logged', async () => {
      const w = await world();
      await publish(w, w.owner.issueGrant(w.vault, w.clinician));
      const mallory = TestPatient.create();
      const token = await register(w.relay, mallory);
      const before = await w.relay.store.readAccessLog(w.vault.id, 100);
      for (const path of [
        '/v1/vaults/:vault/log',
        '/v1/vaults/:vault/envelopes',
        '/v1/vaults/:vault/packages',
        '/v1/vaults/:vault/access-log',
      ]) {
        expectError(await get(w, token, path), 403, 'forbidden');
      }
      expectError(await appendEnvelopes(w, token, [mallory.seal(w.vault, { month: w.month })]), 403, 'forbidden');
      expect(v.parse(api.SharedResponse, (await call(w.relay.app, 'GET', '/v1/shared', { token })).body)).toEqual({ grants: [] });
      expect(await w.relay.store.readAccessLog(w.vault.id, 100)).toEqual(before);
      expectError(await get(w, token, `/v1/vaults/${'0'.repeat(32)}/packages`), 404, 'not-found');
    });

    test('only the owner changes the control log and reads the access log; a grantee who tries is logged', async () => {
      const w = await world();
      const issued = w.owner.issueGrant(w.vault, w.clinician);
      await publish(w, issued);
      expectError(await get(w, w.clinicianToken, '/v1/vaults/:vault/access-log'), 403, 'forbidden');
      const next = w.owner.issueGrant(w.vault, w.clinician);
      const write = await call(w.relay.app, 'POST', `/v1/vaults/${w.vault.id}/log`, {
        token: w.clinicianToken,
        body: { prev: statementWireHash(w.vault.log.at(-1)!), statements: [next.statement], packages: next.packages },
      });
      expectError(write, 403, 'forbidden');
      expect((await accessLog(w)).map((e) => e.reason)).toEqual([
        'a grantee tried to change the control log',
        'a grantee tried to read the access log',
        null,
      ]);
    });

    test('a grantee with write access who is no co-owner cannot append even a statement they signed themselves', async () => {
      const w = await world();
      const issued = w.owner.issueGrant(w.vault, w.clinician, { access: 'write', lastMonth: 203012 });
      await publish(w, issued);
      const own = signControlStatement(
        {
          v: 1,
          vault: w.vault.id,
          seq: 3,
          prev: statementWireHash(w.vault.log.at(-1)!),
          time: w.relay.clock.now(),
          author: w.clinician.account,
          type: 'entries-confirmed',
          entries: [toBase64Url(new Uint8Array(32).fill(1))],
        },
        w.clinician.identity.secretKey,
      );
      const write = await call(w.relay.app, 'POST', `/v1/vaults/${w.vault.id}/log`, {
        token: w.clinicianToken,
        body: { prev: statementWireHash(w.vault.log.at(-1)!), statements: [own], packages: [] },
      });
      expectError(write, 403, 'forbidden');
      expect(await w.relay.store.readControlLog(w.vault.id, 0)).toHaveLength(2);
      expect((await accessLog(w))[0]).toMatchObject({
        kind: 'refused',
        grant: issued.grant.id,
        reason: 'a grantee tried to change the control log',
      });
    });

    test('the access log is newest first, 500 at most by default, as many as asked', async () => {
      const w = await world();
      const issued = w.owner.issueGrant(w.vault, w.clinician);
      await publish(w, issued);
      await appendEnvelopes(w, w.ownerToken, [w.owner.seal(w.vault, { month: w.month })]);
      for (let i = 0; i < 3; i++) {
        w.relay.clock.advance(1000);
        await get(w, w.clinicianToken, '/v1/vaults/:vault/envelopes');
      }
      const events = await accessLog(w);
      expect(events.map((e) => e.kind)).toEqual(['fetch', 'fetch', 'fetch', 'grant-issued']);
      expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort((x, y) => y - x));
      expect(await accessLog(w, '?limit=2')).toEqual(events.slice(0, 2));
      expect(await accessLog(w, '?limit=9999')).toEqual(events);
      expectError(await get(w, w.ownerToken, '/v1/vaults/:vault/access-log?limit=0'), 400, 'bad-request');
      expectError(await get(w, w.ownerToken, '/v1/vaults/:vault/access-log?limit=x'), 400, 'bad-request');

      await w.relay.store.appendAccessEvents(
        w.vault.id,
        Array.from({ length: 520 }, (_, i) => ({ ...events[0]!, count: i })),
      );
      const all = await accessLog(w);
      expect(all).toHaveLength(500);
      expect(all[0]?.count).toBe(519);
    });
  });
});
