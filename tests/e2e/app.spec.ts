/**
 * The app's stories on phones (DESIGN §7): create a record and add an allergy on device A; log in
 * on device B with the Emergency Kit and see it; add a note offline on A and see it arrive on B;
 * reopen the app offline with the relay stopped; and, after all of it, find no plaintext in the
 * relay's database. Every screen is checked with axe in light and dark, and photographed.
 */
import { test, expect, checkScreen, openDevice, type Device } from './fixtures.ts';
import { WelcomePage } from './pages/welcome.ts';
import { CreateRecordPage } from './pages/create-record.ts';
import { EmergencyKitPage, type KitDetails } from './pages/emergency-kit.ts';
import { LoginPage } from './pages/login.ts';
import { UnlockPage } from './pages/unlock.ts';
import { HomePage } from './pages/home.ts';
import { AddAllergyPage, AddNotePage } from './pages/add-entry.ts';
import { findMarkers, readSqliteFiles } from '../support/plaintext-scan.ts';

const NAME = 'Philippa Okonkwo-Brandt';
const PASSPHRASE = 'marmalade lighthouse quietly seventeen';
const ALLERGY = 'Co-trimoxazole';
const REACTION = 'Hives and facial swelling';
const NOTE = 'Ankle still sore after the fall on Tuesday';

test.describe.serial('a record on two phones', () => {
  let a: Device;
  let b: Device;
  let kit: KitDetails;

  // Two phones that live through the whole story.
  test.beforeAll(async ({ browser, relay }) => {
    a = await openDevice(browser, relay.url);
    b = await openDevice(browser, relay.url);
  });

  test.afterAll(async () => {
    await a.context.close();
    await b.context.close();
  });

  test('device A creates a record, saves the Emergency Kit and adds an allergy', async () => {
    const welcome = new WelcomePage(a.page);
    await welcome.open();
    await checkScreen(a.page, '01-welcome');
    await welcome.createRecord();

    const create = new CreateRecordPage(a.page);
    await create.expectShown();
    await create.submit();
    await expect(a.page.getByText('Enter your name.')).toBeVisible();
    await create.fill(NAME, PASSPHRASE);
    await expect(a.page.getByText(/Strong|Very strong/)).toBeVisible();
    await checkScreen(a.page, '02-create-record');
    await create.submit();

    const kitPage = new EmergencyKitPage(a.page);
    kit = await kitPage.read();
    expect(kit.accountId.replace(/-/g, '')).toMatch(/^[0-9A-Z]{26}$/);
    expect(kit.secretKey).toMatch(/^CK1-/);
    await checkScreen(a.page, '03-emergency-kit');
    await kitPage.confirmSaved();

    const home = new HomePage(a.page);
    await home.expectShown(NAME);
    await checkScreen(a.page, '04-home-empty');
    await home.addAllergy();
    await checkScreen(a.page, '05-add-allergy');
    await new AddAllergyPage(a.page).add({ substance: ALLERGY, reaction: REACTION, severity: 'Severe' });
    await home.expectShown(NAME);
    await expect(home.entry(new RegExp(ALLERGY))).toBeVisible();
    await expect(home.syncStatus()).toHaveText(/Up to date/);
    await checkScreen(a.page, '06-home-with-allergy');

    await home.entry(new RegExp(ALLERGY)).click();
    await expect(a.page.getByRole('heading', { level: 1, name: ALLERGY })).toBeVisible();
    await expect(a.page.getByText('You, on this phone')).toBeVisible();
    await checkScreen(a.page, '07-entry');
  });

  test('device B logs in with the Emergency Kit and passphrase and sees the allergy', async () => {
    const welcome = new WelcomePage(b.page);
    await welcome.open();
    await welcome.useAnotherDevice();
    const login = new LoginPage(b.page);
    await login.expectShown();
    await checkScreen(b.page, '08-login');

    // A wrong Secret Key and a wrong passphrase read the same.
    await login.signIn(kit.accountId, 'CK1-AAAAAA-AAAAA-AAAAA-AAAAA-AAAA0', PASSPHRASE);
    await expect(b.page.getByRole('alert')).toHaveText(/doesn't match\. Check your passphrase and Secret Key/);
    await login.signIn(kit.accountId, kit.secretKey, 'not my passphrase at all');
    await expect(b.page.getByRole('alert')).toHaveText(/doesn't match\. Check your passphrase and Secret Key/);

    await login.signIn(kit.accountId, kit.secretKey, PASSPHRASE);
    const home = new HomePage(b.page);
    await home.expectShown(NAME);
    await expect(home.entry(new RegExp(ALLERGY))).toBeVisible();
  });

  test('A adds a note offline; it waits on the phone and reaches B once A is back online', async () => {
    const home = new HomePage(a.page);
    await a.page.getByRole('link', { name: 'Back to your record' }).click();
    await home.expectShown(NAME);
    await a.context.setOffline(true);
    await expect(home.syncStatus()).toHaveText(/Offline — changes will sync/);
    await home.addNote();
    await checkScreen(a.page, '09-add-note');
    await new AddNotePage(a.page).add(NOTE);
    await expect(home.entry(new RegExp(NOTE))).toBeVisible();
    await expect(home.syncStatus()).toHaveText(/Offline — changes will sync \(1 waiting\)/);
    await checkScreen(a.page, '10-home-offline');

    await a.context.setOffline(false);
    await expect(home.syncStatus()).toHaveText(/Up to date/, { timeout: 30_000 });

    const homeB = new HomePage(b.page);
    await b.page.reload();
    await new UnlockPage(b.page).unlock(PASSPHRASE);
    await homeB.expectShown(NAME);
    await expect(homeB.entry(new RegExp(NOTE))).toBeVisible({ timeout: 30_000 });
  });

  test('a wrong passphrase is refused without saying more, and locking asks for it again', async () => {
    const home = new HomePage(a.page);
    await home.lock();
    const unlock = new UnlockPage(a.page);
    await unlock.expectShown();
    await checkScreen(a.page, '11-unlock');
    await unlock.unlock('marmalade lighthouse loudly seventeen');
    await unlock.expectError("That passphrase isn't right");
    await unlock.unlock(PASSPHRASE);
    await home.expectShown(NAME);
  });

  test('the app opens offline with the relay stopped, and still unlocks and shows the record', async ({ relay }) => {
    await relay.stop();
    await a.context.setOffline(true);
    await a.page.reload();
    const unlock = new UnlockPage(a.page);
    await unlock.expectShown();
    await unlock.unlock(PASSPHRASE);
    const home = new HomePage(a.page);
    await home.expectShown(NAME);
    await expect(home.entry(new RegExp(ALLERGY))).toBeVisible();
    await expect(home.entry(new RegExp(NOTE))).toBeVisible();
    await expect(home.syncStatus()).toHaveText(/Offline/);
    await a.context.setOffline(false);
    await relay.start();
  });

  test('after these stories the relay holds none of the plaintext', async ({ relay }) => {
    await relay.stop();
    const stored = readSqliteFiles(relay.dataDir);
    expect(findMarkers(stored, [kit.accountId.replace(/-/g, '')])).toHaveLength(1); // the scan can find things
    const markers = [
      NAME,
      'Philippa',
      'Okonkwo',
      PASSPHRASE,
      kit.secretKey,
      kit.recoveryCode,
      ALLERGY,
      REACTION,
      'facial swelling',
      NOTE,
      'Ankle',
      'AllergyIntolerance',
      'summary',
    ];
    expect(findMarkers(stored, markers)).toEqual([]);
    await relay.start();
  });
});
