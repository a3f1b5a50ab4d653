/**
 * Giving access to people with their own Carekey account (DESIGN §4 "Identities", "Grants",
 * "Revocation and expiry", "Transparency"; §6): three phones — a patient, a clinician and a
 * carer — against the real relay. The clinician and carer sign up as such and read their safety
 * numbers; the patient adds a result and an allergy, gives the clinician read-and-add access to
 * results (a wrong safety number first, which shares nothing) and the carer read access to the
 * summary. The clinician sees the record as not verified until comparing the patient's safety
 * number, sees the result but not the allergy, and adds a result; the patient sees it, with the
 * clinician as its author. The patient stops the clinician's access: a result the clinician then
 * tries to add is refused with the form kept, and their record screen says access has ended; the
 * carer still sees the allergy; "Who has looked" lists the views and the stop. Every new screen
 * is checked with axe in light and dark.
 */
import type { Page } from '@playwright/test';
import { test, expect, checkScreen } from './fixtures.ts';
import { WelcomePage } from './pages/welcome.ts';
import { CreateRecordPage } from './pages/create-record.ts';
import { EmergencyKitPage } from './pages/emergency-kit.ts';
import { HomePage } from './pages/home.ts';
import { AddAllergyPage } from './pages/add-entry.ts';
import { AddOwnPage } from './pages/add-own.ts';
import { AccessLogPage, AddPersonPage, PeoplePage, SafetyNumberPage, type SafetyNumber } from './pages/people.ts';
import { SharedRecordScreen, SharedWithMePage } from './pages/shared-with-me.ts';

const PATIENT = 'Olwen Grantley';
const CLINICIAN = 'Ifeoma Okafor';
const CLINICIAN_LABEL = 'Dr Ifeoma Okafor';
const CARER = 'Rhys Grantley';
const CARER_LABEL = 'Rhys (my son)';
const PASSPHRASE = 'lantern orchard ferry granite';

async function signUp(page: Page, name: string, role: 'patient' | 'clinician' | 'carer', screen?: string): Promise<void> {
  const welcome = new WelcomePage(page);
  await welcome.open();
  await welcome.createRecord();
  const create = new CreateRecordPage(page);
  await create.fill(name, PASSPHRASE);
  await create.chooseRole(role);
  if (screen) await checkScreen(page, screen);
  await create.submit();
  await new EmergencyKitPage(page).confirmSaved();
  await new HomePage(page).expectShown(name);
}

/** Reads this account's safety number from its own screen (reached from Settings). */
async function readSafetyNumber(page: Page, screen?: string): Promise<SafetyNumber> {
  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('region', { name: 'Your account' })).toBeVisible();
  await page.getByRole('link', { name: 'Show your safety number to someone' }).click();
  const numbers = await new SafetyNumberPage(page).read();
  expect(numbers.digits).toMatch(/^(\d{5} ){11}\d{5}$/);
  await expect(page.getByRole('img', { name: 'QR code of your account ID and safety number' })).toBeVisible();
  if (screen) await checkScreen(page, screen);
  return numbers;
}

async function goHome(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
}

async function openFromHome(page: Page, link: 'People with access' | 'Who has looked'): Promise<void> {
  await goHome(page);
  await page.getByRole('navigation', { name: 'More' }).getByRole('link', { name: link }).click();
}

