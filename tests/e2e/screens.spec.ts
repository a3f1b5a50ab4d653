/**
 * The screens the main story does not reach: settings, a page that does not exist, and a
 * browser that refuses storage (private browsing) — each accessible in light and dark, each in
 * plain words.
 */
import { test, expect, checkScreen } from './fixtures.ts';
import { WelcomePage } from './pages/welcome.ts';
import { CreateRecordPage } from './pages/create-record.ts';
import { EmergencyKitPage } from './pages/emergency-kit.ts';
import { HomePage } from './pages/home.ts';

test('settings show the account, the fingerprint, auto-lock and the version', async ({ newDevice }) => {
  const { page } = await newDevice();
  await new WelcomePage(page).open();
  await new WelcomePage(page).createRecord();
  const create = new CreateRecordPage(page);
  await create.fill('Sam Settings', 'granite pelican orchard whistle');
  await create.submit();
  const kit = await new EmergencyKitPage(page).read();
  await new EmergencyKitPage(page).confirmSaved();
  await new HomePage(page).expectShown('Sam Settings');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your account' })).toContainText(kit.accountId);
  await expect(page.getByText(/^(\d{5} ){11}\d{5}$/)).toBeVisible();
  await page.getByLabel('Lock after this long without use').selectOption('15');
  await checkScreen(page, '12-settings');
  await page.getByRole('button', { name: 'Lock now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Unlock your record' })).toBeVisible();
});

test('a page that does not exist says so and leads back', async ({ newDevice }) => {
  const { page } = await newDevice();
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await checkScreen(page, '13-not-found');
});

test('a browser that refuses storage gets a clear explanation, not a broken app', async ({ newDevice }) => {
  const { page } = await newDevice();
  // What private browsing does to IndexedDB in some browsers: every open fails.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    });
  });
  await new WelcomePage(page).open();
  await new WelcomePage(page).createRecord();
  await expect(page.getByRole('heading', { level: 1, name: "Carekey can't work in this browser window" })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('private browsing');
  await checkScreen(page, '14-storage-denied');
});
