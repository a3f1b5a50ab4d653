/**
 * A co-owner (DESIGN §4 "Carers and emergency access"): three phones — a patient, her son as
 * carer, and a clinician. The patient makes her son a co-owner (the form says what that means and
 * asks nothing about parts) and gives the clinician read-and-add access to results. While the
 * patient's phone is offline, the clinician adds a result; the son, once he has compared his
 * mother's safety number, confirms it — the clinician sees it confirmed — and stops the
 * clinician's access, which the clinician's screen then says. Back online, the patient's phone
 * takes in the new keys the son made: People lists the clinician's access as ended, and what the
 * patient adds next reaches the son. Every new screen is checked with axe in light and dark.
 */
import { test, expect, checkScreen } from './fixtures.ts';
import { goHome, openPeopleWithAccess, readSafetyNumber, signUp } from './pages/accounts.ts';
import { HomePage } from './pages/home.ts';
import { AddAllergyPage } from './pages/add-entry.ts';
import { AddPersonPage, PeoplePage } from './pages/people.ts';
import { SharedRecordScreen, SharedWithMePage } from './pages/shared-with-me.ts';

const PATIENT = 'Gwen Morgan';
const SON = 'Dylan Morgan';
const SON_LABEL = 'Dylan (my son)';
const CLINICIAN = 'Amara Obi';
const PASSPHRASE = 'harbour violet 17 kestrel lamp';

test('a patient makes her son a co-owner; he confirms what a clinician added and stops the clinician', async ({ newDevice }) => {
  test.setTimeout(300_000);
  const patient = await newDevice();
  const son = await newDevice();
  const clinician = await newDevice();

  await signUp(son.page, SON, PASSPHRASE, 'carer');
  const sonNumber = await readSafetyNumber(son.page);
  await signUp(clinician.page, CLINICIAN, PASSPHRASE, 'clinician');
  const clinicianNumber = await readSafetyNumber(clinician.page);
  await signUp(patient.page, PATIENT, PASSPHRASE, 'patient');
  const patientNumber = await readSafetyNumber(patient.page);
  await goHome(patient.page);
  await new HomePage(patient.page).addAllergy();
  await new AddAllergyPage(patient.page).add({ substance: 'Penicillin', reaction: 'Hives', severity: 'Severe' });

  // The son as co-owner: the form explains it and asks nothing about parts.
  await openPeopleWithAccess(patient.page);
  const people = new PeoplePage(patient.page);
  await people.addPerson();
  const form = new AddPersonPage(patient.page);
  await form.fill({
    accountId: sonNumber.accountId,
    safetyNumber: sonNumber.digits,
    name: SON_LABEL,
    role: 'carer',
    parts: [],
    access: 'write',
    coOwner: true,
  });
  const how = patient.page.getByRole('region', { name: 'What a co-owner can do' });
  await expect(how).toContainText('including mental health, sexual health, genetics and safeguarding');
  await expect(how).toContainText("Only you can stop a co-owner's");
  await expect(patient.page.getByRole('group', { name: 'What can they see?' })).toHaveCount(0);
  await expect(patient.page.getByText(/^Dylan \(my son\) will look after your whole record with you until the end of/)).toBeVisible();
  await checkScreen(patient.page, '80-add-co-owner');
  // A clinician is never a co-owner: the choice is only there for a carer.
  await patient.page
    .getByRole('group', { name: 'Who are they?' })
    .getByRole('radio', { name: /^A clinician/ })
    .check();
  await expect(patient.page.getByRole('radio', { name: 'Always, as a co-owner' })).toHaveCount(0);
  await patient.page
    .getByRole('group', { name: 'Who are they?' })
    .getByRole('radio', { name: /^A carer/ })
    .check();
  await patient.page.getByRole('radio', { name: 'Always, as a co-owner' }).check();
  await form.submit();
  await people.expectShown();
  await expect(people.confirmation()).toHaveText(/^Dylan \(my son\) now looks after your whole record with you, until the end of/);
  await expect(people.active(SON_LABEL)).toContainText('Co-owner: looks after your whole record with you');

  // The clinician: read and add, results only.
  await people.addPerson();
  await form.fill({
    accountId: clinicianNumber.accountId,
    safetyNumber: clinicianNumber.digits,
    name: 'Dr Obi',
    role: 'clinician',
    parts: [/^Test results and readings/],
    access: 'write',
  });
  await form.submit();
  await people.expectShown();
  await expect(people.active('Dr Obi')).toBeVisible();

  // The patient's phone goes offline: it cannot confirm what the clinician adds.
  await patient.context.setOffline(true);
  const clinicianShared = new SharedWithMePage(clinician.page);
  await clinicianShared.open();
  await clinicianShared.openRecord(PATIENT);
  const clinicianRecord = new SharedRecordScreen(clinician.page);
  await clinicianRecord.expectShown(PATIENT);
  await clinicianRecord.verify(PATIENT, patientNumber.digits);
  await clinicianRecord.fillResult({ measured: 'Creatinine', value: '88', unit: 'umol/L' });
  await clinicianRecord.submitResult();
  const result = clinicianRecord.part('Test results and readings').getByRole('listitem').filter({ hasText: 'Creatinine' });
  await expect(result).toContainText('Not yet confirmed');

  // The son: the whole record, and what a co-owner can do once he has compared the number.
  const sonShared = new SharedWithMePage(son.page);
  await sonShared.open();
  await sonShared.openRecord(PATIENT);
  const sonRecord = new SharedRecordScreen(son.page);
  await sonRecord.expectShown(PATIENT);
  await expect(sonRecord.coOwnerPanel()).toContainText(`${PATIENT} made you a co-owner`);
  await expect(sonRecord.coOwnerPanel().getByRole('button', { name: 'Confirm new entries' })).toHaveCount(0);
  await sonRecord.verify(PATIENT, patientNumber.digits);
  await expect(sonRecord.part(/^Summary/)).toContainText('Penicillin');
  await sonRecord.confirmEntries();
  await expect(sonRecord.coOwnerPanel().getByRole('status')).toHaveText(
    `Confirmed 1 entry that other people added to ${PATIENT}'s record.`,
  );
  const clinicianRow = new RegExp(`^Account ${clinicianNumber.accountId.slice(0, 6)}`);
  await expect(sonRecord.otherPerson(clinicianRow)).toContainText('Results');
  await checkScreen(son.page, '81-co-owner-panel');

  // The clinician sees the result confirmed.
  await clinicianRecord.checkForNew();
  await expect(result).not.toContainText('Not yet confirmed');

  // The son stops the clinician's access; the clinician's screen says so.
  await sonRecord.stopAccess(clinicianRow);
  await expect(sonRecord.coOwnerPanel().getByText(`can no longer see ${PATIENT}'s record.`)).toBeVisible({ timeout: 45_000 });
  await expect(sonRecord.coOwnerPanel()).toContainText(`Nobody else can see ${PATIENT}'s record now.`);
  await clinicianRecord.checkForNew();
  await expect(clinician.page.getByRole('heading', { name: 'Your access has ended' })).toBeVisible();

  // Back online, the patient's phone takes in the son's new keys and writes under them.
  await patient.context.setOffline(false);
  await expect(async () => {
    await openPeopleWithAccess(patient.page);
    await expect(people.ended('Dr Obi')).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await goHome(patient.page);
  await new HomePage(patient.page).addAllergy();
  await new AddAllergyPage(patient.page).add({ substance: 'Latex', reaction: 'Rash', severity: 'Mild' });
  await expect(async () => {
    await sonRecord.checkForNew();
    await expect(sonRecord.part(/^Summary/)).toContainText('Latex', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
});
