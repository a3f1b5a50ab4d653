/**
 * Full re-encryption of the special categories through the client against the real relay
 * (DESIGN §4 "Revocation and expiry", docs/protocol.md §5.3): after a clinician's access to
 * mental health is stopped, the patient locks the older mental-health entries with the new keys
 * and the relay deletes the old copies. Everyone still granted keeps reading them, with each
 * entry's author still proven by its own signature, and so does a phone the patient signs in on
 * afterwards; the relay's store keeps no envelope of that part under an old key.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CarekeyClient, MemoryStorage, ready, type StorageKey } from '@carekey/client';
import { deriveMonthKey, envelopeHash, fromBase64Url, parseEnvelope, toBase64Url } from '@carekey/crypto';
import { indexEnvelope } from '@carekey/protocol';
import { sealReencryption, type OwnKeys } from '@carekey/client/testing';
import { findMarkers } from '../support/plaintext-scan.ts';
import { RelayWorld, SCANNABLE_STORES, failure } from '../support/relay-world.ts';

await ready();

const DAY = 24 * 60 * 60 * 1000;
const PASSPHRASE = 're-encryption tests passphrase';
const world = new RelayWorld(PASSPHRASE);
const { clock } = world;

const text = (e: { resource: unknown }) => JSON.stringify(e.resource);

/** The epochs of the envelopes the relay holds in `collection`, in seq order. */
async function epochsOf(vault: string, collection: string): Promise<number[]> {
  const page = await world.relay.store.pullEnvelopes(vault, { after: 0, limit: 1000, maxBytes: 1 << 30 });
  return page.envelopes.filter((e) => e.collection === collection).map((e) => indexEnvelope(e.data).epoch);
}

let patient: CarekeyClient;
let leaving: CarekeyClient;
let staying: CarekeyClient;
let vault: string;
let leavingGrant: string;
let mentalHealth: string;

