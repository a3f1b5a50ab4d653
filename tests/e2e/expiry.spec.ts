/**
 * Access that ends by itself (DESIGN §4 "Grants": grants always end at the end of a month;
 * "Revocation and expiry"): three phones — a patient, a clinician and a carer — against the real
 * relay, on the relay's test clock and Playwright's, starting on 14 March 2027. The patient gives
 * the clinician the summary until the end of March and the carer until the end of June. The
 * clinician reads the allergy. Time passes to 1 April: the clinician's record says plainly that
 * their access ended at the end of March and shows nothing of it, and so does their list; the
 * patient's people screen lists the clinician under access that has ended and "Who has looked"
 * shows the refused fetch. An allergy the patient adds in April reaches the carer, whose access
 * runs on, and never the clinician. Every new state is checked with axe in light and dark.
 */
import { test, expect, checkScreen } from './fixtures.ts';
import { goHome, openPeopleWithAccess, readSafetyNumber, signUp } from './pages/accounts.ts';
import { HomePage } from './pages/home.ts';
import { AddAllergyPage } from './pages/add-entry.ts';
import { AccessLogPage, AddPersonPage, PeoplePage } from './pages/people.ts';
import { SharedRecordScreen, SharedWithMePage } from './pages/shared-with-me.ts';

const PATIENT = 'Eluned Parry';
const CLINICIAN = 'Tomasz Nowak';
const CLINICIAN_LABEL = 'Dr Tomasz Nowak';
const CARER = 'Gethin Parry';
const CARER_LABEL = 'Gethin (my brother)';
const PASSPHRASE = 'meadow kestrel pewter dune';

/** Sunday 14 March 2027, 10:00 UTC: mid-month, well away from the month's end. */
const START = Date.UTC(2027, 2, 14, 10, 0);
/** Thursday 1 April 2027, 09:00 UTC: the first morning after the clinician's access ended. */
const FIRST_OF_APRIL = Date.UTC(2027, 3, 1, 9, 0);

test.use({ clockStartsAt: START });

