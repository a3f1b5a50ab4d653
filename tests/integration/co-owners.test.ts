/**
 * Co-owners through the client against the real relay (DESIGN §4 "Carers and emergency
 * access"): a patient who will not use the app names a carer as co-owner; the carer reads the
 * whole record, including months after the grant was made, confirms what others add and stops
 * a clinician's access — moving the record to new keys that reach the patient's phones, a new
 * phone signed in afterwards among them — so the record never stalls. Only the patient names or
 * stops a co-owner.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CarekeyClient, MemoryStorage, ready } from '@carekey/client';
import { findMarkers } from '../support/plaintext-scan.ts';
import { RelayWorld, SCANNABLE_STORES, failure } from '../support/relay-world.ts';

await ready();

const DAY = 24 * 60 * 60 * 1000;
const PASSPHRASE = 'co-owner tests passphrase';
const world = new RelayWorld(PASSPHRASE);
const { clock } = world;

const text = (e: { resource: unknown }) => JSON.stringify(e.resource);

let patient: CarekeyClient;
let carer: CarekeyClient;
let clinician: CarekeyClient;
let vault: string;

describe.each(SCANNABLE_STORES)('co-owners on the %s store', (store) => {
  beforeEach(async () => {
    await world.start(store);
    patient = await world.person('Mum Jones', 'patient');
    carer = await world.person('Sam Jones', 'carer');
    clinician = await world.person('Dr Priya Patel', 'clinician');
    await patient.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } });
    await patient.addEntry({ resourceType: 'Condition', code: { text: 'Dementia' } }, { category: 'mental-health' });
    await patient.sync();
    await patient.grant({
      to: carer.account.accountId,
      fingerprint: carer.account.fingerprint,
      categories: [],
      access: 'read',
      until: clock.now() + 365 * DAY,
      name: 'Sam',
      role: 'carer',
      coOwner: true,
    });
    vault = (await carer.sharedWithMe())[0]!.vault;
  });
  afterEach(async () => world.close());

  test('a co-owner holds the whole record, special parts included, with write access, and reads months added after the grant', async () => {
    const [shared] = await carer.sharedWithMe();
    expect(shared).toMatchObject({ owner: patient.account.accountId, name: 'Mum Jones', coOwner: true, access: 'write' });
    expect(shared!.categories).toContain('mental-health');
    expect(shared!.categories).toContain('summary');
    const [view] = await patient.grants();
    expect(view).toMatchObject({ name: 'Sam', coOwner: true, access: 'write', state: 'active' });

    world.offset = 40 * DAY; // a month the co-owner was never sent a key for: it derives from the root
    await patient.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Latex, next month' } });
    await patient.sync();
    const record = await carer.openSharedRecord(vault);
    expect(record.problems).toEqual([]);
    expect(record.entries.map(text).join()).toContain('Latex, next month');
    expect(record.entries.map(text).join()).toContain('Dementia');
  });

  test("a co-owner confirms a clinician's entry, once they compared the patient's safety number", async () => {
    await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'write',
      until: clock.now() + 60 * DAY,
    });
    await clinician.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    const added = await clinician.addSharedEntry(vault, { resourceType: 'Observation', status: 'final', code: { text: 'Blood pressure' } });
    expect((await clinician.openSharedRecord(vault)).unconfirmed.has(added.entryId)).toBe(true);

    expect((await failure(carer.confirmSharedEntries(vault))).code).toBe('not-verified');
    await carer.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    expect(await carer.confirmSharedEntries(vault)).toBe(1);
    expect(await carer.confirmSharedEntries(vault)).toBe(0);

    expect((await clinician.openSharedRecord(vault)).unconfirmed.has(added.entryId)).toBe(false);
    await patient.sync();
    expect(patient.unconfirmed().has(added.entryId)).toBe(false);
    // A clinician with write access is no co-owner: they confirm nothing.
    expect((await failure(clinician.confirmSharedEntries(vault))).code).toBe('forbidden');
  });

  test("a co-owner stops a clinician's access: the relay stops serving them and the new keys reach the patient's phones", async () => {
    const { grantId } = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['summary'],
      access: 'read',
      until: clock.now() + 60 * DAY,
    });
    expect((await clinician.openSharedRecord(vault)).entries.map(text).join()).toContain('Penicillin');
    await carer.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    expect((await carer.sharedGrants(vault)).map((g) => g.grantId)).toContain(grantId);

    await carer.revokeSharedGrant(vault, grantId);
    expect((await failure(clinician.openSharedRecord(vault))).code).toBe('access-ended');
    expect((await carer.sharedGrants(vault)).find((g) => g.grantId === grantId)?.state).toBe('revoked');

    // A phone the patient signs in on now finds the new keys the co-owner sealed to the patient.
    const second = await world.newDevice(patient);
    await second.sync();
    expect(second.entries().map(text).join()).toContain('Penicillin');

    // The patient's own phone takes them in at its next sync, and writes under them.
    expect((await patient.sync()).error).toBeNull();
    await patient.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Written after the carer stopped access' } });
    const report = await patient.sync();
    expect(report.error).toBeNull();
    expect(report.stuck).toBe(0);
    expect((await carer.openSharedRecord(vault)).entries.map(text).join()).toContain('Written after the carer stopped access');
    await second.sync();
    expect(second.entries().map(text).join()).toContain('Written after the carer stopped access');

    const log = await patient.accessLog();
    expect(log.some((e) => e.kind === 'grant-revoked' && e.grantId === grantId)).toBe(true);

    // The relay holds grants, packages and a history naming accounts, never what the record says.
    const dump = await world.stored();
    expect(findMarkers(dump, [patient.account.accountId.replace(/-/g, '')]).length).toBeGreaterThan(0); // the scan finds things
    expect(findMarkers(dump, ['Penicillin', 'Dementia', 'Mum Jones', 'Written after the carer stopped access', 'Sam Jones'])).toEqual([]);
  });

  test('only the patient stops a co-owner; once stopped, the carer can do nothing more', async () => {
    await carer.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    const [mine] = await carer.sharedGrants(vault);
    expect((await failure(carer.revokeSharedGrant(vault, mine!.grantId))).code).toBe('forbidden');

    await patient.revokeGrant(mine!.grantId);
    expect((await failure(carer.openSharedRecord(vault))).code).toBe('access-ended');
    expect((await failure(carer.confirmSharedEntries(vault))).code).toBe('access-ended');
  });

  test("when a co-owner's grant ends, the patient's next sync moves the record to keys they do not hold", async () => {
    const [mine] = await patient.grants();
    world.offset = mine!.notAfter - Date.now() + DAY;
    expect((await failure(carer.openSharedRecord(vault))).code).toBe('access-ended');
    expect((await patient.sync()).error).toBeNull();
    expect((await patient.grants()).find((g) => g.grantId === mine!.grantId)?.state).toBe('revoked');
    await patient.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'After the co-owner ended' } });
    expect((await patient.sync()).error).toBeNull();
    const log = await patient.accessLog();
    expect(log.some((e) => e.kind === 'grant-revoked' && e.grantId === mine!.grantId)).toBe(true);
  });

  test("the relay refuses a co-owner's statement dated away from its clock, and changes nothing", async () => {
    const ahead = { now: () => clock.now() + 10 * 60 * 1000 };
    const skewed = await CarekeyClient.open({ storage: new MemoryStorage(), relay: world.relay.url, fetch: world.fetch, clock: ahead });
    await skewed.signUp({ name: 'Ten Minutes Ahead', passphrase: PASSPHRASE, role: 'carer' });
    await patient.grant({
      to: skewed.account.accountId,
      fingerprint: skewed.account.fingerprint,
      categories: [],
      access: 'read',
      until: clock.now() + 365 * DAY,
      coOwner: true,
    });
    const { grantId } = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['summary'],
      access: 'read',
      until: clock.now() + 60 * DAY,
    });
    await skewed.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    const refused = await failure(skewed.revokeSharedGrant(vault, grantId));
    expect(refused.code).toBe('bad-request');
    expect(refused.message).toContain("too far from the relay's clock");
    expect((await clinician.openSharedRecord(vault)).entries.length).toBeGreaterThan(0);
  });

  test('a co-owner cannot also be an emergency contact', async () => {
    const error = await failure(
      patient.grant({
        to: clinician.account.accountId,
        fingerprint: clinician.account.fingerprint,
        categories: [],
        access: 'read',
        until: clock.now() + 60 * DAY,
        coOwner: true,
        emergency: { waitHours: 24 },
      }),
    );
    expect(error.code).toBe('bad-request');
  });
});
