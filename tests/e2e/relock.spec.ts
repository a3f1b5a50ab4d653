/**
 * Full re-encryption of the special categories (DESIGN §4 "Revocation and expiry"): three phones
 * against the real relay. The patient brings in a record with a depression diagnosis (mental
 * health, a special category) and gives two clinicians mental health. After stopping one
 * clinician's access, People with access offers to lock the older private entry again with the
 * new keys; the patient does, sees it done, and the offer goes away. The clinician who still has
 * access still reads the diagnosis. Every new state is checked with axe in light and dark.
 */
import { test, expect, checkScreen } from './fixtures.ts';
import { goHome, openPeopleWithAccess, readSafetyNumber, signUp } from './pages/accounts.ts';
import { AddPersonPage, PeoplePage } from './pages/people.ts';
import { BringInRecordsPage } from './pages/record-views.ts';
import { SharedRecordScreen, SharedWithMePage } from './pages/shared-with-me.ts';

const PATIENT = 'Carys Bevan';
const LEAVING = 'Dr Owain Rees';
const STAYING = 'Dr Nia Lloyd';
const PASSPHRASE = 'harbour lantern quince moss';

/** A GP record extract with one mental-health diagnosis (SNOMED CT 35489007). */
const RECORD = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: 'urn:uuid:0b6f3c52-7a4e-4d8e-9a0e-5f6d8c1e2a01',
      resource: {
        resourceType: 'Condition',
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
        code: {
          coding: [{ system: 'http://snomed.info/sct', code: '35489007', display: 'Depressive disorder' }],
          text: 'Depressive disorder',
        },
        subject: { display: PATIENT },
        onsetDateTime: '2019-05-02',
      },
    },
  ],
};

test('after stopping someone’s access, the patient locks the older private entries again; the clinician still granted reads them', async ({
  newDevice,
}) => {
  test.setTimeout(300_000);
  const patient = await newDevice();
  const leaving = await newDevice();
  const staying = await newDevice();

  await signUp(leaving.page, LEAVING, PASSPHRASE, 'clinician');
  const leavingNumber = await readSafetyNumber(leaving.page);
  await signUp(staying.page, STAYING, PASSPHRASE, 'clinician');
  const stayingNumber = await readSafetyNumber(staying.page);

  await signUp(patient.page, PATIENT, PASSPHRASE, 'patient');
  await patient.page.getByRole('main').getByRole('link', { name: 'Bring in your records' }).first().click();
  const importing = new BringInRecordsPage(patient.page);
  await importing.expectShown();
  await patient.page
    .getByLabel('Choose a file')
    .setInputFiles({ name: 'gp-record.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(RECORD)) });
  await expect(patient.page.getByRole('heading', { level: 2, name: 'Done' })).toBeVisible({ timeout: 60_000 });

  // Both clinicians get mental health, which is never ticked for you.
  await openPeopleWithAccess(patient.page);
  const people = new PeoplePage(patient.page);
  await people.expectShown();
  const form = new AddPersonPage(patient.page);
  for (const [number, name] of [
    [leavingNumber, LEAVING],
    [stayingNumber, STAYING],
  ] as const) {
    await people.addPerson();
    await form.fill({
      accountId: number.accountId,
      safetyNumber: number.digits,
      name,
      role: 'clinician',
      parts: [/^Mental health/],
      access: 'read',
    });
    await form.submit();
    await people.expectShown();
    await expect(people.active(name)).toBeVisible();
  }
  const relock = patient.page.getByRole('region', { name: 'Lock older private entries again' });
  await expect(relock).toHaveCount(0); // nothing to offer while nobody's access was stopped

  // The patient stops one clinician: the older private entry is offered to be locked again.
  await people.stopAccess(LEAVING);
  await expect(people.confirmation()).toHaveText(`${LEAVING} can no longer see your record.`, { timeout: 30_000 });
  await expect(relock).toContainText('One private entry (mental health, sexual health, genetics or safeguarding) is still locked');
  await expect(relock).toContainText('Everyone who still has access can still see it.');
  await checkScreen(patient.page, '90-relock-offered');

  await relock.getByRole('button', { name: 'Lock again with the new keys' }).click();
  await expect(people.confirmation()).toHaveText('Done: 1 private entry is now locked with the new keys, and the old copies are deleted.', {
    timeout: 30_000,
  });
  await expect(relock).toHaveCount(0);
  await checkScreen(patient.page, '91-relock-done');

  // Seen again later, there is nothing more to do.
  await goHome(patient.page);
  await openPeopleWithAccess(patient.page);
  await people.expectShown();
  await expect(people.active(STAYING)).toBeVisible();
  await expect(relock).toHaveCount(0);

  // The clinician still granted reads the diagnosis from the new copy.
  const shared = new SharedWithMePage(staying.page);
  await shared.open();
  await shared.openRecord(PATIENT);
  const record = new SharedRecordScreen(staying.page);
  await record.expectShown(PATIENT);
  await expect(record.part(/^Mental health/)).toContainText('Depressive disorder');
});
