/**
 * Emergency access (DESIGN §4 "Grants"): a patient and a carer on two phones against the real
 * relay. The patient names the carer an emergency contact with the shortest wait; the carer sees
 * only that they may ask, and asks; the patient's phone, already open on home, shows the
 * request at once without a reload (the realtime channel) with when it would open, and the
 * patient refuses; the carer's card says it was not opened and they can ask again. The wait itself
 * cannot pass in a browser story: the relay's and the client's tests cover release. Every new
 * state is checked with axe in light and dark.
 */
import { test, expect, checkScreen } from './fixtures.ts';
import { goHome, openPeopleWithAccess, readSafetyNumber, signUp } from './pages/accounts.ts';
import { HomePage } from './pages/home.ts';
import { AddAllergyPage } from './pages/add-entry.ts';
import { AccessLogPage, AddPersonPage, PeoplePage } from './pages/people.ts';
import { SharedWithMePage } from './pages/shared-with-me.ts';

const PATIENT = 'Morwenna Tregear';
const CARER = 'Sam Tregear';
const CARER_LABEL = 'Sam';
const PASSPHRASE = 'harbour lichen copper tide';
/** "Friday 27 November at 14:00". */
const OPENS = /[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ at \d{2}:\d{2}/;

test('a patient names an emergency contact, the contact asks, the patient refuses', async ({ newDevice }) => {
  test.setTimeout(240_000);
  const patient = await newDevice();
  const carer = await newDevice();

  await signUp(carer.page, CARER, PASSPHRASE, 'carer');
  const carerNumber = await readSafetyNumber(carer.page);

  await signUp(patient.page, PATIENT, PASSPHRASE, 'patient');
  await new HomePage(patient.page).addAllergy();
  await new AddAllergyPage(patient.page).add({ substance: 'Latex', reaction: 'Wheezing', severity: 'Severe' });
  await new HomePage(patient.page).expectShown(PATIENT);

  // The patient names Sam an emergency contact, with the shortest wait, for the summary.
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
  const how = patient.page.getByRole('region', { name: 'How emergency access works' });
  await expect(how).toContainText('They can ask for access at any time.');
  await expect(how).toContainText('you can refuse');
  await expect(patient.page.getByRole('group', { name: 'What can they do?' })).toHaveCount(0);
  await expect(
    patient.page.getByText(/^Sam can ask for emergency access until the end of .+ If you don't refuse within 12 hours/),
  ).toBeVisible();
  await checkScreen(patient.page, '60-add-emergency-contact');
  await form.submit();
  await people.expectShown();
  await expect(people.confirmation()).toContainText('Sam is now your emergency contact for Summary');
  await expect(people.active(CARER_LABEL)).toContainText('Emergency contact — waits 12 hours');
  await expect(people.active(CARER_LABEL)).toContainText('Can read');
  await checkScreen(patient.page, '61-people-emergency-contact');

  // Sam sees only that they may ask: whose record it is stays sealed until it opens.
  const shared = new SharedWithMePage(carer.page);
  await shared.open();
  const card = shared.emergencyContact();
  await expect(card).toContainText(/^Emergency contact for account /);
  await expect(card).toContainText(
    'will be told at once if Carekey is open on one of their devices (or else the next time they open it) and can refuse',
  );
  await expect(card).toContainText('it opens 12 hours after you ask');
  await expect(carer.page.getByRole('main')).not.toContainText('Latex');
  await checkScreen(carer.page, '62-shared-emergency-contact');

  // The patient's phone is already open on home, with nothing to say yet.
  await goHome(patient.page);
  const request = people.emergencyRequest(CARER_LABEL);
  await expect(request).toHaveCount(0);
  // Marks this page: a reload or a navigation to another document would forget it.
  await patient.page.evaluate(() => Object.assign(window, { carekeyStillOpen: true }));
  const homeUrl = patient.page.url();

  await shared.askForEmergencyAccess();
  await expect(card).toContainText(/Asked — opens on .+ unless they refuse\./);
  await expect(card.getByText(OPENS)).toBeVisible();
  await expect(card.getByRole('button', { name: 'Ask for emergency access' })).toHaveCount(0);
  await checkScreen(carer.page, '63-shared-emergency-asked');

  // The patient's open home shows the request at once (the realtime channel), with no reload or
  // navigation: when it opens, and Refuse.
  await expect(request).toContainText(/Sam has asked for emergency access\. It opens on .+ unless you refuse\./);
  expect(patient.page.url()).toBe(homeUrl);
  expect(await patient.page.evaluate(() => 'carekeyStillOpen' in window)).toBe(true);
  await expect(request.getByText(OPENS)).toBeVisible();
  await checkScreen(patient.page, '64-home-emergency-request');
  await people.refuseEmergency(CARER_LABEL);
  await expect(patient.page.getByRole('status').filter({ hasText: "You refused Sam's emergency access" })).toHaveText(
    "You refused Sam's emergency access. Nothing was opened.",
  );
  await expect(request).toHaveCount(0);
  await checkScreen(patient.page, '65-home-emergency-refused');

  // Sam's card says it was not opened, and Sam can ask again.
  await goHome(carer.page);
  await shared.open();
  await expect(shared.emergencyContact()).toContainText(/You asked on .+\. It was not opened: they refused\. You can ask again\./);
  await expect(shared.emergencyContact().getByRole('button', { name: 'Ask for emergency access' })).toBeVisible();
  await expect(carer.page.getByRole('main')).not.toContainText('Latex');
  await checkScreen(carer.page, '66-shared-emergency-refused');

  // "Who has looked" says both.
  await goHome(patient.page);
  await patient.page.getByRole('navigation', { name: 'More' }).getByRole('link', { name: 'Who has looked' }).click();
  const log = new AccessLogPage(patient.page);
  await log.expectShown();
  await expect(log.line(/^Sam asked for emergency access/)).toBeVisible();
  await expect(log.line(/^You refused Sam's emergency access/)).toBeVisible();
});