describe.each(SCANNABLE_STORES)('re-encryption on the %s store', (store) => {
  beforeEach(async () => {
    await world.start(store);
    patient = await world.person('Ana Private', 'patient');
    leaving = await world.person('Dr Leaving', 'clinician');
    staying = await world.person('Dr Staying', 'clinician');
    await patient.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } });
    await patient.addEntry({ resourceType: 'Condition', code: { text: 'Depression, 2019' } }, { category: 'mental-health' });
    await patient.addEntry({ resourceType: 'Condition', code: { text: 'Anxiety, 2021' } }, { category: 'mental-health' });
    await patient.sync();
    ({ grantId: leavingGrant } = await patient.grant({
      to: leaving.account.accountId,
      fingerprint: leaving.account.fingerprint,
      categories: ['mental-health'],
      access: 'write',
      until: clock.now() + 200 * DAY,
    }));
    await patient.grant({
      to: staying.account.accountId,
      fingerprint: staying.account.fingerprint,
      categories: ['mental-health', 'summary'],
      access: 'read',
      until: clock.now() + 200 * DAY,
    });
    vault = (await leaving.sharedWithMe())[0]!.vault;
    await leaving.verifyAccount(patient.account.accountId, patient.account.fingerprint);
    await leaving.addSharedEntry(
      vault,
      { resourceType: 'Observation', status: 'final', code: { text: 'PHQ-9 score' } },
      { category: 'mental-health' },
    );
    const grants = await world.relay.store.listGrants(vault);
    mentalHealth = grants.find((g) => g.grant === leavingGrant)!.collections[0]!;
    await patient.sync();
  });
  afterEach(async () => world.close());

  test('after a revocation the older private entries are locked with the new keys and the old copies deleted; everyone still granted reads them', async () => {
    world.offset = 40 * DAY; // stopped a month or so later: the new keys must reach back to the entries' month
    await patient.revokeGrant(leavingGrant);
    expect(await patient.privateEntriesToReencrypt()).toBe(3);
    expect(await epochsOf(vault, mentalHealth)).toEqual([1, 1, 1]);

    const progress: Array<{ done: number; total: number }> = [];
    const report = await patient.reencryptPrivateEntries({ onProgress: (p) => progress.push(p) });
    expect(report).toEqual({ reencrypted: 3, removed: 3, tooLarge: 0 });
    expect(progress.at(0)).toEqual({ done: 0, total: 3 });
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
    // Nothing of that part is left under the key the clinician held.
    expect(await epochsOf(vault, mentalHealth)).toEqual([2, 2, 2]);
    expect(await patient.privateEntriesToReencrypt()).toBe(0);
    expect(await patient.reencryptPrivateEntries()).toEqual({ reencrypted: 0, removed: 0, tooLarge: 0 });

    // The patient's phone still shows everything, the clinician's entry still as theirs.
    const phq = patient.entries().find((e) => text(e).includes('PHQ-9'));
    expect(phq?.current.author.account).toBe(leaving.account.accountId);
    expect(patient.entries().map(text).join()).toContain('Depression, 2019');

    // The clinician still granted reads every entry, the author proven by its own signature.
    const record = await staying.openSharedRecord(vault);
    expect(record.problems).toEqual([]);
    expect(record.entries.map(text).join()).toContain('Anxiety, 2021');
    expect(record.entries.find((e) => text(e).includes('PHQ-9'))?.current.author.account).toBe(leaving.account.accountId);

    // A phone signed in afterwards gets them from the new copies, with no hole in any chain.
    const second = await world.newDevice(patient);
    const synced = await second.sync();
    expect(synced.rejected).toEqual([]);
    expect(synced.gaps).toEqual([]);
    expect(second.entries().map(text).sort()).toEqual(patient.entries().map(text).sort());
    expect(second.entries().find((e) => text(e).includes('PHQ-9'))?.current.author.account).toBe(leaving.account.accountId);
    // It learned they were locked again: nothing for it to do.
    expect(await second.privateEntriesToReencrypt()).toBe(0);
    expect(await second.reencryptPrivateEntries()).toEqual({ reencrypted: 0, removed: 0, tooLarge: 0 });

    // And the patient's first phone keeps writing as before.
    await patient.addEntry({ resourceType: 'Condition', code: { text: 'Written after re-locking' } }, { category: 'mental-health' });
    expect((await patient.sync()).error).toBeNull();
    expect((await staying.openSharedRecord(vault)).entries.map(text).join()).toContain('Written after re-locking');

    const dump = await world.stored();
    expect(findMarkers(dump, [patient.account.accountId.replace(/-/g, '')]).length).toBeGreaterThan(0);
    expect(findMarkers(dump, ['Depression', 'Anxiety', 'PHQ-9', 'Penicillin', 'Ana Private', 'Written after re-locking'])).toEqual([]);
  });

  test('a second revocation locks them again, carried copies included; only the special categories are touched', async () => {
    await patient.revokeGrant(leavingGrant);
    await patient.reencryptPrivateEntries();
    const [stayingGrant] = (await patient.grants()).filter((g) => g.state === 'active');
    const summaryEpochs = async () => {
      const grants = await world.relay.store.listGrants(vault);
      const summary = grants.find((g) => g.grant === stayingGrant!.grantId)!.collections.find((c) => c !== mentalHealth)!;
      return epochsOf(vault, summary);
    };
    expect(await summaryEpochs()).toEqual([1]);

    await patient.revokeGrant(stayingGrant!.grantId);
    expect(await patient.privateEntriesToReencrypt()).toBe(3);
    // Cut off before the relay deletes anything: the next sync still deletes the older carriers.
    world.unreachable = /\/envelopes\/replaced$/;
    expect((await failure(patient.reencryptPrivateEntries())).code).toBe('offline');
    world.unreachable = null;
    expect(await epochsOf(vault, mentalHealth)).toEqual([2, 2, 2, 3, 3, 3]);
    expect(await patient.privateEntriesToReencrypt()).toBe(3);
    expect((await patient.sync()).error).toBeNull();
    expect(await epochsOf(vault, mentalHealth)).toEqual([3, 3, 3]);
    expect(await patient.privateEntriesToReencrypt()).toBe(0);
    expect(await patient.reencryptPrivateEntries()).toEqual({ reencrypted: 0, removed: 0, tooLarge: 0 });
    expect(await summaryEpochs()).toEqual([1]); // results, summary and the rest stay as they were

    const second = await world.newDevice(patient);
    const synced = await second.sync();
    expect(synced.rejected).toEqual([]);
    expect(second.entries().map(text).sort()).toEqual(patient.entries().map(text).sort());
  });

  test('offline: a clear error and nothing changed; cut off half-way, the next sync finishes the job, on any of the patient’s phones', async () => {
    await patient.revokeGrant(leavingGrant);
    world.unreachable = /.*/;
    expect((await failure(patient.reencryptPrivateEntries())).code).toBe('offline');
    world.unreachable = null;
    expect(await epochsOf(vault, mentalHealth)).toEqual([1, 1, 1]);

    // The new copies reach the relay, then the connection drops before the old ones are deleted.
    world.unreachable = /\/envelopes\/replaced$/;
    expect((await failure(patient.reencryptPrivateEntries())).code).toBe('offline');
    world.unreachable = null;
    expect(await epochsOf(vault, mentalHealth)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(await patient.privateEntriesToReencrypt()).toBe(3);

    // Another of the patient's phones, signed in now, learns of the new copies and finishes the job.
    const second = await world.newDevice(patient);
    world.unreachable = /\/envelopes\/replaced$/;
    expect((await second.sync()).error).toBeNull();
    expect(await second.privateEntriesToReencrypt()).toBe(3); // it knows the old copies may still be there
    world.unreachable = null;
    expect((await second.sync()).error).toBeNull();
    expect(await epochsOf(vault, mentalHealth)).toEqual([2, 2, 2]);
    expect(await second.privateEntriesToReencrypt()).toBe(0);
    // The first phone still counts them until it asks the relay itself (nothing left to delete).
    expect(await patient.privateEntriesToReencrypt()).toBe(3);
    expect((await patient.sync()).error).toBeNull();
    expect(await patient.privateEntriesToReencrypt()).toBe(0);
    // Finished, not repeated: no second set of copies.
    expect(await patient.reencryptPrivateEntries()).toEqual({ reencrypted: 0, removed: 0, tooLarge: 0 });
    expect(await epochsOf(vault, mentalHealth)).toEqual([2, 2, 2]);
    expect(patient.entries().map(text).join()).toContain('Depression, 2019');
    expect((await staying.openSharedRecord(vault)).problems).toEqual([]);
  });

  test('a phone whose storage fails while it takes in a carried entry loses nothing: the next sync saves it', async () => {
    await patient.revokeGrant(leavingGrant);
    await patient.reencryptPrivateEntries();
    expect(await epochsOf(vault, mentalHealth)).toEqual([2, 2, 2]); // the carriers are the only copies

    let failOnce = true;
    class FlakyStorage extends MemoryStorage {
      override async get(key: StorageKey): Promise<Uint8Array | undefined> {
        if (failOnce && key[2] === 'reenc') {
          failOnce = false;
          throw new Error('the database closed the transaction');
        }
        return super.get(key);
      }
    }
    const storage = new FlakyStorage();
    const phone = await CarekeyClient.open({ storage, relay: world.relay.url, fetch: world.fetch, clock });
    await phone.logIn(world.kit(patient));
    await expect(phone.sync()).rejects.toThrow('the database closed the transaction');
    expect((await phone.sync()).error).toBeNull();
    const reopened = await CarekeyClient.open({ storage, relay: world.relay.url, fetch: world.fetch, clock });
    await reopened.unlock(world.kit(patient).passphrase);
    expect(reopened.entries().map(text).sort()).toEqual(patient.entries().map(text).sort());
  });
  test('only the patient re-encrypts: a carrier from a write grantee, or a carrier inside a carrier, is refused by every reader', async () => {
    const patientKeys = await world.ownKeys(patient);
    /** A month key of mental health, from the roots the patient's phone holds now. */
    const monthKey = async (epoch: number, month: number) => {
      const { roots } = await world.ownKeys(patient);
      return deriveMonthKey(fromBase64Url(roots.find((r) => r.collection === mentalHealth && r.epoch === epoch)!.root, 'root'), month);
    };
    const onRelay = async () => (await world.relay.store.pullEnvelopes(vault, { after: 0, limit: 1000, maxBytes: 1 << 30 })).envelopes;
    /** Seals `carried` into a carrier under `epoch`, signed by `signer`, and slips it straight into the relay's store. */
    const slipIn = async (carried: Uint8Array, epoch: number, signer: OwnKeys) => {
      const parsed = parseEnvelope(carried);
      const bytes = sealReencryption({
        original: parsed,
        hash: toBase64Url(envelopeHash(carried)),
        epoch,
        monthKey: await monthKey(epoch, parsed.header.month),
        category: 'mental-health',
        signer: {
          account: signer.account,
          deviceId: signer.device.idBytes,
          deviceHex: signer.device.id,
          secretKey: signer.device.keys.secretKey,
        },
      })!;
      const { hash, collection, entry, month, signer: device, size } = indexEnvelope(bytes);
      const head = (await world.relay.store.getVault(vault))!.head.hash;
      await world.relay.store.appendEnvelopes(vault, [{ hash, collection, entry, epoch, month, signer: device, size, data: bytes }], {
        received: clock.now(),
        controlHead: head,
      });
      return hash;
    };

    // The clinician who may add to mental health wraps one of the patient's entries, under the
    // keys they hold after the other clinician's access was stopped.
    const stayingGrant = (await patient.grants()).find((g) => g.grantee === staying.account.accountId)!.grantId;
    await patient.revokeGrant(stayingGrant);
    await patient.reencryptPrivateEntries();
    const patientCopy = (await onRelay()).find(
      (e) => e.collection === mentalHealth && indexEnvelope(e.data).signer === patientKeys.device.id,
    );
    const forged = await slipIn(patientCopy!.data, 2, await world.ownKeys(leaving));
    const record = await leaving.openSharedRecord(vault);
    expect(record.problems.filter((p) => p.reason === 'not-granted').map((p) => p.hash)).toEqual([forged]);
    const phone = await world.newDevice(patient);
    const synced = await phone.sync();
    expect(synced.rejected.map((r) => r.reason)).toEqual(['not-granted']);
    expect(phone.entries().map(text).sort()).toEqual(patient.entries().map(text).sort());

    // A carrier inside a carrier, even the patient's own, is refused too.
    await patient.revokeGrant(leavingGrant);
    const carrier = (await onRelay()).find((e) => e.collection === mentalHealth && indexEnvelope(e.data).epoch === 2)!;
    await slipIn(carrier.data, 3, patientKeys);
    const later = await phone.sync();
    expect(later.rejected.map((r) => r.reason)).toEqual(['not-granted']);
    expect(phone.entries().map(text).sort()).toEqual(patient.entries().map(text).sort());
  });
});
