/**
 * Emergency access through the client against the real relay (DESIGN §4 "Carers and emergency
 * access"): the patient names a carer and a waiting period, with every key sealed in advance;
 * the carer asks; the patient's devices see the request at once and can refuse; after the wait
 * with no refusal the relay releases the record — and not a minute before.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ready, type CarekeyClient } from '@carekey/client';
import { RelayWorld, failure } from '../support/relay-world.ts';

await ready();

const HOUR = 60 * 60 * 1000;
const world = new RelayWorld('emergency tests passphrase');
const { clock } = world;

let patient: CarekeyClient;
let carer: CarekeyClient;

beforeEach(async () => {
  await world.start();
  patient = await world.person('Mum Emergency', 'patient');
  carer = await world.person('Daughter Carer', 'carer');
  await patient.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } });
  await patient.addEntry({ resourceType: 'Condition', code: { text: 'Private matter' } }, { category: 'mental-health' });
  await patient.sync();
});
afterEach(async () => world.close());

describe('emergency access', () => {
  test('nothing before asking, nothing before the wait, nothing after a refusal; the record after the wait', async () => {
    const { grantId } = await patient.grant({
      to: carer.account.accountId,
      fingerprint: carer.account.fingerprint,
      categories: ['summary'],
      access: 'read',
      until: clock.now() + 200 * 24 * HOUR,
      role: 'carer',
      name: 'My daughter',
      emergency: { waitHours: 48 },
    });
    expect((await patient.grants())[0]).toMatchObject({ grantId, emergency: { waitHours: 48 }, state: 'active' });

    const [listed] = await carer.sharedWithMe();
    expect(listed).toMatchObject({ owner: patient.account.accountId, categories: [], emergency: { state: 'idle', waitHours: 48 } });
    const vault = listed!.vault;
    expect((await failure(carer.openSharedRecord(vault))).code).toBe('emergency-waiting');

    const asked = await carer.requestEmergencyAccess(vault);
    expect(asked.state).toBe('waiting');
    expect(asked.releasesAt).toBeGreaterThanOrEqual(clock.now() + 48 * HOUR - 1000);
    expect(await patient.emergencyRequests()).toEqual([expect.objectContaining({ grantId, name: 'My daughter', state: 'waiting' })]);

    world.offset = 47 * HOUR;
    expect((await failure(carer.openSharedRecord(vault))).code).toBe('emergency-waiting');

    await patient.refuseEmergency(grantId);
    expect((await patient.emergencyRequests())[0]?.state).toBe('idle');
    world.offset = 50 * HOUR;
    expect((await failure(carer.openSharedRecord(vault))).code).toBe('emergency-waiting');
    expect((await failure(patient.refuseEmergency(grantId))).code).toBe('conflict');

    await carer.requestEmergencyAccess(vault);
    world.offset = 50 * HOUR + 48 * HOUR + 60_000;
    const record = await carer.openSharedRecord(vault);
    const text = JSON.stringify(record.entries.map((e) => e.resource));
    expect(text).toContain('Penicillin');
    expect(text).not.toContain('Private matter');
    expect(record).toMatchObject({ name: 'Mum Emergency', categories: ['summary'] });

    const kinds = (await patient.accessLog()).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['emergency-requested', 'emergency-refused', 'fetch']));
  });

  test('only the named contact can ask', async () => {
    await patient.grant({
      to: carer.account.accountId,
      fingerprint: carer.account.fingerprint,
      categories: ['summary'],
      access: 'read',
      until: clock.now() + 60 * 24 * HOUR,
      emergency: { waitHours: 1 },
    });
    const vault = (await carer.sharedWithMe())[0]!.vault;
    const stranger = await world.person('Stranger', 'carer');
    expect((await failure(stranger.requestEmergencyAccess(vault))).code).toBe('not-found');
  });
});
