/**
 * Emergency access released (DESIGN §4 "Carers and emergency access": the relay releases the
 * keys only after the contact asks and the waiting period passes with no refusal): a patient and
 * a carer on two phones against the real relay, on the relay's test clock and Playwright's,
 * starting on 14 March 2027. The patient names the carer an emergency contact with the shortest
 * wait (12 hours); the carer asks and, while it waits, sees when it opens and nothing of the
 * record. Twelve hours pass with no refusal: the carer opens the record and reads the allergy; the
 * patient's home says the carer has emergency access and since when, and "Who has looked" shows
 * the request and the view. Every new state is checked with axe in light and dark.
 */
import { test, expect, checkScreen } from './fixtures.ts';
import { goHome, openPeopleWithAccess, readSafetyNumber, signUp } from './pages/accounts.ts';
import { HomePage } from './pages/home.ts';
import { AddAllergyPage } from './pages/add-entry.ts';
import { AccessLogPage, AddPersonPage, PeoplePage } from './pages/people.ts';
import { SharedRecordScreen, SharedWithMePage } from './pages/shared-with-me.ts';

const PATIENT = 'Morwenna Tregear';
const CARER = 'Sam Tregear';
const CARER_LABEL = 'Sam';
const PASSPHRASE = 'harbour lichen copper tide';
const HOUR = 60 * 60 * 1000;

/** Sunday 14 March 2027, 10:00 UTC (GMT in London). */
const START = Date.UTC(2027, 2, 14, 10, 0);
/** "Sunday 14 March at 22:03": twelve hours after asking. */
const OPENS = /Sunday 14 March at 22:\d{2}/;

test.use({ clockStartsAt: START });

test('an emergency contact asks, nobody refuses, and after the wait the record opens to them', async ({ newDevice, passTime }) => {
  test.setTimeout(240_000);
  const patient = await newDevice();
  const carer = await newDevice();

  await signUp(carer.page, CARER, PASSPHRASE, 'carer');
  const carerNumber = await readSafetyNumber(carer.page);

  await signUp(patient.page, PATIENT, PASSPHRASE, 'patient');
  await new HomePage(patient.page).addAllergy();
  await new AddAllergyPage(patient.page).add({ substance: 'Latex', reaction: 'Wheezing', severity: 'Severe' });
  await new HomePage(patient.page).expectShown(PATIENT);

  // The patient names Sam an emergency contact for the summary, with the shortest wait.
  await openPeopleWithAccess(patient.page);
  const people = new PeoplePage(patient.page);
  await people.expectShown();
  await people.addEmergencyContact();
  const form = new AddPersonPage(patient.page);
  await form.fill({
    accountId: carerNumber.accountId,
    safetyNumber: carerNumber.digits,
    name: CARER_LABEL,
    role: 'carer',
    parts: [/^Summary/],
    access: 'read',
    emergencyWait: '12 hours',
  });
  await expect(patient.page.getByLabel('Waiting period').locator('option').first()).toHaveText('12 hours');
  await form.submit();
  await people.expectShown();
  await expect(people.active(CARER_LABEL)).toContainText('Emergency contact — waits 12 hours');

  // Sam asks. While it waits: when it opens, and nothing of the record.
  const shared = new SharedWithMePage(carer.page);
  await shared.open();
  await shared.askForEmergencyAccess();
  const card = shared.emergencyContact();
  await expect(card).toContainText(/Asked — opens on .+ unless they refuse\./);
  await expect(card.getByText(OPENS)).toBeVisible();
  await expect(shared.record(PATIENT)).toHaveCount(0);
  await expect(carer.page.getByRole('main')).not.toContainText('Latex');
  await expect(carer.page.getByRole('main')).not.toContainText(PATIENT);

  // Eleven hours on, it is still waiting.
  await passTime(11 * HOUR);
  await goHome(carer.page);
  await shared.open();
  await expect(shared.emergencyContact()).toContainText(/Asked — opens on .+ unless they refuse\./);
  await expect(carer.page.getByRole('main')).not.toContainText('Latex');

  // The patient did not refuse. Twelve hours after asking, it opens.
  await passTime(1 * HOUR + 5 * 60 * 1000);
  await goHome(carer.page);
  await shared.open();
  await expect(shared.emergencyContact()).toHaveCount(0);
  const listed = shared.record(PATIENT);
  await expect(listed).toContainText(/Emergency access: you asked, and it opened on Sunday 14 March at 22:\d{2}\./);
  await expect(listed).toContainText('Summary');
  await expect(listed).toContainText('Can read');
  await checkScreen(carer.page, '74-shared-emergency-released');
  await shared.openRecord(PATIENT);
  const record = new SharedRecordScreen(carer.page);
  await record.expectShown(PATIENT);
  await expect(record.part(/^Summary/)).toContainText('Latex');
  await expect(carer.page.getByRole('region', { name: 'About this record' })).toContainText(
    /You asked for emergency access, and it opened on Sunday 14 March at 22:\d{2}\./,
  );
  await expect(record.addForm()).toHaveCount(0);
  await checkScreen(carer.page, '75-shared-record-emergency-released');

  // The patient's home says Sam has emergency access, and since when.
  await goHome(patient.page);
  const opened = patient.page.getByRole('region', { name: 'Sam has emergency access' });
  await expect(opened).toContainText(/Sam has emergency access since Sunday 14 March at 22:\d{2}\./);
  await expect(opened).toContainText('To end it, stop their access under People with access.');
  await checkScreen(patient.page, '76-home-emergency-released');

  // "Who has looked": the request, then the view.
  await patient.page.getByRole('navigation', { name: 'More' }).getByRole('link', { name: 'Who has looked' }).click();
  const log = new AccessLogPage(patient.page);
  await log.expectShown();
  const asked = log.line(/^Sam asked for emergency access/);
  const viewed = log.line(/^Sam viewed Summary/).first();
  await expect(asked).toContainText(/14 Mar, 10:\d{2}$/);
  await expect(viewed).toContainText(/14 Mar, 22:\d{2}$/);
  const lines = await log.lines().allInnerTexts();
  expect(lines.findIndex((l) => l.startsWith('Sam viewed Summary'))).toBeLessThan(
    lines.findIndex((l) => l.startsWith('Sam asked for emergency access')),
  );
  await checkScreen(patient.page, '77-who-has-looked-emergency-released');
});
