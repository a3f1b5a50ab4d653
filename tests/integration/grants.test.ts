/**
 * Grants through the client against the real relay (DESIGN §4 "Grants", "Revocation and
 * expiry", "Transparency"): a patient grants a clinician and a carer with accounts after
 * comparing safety numbers; the grantees see only what was granted, verify the patient's
 * number, write back where allowed; revocation ends access at once and moves the granted
 * parts to new keys (still re-sealed for the carer); expiry needs no action; the access log
 * says all of it.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CATEGORIES, CarekeyClient, MemoryStorage, ready } from '@carekey/client';
import { RelayWorld, failure } from '../support/relay-world.ts';

await ready();

const DAY = 24 * 60 * 60 * 1000;
const world = new RelayWorld('grant tests passphrase');
const { clock } = world;

let patient: CarekeyClient;
let clinician: CarekeyClient;
let carer: CarekeyClient;

beforeEach(async () => {
  await world.start();
  patient = await world.person('Ana Grant', 'patient');
  clinician = await world.person('Dr Priya Patel', 'clinician');
  carer = await world.person('Sam Carer', 'carer');
  await patient.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } });
  await patient.addEntry({ resourceType: 'Observation', status: 'final', code: { text: 'HbA1c' }, valueString: '48 mmol/mol' });
  await patient.addEntry({ resourceType: 'Condition', code: { text: 'Low mood' } }, { category: 'mental-health' });
  await patient.sync();
});
afterEach(async () => world.close());

const until = () => clock.now() + 60 * DAY;

describe('grants', () => {
  test('a fingerprint that does not match the account is refused and nothing is shared', async () => {
    const wrong = carer.account.fingerprint;
    const error = await failure(
      patient.grant({ to: clinician.account.accountId, fingerprint: wrong, categories: ['results'], access: 'read', until: until() }),
    );
    expect(error.code).toBe('fingerprint-mismatch');
    expect(await patient.grants()).toEqual([]);
    expect(await clinician.sharedWithMe()).toEqual([]);
  });

  test('the clinician sees only the granted parts, knows whose record it is, and is told the owner is not verified until compared', async () => {
    const { grantId, notAfter } = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'read',
      until: until(),
      name: 'Dr Patel',
    });
    expect(new Date(notAfter + 1).getUTCDate()).toBe(1); // the end of a month
    const [shared] = await clinician.sharedWithMe();
    expect(shared).toMatchObject({
      owner: patient.account.accountId,
      name: 'Ana Grant',
      categories: ['results'],
      access: 'read',
      ownerVerified: false,
    });
    const record = await clinician.openSharedRecord(shared!.vault);
    expect(record.entries.map((e) => e.resourceType)).toEqual(['Observation']);
    expect(record.problems).toEqual([]);

    expect((await failure(clinician.verifyAccount(patient.account.accountId, carer.account.fingerprint))).code).toBe(
      'fingerprint-mismatch',
    );
    await clinician.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    expect((await clinician.sharedWithMe())[0]?.ownerVerified).toBe(true);

    const [view] = await patient.grants();
    expect(view).toMatchObject({ grantId, name: 'Dr Patel', categories: ['results'], access: 'read', state: 'active' });
  });

  test('a clinician with write access adds a result the patient sees as theirs; outside the grant nothing is added', async () => {
    await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'write',
      until: until(),
    });
    const [shared] = await clinician.sharedWithMe();
    // Not before the patient's safety number was compared: nothing is added.
    const unverified = await failure(
      clinician.addSharedEntry(shared!.vault, { resourceType: 'Observation', status: 'final', code: { text: 'Too early' } }),
    );
    expect(unverified.code).toBe('not-verified');
    await clinician.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    const added = await clinician.addSharedEntry(shared!.vault, {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Blood pressure' },
      valueString: '128/82',
    });
    expect(added.author.account).toBe(clinician.account.accountId);

    const refused = await failure(clinician.addSharedEntry(shared!.vault, { resourceType: 'AllergyIntolerance', code: { text: 'Latex' } }));
    expect(refused.code).toBe('not-granted');

    // Not yet confirmed by the patient's record, until a patient device has accepted it.
    expect((await clinician.openSharedRecord(shared!.vault)).unconfirmed).toEqual(new Set([added.entryId]));
    await patient.sync();
    const bp = patient.entries().find((e) => e.resourceType === 'Observation' && JSON.stringify(e.resource).includes('Blood pressure'));
    expect(bp?.author.account).toBe(clinician.account.accountId);
    expect(patient.unconfirmed().size).toBe(0);
    expect((await clinician.openSharedRecord(shared!.vault)).unconfirmed.size).toBe(0);
    expect(patient.entries().some((e) => JSON.stringify(e.resource).includes('Latex'))).toBe(false);
    expect(patient.entries().some((e) => JSON.stringify(e.resource).includes('Too early'))).toBe(false);

    const readOnly = await world.person('Reader', 'clinician');
    await patient.grant({
      to: readOnly.account.accountId,
      fingerprint: readOnly.account.fingerprint,
      categories: ['results'],
      access: 'read',
      until: until(),
    });
    await readOnly.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    const refusedRead = await failure(
      readOnly.addSharedEntry(shared!.vault, { resourceType: 'Observation', status: 'final', code: { text: 'x' } }),
    );
    expect(refusedRead.code).toBe('not-granted');
  });

  test('revoking ends access at once; the parts move to new keys, still re-sealed for the carer, who reads what is written next', async () => {
    const { grantId } = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results', 'summary'],
      access: 'read',
      until: until(),
    });
    await patient.grant({
      to: carer.account.accountId,
      fingerprint: carer.account.fingerprint,
      categories: ['summary'],
      access: 'read',
      until: until(),
    });
    const vault = (await clinician.sharedWithMe())[0]!.vault;

    await patient.revokeGrant(grantId);
    expect((await failure(clinician.openSharedRecord(vault))).code).toBe('access-ended');
    expect(await clinician.sharedWithMe()).toEqual([]);
    expect((await patient.grants()).find((g) => g.grantId === grantId)?.state).toBe('revoked');
    expect((await failure(patient.revokeGrant(grantId))).code).toBe('conflict');

    await patient.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Peanuts' } });
    await patient.sync();
    const record = await carer.openSharedRecord(vault);
    expect(record.problems).toEqual([]);
    expect(record.entries.map((e) => JSON.stringify(e.resource)).join()).toContain('Peanuts');

    // A second device of the patient follows the new keys.
    const kit = patient.account;
    expect(kit.accountId).toBeTruthy();
  });

  test('expiry needs no action: after the end of the month the relay serves nothing', async () => {
    await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'read',
      until: clock.now() + DAY,
    });
    const vault = (await clinician.sharedWithMe())[0]!.vault;
    world.offset = 45 * DAY;
    expect((await failure(clinician.openSharedRecord(vault))).code).toBe('access-ended');
    expect((await patient.grants())[0]?.state).toBe('expired');
  });

  test('the access log says who was given access, who looked, who added and who was stopped, newest first', async () => {
    const { grantId } = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'write',
      until: until(),
      name: 'Dr Patel',
    });
    const vault = (await clinician.sharedWithMe())[0]!.vault;
    await clinician.openSharedRecord(vault);
    await clinician.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    await clinician.addSharedEntry(vault, { resourceType: 'Observation', status: 'final', code: { text: 'Weight' }, valueString: '70 kg' });
    await patient.revokeGrant(grantId);
    await failure(clinician.openSharedRecord(vault));
    const log = await patient.accessLog();
    const kinds = log.map((e) => e.kind);
    expect(kinds[0]).toBe('refused');
    expect(kinds).toEqual(expect.arrayContaining(['grant-issued', 'fetch', 'write', 'grant-revoked', 'refused']));
    expect(log.find((e) => e.kind === 'fetch')).toMatchObject({ who: 'Dr Patel', categories: ['results'] });
    for (let i = 1; i < log.length; i += 1) expect(log[i - 1]!.at).toBeGreaterThanOrEqual(log[i]!.at);
  });

  test('special categories are shared only when named', async () => {
    await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['summary', 'results'],
      access: 'read',
      until: until(),
    });
    const record = await clinician.openSharedRecord((await clinician.sharedWithMe())[0]!.vault);
    expect(JSON.stringify(record.entries.map((e) => e.resource))).not.toContain('Low mood');
  });

  test('a writer given access again after a revocation writes again; the first grant does not refuse what the second allows', async () => {
    const first = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'write',
      until: until(),
    });
    const vault = (await clinician.sharedWithMe())[0]!.vault;
    await clinician.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    await patient.revokeGrant(first.grantId);
    await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'write',
      until: until(),
    });
    const again = await clinician.addSharedEntry(vault, {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'After regrant' },
      valueString: '1',
    });
    const report = await patient.sync();
    expect(report.rejected).toEqual([]);
    expect(patient.entry(again.entryId)?.author.account).toBe(clinician.account.accountId);
    const record = await clinician.openSharedRecord(vault);
    expect(record.problems).toEqual([]);
    expect(record.entries.some((e) => e.entryId === again.entryId)).toBe(true);
  });

  test("a record whose access ends this minute by the phone's clock, though not yet by the relay's, leaves the others listed", async () => {
    const endOfThisMonth = (() => {
      const now = new Date(clock.now());
      return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - 1;
    })();
    await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'read',
      until: clock.now(),
    });
    const other = await world.person('Bea Later', 'patient');
    await other.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Latex' } });
    await other.sync();
    await other.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['summary'],
      access: 'read',
      until: until(),
    });
    // One minute before the month ends on the relay; two minutes later on the clinician's phone.
    world.offset = endOfThisMonth - Date.now() - 60_000;
    const ahead = { now: () => clock.now() + 2 * 60_000 };
    const phone = await CarekeyClient.open({ storage: new MemoryStorage(), relay: world.relay.url, fetch: world.fetch, clock: ahead });
    await phone.logIn(world.kit(clinician));
    const shared = await phone.sharedWithMe();
    expect(shared.map((r) => r.name)).toEqual(['Bea Later']);
  });

  test('after eight whole-record grants were stopped, a new whole-record grant still goes through and reads everything', async () => {
    const everything = [...CATEGORIES];
    for (let i = 0; i < 8; i += 1) {
      const { grantId } = await patient.grant({
        to: carer.account.accountId,
        fingerprint: carer.account.fingerprint,
        categories: everything,
        access: 'read',
        until: until(),
      });
      await patient.revokeGrant(grantId);
    }
    // Nine parts at nine key versions each, and the identity card: past the 64 a grant once allowed.
    await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: everything,
      access: 'read',
      until: until(),
    });
    const [shared] = await clinician.sharedWithMe();
    const record = await clinician.openSharedRecord(shared!.vault);
    expect(record.problems).toEqual([]);
    expect(record.entries.map((e) => e.resourceType).sort()).toEqual(['AllergyIntolerance', 'Condition', 'Observation']);
  });

  test("after a revocation on one phone, the patient's other phone takes in the new keys before it writes, and keeps syncing", async () => {
    const { grantId } = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['summary'],
      access: 'read',
      until: until(),
    });
    const second = await world.newDevice(patient);
    await second.sync();
    await patient.revokeGrant(grantId);
    await second.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Written on the second phone' } });
    const report = await second.sync();
    expect(report.error).toBeNull();
    expect(report.stuck).toBe(0);
    await patient.sync();
    expect(patient.entries().some((e) => JSON.stringify(e.resource).includes('Written on the second phone'))).toBe(true);
  });
});
