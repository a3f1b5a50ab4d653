/**
 * A write grantee's entry that lands between the revoking device's last pull and the revocation
 * (docs/protocol.md §5.2 "Revocation"): the grant was still in force, so the relay stored it; a
 * revocation whose `written` left it out would make every reader refuse a legitimate entry for
 * ever. The relay refuses such a revocation (409 `conflict`, `unlisted-writes:`), and the
 * revoking device pulls, builds it again and retries — the patient's phone and a co-owner alike.
 * The race is opened for real: the clinician adds the entry from inside the network, right after
 * the relay answered the revoking device's pull and before that device reads the answer.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CarekeyError, type CarekeyClient, ready } from '@carekey/client';
import { WRITE_HELD_MESSAGE, isWriteHeld } from '@carekey/protocol';
import { RelayWorld, SCANNABLE_STORES } from '../support/relay-world.ts';

await ready();

const DAY = 24 * 60 * 60 * 1000;
const world = new RelayWorld('revocation race passphrase');
const { clock } = world;

const text = (e: { resource: unknown }) => JSON.stringify(e.resource);
const LATE = 'Blood pressure 141/90, added while access was being stopped';

let patient: CarekeyClient;
let clinician: CarekeyClient;
let carer: CarekeyClient;
let vault: string;

describe.each(['memory', ...SCANNABLE_STORES] as const)('a revocation racing a write on the %s store', (store) => {
  beforeEach(async () => {
    await world.start(store);
    patient = await world.person('Ana Race', 'patient');
    clinician = await world.person('Dr Priya Patel', 'clinician');
    carer = await world.person('Sam Carer', 'carer');
    await patient.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } });
    await patient.sync();
    vault = patient.vaults[0]!.vault;
  });
  afterEach(async () => world.close());

  /** The write grant to the clinician, who has compared the patient's number and added an entry. */
  async function writingClinician(): Promise<string> {
    const { grantId } = await patient.grant({
      to: clinician.account.accountId,
      fingerprint: clinician.account.fingerprint,
      categories: ['results'],
      access: 'write',
      until: clock.now() + 60 * DAY,
    });
    await clinician.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    await clinician.addSharedEntry(vault, { resourceType: 'Observation', status: 'final', code: { text: 'HbA1c 48 mmol/mol' } });
    return grantId;
  }

  /** The next pull of the record (by whoever makes it) is answered, then the clinician adds an entry. */
  function clinicianWritesAfterNextPull(): { readonly added: () => boolean } {
    let added = false;
    world.afterNextAnswer('GET', new RegExp(`^/v1/vaults/${vault}/envelopes$`), async () => {
      await clinician.addSharedEntry(vault, { resourceType: 'Observation', status: 'final', code: { text: LATE } });
      added = true;
    });
    return { added: () => added };
  }

  /**
   * After every pull of the record (by whoever makes it) the clinician tries to add an entry, as
   * a writer set on keeping their access from being stopped would: what the relay accepted, and
   * how each other try ended.
   */
  function clinicianWritesAfterEveryPull(): { readonly accepted: string[]; readonly refused: CarekeyError[]; readonly stop: () => void } {
    const accepted: string[] = [];
    const refused: CarekeyError[] = [];
    let n = 0;
    const hook = world.afterEveryAnswer('GET', new RegExp(`^/v1/vaults/${vault}/envelopes$`), async () => {
      const words = `${LATE} (${++n})`;
      try {
        await clinician.addSharedEntry(vault, { resourceType: 'Observation', status: 'final', code: { text: words } });
        accepted.push(words);
      } catch (error) {
        if (!(error instanceof CarekeyError)) throw error;
        refused.push(error);
      }
    });
    return { accepted, refused, stop: hook.stop };
  }

  /** The writes refused while the clinician's access was being stopped: said plainly, and in the patient's access log. */
  async function heldWritesAreRefusedAndLogged(refused: readonly CarekeyError[]): Promise<void> {
    const held = refused.filter(isWriteHeld);
    expect(held.length).toBeGreaterThan(0);
    for (const error of held) expect(error.message).toBe(WRITE_HELD_MESSAGE);
    // Once the revocation went through, the relay says access ended instead.
    expect(refused.filter((e) => !isWriteHeld(e)).map((e) => e.code)).toEqual(refused.slice(held.length).map(() => 'access-ended'));
    const log = await patient.accessLog(vault);
    expect(log.filter((e) => e.kind === 'refused' && e.reason === 'write while their access was being changed')).toHaveLength(held.length);
  }

  /** Everyone who reads the record accepts the late entry, and nobody refuses anything as not granted. */
  async function everyoneAcceptsTheLateEntry(late: readonly string[] = [LATE]): Promise<void> {
    const synced = await patient.sync();
    expect(synced.rejected).toEqual([]);
    for (const words of late) expect(patient.entries().map(text).join()).toContain(words);
    expect((await patient.keptProblems()).rejected).toEqual([]);

    const phone = await world.newDevice(patient);
    const fresh = await phone.sync();
    expect(fresh.rejected.map((r) => r.reason)).toEqual([]);
    for (const words of late) expect(phone.entries().map(text).join()).toContain(words);

    const record = await carer.openSharedRecord(vault);
    expect(record.problems).toEqual([]);
    for (const words of late) expect(record.entries.map(text).join()).toContain(words);
  }

  test("the patient stops the clinician's access while the clinician adds an entry: the revocation lists it, and every reader accepts it", async () => {
    const grantId = await writingClinicianAndReadingCarer();

    // revokeGrant pulls first; the clinician's entry reaches the relay just after that pull.
    const race = clinicianWritesAfterNextPull();
    await patient.revokeGrant(grantId);
    expect(race.added()).toBe(true);
    expect((await patient.grants()).find((g) => g.grantId === grantId)?.state).toBe('revoked');

    await everyoneAcceptsTheLateEntry();
  });

  /** The writing clinician's grant, then the carer's to read results, synced. */
  async function writingClinicianAndReadingCarer(): Promise<string> {
    const grantId = await writingClinician();
    await patient.grant({
      to: carer.account.accountId,
      fingerprint: carer.account.fingerprint,
      categories: ['results'],
      access: 'read',
      until: clock.now() + 60 * DAY,
    });
    await patient.sync();
    return grantId;
  }

  /** The carer named co-owner (and having compared the patient's number), then the writing clinician's grant. */
  async function carerAsCoOwnerAndWritingClinician(): Promise<string> {
    await patient.grant({
      to: carer.account.accountId,
      fingerprint: carer.account.fingerprint,
      categories: [],
      access: 'read',
      until: clock.now() + 365 * DAY,
      coOwner: true,
    });
    const grantId = await writingClinician();
    await carer.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    return grantId;
  }

  test("a co-owner stops the clinician's access while the clinician adds an entry: the same, from the co-owner's side", async () => {
    const grantId = await carerAsCoOwnerAndWritingClinician();

    // The co-owner reads the whole record before revoking; the entry lands just after that read.
    const race = clinicianWritesAfterNextPull();
    await carer.revokeSharedGrant(vault, grantId);
    expect(race.added()).toBe(true);
    expect((await carer.sharedGrants(vault)).find((g) => g.grantId === grantId)?.state).toBe('revoked');

    await everyoneAcceptsTheLateEntry();
  });

  test("a clinician who adds an entry after every pull the patient's phone makes cannot keep their access from being stopped", async () => {
    const grantId = await writingClinicianAndReadingCarer();

    const writer = clinicianWritesAfterEveryPull();
    await patient.revokeGrant(grantId);
    writer.stop();
    expect((await patient.grants()).find((g) => g.grantId === grantId)?.state).toBe('revoked');
    // The first try met an entry sent after its pull; after that refusal the relay took no more.
    expect(writer.accepted.length).toBeGreaterThan(0);
    await heldWritesAreRefusedAndLogged(writer.refused);
    await everyoneAcceptsTheLateEntry(writer.accepted);

    // The clinician, told so, has nothing more to add: their access has ended.
    await expect(
      clinician.addSharedEntry(vault, { resourceType: 'Observation', status: 'final', code: { text: 'one more' } }),
    ).rejects.toMatchObject({ code: 'access-ended' });
  });

  test("a co-owner stops the access of a clinician who adds an entry after every read: the same, from the co-owner's side", async () => {
    const grantId = await carerAsCoOwnerAndWritingClinician();

    const writer = clinicianWritesAfterEveryPull();
    await carer.revokeSharedGrant(vault, grantId);
    writer.stop();
    expect((await carer.sharedGrants(vault)).find((g) => g.grantId === grantId)?.state).toBe('revoked');
    expect(writer.accepted.length).toBeGreaterThan(0);
    await heldWritesAreRefusedAndLogged(writer.refused);
    await everyoneAcceptsTheLateEntry(writer.accepted);
  });
});
