/**
 * Removing the envelopes a re-encryption replaced (DESIGN §4 "Revocation and expiry",
 * `POST /v1/vaults/:vault/envelopes/replaced`): after the patient stops a clinician's access,
 * their device re-encrypts the old envelopes under the new epoch and asks the relay to delete
 * the originals. Only the owner may; every pair is checked before anything is removed. The
 * stories run on each store: memory, SQLite and (when DATABASE_URL is set) PostgreSQL.
 */
import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { ready, toBase64Url } from '@carekey/crypto';
import { MAX_BATCH_ENVELOPES, api, indexEnvelope } from '@carekey/protocol';
import type { RelayStore } from '../store/types.ts';
import { TestPatient, type TestGrant, type TestVault } from '../test-actors.ts';
import { call, register, signIn, type Reply } from '../test-app.ts';
import { accessLog, appendEnvelopes, expectError, get, makeWorld, publish, storedSeqs, testStores, type World } from '../test-world.ts';

await ready();

const STORES = testStores('replaced');

/** The hash the relay knows an envelope by. */
function hashOf(envelope: Uint8Array): string {
  return indexEnvelope(envelope).hash;
}

/** Asks the relay to remove originals, each replaced by the envelope `by`. */
function removeReplaced(
  w: World,
  token: string,
  pairs: ReadonlyArray<readonly [Uint8Array | string, Uint8Array | string]>,
): Promise<Reply> {
  const hash = (e: Uint8Array | string) => (typeof e === 'string' ? e : hashOf(e));
  const replaced = pairs.map(([envelope, by]) => ({ envelope: hash(envelope), by: hash(by) }));
  return call(w.relay.app, 'POST', `/v1/vaults/${w.vault.id}/envelopes/replaced`, { token, body: { replaced } });
}

/** Appends envelopes and expects them stored. */
async function stored(w: World, token: string, envelopes: readonly Uint8Array[]): Promise<void> {
  const reply = await appendEnvelopes(w, token, envelopes);
  expect(reply.status, reply.text).toBe(200);
}

/**
 * A record after the patient stopped a clinician's access to both collections, with a carer
 * who keeps write access to the first:
 *
 * ```
 * seq 1  original     owner      a  epoch 1
 * seq 2  written      clinician  a  epoch 1
 * seq 3  other        owner      b  epoch 1
 * (revocation: a and b move to epoch 2)
 * seq 4  replacement of seq 1    a  epoch 2
 * seq 5  replacement of seq 2    a  epoch 2
 * seq 6  current      owner      a  epoch 2   (a new entry, never to be removed)
 * ```
 */
interface Revoked {
  readonly w: World;
  readonly carer: TestPatient;
  readonly carerToken: string;
  readonly carerGrant: TestGrant;
  /** The vault as the owner held it before the revocation (epoch 1). */
  readonly before: TestVault;
  readonly original: Uint8Array;
  readonly written: Uint8Array;
  readonly other: Uint8Array;
  readonly replacesOriginal: Uint8Array;
  readonly replacesWritten: Uint8Array;
  readonly current: Uint8Array;
}

async function revokedWorld(store: RelayStore): Promise<Revoked> {
  const w = await makeWorld(store);
  const [a, b] = w.vault.collections;
  const carer = TestPatient.create();
  const carerToken = await register(w.relay, carer);
  const stopped = w.owner.issueGrant(w.vault, w.clinician, { collections: [a!, b!], access: 'write' });
  expect((await publish(w, stopped)).status).toBe(200);
  const kept = w.owner.issueGrant(w.vault, carer, { collections: [a!], access: 'write' });
  expect((await publish(w, kept)).status).toBe(200);

  const before = w.vault;
  const original = w.owner.seal(w.vault, { collection: a!, month: w.month });
  await stored(w, w.ownerToken, [original]);
  const written = w.clinician.seal(w.vault, { collection: a!, month: w.month });
  await stored(w, w.clinicianToken, [written]);
  const other = w.owner.seal(w.vault, { collection: b!, month: w.month });
  await stored(w, w.ownerToken, [other]);

  expect((await publish(w, w.owner.revokeGrant(w.vault, stopped.grant.id, [hashOf(written)]))).status).toBe(200);
  const replacesOriginal = w.owner.reseal(w.vault, original);
  const replacesWritten = w.owner.reseal(w.vault, written);
  const current = w.owner.seal(w.vault, { collection: w.vault.collections[0]!, month: w.month });
  await stored(w, w.ownerToken, [replacesOriginal, replacesWritten, current]);
  expect(await storedSeqs(w)).toEqual([1, 2, 3, 4, 5, 6]);
  return { w, carer, carerToken, carerGrant: kept.grant, before, original, written, other, replacesOriginal, replacesWritten, current };
}

