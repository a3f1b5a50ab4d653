/**
 * Grants against an attacker who goes past the relay's access checks (DESIGN §7 "Security
 * suite"): a grantee who keeps their old keys and holds a copy of the relay's database — or a
 * relay that serves it to them, hides the revocation and stores whatever they send. The
 * cryptography and the readers' checks must hold where the relay's checks do not:
 *
 * - nothing written after a revocation decrypts with the revoked grantee's keys;
 * - nothing written after a grant's last month decrypts with its keys;
 * - a grantee key substituted by the relay is caught by the safety-number check;
 * - a revoked writer's entry, back-dated under the old keys and slipped into the database, is
 *   refused by the patient's devices.
 *
 * (A link without its fragment revealing nothing, and the passcode limit, are in
 * share-links.test.ts and cli-share-link.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { toBase64Url } from '@carekey/crypto';
import { MAX_PULL_BYTES, indexEnvelope, type StatementWire } from '@carekey/protocol';
import { CarekeyClient, CarekeyError, MemoryStorage, ready, type FetchLike } from '@carekey/client';
import { startRelay, type RunningRelay } from '@carekey/server/testing';

await ready();

const DAY = 24 * 60 * 60 * 1000;
let offset = 0;
const clock = { now: () => Date.now() + offset };
let relay: RunningRelay;
const honest: FetchLike = async (input, init) => relay.app.request(input, init);

/**
 * What the rogue side serves a grantee once it stops being honest: the grants, control log and
 * key packages as they were before the revocation (the revocation withheld), every envelope in
 * the database, and envelope appends written straight into the database.
 */
interface Rogue {
  shared?: unknown;
  log?: StatementWire[];
  on: boolean;
}

function rogueFetch(rogue: Rogue): FetchLike {
  return async (input, init) => {
    const url = new URL(input);
    const path = url.pathname;
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    if (rogue.on) {
      if (init.method === 'GET' && path === '/v1/shared') return json(rogue.shared);
      const vaultRoute = /^\/v1\/vaults\/([0-9a-f]{32})\/(log|packages|envelopes)$/.exec(path);
      if (vaultRoute) {
        const [, vault = '', what] = vaultRoute;
        if (what === 'log' && init.method === 'GET') return json({ statements: rogue.log, head: null });
        if (what === 'packages') {
          const packages = await relay.store.listKeyPackages(vault);
          return json({ packages: packages.map((p) => ({ grant: p.grant, data: toBase64Url(p.data) })) });
        }
        if (what === 'envelopes' && init.method === 'GET') {
          const page = await relay.store.pullEnvelopes(vault, { after: 0, limit: 1000, maxBytes: MAX_PULL_BYTES });
          const last = page.envelopes.at(-1);
          return json({
            envelopes: page.envelopes.map((e) => ({ seq: e.seq, data: toBase64Url(e.data) })),
            cursor: String(last?.seq ?? 0),
            more: false,
          });
        }
        if (what === 'envelopes' && init.method === 'POST') {
          const { envelopes } = JSON.parse(init.body as string) as { envelopes: string[] };
          const head = (await relay.store.getVault(vault))!.head.hash;
          const rows = envelopes.map((text) => {
            const bytes = new Uint8Array(Buffer.from(text, 'base64url'));
            const index = indexEnvelope(bytes);
            const { hash, collection, entry, epoch, month, signer, size } = index;
            return { hash, collection, entry, epoch, month, signer, size, data: bytes };
          });
          const results = await relay.store.appendEnvelopes(vault, rows, { received: clock.now(), controlHead: head });
          return json({ results });
        }
      }
    }
    return relay.app.request(input, init);
  };
}

async function person(name: string, role: 'patient' | 'clinician' | 'carer', fetch: FetchLike = honest): Promise<CarekeyClient> {
  const client = await CarekeyClient.open({ storage: new MemoryStorage(), relay: relay.url, fetch, clock });
  await client.signUp({ name, passphrase: 'security suite passphrase', role });
  return client;
}

