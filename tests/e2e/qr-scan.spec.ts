/**
 * Adding a person by scanning their QR code, in person (DESIGN §4 "Identities"): two phones — a
 * clinician and a patient — against the real relay. The clinician shows their safety number
 * screen; the patient's phone, with a fake camera Chromium plays from a file, scans it. First
 * another app's QR code: the camera view says it is not a Carekey account code and keeps
 * looking (axe and screenshots of that state), and Cancel turns the camera off. A photo of that
 * code says the same; a photo of the clinician's code fills in the form. Then the camera reads
 * the clinician's code shown on their screen: the camera turns off by itself, the account ID and
 * safety number are filled in, and giving access goes through. A camera the browser refuses is
 * said in plain words, the typed route still there; leaving the screen while scanning turns the
 * camera off.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import config from '../playwright.config.ts';
import { test, expect, checkScreen } from './fixtures.ts';
import { fakeCameraArgs, qrPicture, qrPng, shownQrPicture, writeFakeCamera } from '../support/fake-camera.ts';
import { WelcomePage } from './pages/welcome.ts';
import { CreateRecordPage } from './pages/create-record.ts';
import { EmergencyKitPage } from './pages/emergency-kit.ts';
import { HomePage } from './pages/home.ts';
import { openPeopleWithAccess } from './pages/accounts.ts';
import { AddPersonPage, PeoplePage, SafetyNumberPage } from './pages/people.ts';
import { SharedWithMePage } from './pages/shared-with-me.ts';

const PATIENT = 'Morwenna Tregear';
const CLINICIAN = 'Tomasz Wiśniewski';
const CLINICIAN_LABEL = 'Dr Wiśniewski';
const PASSPHRASE = 'harbour lichen copper violin';
/** Another app's QR code: a web address. */
const JUNK_QR = 'https://example.org/menu';

/** What the fake camera plays; written before each scan (Chromium opens it when a scan starts). */
const CAMERA_FILE = join(import.meta.dirname, '..', '..', 'test-results', 'fake-camera', 'camera.y4m');
writeFakeCamera(CAMERA_FILE);

const launchOptions = config.use?.launchOptions ?? {};
test.use({ launchOptions: { ...launchOptions, args: [...(launchOptions.args ?? []), ...fakeCameraArgs(CAMERA_FILE)] } });

const WORDS = {
  notCarekey: 'That QR code is not a Carekey account code. Scan the one on their "Your safety number" screen.',
  photoNotCarekey: /^The QR code in that photo is not a Carekey account code\./,
  read: 'Scanned: their account ID and safety number are filled in. Now enter a name for them.',
  denied: /^Carekey is not allowed to use the camera\. .*type their details below\.$/,
};

declare global {
  interface Window {
    /** Every camera stream the page was given, to check that each one is stopped. */
    cameraStreams?: MediaStream[];
    /** What the page asked the camera for, last. */
    cameraAsked?: MediaStreamConstraints;
  }
}

/** Counts the camera tracks a page opened that are still running. */
function liveCameraTracks(page: Page): Promise<number> {
  return page.evaluate(
    () => (window.cameraStreams ?? []).flatMap((stream) => stream.getTracks()).filter((track) => track.readyState === 'live').length,
  );
}

async function signUp(page: Page, name: string, role: 'patient' | 'clinician'): Promise<void> {
  const welcome = new WelcomePage(page);
  await welcome.open();
  await welcome.createRecord();
  const create = new CreateRecordPage(page);
  await create.fill(name, PASSPHRASE);
  await create.chooseRole(role);
  await create.submit();
  await new EmergencyKitPage(page).confirmSaved();
  await new HomePage(page).expectShown(name);
}

async function openSafetyNumber(page: Page): Promise<SafetyNumberPage> {
  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Show your safety number to someone' }).click();
  const screen = new SafetyNumberPage(page);
  await screen.expectShown();
  return screen;
}

async function openAddPerson(page: Page): Promise<AddPersonPage> {
  await openPeopleWithAccess(page);
  await new PeoplePage(page).addPerson();
  const form = new AddPersonPage(page);
  await form.expectShown();
  return form;
}