test('access given until the end of the month ends with it: the clinician is told plainly and sees nothing more', async ({
  newDevice,
  passTime,
  relay,
}) => {
  test.setTimeout(300_000);
  const patient = await newDevice();
  const clinician = await newDevice();
  const carer = await newDevice();

  await signUp(clinician.page, CLINICIAN, PASSPHRASE, 'clinician');
  const clinicianNumber = await readSafetyNumber(clinician.page);
  await signUp(carer.page, CARER, PASSPHRASE, 'carer');
  const carerNumber = await readSafetyNumber(carer.page);

  await signUp(patient.page, PATIENT, PASSPHRASE, 'patient');
  await new HomePage(patient.page).addAllergy();
  await new AddAllergyPage(patient.page).add({ substance: 'Penicillin', reaction: 'Hives', severity: 'Severe' });
  await new HomePage(patient.page).expectShown(PATIENT);

  // The clinician until the end of this month; the carer until the end of June.
  await openPeopleWithAccess(patient.page);
  const people = new PeoplePage(patient.page);
  await people.expectShown();
  await people.addPerson();
  const form = new AddPersonPage(patient.page);
  await form.fill({
    accountId: clinicianNumber.accountId,
    safetyNumber: clinicianNumber.digits,
    name: CLINICIAN_LABEL,
    role: 'clinician',
    parts: [/^Summary/],
    access: 'read',
    endsAt: 'At the end of March 2027',
  });
  await expect(patient.page.getByText('Dr Tomasz Nowak will be able to read Summary until the end of March 2027.')).toBeVisible();
  await form.submit();
  await people.expectShown();
  await expect(people.active(CLINICIAN_LABEL)).toContainText('Until the end of March 2027');
  await people.addPerson();
  await form.fill({
    accountId: carerNumber.accountId,
    safetyNumber: carerNumber.digits,
    name: CARER_LABEL,
    role: 'carer',
    parts: [/^Summary/],
    access: 'read',
  });
  expect(await form.endMonth()).toBe('At the end of June 2027');
  await form.submit();
  await people.expectShown();
  await expect(people.active(CARER_LABEL)).toContainText('Until the end of June 2027');

  // The clinician reads the allergy, and sees until when.
  const shared = new SharedWithMePage(clinician.page);
  await shared.open();
  await expect(shared.record(PATIENT)).toContainText('Until the end of March 2027');
  await shared.openRecord(PATIENT);
  const record = new SharedRecordScreen(clinician.page);
  await record.expectShown(PATIENT);
  await expect(record.part(/^Summary/)).toContainText('Penicillin');

  // Time passes to the first morning of April, for everyone.
  await passTime(FIRST_OF_APRIL - relay.now());
  expect(await clinician.page.evaluate(() => new Date().toISOString().slice(0, 10))).toBe('2027-04-01');

  // The clinician's open record, checked again: access has ended, in plain words, and nothing shows.
  await record.checkForNew();
  const ended = clinician.page.getByRole('status').filter({ has: clinician.page.getByRole('heading', { name: 'Your access has ended' }) });
  await expect(ended).toContainText(`Your access to ${PATIENT}'s record ended at the end of March 2027`);
  await expect(ended).toContainText(`To see it again, ask ${PATIENT} to share it with you again.`);
  await expect(clinician.page.getByRole('main')).not.toContainText('Penicillin');
  await expect(record.part(/^Summary/)).toHaveCount(0);
  await checkScreen(clinician.page, '70-shared-record-expired');

  // Their list says so too, and offers nothing to open.
  await shared.open();
  await expect(clinician.page.getByRole('link', { name: `Open ${PATIENT}'s record` })).toHaveCount(0);
  await expect(shared.ended(PATIENT)).toContainText('Ended at the end of March 2027');
  await expect(shared.ended(PATIENT).getByRole('link')).toHaveCount(0);
  await expect(clinician.page.getByText('Nothing is shared with you yet')).toHaveCount(0);
  await checkScreen(clinician.page, '71-shared-with-me-expired');

  // The patient adds an allergy in April.
  await goHome(patient.page);
  await new HomePage(patient.page).addAllergy();
  await new AddAllergyPage(patient.page).add({ substance: 'Peanuts', reaction: 'Swollen lips', severity: 'Severe' });
  await new HomePage(patient.page).expectShown(PATIENT);

  // People with access: the clinician's access has ended, the carer's runs on.
  await openPeopleWithAccess(patient.page);
  await people.expectShown();
  await expect(people.ended(CLINICIAN_LABEL)).toContainText('Their access ended at the end of March 2027');
  await expect(people.ended(CLINICIAN_LABEL).getByRole('button', { name: /^Stop access/ })).toHaveCount(0);
  await expect(people.active(CLINICIAN_LABEL)).toHaveCount(0);
  await expect(people.active(CARER_LABEL)).toContainText('Until the end of June 2027');
  await checkScreen(patient.page, '72-people-expired');

  // "Who has looked": the clinician's view in March, and their refused fetch in April.
  await goHome(patient.page);
  await patient.page.getByRole('navigation', { name: 'More' }).getByRole('link', { name: 'Who has looked' }).click();
  const log = new AccessLogPage(patient.page);
  await log.expectShown();
  await expect(log.line(/^Dr Tomasz Nowak was refused: access had ended/).first()).toContainText(/1 Apr, \d{2}:\d{2}$/);
  await expect(log.line(/^Dr Tomasz Nowak viewed Summary/).first()).toContainText(/14 Mar, \d{2}:\d{2}$/);
  await checkScreen(patient.page, '73-who-has-looked-expired');

  // The April allergy reaches the carer, whose access runs on…
  const carerShared = new SharedWithMePage(carer.page);
  await carerShared.open();
  await carerShared.openRecord(PATIENT);
  const carerRecord = new SharedRecordScreen(carer.page);
  await carerRecord.expectShown(PATIENT);
  await expect(async () => {
    await carerRecord.checkForNew();
    await expect(carerRecord.part(/^Summary/)).toContainText('Peanuts', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(carerRecord.part(/^Summary/)).toContainText('Penicillin');

  // …and never the clinician: their record, opened again, still says access has ended.
  await clinician.page.goBack();
  await record.expectShown(PATIENT);
  await expect(ended).toContainText('ended at the end of March 2027');
  await expect(clinician.page.getByRole('main')).not.toContainText('Peanuts');
  await expect(clinician.page.getByRole('main')).not.toContainText('Penicillin');
});