/** Captures what the rogue side will later replay to the grantee: the grants and log as they are now. */
async function capture(rogue: Rogue, vault: string, owner: string): Promise<void> {
  const grants = await relay.store.listGrants(vault);
  rogue.log = (await relay.store.readControlLog(vault, 0)).map((s) => s.statement);
  rogue.shared = {
    grants: grants.map((g) => ({ vault, owner, grant: g.grant, collections: g.collections, access: g.access, notAfter: g.notAfter })),
  };
}

let patient: CarekeyClient;
beforeEach(async () => {
  offset = 0;
  relay = await startRelay({ store: 'memory', clock });
  patient = await person('Ana Target', 'patient');
  await patient.addEntry({ resourceType: 'Observation', status: 'final', code: { text: 'Before revocation' }, valueString: '1' });
  await patient.sync();
});
afterEach(async () => relay.close());

describe('past the relay', () => {
  test('nothing written after a revocation decrypts with the revoked grantee’s keys, even with the revocation hidden', async () => {
    const rogue: Rogue = { on: false };
    const clinician = await person('Dr Old Keys', 'clinician', rogueFetch(rogue));
    const { grantId } = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'read',
      until: clock.now() + 90 * DAY,
    });
    const vault = (await clinician.sharedWithMe())[0]!.vault;
    await capture(rogue, vault, patient.account.accountId);

    await patient.revokeGrant(grantId);
    await patient.addEntry({ resourceType: 'Observation', status: 'final', code: { text: 'After revocation' }, valueString: '2' });
    await patient.sync();

    rogue.on = true;
    const record = await clinician.openSharedRecord(vault);
    const texts = JSON.stringify(record.entries.map((e) => e.resource));
    expect(texts).toContain('Before revocation'); // what was seen cannot be unseen
    expect(texts).not.toContain('After revocation');
    expect(record.problems.map((p) => p.reason)).toContain('decrypt');
  });

  test('after full re-encryption, the older private entries no longer decrypt with the revoked grantee’s keys either', async () => {
    const rogue: Rogue = { on: false };
    const clinician = await person('Dr Kept Keys', 'clinician', rogueFetch(rogue));
    await patient.addEntry({ resourceType: 'Condition', code: { text: 'Private, written before' } }, { category: 'sexual-health' });
    await patient.sync();
    const { grantId } = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results', 'sexual-health'],
      access: 'read',
      until: clock.now() + 90 * DAY,
    });
    const vault = (await clinician.sharedWithMe())[0]!.vault;
    await capture(rogue, vault, patient.account.accountId);
    await patient.revokeGrant(grantId);

    // Without re-encryption, a copy of the database still holds it under a key they kept.
    rogue.on = true;
    expect(JSON.stringify((await clinician.openSharedRecord(vault)).entries.map((e) => e.resource))).toContain('Private, written before');

    rogue.on = false;
    expect(await patient.reencryptPrivateEntries()).toEqual({ reencrypted: 1, removed: 1, tooLarge: 0 });
    rogue.on = true;
    const record = await clinician.openSharedRecord(vault);
    const texts = JSON.stringify(record.entries.map((e) => e.resource));
    expect(texts).not.toContain('Private, written before');
    expect(texts).toContain('Before revocation'); // results are not a special category: left as they were
    expect(record.problems.map((p) => p.reason)).toContain('decrypt');
  });

  test('nothing written after a grant’s last month decrypts with its keys', async () => {
    const rogue: Rogue = { on: false };
    const clinician = await person('Dr Expired', 'clinician', rogueFetch(rogue));
    await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'read',
      until: clock.now(),
    });
    const vault = (await clinician.sharedWithMe())[0]!.vault;
    await capture(rogue, vault, patient.account.accountId);

    offset = 40 * DAY; // past the end of the grant's month
    await patient.addEntry({ resourceType: 'Observation', status: 'final', code: { text: 'Next month' }, valueString: '3' });
    await patient.sync();
    rogue.on = true;
    offset = 0; // the grantee's own clock set back, so it still believes the grant is in force
    const record = await clinician.openSharedRecord(vault);
    const texts = JSON.stringify(record.entries.map((e) => e.resource));
    expect(texts).toContain('Before revocation');
    expect(texts).not.toContain('Next month');
    expect(record.problems.map((p) => p.reason)).toContain('decrypt');
  });

  test('a grantee key substituted by the relay is caught by the safety-number check; nothing is granted', async () => {
    const clinician = await person('Dr Real', 'clinician');
    const mallory = await person('Mallory', 'clinician');
    const malloryCard = {
      card: await relay.store.getAccountCard(mallory.account.accountId),
      devices: (await relay.store.readDeviceLog(mallory.account.accountId)).map((s) => s.statement),
    };
    // The relay answers the clinician's account ID with Mallory's card and device log.
    const substituting: FetchLike = async (input, init) => {
      if (new URL(input).pathname === `/v1/accounts/${clinician.account.accountId}`) {
        return new Response(JSON.stringify(malloryCard), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      return relay.app.request(input, init);
    };
    const storage = new MemoryStorage();
    const victim = await CarekeyClient.open({ storage, relay: relay.url, fetch: substituting, clock });
    await victim.signUp({ name: 'Victim', passphrase: 'security suite passphrase' });
    const error = await victim
      .grant({
        to: clinician.account.accountId,
        fingerprint: clinician.account.fingerprint,
        categories: ['results'],
        access: 'read',
        until: clock.now() + 30 * DAY,
      })
      .then(
        () => expect.fail('the substituted key was accepted'),
        (e: unknown) => e,
      );
    // Mallory's card is self-consistent but belongs to another account ID; and even under the
    // right ID its keys would not have the clinician's safety number.
    expect(error instanceof CarekeyError ? error.code : (error as { reason?: string }).reason).toMatch(/certificate|fingerprint-mismatch/);
    expect(await victim.grants()).toEqual([]);
    // Nor can the relay pass Mallory off under her own ID with the clinician's number.
    const direct = await victim
      .grant({
        to: mallory.account.accountId,
        fingerprint: clinician.account.fingerprint,
        categories: ['results'],
        access: 'read',
        until: clock.now() + 30 * DAY,
      })
      .then(
        () => expect.fail('a wrong safety number was accepted'),
        (e: unknown) => e,
      );
    expect((direct as CarekeyError).code).toBe('fingerprint-mismatch');
  });

  test('a revoked writer’s entry, back-dated under the old keys and slipped into the database, is refused by the patient', async () => {
    const rogue: Rogue = { on: false };
    const clinician = await person('Dr Revoked Writer', 'clinician', rogueFetch(rogue));
    const { grantId } = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'write',
      until: clock.now() + 90 * DAY,
    });
    const vault = (await clinician.sharedWithMe())[0]!.vault;
    await clinician.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    await clinician.addSharedEntry(vault, {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Written while granted' },
      valueString: '4',
    });
    await patient.sync();
    await capture(rogue, vault, patient.account.accountId);

    await patient.revokeGrant(grantId);
    rogue.on = true;
    // The clinician, believing the grant still stands, writes under the old epoch; the rogue side
    // stores it straight into the database past every relay check.
    await clinician.addSharedEntry(vault, {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Back-dated forgery' },
      valueString: '5',
    });

    const report = await patient.sync();
    const texts = JSON.stringify(patient.entries().map((e) => e.resource));
    expect(texts).toContain('Written while granted'); // accepted before the revocation, and listed in it
    expect(texts).not.toContain('Back-dated forgery');
    expect(report.rejected.map((r) => r.reason)).toContain('not-granted');
  });
});