test("a patient scans a clinician's QR code with the phone camera and gives them access", async ({ newDevice }) => {
  test.setTimeout(240_000);
  const clinician = await newDevice();
  const patient = await newDevice();
  await patient.context.grantPermissions(['camera']);
  await patient.context.addInitScript(() => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the page's MediaDevices as `this`
    const original = MediaDevices.prototype.getUserMedia;
    MediaDevices.prototype.getUserMedia = async function (constraints?: MediaStreamConstraints) {
      window.cameraAsked = constraints ?? {};
      const stream = await original.call(this, constraints);
      (window.cameraStreams ??= []).push(stream);
      return stream;
    };
  });

  // The clinician shows their safety number screen, with its QR code.
  await signUp(clinician.page, CLINICIAN, 'clinician');
  const shown = await openSafetyNumber(clinician.page);
  const numbers = await shown.read();
  await expect(shown.qrCode()).toBeVisible();
  const clinicianQr = await shownQrPicture(shown.qrCode(), 320);
  const clinicianPhoto = await shown.qrCode().screenshot();

  await signUp(patient.page, PATIENT, 'patient');
  const form = await openAddPerson(patient.page);
  await expect(form.scanOutcome()).toHaveText('');

  // The camera sees another app's QR code: it says so, and keeps looking.
  writeFakeCamera(CAMERA_FILE, qrPicture(JUNK_QR, 320));
  await form.startScanning();
  await expect(form.scanDialog()).toBeVisible();
  await expect(form.scanDialog().getByRole('status')).toHaveText(WORDS.notCarekey);
  await expect(form.scanDialog().getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(await patient.page.evaluate(() => window.cameraAsked)).toEqual({ audio: false, video: { facingMode: { ideal: 'environment' } } });
  expect(await liveCameraTracks(patient.page)).toBe(1);
  await checkScreen(patient.page, 'people-add-scan');
  await expect(form.scanDialog()).toBeVisible();
  await form.cancelScanning();
  await expect(form.scanDialog()).toBeHidden();
  expect(await liveCameraTracks(patient.page)).toBe(0);
  await expect(form.scanning().getByRole('button', { name: 'Scan their QR code' })).toBeFocused();
  await expect(form.accountId()).toHaveValue('');

  // A photo of the same code: the same message, nothing filled in.
  await form.choosePhoto({ name: 'menu.png', mimeType: 'image/png', buffer: await qrPng(JUNK_QR) });
  await expect(form.scanOutcome()).toHaveText(WORDS.photoNotCarekey);
  await expect(form.accountId()).toHaveValue('');
  await expect(form.safetyNumber()).toHaveValue('');

  // A photo of the clinician's code fills in the form.
  await form.choosePhoto({ name: 'safety-number.png', mimeType: 'image/png', buffer: clinicianPhoto });
  await expect(form.scanOutcome()).toHaveText(WORDS.read);
  await expect(form.accountId()).toHaveValue(numbers.accountId);
  await expect(form.safetyNumber()).toHaveValue(numbers.digits);

  // A camera the browser refuses: plain words, and the typed route is still there.
  await form.accountId().fill('');
  await form.safetyNumber().fill('');
  await patient.page.evaluate(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await form.startScanning();
  await expect(form.scanOutcome()).toHaveText(WORDS.denied);
  await expect(form.scanDialog()).toBeHidden();
  await expect(form.accountId()).toBeEditable();
  await patient.page.evaluate(() => {
    // Back to the camera the page started with (the prototype's, wrapped above).
    Reflect.deleteProperty(navigator.mediaDevices, 'getUserMedia');
  });

  // The app hidden while scanning (another app, the lock screen) turns the camera off.
  await form.startScanning();
  await expect(form.scanDialog().getByRole('status')).toHaveText(WORDS.notCarekey);
  expect(await liveCameraTracks(patient.page)).toBe(1);
  await patient.page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => liveCameraTracks(patient.page)).toBe(0);
  await expect(form.scanDialog()).toBeHidden();
  await patient.page.evaluate(() => {
    Reflect.deleteProperty(document, 'visibilityState'); // back to the prototype's
    document.dispatchEvent(new Event('visibilitychange'));
  });

  // Leaving the screen while scanning turns the camera off.
  await form.startScanning();
  await expect(form.scanDialog().getByRole('status')).toHaveText(WORDS.notCarekey);
  expect(await liveCameraTracks(patient.page)).toBe(1);
  await patient.page.goBack();
  await new PeoplePage(patient.page).expectShown();
  await expect.poll(() => liveCameraTracks(patient.page)).toBe(0);
  await new PeoplePage(patient.page).addPerson();
  await form.expectShown();

  // The camera sees the clinician's code as their screen shows it: it fills in the form and stops.
  writeFakeCamera(CAMERA_FILE, clinicianQr);
  await form.startScanning();
  await expect(form.scanOutcome()).toHaveText(WORDS.read);
  await expect(form.scanDialog()).toBeHidden();
  expect(await liveCameraTracks(patient.page)).toBe(0);
  await expect(form.accountId()).toHaveValue(numbers.accountId);
  await expect(form.safetyNumber()).toHaveValue(numbers.digits);
  await checkScreen(patient.page, 'people-add-scanned');

  // The rest of the form as before; the safety number matches, so access is given.
  await form.fill({
    name: CLINICIAN_LABEL,
    role: 'clinician',
    parts: [/^Test results and readings/],
    access: 'read',
  });
  await form.submit();
  const people = new PeoplePage(patient.page);
  await people.expectShown();
  await expect(people.active(CLINICIAN_LABEL)).toContainText('Can read');

  // The clinician has the record.
  const shared = new SharedWithMePage(clinician.page);
  await shared.open();
  await expect(shared.record(PATIENT)).toContainText('Results');
});