/** What the vault's owner pulls: seq and bytes. */
async function pulled(w: World): Promise<api.PullResponse> {
  const reply = await get(w, w.ownerToken, '/v1/vaults/:vault/envelopes');
  expect(reply.status).toBe(200);
  return v.parse(api.PullResponse, reply.body);
}

describe.each(STORES)('removing replaced envelopes on the %s store', (_name, openStore) => {
  const world = async () => revokedWorld(await openStore());

  test('the owner removes the originals once their replacements are stored; seqs stay, and appends continue', async () => {
    const r = await revokedWorld(await openStore());
    const { w } = r;
    const events = await accessLog(w);

    const reply = await removeReplaced(w, w.ownerToken, [
      [r.original, r.replacesOriginal],
      [r.written, r.replacesWritten],
    ]);
    expect(reply.status, reply.text).toBe(200);
    expect(v.parse(api.RemoveReplacedResponse, reply.body)).toEqual({ removed: 2 });

    expect(await pulled(w)).toEqual({
      envelopes: [
        { seq: 3, data: toBase64Url(r.other) },
        { seq: 4, data: toBase64Url(r.replacesOriginal) },
        { seq: 5, data: toBase64Url(r.replacesWritten) },
        { seq: 6, data: toBase64Url(r.current) },
      ],
      cursor: '6',
      more: false,
    });
    // Paging steps over the hole.
    const first = v.parse(api.PullResponse, (await get(w, w.ownerToken, '/v1/vaults/:vault/envelopes?limit=1')).body);
    expect(first).toEqual({ envelopes: [{ seq: 3, data: toBase64Url(r.other) }], cursor: '3', more: true });
    // The carer, still granted the first collection, no longer pulls the originals either.
    const carerPull = v.parse(api.PullResponse, (await get(w, r.carerToken, '/v1/vaults/:vault/envelopes')).body);
    expect(carerPull.envelopes.map((e) => e.seq)).toEqual([4, 5, 6]);

    // Asking again is done already: nothing more goes.
    const again = await removeReplaced(w, w.ownerToken, [
      [r.original, r.replacesOriginal],
      [r.written, r.replacesWritten],
    ]);
    expect(again.status, again.text).toBe(200);
    expect(again.body).toEqual({ removed: 0 });

    const later = await appendEnvelopes(w, w.ownerToken, [w.owner.seal(w.vault, { month: w.month })]);
    expect(v.parse(api.AppendEnvelopesResponse, later.body).results).toMatchObject([{ seq: 7, duplicate: false }]);
    expect(await storedSeqs(w)).toEqual([3, 4, 5, 6, 7]);
    // Nobody's access: nothing for the access log but the carer's own pull above.
    const after = await accessLog(w);
    expect(after.slice(1)).toEqual(events);
    expect(after[0]).toMatchObject({ kind: 'fetch', actor: r.carer.account, count: 3 });
  });

  describe('refused, and nothing is removed', () => {
    /** Sends a good pair and then `bad`; expects the refusal and every envelope still stored. */
    async function refused(
      r: Revoked,
      bad: readonly [Uint8Array | string, Uint8Array | string],
      status: number,
      code: string,
      message?: RegExp,
    ): Promise<Reply> {
      const reply = await removeReplaced(r.w, r.w.ownerToken, [[r.original, r.replacesOriginal], bad]);
      expectError(reply, status, code);
      if (message) expect(reply.body.error?.message).toMatch(message);
      expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6]);
      return reply;
    }

    test('a replacement the relay does not hold', async () => {
      const r = await world();
      await refused(r, [r.written, r.w.owner.reseal(r.w.vault, r.written)], 400, 'bad-request', /^pair 1: .* is not stored/);
    });

    test('an envelope named as its own replacement', async () => {
      const r = await world();
      await refused(r, [r.replacesWritten, r.replacesWritten], 400, 'bad-request', /^pair 1: .*cannot replace itself/);
    });

    test('a replacement under an epoch that is no longer current', async () => {
      const r = await world();
      // The carer's access stops too: the first collection moves on to epoch 3.
      expect((await publish(r.w, r.w.owner.revokeGrant(r.w.vault, r.carerGrant.id))).status).toBe(200);
      const reply = await removeReplaced(r.w, r.w.ownerToken, [[r.written, r.replacesWritten]]);
      expectError(reply, 409, 'conflict');
      expect(reply.body.error?.message).toMatch(/epoch 2; its collection is at epoch 3/);
      expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    test("a replacement signed by a write grantee's device, not the owner's", async () => {
      const r = await world();
      const { entry, month } = indexEnvelope(r.written);
      const byCarer = r.carer.seal(r.w.vault, { collection: r.w.vault.collections[0]!, entry, month, content: r.written });
      await stored(r.w, r.carerToken, [byCarer]);
      const reply = await removeReplaced(r.w, r.w.ownerToken, [
        [r.original, r.replacesOriginal],
        [r.written, byCarer],
      ]);
      expectError(reply, 400, 'bad-request');
      expect(reply.body.error?.message).toMatch(/^pair 1: .*not signed by an active device of the record's owner/);
      expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    test('an envelope under the current epoch', async () => {
      const r = await world();
      // A second version of the replacement: same entry and month, also under epoch 2.
      const { entry, month } = indexEnvelope(r.original);
      const twin = r.w.owner.seal(r.w.vault, { collection: r.w.vault.collections[0]!, entry, month });
      await stored(r.w, r.w.ownerToken, [twin]);
      const reply = await removeReplaced(r.w, r.w.ownerToken, [
        [r.written, r.replacesWritten],
        [twin, r.replacesOriginal],
      ]);
      expectError(reply, 400, 'bad-request');
      expect(reply.body.error?.message).toMatch(/^pair 1: .*current epoch/);
      expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    test('an original of another entry', async () => {
      const r = await world();
      await refused(r, [r.written, r.replacesOriginal], 400, 'bad-request', /^pair 1: .*same collection, entry and month/);
    });

    test('an original of another month', async () => {
      const r = await world();
      const { entry } = indexEnvelope(r.written);
      const lastYear = r.w.owner.seal(r.before, { collection: r.before.collections[0]!, entry, month: 202512 });
      await storeOld(r, lastYear);
      const reply = await removeReplaced(r.w, r.w.ownerToken, [
        [r.original, r.replacesOriginal],
        [lastYear, r.replacesWritten],
      ]);
      expectError(reply, 400, 'bad-request');
      expect(reply.body.error?.message).toMatch(/^pair 1: .*same collection, entry and month/);
      expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    test('an original of another collection', async () => {
      const r = await world();
      const { entry, month } = indexEnvelope(r.written);
      const elsewhere = r.w.owner.seal(r.before, { collection: r.before.collections[1]!, entry, month });
      await storeOld(r, elsewhere);
      const reply = await removeReplaced(r.w, r.w.ownerToken, [
        [r.original, r.replacesOriginal],
        [elsewhere, r.replacesWritten],
      ]);
      expectError(reply, 400, 'bad-request');
      expect(reply.body.error?.message).toMatch(/^pair 1: .*same collection, entry and month/);
      expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    test('too many pairs, none, or not JSON', async () => {
      const r = await world();
      const pair = [r.original, r.replacesOriginal] as const;
      const tooMany = await removeReplaced(
        r.w,
        r.w.ownerToken,
        Array.from({ length: MAX_BATCH_ENVELOPES + 1 }, () => pair),
      );
      expectError(tooMany, 413, 'batch-too-large');
      expectError(await removeReplaced(r.w, r.w.ownerToken, []), 400, 'bad-request');
      expectError(await removeReplaced(r.w, r.w.ownerToken, [['not a hash', r.replacesOriginal]]), 400, 'bad-request');
      const notJson = await call(r.w.relay.app, 'POST', `/v1/vaults/${r.w.vault.id}/envelopes/replaced`, {
        token: r.w.ownerToken,
        body: '{',
      });
      expectError(notJson, 400, 'bad-request');
      expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6]);
    });
  });

  describe('only the owner, from a registered device', () => {
    const pairs = (r: Revoked) =>
      [
        [r.original, r.replacesOriginal],
        [r.written, r.replacesWritten],
      ] as const;

    test('a grantee in force is forbidden, and the refusal is logged for the patient', async () => {
      const r = await world();
      expectError(await removeReplaced(r.w, r.carerToken, pairs(r)), 403, 'forbidden');
      expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await accessLog(r.w))[0]).toMatchObject({
        kind: 'refused',
        actor: r.carer.account,
        grant: r.carerGrant.id,
        reason: 'a grantee tried to remove envelopes',
      });
    });

    test('a co-owner is forbidden too, and logged', async () => {
      const r = await world();
      const coOwner = TestPatient.create();
      const coOwnerToken = await register(r.w.relay, coOwner);
      const named = r.w.owner.issueGrant(r.w.vault, coOwner, {
        coOwner: true,
        collections: r.w.vault.collections,
        access: 'write',
        lastMonth: 203012,
      });
      expect((await publish(r.w, named)).status).toBe(200);
      expectError(await removeReplaced(r.w, coOwnerToken, pairs(r)), 403, 'forbidden');
      expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await accessLog(r.w))[0]).toMatchObject({
        kind: 'refused',
        actor: coOwner.account,
        grant: named.grant.id,
        reason: 'a grantee tried to remove envelopes',
      });
    });

    test('the revoked clinician, a stranger and an auth-key session are forbidden', async () => {
      const r = await world();
      expectError(await removeReplaced(r.w, r.w.clinicianToken, pairs(r)), 403, 'forbidden');
      const stranger = TestPatient.create();
      const strangerToken = await register(r.w.relay, stranger);
      const logged = await accessLog(r.w);
      expectError(await removeReplaced(r.w, strangerToken, pairs(r)), 403, 'forbidden');
      expect(await accessLog(r.w)).toEqual(logged);
      expectError(await removeReplaced(r.w, await signIn(r.w.relay, r.w.owner, 'auth'), pairs(r)), 403, 'forbidden');
      expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(logged[0]).toMatchObject({ kind: 'refused', actor: r.w.clinician.account, reason: 'a grantee tried to remove envelopes' });
    });
  });

  test('the control log moving between the check and the removal removes nothing', async () => {
    const store = await openStore();
    let move: (() => Promise<void>) | undefined;
    // The store as the route sees it: right after the route read the index, the log moves on.
    const racing = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'readEnvelopeIndex') {
          return async (...args: Parameters<RelayStore['readEnvelopeIndex']>) => {
            const index = await target.readEnvelopeIndex(...args);
            await move?.();
            return index;
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const r = await revokedWorld(racing);
    move = async () => {
      move = undefined;
      const other = TestPatient.create();
      await register(r.w.relay, other);
      expect((await publish(r.w, r.w.owner.issueGrant(r.w.vault, other))).status).toBe(200);
    };
    const reply = await removeReplaced(r.w, r.w.ownerToken, [[r.original, r.replacesOriginal]]);
    expectError(reply, 409, 'conflict');
    expect(move).toBeUndefined();
    expect(await storedSeqs(r.w)).toEqual([1, 2, 3, 4, 5, 6]);
    // Checked again against the new head, it goes through.
    expect((await removeReplaced(r.w, r.w.ownerToken, [[r.original, r.replacesOriginal]])).body).toEqual({ removed: 1 });
  });
});

/**
 * Stores an envelope under the old epoch straight into the store: in the real story it was
 * appended before the revocation, which the route no longer admits.
 */
async function storeOld(r: Revoked, envelope: Uint8Array): Promise<void> {
  const { hash, collection, entry, epoch, month, signer, size } = indexEnvelope(envelope);
  const { store, clock } = r.w.relay;
  const controlHead = (await store.getVault(r.w.vault.id))!.head.hash;
  const appended = await store.appendEnvelopes(r.w.vault.id, [{ hash, collection, entry, epoch, month, signer, size, data: envelope }], {
    received: clock.now(),
    controlHead,
  });
  expect(appended).toMatchObject([{ seq: 7, duplicate: false }]);
}
