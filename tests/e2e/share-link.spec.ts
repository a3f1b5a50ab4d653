/**
 * A share link for a clinician with no account (issue #5, DESIGN §4 "Share links"): the patient
 * shares their Summary until an end date with a passcode; a clinician on another computer opens
 * the link, the key is wiped from the address bar, a wrong passcode says the tries left and the
 * right one shows the allergy and whose record it is; the patient sees the open, stops sharing,
 * and the link then says it is closed. Every screen is checked with axe in light and dark.
 */
import { test, expect, checkScreen } from './fixtures.ts';
import { WelcomePage } from './pages/welcome.ts';
import { CreateRecordPage } from './pages/create-record.ts';
import { EmergencyKitPage } from './pages/emergency-kit.ts';
import { HomePage } from './pages/home.ts';
import { AddAllergyPage } from './pages/add-entry.ts';
import { SharePage } from './pages/share.ts';
import { ShareLinkSection, SharedRecordPage } from './pages/share-link.ts';

const NAME = 'Priya Raman';
const PASSPHRASE = 'copper lantern drifting autumn';
const PASSCODE = '4921';

test('a patient shares their summary by link with a passcode, a clinician opens it, the patient stops sharing', async ({ newDevice }) => {
  test.setTimeout(240_000);
  const patient = await newDevice();
  const clinician = await newDevice();

  // The patient: a new record with an allergy.
  const welcome = new WelcomePage(patient.page);
  await welcome.open();
  await welcome.createRecord();
  const create = new CreateRecordPage(patient.page);
  await create.fill(NAME, PASSPHRASE);
  await create.submit();
  await new EmergencyKitPage(patient.page).confirmSaved();
  const home = new HomePage(patient.page);
  await home.expectShown(NAME);
  await home.addAllergy();
  await new AddAllergyPage(patient.page).add({ substance: 'Penicillin', reaction: 'Hives', severity: 'Severe' });
  await home.expectShown(NAME);

  // A link to the Summary only, with a passcode.
  await patient.page.getByRole('main').getByRole('link', { name: 'Share or print' }).first().click();
  const share = new SharePage(patient.page);
  await share.expectShown();
  for (const part of [/^Test results and readings/, /^Appointments and visits/, /^Letters and documents/, /^Your own notes/]) {
    await share.part(part).uncheck();
  }
  const links = new ShareLinkSection(patient.page);
  const url = await links.create({ passcode: PASSCODE });
  await expect(links.section().getByRole('img', { name: /QR code/ })).toBeVisible();
  await expect(links.section().getByText(/Anyone with this link and the passcode can read these parts/)).toBeVisible();
  await expect(links.links()).toHaveCount(1);
  await expect(links.links().first()).toContainText('Summary, with a passcode');
  await expect(links.links().first()).toContainText('Not opened yet');
  await checkScreen(patient.page, '40-share');

  // The clinician, on a computer with no Carekey: the key leaves the address bar at once.
  const viewer = new SharedRecordPage(clinician.page);
  await clinician.page.goto(url);
  await expect(clinician.page.getByLabel('Passcode')).toBeVisible();
  expect(clinician.page.url()).not.toContain('#');
  await viewer.enterPasscode('1111');
  await expect(clinician.page.getByText(/That passcode isn't right\..* 4 tries left/)).toBeVisible();
  await checkScreen(clinician.page, '41-link-passcode');
  await viewer.enterPasscode(PASSCODE);
  await viewer.expectShown(NAME);
  await expect(viewer.section('Patient')).toContainText(NAME);
  await expect(viewer.section('Allergies')).toContainText('Penicillin');
  await expect(clinician.page.getByText(/^Shared by the patient until .+\. Carekey cannot check who wrote these records\.$/)).toBeVisible();
  await expect(clinician.page.getByRole('button', { name: 'Print' })).toBeVisible();
  await expect(clinician.page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  expect(clinician.page.url()).not.toContain('#');
  await checkScreen(clinician.page, '42-link-view');

  // The patient sees the open and stops sharing.
  await patient.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await patient.page.getByRole('main').getByRole('link', { name: 'Share or print' }).first().click();
  await expect(links.links().first()).toContainText(/Opened 1 time, last on/);
  await links.stopSharing(links.links().first());
  await expect(links.links().first()).toContainText('Stopped');
  await expect(links.links().first().getByRole('button', { name: 'Stop sharing' })).toHaveCount(0);

  // The clinician reloads: the key is gone from the address bar, so the link must be opened
  // again whole — and now it is closed.
  await clinician.page.reload();
  await expect(clinician.page.getByRole('heading', { level: 1, name: "This link doesn't work" })).toBeVisible();
  await expect(clinician.page.getByText(/If you reloaded this page, open the whole link again/)).toBeVisible();
  await clinician.page.goto(url);
  await expect(clinician.page.getByRole('heading', { level: 1, name: 'This link is closed' })).toBeVisible();
  await expect(clinician.page.getByText(/Ask the patient for a new one/)).toBeVisible();
  await checkScreen(clinician.page, '43-link-revoked');

  // A SMART Health Link for other health apps: not with a passcode, which those apps can't ask for.
  await links.section().getByLabel('Passcode (optional)').fill('2468');
  await expect(links.smartHealthLinkOption()).toBeDisabled();
  await expect(links.section().getByText(/Not with a passcode: other health apps can't ask for it/)).toBeVisible();
  await links.section().getByLabel('Passcode (optional)').fill('');
  await expect(links.smartHealthLinkOption()).toBeEnabled();
  const shlink = await links.createSmartHealthLink();
  expect(shlink).toMatch(/^shlink:\/[A-Za-z0-9_-]+$/);
  await expect(links.section().getByRole('img', { name: 'QR code of the SMART Health Link, for another health app' })).toBeVisible();
  await expect(links.section().getByRole('button', { name: 'Copy SMART Health Link' })).toBeVisible();
  await expect(links.links().first()).toContainText('Summary');
  await expect(links.links().first()).not.toContainText('with a passcode');
  await checkScreen(patient.page, '44-share-smart-health-link');
});
