/**
 * A patient's results and own entries on a phone (issue #4): bring in a GP record with several
 * HbA1c and blood pressure results, see them by test and as a trend chart with its table, add a
 * blood pressure reading (a wrong one first), a weight, a medicine and an appointment through
 * the forms, download the record as a FHIR file and open the printable summary. Every screen is
 * checked with axe in light and dark, and photographed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, checkScreen } from './fixtures.ts';
import { WelcomePage } from './pages/welcome.ts';
import { CreateRecordPage } from './pages/create-record.ts';
import { EmergencyKitPage } from './pages/emergency-kit.ts';
import { HomePage } from './pages/home.ts';
import { BringInRecordsPage } from './pages/record-views.ts';
import { ResultsPage, TrendPage } from './pages/results.ts';
import { AddOwnPage } from './pages/add-own.ts';
import { SharePage, PrintPage } from './pages/share.ts';
import { RestorePage } from './pages/restore.ts';

const NAME = 'Ángela Guzmán';
const PASSPHRASE = 'velvet harbour spinning tuesday';
const ANGELA = fileURLToPath(
  new URL('../../packages/record/test-fixtures/synthea/Angela_Guzman_cffd2b80-3ae5-44b4-b4cf-b2e396c9615d.json', import.meta.url),
);

interface BundleJson {
  resourceType: string;
  type: string;
  entry: Array<{ resource: Record<string, unknown> & { resourceType: string } }>;
}

test('results as trends, own readings and entries, a FHIR download, a printed summary and a backup restored offline', async ({
  newDevice,
}) => {
  test.setTimeout(300_000);
  const { page } = await newDevice();

  // A new record, with a GP record brought in.
  const welcome = new WelcomePage(page);
  await welcome.open();
  await welcome.createRecord();
  const create = new CreateRecordPage(page);
  await create.fill(NAME, PASSPHRASE);
  await create.submit();
  const kit = new EmergencyKitPage(page);
  const { secretKey } = await kit.read();
  await kit.confirmSaved();
  await new HomePage(page).expectShown(NAME);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Bring in your records' }).first().click();
  const importing = new BringInRecordsPage(page);
  await importing.expectShown();
  await importing.importFile(ANGELA);

  // Results by test, then one test's trend: a chart (one image with a sentence) and a table.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Results and trends' }).first().click();
  const results = new ResultsPage(page);
  await results.expectShown();
  const hba1c = results.test(/HbA1c \(average blood sugar\)/);
  await expect(hba1c).toBeVisible();
  await expect(results.test(/Blood pressure/)).toBeVisible();
  await checkScreen(page, '30-results');

  await hba1c.click();
  const trend = new TrendPage(page);
  await trend.expectShown('HbA1c (average blood sugar)');
  await expect(trend.chart()).toHaveAttribute('aria-label', /^HbA1c \(average blood sugar\), 4 results from \d{4} to \d{4}, latest .+%/);
  await expect(trend.canvas()).toBeVisible();
  await expect(trend.table().getByRole('rowgroup').last().getByRole('row')).toHaveCount(4);
  await expect(trend.table()).toContainText('HbA1c (average blood sugar): 4 results, newest first');
  await checkScreen(page, '31-trend');

  // A blood pressure reading through the form: a swapped one is refused in words tied to the field.
  await page.getByRole('link', { name: 'Add a reading' }).click();
  const add = new AddOwnPage(page);
  await add.expectChooser();
  for (const kind of [
    'A symptom',
    'A note',
    'Blood pressure',
    'Weight',
    'Blood sugar',
    'Temperature',
    'Peak flow',
    'A medicine I take',
    'An allergy',
    'An upcoming appointment',
  ]) {
    await expect(page.getByRole('main').getByRole('link', { name: new RegExp(`^${kind}`) })).toBeVisible();
  }
  await checkScreen(page, '32-add-chooser');
  await add.choose(/^Blood pressure/);
  await add.bloodPressure('80', '120');
  const systolic = page.getByLabel('Top number (systolic), mmHg');
  await expect(systolic).toHaveAttribute('aria-invalid', 'true');
  await expect(systolic).toHaveAccessibleDescription(/should be higher than the bottom number/);
  await expect(systolic).toBeFocused();
  await checkScreen(page, '33-add-bp');
  await add.bloodPressure('142', '91');
  await add.expectSaved();

  // Blood pressure's chart: two lines, with a key that names them, and the new reading in the table.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Results and trends' }).first().click();
  await new ResultsPage(page).test(/Blood pressure/).click();
  await trend.expectShown('Blood pressure');
  await expect(trend.canvas()).toBeVisible();
  await expect(trend.key()).toContainText('Systolic');
  await expect(trend.key()).toContainText('Diastolic');
  await expect(trend.chart()).toHaveAttribute('aria-label', /^Blood pressure, 5 results .*latest 142\/91 mmHg/);
  const newest = trend.table().getByRole('rowgroup').last().getByRole('row').first();
  await expect(newest.getByRole('cell').nth(0)).toHaveText('142');
  await expect(newest.getByRole('cell').nth(1)).toHaveText('91');
  await checkScreen(page, '36-trend-bp');

  // A weight, a medicine and an appointment.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add' }).click();
  await add.choose(/^Weight/);
  await add.weight('72,5');
  await add.expectSaved();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add' }).click();
  await add.choose(/^A medicine I take/);
  await checkScreen(page, '37-add-medicine');
  await add.medicine({ name: 'Ramipril 5 mg capsules', dose: 'One in the morning', reason: 'High blood pressure' });
  await add.expectSaved();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add' }).click();
  await add.choose(/^An upcoming appointment/);
  const nextYear = new Date().getFullYear() + 1;
  await add.appointment({ start: `${nextYear}-03-14T09:30`, with: 'Dr Patel', where: 'Riverside Surgery' });
  await add.expectSaved();

  // A FHIR file of the chosen parts, holding the reading as a blood pressure panel.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Share or print' }).first().click();
  const share = new SharePage(page);
  await share.expectShown();
  await expect(share.part(/^Test results and readings/)).toBeChecked();
  await expect(share.part(/^Mental health/)).not.toBeChecked();
  await checkScreen(page, '34-export');
  const download = await share.download('Download as a FHIR file');
  expect(download.suggestedFilename()).toMatch(/^carekey-record-\d{4}-\d{2}-\d{2}\.json$/);
  const bundle = JSON.parse(readFileSync(await download.path(), 'utf8')) as BundleJson;
  expect(bundle.resourceType).toBe('Bundle');
  const readings = bundle.entry
    .map((e) => e.resource)
    .filter(
      (r) =>
        r.resourceType === 'Observation' &&
        JSON.stringify(r.code).includes('"85354-9"') &&
        JSON.stringify(r.component).includes('"value":142'),
    );
  expect(readings).toHaveLength(1);
  expect(JSON.stringify(readings[0]?.component)).toContain('"value":91');
  expect(
    bundle.entry.some((e) => e.resource.resourceType === 'MedicationStatement' && JSON.stringify(e.resource).includes('Ramipril')),
  ).toBe(true);

  // The printable summary: a document, without the app's buttons when printed.
  await share.print();
  const print = new PrintPage(page);
  await print.expectShown();
  await expect(print.section('Current medicines')).toContainText('Ramipril 5 mg capsules');
  await expect(print.section('Next appointment')).toContainText(String(nextYear));
  await expect(print.section('About you')).toContainText('Medical Record Number');
  await expect(print.section('About you')).not.toContainText('Social Security');
  await checkScreen(page, '35-print');
  await page.emulateMedia({ media: 'print' });
  await expect(print.printButton()).toBeHidden();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await page.emulateMedia({ media: 'screen' });

  // An encrypted backup, restored on a new phone with no connection at all.
  await page.goBack();
  await share.expectShown();
  const backup = await share.download('Download an encrypted backup');
  expect(backup.suggestedFilename()).toMatch(/\.carekey-backup$/);
  const backupFile = await backup.path();
  expect(readFileSync(backupFile, 'utf8')).not.toContain('Ramipril');

  const fresh = await newDevice();
  await new WelcomePage(fresh.page).open();
  // The app is installed (its service worker holds it); then the phone loses its connection.
  await fresh.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await fresh.context.setOffline(true);
  await fresh.page.reload();
  await fresh.page.getByRole('link', { name: 'Restore from a backup file' }).click();
  const restore = new RestorePage(fresh.page);
  await restore.expectShown();
  await restore.restore(backupFile, secretKey, 'not the passphrase at all');
  await restore.expectError("That doesn't match");
  await checkScreen(fresh.page, '38-restore');
  await restore.restore(backupFile, secretKey, PASSPHRASE);
  const restoredHome = new HomePage(fresh.page);
  await restoredHome.expectShown(NAME);
  await expect(fresh.page.getByRole('region', { name: 'Medicines you take' })).toContainText('Ramipril 5 mg capsules');
  await fresh.context.setOffline(false);
});