test('a patient gives a clinician and a carer access, the clinician adds a result, the patient stops the clinician', async ({
  newDevice,
}) => {
  test.setTimeout(300_000);
  const patient = await newDevice();
  const clinician = await newDevice();
  const carer = await newDevice();

  // The clinician and the carer sign up as such, and read their safety numbers.
  await signUp(clinician.page, CLINICIAN, 'clinician', '50-create-clinician');
  await expect(clinician.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shared' })).toBeVisible();
  await expect(clinician.page.getByRole('region', { name: "Your patients' records" })).toBeVisible();
  const clinicianNumber = await readSafetyNumber(clinician.page, '51-safety-number');
  await signUp(carer.page, CARER, 'carer');
  await expect(carer.page.getByRole('region', { name: 'The people you care for' })).toBeVisible();
  const carerNumber = await readSafetyNumber(carer.page);

  // The patient: a result (a weight) and an allergy.
  await signUp(patient.page, PATIENT, 'patient');
  await expect(patient.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shared' })).toHaveCount(0);
  const patientNumber = await readSafetyNumber(patient.page);
  await patient.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add' }).click();
  const add = new AddOwnPage(patient.page);
  await add.choose(/^Weight/);
  await add.weight('72.5');
  await add.expectSaved();
  await goHome(patient.page);
  await new HomePage(patient.page).addAllergy();
  await new AddAllergyPage(patient.page).add({ substance: 'Penicillin', reaction: 'Hives', severity: 'Severe' });
  await new HomePage(patient.page).expectShown(PATIENT);

  // Nobody has access yet.
  await openFromHome(patient.page, 'People with access');
  const people = new PeoplePage(patient.page);
  await people.expectShown();
  await expect(patient.page.getByText('Nobody. Only you can see your record.')).toBeVisible();

  // Read and add, results only — with the carer's safety number by mistake: nothing is shared.
  await people.addPerson();
  const form = new AddPersonPage(patient.page);
  await form.fill({
    accountId: clinicianNumber.accountId,
    safetyNumber: carerNumber.digits,
    name: CLINICIAN_LABEL,
    role: 'clinician',
    parts: [/^Test results and readings/],
    access: 'write',
  });
  // The special parts are never ticked for you; the end is three months ahead, at a month's end.
  for (const special of ['Mental health', 'Sexual health', 'Genetics', 'Safeguarding']) {
    await expect(patient.page.getByRole('checkbox', { name: new RegExp(`^${special}`) })).not.toBeChecked();
  }
  expect(await form.endMonth()).toMatch(/^At the end of [A-Z][a-z]+ \d{4}$/);
  await expect(
    patient.page.getByText(/^Dr Ifeoma Okafor will be able to read and add to Results until the end of [A-Z][a-z]+ \d{4}\.$/),
  ).toBeVisible();
  await form.submit();
  await expect(patient.page.getByRole('alert')).toContainText("That safety number doesn't match this person's account");
  await expect(patient.page.getByRole('alert')).toContainText('Nothing was shared.');
  await expect(patient.page.getByText("This doesn't match the safety number of that account.")).toBeVisible();
  await expect(form.safetyNumber()).toBeFocused();
  await checkScreen(patient.page, '52-add-person-mismatch');
  await form.safetyNumber().fill(clinicianNumber.digits);
  await form.submit();
  await people.expectShown();
  await expect(people.confirmation()).toHaveText(/^Dr Ifeoma Okafor can now see Results, until the end of [A-Z][a-z]+ \d{4}\.$/);
  await expect(people.active(CLINICIAN_LABEL)).toContainText('Can read and add');

  // Read only, the summary, for the carer.
  await people.addPerson();
  await form.fill({
    accountId: carerNumber.accountId,
    safetyNumber: carerNumber.digits,
    name: CARER_LABEL,
    role: 'carer',
    parts: [/^Summary/],
    access: 'read',
  });
  await form.submit();
  await people.expectShown();
  await expect(people.active(CARER_LABEL)).toContainText('Summary');
  await expect(people.active(CARER_LABEL)).toContainText('Can read');
  await expect(people.active(CARER_LABEL)).toContainText(/Until the end of [A-Z][a-z]+ \d{4}/);
  await checkScreen(patient.page, '53-people');

  // The clinician: the record is there, not verified until the safety number is compared.
  const clinicianShared = new SharedWithMePage(clinician.page);
  await clinicianShared.open();
  await expect(clinicianShared.record(PATIENT)).toContainText('Not verified');
  await expect(clinicianShared.record(PATIENT)).toContainText('Results');
  await expect(clinicianShared.record(PATIENT)).toContainText('Can read and add');
  await checkScreen(clinician.page, '54-shared-with-me');
  await clinicianShared.openRecord(PATIENT);
  const record = new SharedRecordScreen(clinician.page);
  await record.expectShown(PATIENT);
  await expect(record.notVerified()).toBeVisible();
  await expect(record.part('Test results and readings')).toContainText('72.5 kg');
  await expect(clinician.page.getByRole('main')).not.toContainText('Penicillin');
  await checkScreen(clinician.page, '55-shared-record-not-verified');
  await record.verify(PATIENT, clinicianNumber.digits);
  await expect(clinician.page.getByRole('alert')).toContainText(`That doesn't match ${PATIENT}'s account. Nothing was marked as verified.`);
  await record.verify(PATIENT, patientNumber.digits);
  await expect(clinician.page.getByText(`Verified. You compared ${PATIENT}'s safety number.`)).toBeVisible();
  await expect(record.notVerified()).toHaveCount(0);

  // The clinician adds a result.
  await record.fillResult({ measured: 'HbA1c', value: '51', unit: 'mmol/mol' });
  await record.submitResult();
  await expect(record.addForm().getByRole('status').filter({ hasText: 'Added' })).toHaveText(
    `Added to ${PATIENT}'s record, marked as written by you.`,
  );
  const added = record.part('Test results and readings').getByRole('listitem').filter({ hasText: 'HbA1c' });
  await expect(added).toContainText('51 mmol/mol');
  await expect(added).toContainText('Added by you');
  // Until one of the patient's phones syncs and confirms it.
  await expect(added).toContainText('Not yet confirmed');
  await checkScreen(clinician.page, '56-shared-record');

  // The patient sees who looked and what they added — with the clinician as its author.
  await openFromHome(patient.page, 'Who has looked');
  const log = new AccessLogPage(patient.page);
  await log.expectShown();
  await expect(log.line(/^Dr Ifeoma Okafor viewed Results/).first()).toBeVisible();
  await expect(log.line(/^Dr Ifeoma Okafor added 1 entry to Results/)).toBeVisible();
  await expect(log.line(/^You gave Dr Ifeoma Okafor access to Results/)).toBeVisible();
  await goHome(patient.page);
  const home = new HomePage(patient.page);
  await expect(home.entry(/HbA1c/)).toBeVisible({ timeout: 45_000 });
  await home.entry(/HbA1c/).click();
  await expect(patient.page.getByRole('heading', { level: 1, name: 'HbA1c' })).toBeVisible();
  await expect(patient.page.getByText('Dr Ifeoma Okafor, who you gave access to your record')).toBeVisible();
  await expect(patient.page.getByRole('definition').filter({ hasText: new RegExp(`^${CLINICIAN}$`) })).toBeVisible();

  // The patient's phone has confirmed the result: the clinician no longer sees it as unconfirmed.
  await expect(async () => {
    await record.checkForNew();
    await expect(added).toContainText('51 mmol/mol');
    await expect(added).not.toContainText('Not yet confirmed', { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });

  // The patient stops the clinician's access.
  await openFromHome(patient.page, 'People with access');
  await people.stopAccess(CLINICIAN_LABEL);
  await expect(people.confirmation()).toHaveText('Dr Ifeoma Okafor can no longer see your record.', { timeout: 30_000 });
  await expect(people.ended(CLINICIAN_LABEL)).toContainText(/You stopped their access on/);
  await expect(people.active(CARER_LABEL)).toBeVisible();

  // The clinician's next result is refused, and nothing typed is lost; the record says access ended.
  await record.fillResult({ measured: 'Potassium', value: '4.1', unit: 'mmol/L' });
  await record.submitResult();
  await expect(clinician.page.getByRole('alert')).toContainText(`Your access to ${PATIENT}'s record has ended, so this was not added.`);
  await expect(record.addForm().getByLabel('What was measured')).toHaveValue('Potassium');
  await expect(record.addForm().getByLabel('Result', { exact: true })).toHaveValue('4.1');
  await record.checkForNew();
  await expect(clinician.page.getByRole('heading', { name: 'Your access has ended' })).toBeVisible();
  await expect(clinician.page.getByRole('main')).not.toContainText('HbA1c');
  await checkScreen(clinician.page, '57-shared-record-ended');

  // The carer still sees the allergy, read only.
  const carerShared = new SharedWithMePage(carer.page);
  await carerShared.open();
  await carerShared.openRecord(PATIENT);
  const carerRecord = new SharedRecordScreen(carer.page);
  await carerRecord.expectShown(PATIENT);
  await expect(carerRecord.part(/^Summary/)).toContainText('Penicillin');
  await expect(carer.page.getByRole('main')).not.toContainText('72.5 kg');
  await expect(carerRecord.addForm()).toHaveCount(0);

  // "Who has looked" lists the views and the stop, newest first.
  await openFromHome(patient.page, 'Who has looked');
  await expect(log.line(/^You stopped Dr Ifeoma Okafor's access/)).toBeVisible();
  await expect(log.line(/^Dr Ifeoma Okafor was refused: access stopped/).first()).toBeVisible();
  await expect(log.line(/^Rhys \(my son\) viewed Summary/).first()).toBeVisible();
  const lines = await log.lines().allInnerTexts();
  const stopped = lines.findIndex((l) => l.startsWith("You stopped Dr Ifeoma Okafor's access"));
  const gave = lines.findIndex((l) => l.startsWith('You gave Dr Ifeoma Okafor access'));
  expect(stopped).toBeGreaterThanOrEqual(0);
  expect(stopped).toBeLessThan(gave);
  for (const line of lines) expect(line).toMatch(/\d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2}$/);
  await checkScreen(patient.page, '58-who-has-looked');
});
