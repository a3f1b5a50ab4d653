/**
 * Reading the whole record (issue #4, "Views") on a phone: bring in a patient's records, see the
 * home summary, a part of the record, an entry with its details, files and history, move an
 * entry, edit and delete an own note, search and the timeline. Every screen is checked with axe
 * in light and dark, and photographed.
 */
import { join } from 'node:path';
import { test, expect, checkScreen, openDevice, type Device } from './fixtures.ts';
import { WelcomePage } from './pages/welcome.ts';
import { CreateRecordPage } from './pages/create-record.ts';
import { EmergencyKitPage } from './pages/emergency-kit.ts';
import { HomePage } from './pages/home.ts';
import { AddAllergyPage, AddNotePage } from './pages/add-entry.ts';
import { BringInRecordsPage, EntryListPage, EntryPage, SearchPage, SummaryPage } from './pages/record-views.ts';

const NAME = 'Lucien Bosco';
const PASSPHRASE = 'tangerine harbour velvet ninety';
const PATIENT_FILE = join(
  import.meta.dirname,
  '..',
  '..',
  'packages',
  'record',
  'test-fixtures',
  'synthea',
  'inferno-uscore_bundle_patient_85.json',
);
const NOTE = 'Breathless on the stairs again this morning';

async function createRecord({ page }: Device): Promise<void> {
  const welcome = new WelcomePage(page);
  await welcome.open();
  await welcome.createRecord();
  const create = new CreateRecordPage(page);
  await create.fill(NAME, PASSPHRASE);
  await create.submit();
  const kit = new EmergencyKitPage(page);
  await kit.read();
  await kit.confirmSaved();
  await new HomePage(page).expectShown(NAME);
}

test.describe.serial('reading the whole record', () => {
  let device: Device;

  test.beforeAll(async ({ browser, relay }) => {
    device = await openDevice(browser, relay.url);
  });

  test.afterAll(async () => {
    await device.context.close();
  });

  test('an empty record points to bringing records in and adding', async () => {
    await createRecord(device);
    const { page } = device;
    await expect(page.getByRole('heading', { level: 2, name: 'Nothing here yet' })).toBeVisible();
    const summary = new SummaryPage(page);
    await expect(summary.nav().getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
    await page.getByRole('main').getByRole('link', { name: 'Bring in your records' }).first().click();
    const importing = new BringInRecordsPage(page);
    await importing.expectShown();
    await importing.importFile(PATIENT_FILE);
    await importing.seeRecord();
    await new HomePage(page).expectShown(NAME);
  });

  test('home summarises the record: medicines, conditions, results, and every part', async () => {
    const { page } = device;
    const summary = new SummaryPage(page);
    await expect(summary.section('Medicines you take').getByRole('link', { name: /Furosemide 40 MG Oral Tablet/ })).toBeVisible();
    await expect(summary.section('Conditions').getByRole('link', { name: /Chronic congestive heart failure/ })).toBeVisible();
    await expect(summary.section('Allergies')).toContainText('No allergies recorded.');
    await expect(summary.section('Latest results').getByRole('listitem')).toHaveCount(3);
    await expect(summary.part('Letters and documents')).toContainText('27');
    await expect(page.getByRole('main')).not.toContainText(/FHIR|resource|entry ID/i);
    await checkScreen(page, '20-home-summary');
  });

  test('a part lists its entries newest first, only the rows on screen in the page', async () => {
    const { page } = device;
    await new SummaryPage(page).part('Visits and consultations').click();
    const part = new EntryListPage(page);
    await part.expectShown('Visits and consultations');
    await expect(page.getByText('60 entries, newest first')).toBeVisible();
    const rows = part.rows('Visits and consultations');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeLessThan(30);
    await expect(rows.first()).toHaveAttribute('aria-setsize', '60');
    // Scrolling to the end brings the oldest visits into the page, and takes the newest out.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(page.locator('[aria-posinset="60"]')).toBeVisible();
    await expect(page.locator('[aria-posinset="1"]')).toHaveCount(0);
    expect(await rows.count()).toBeLessThan(30);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(page.locator('[aria-posinset="1"]')).toBeVisible();
    await checkScreen(page, '21-part');
  });

  test('an entry from a file shows its details, its file, where it came from and that it is unchanged since it was added', async () => {
    const { page } = device;
    await page.getByRole('link', { name: 'Back to your record' }).click();
    await new SummaryPage(page).part('Letters and documents').click();
    const part = new EntryListPage(page);
    await part.expectShown('Letters and documents');
    // The newest clinic note (a document with its text inside it).
    await part
      .entry(/ note /)
      .first()
      .click();
    const entry = new EntryPage(page);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // An ordinary file carries no signature: only that it is as it was brought in is vouched for.
    await expect(entry.fact('Checked')).toHaveText('Unchanged since you added it');
    await expect(entry.fact('Came from')).toHaveText('A file you brought in');
    await expect(page.getByRole('heading', { level: 2, name: 'File' })).toBeVisible();
    await expect(page.getByRole('figure')).toContainText('Chief Complaint');
    await expect(entry.history()).toHaveText([/Brought in from a file/]);
    await checkScreen(page, '22-entry');
  });

  test('moving an entry files it in another part', async () => {
    const { page } = device;
    const entry = new EntryPage(page);
    const title = await page.getByRole('heading', { level: 1 }).innerText();
    await entry.moveTo('Mental health');
    await expect(page.getByText('Moved to Mental health.')).toBeVisible();
    await entry.expectShown(title);
    await expect(entry.fact('Filed in')).toHaveText('Mental health');
    await expect(entry.fact('Checked')).toHaveText('Unchanged since you added it');
    await expect(entry.fact('Came from')).toHaveText('A file you brought in');
  });

  test('an own note can be edited, and deleted after a question', async () => {
    const { page } = device;
    const home = new HomePage(page);
    await page.getByRole('link', { name: 'Back to your record' }).click();
    await home.addNote();
    await new AddNotePage(page).add(NOTE);
    await home.expectShown(NAME);
    await home.entry(new RegExp(NOTE)).click();
    const entry = new EntryPage(page);
    await entry.expectShown(NOTE);
    await expect(entry.fact('Written by')).toHaveText('You, on this phone');
    await expect(entry.fact('Checked')).toHaveText('Signed by you and unchanged');
    await entry.edit(`${NOTE}, and last night`);
    await entry.expectShown(`${NOTE}, and last night`);
    await expect(entry.history()).toHaveText([/Edited/, /Added/]);
    await checkScreen(page, '22-entry-own-note');
    const question = await entry.askToDelete();
    await checkScreen(page, '22-entry-delete');
    await question.getByRole('button', { name: 'Delete' }).click();
    await home.expectShown(NAME);
    await expect(home.entry(new RegExp(NOTE))).toHaveCount(0);
  });

  test('an own allergy can be edited; the history says what changed', async () => {
    const { page } = device;
    const home = new HomePage(page);
    await home.addAllergy();
    await new AddAllergyPage(page).add({ substance: 'Latex', reaction: 'Itchy skin', severity: 'Mild' });
    await home.expectShown(NAME);
    await new SummaryPage(page).section('Allergies').getByRole('link', { name: /Latex/ }).click();
    const entry = new EntryPage(page);
    await entry.expectShown('Latex');
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('What happens? (optional)').fill('Hives and a swollen face');
    await page.getByRole('radio', { name: 'Severe' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(entry.fact('Reaction')).toHaveText('Hives and a swollen face');
    await expect(entry.fact('Severity')).toHaveText('Severe');
    await expect(entry.history().first()).toContainText('Edited: Reaction, severity');
  });

  test('search finds entries as you type and says how many', async () => {
    const { page } = device;
    const summary = new SummaryPage(page);
    await summary.go('Search');
    await expect(summary.nav().getByRole('link', { name: 'Search' })).toHaveAttribute('aria-current', 'page');
    const search = new SearchPage(page);
    await search.search('heart failure');
    await expect(search.count()).toHaveText(/^\d+ match(es)? for “heart failure”$/);
    await expect(search.results().first()).toBeVisible();
    await expect(search.results().filter({ hasText: 'Chronic congestive heart failure' }).first()).toBeVisible();
    await checkScreen(page, '24-search');
    await search.search('zzzz no such thing');
    await expect(search.count()).toHaveText('Nothing found for “zzzz no such thing”');
  });

  test('the timeline shows everything by month, virtualised', async () => {
    const { page } = device;
    const summary = new SummaryPage(page);
    await summary.go('Timeline');
    const timeline = new EntryListPage(page);
    await timeline.expectShown('Timeline');
    await expect(timeline.list('Timeline').getByRole('heading', { level: 2 }).first()).toBeVisible();
    expect(await timeline.rows('Timeline').count()).toBeLessThan(40);
    await checkScreen(page, '23-timeline');
  });
});

test('10,000 entries scroll with only the rows on screen in the page', async ({ newDevice }) => {
  test.setTimeout(300_000);
  const device = await newDevice();
  await createRecord(device);
  const { page } = device;
  // A lab's worth of readings: 10,000 results, one a day.
  const start = Date.UTC(1998, 0, 1);
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: Array.from({ length: 10_000 }, (_, i) => ({
      fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resource: {
        resourceType: 'Observation',
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '2339-0', display: 'Glucose [Mass/volume] in Blood' }], text: 'Glucose' },
        effectiveDateTime: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
        valueQuantity: { value: 80 + (i % 40), unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
      },
    })),
  };
  await page.getByRole('main').getByRole('link', { name: 'Bring in your records' }).first().click();
  const importing = new BringInRecordsPage(page);
  await importing.expectShown();
  await page
    .getByLabel('Choose a file')
    .setInputFiles({ name: 'results.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
  // A long import shows how far it has got.
  const progress = page.getByRole('progressbar');
  await expect(progress.first()).toBeVisible();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /Reading the file|Checking each item|Saving to your record/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Done' })).toBeVisible({ timeout: 240_000 });
  await importing.seeRecord();

  await new SummaryPage(page).part('Test results and measurements').click();
  const part = new EntryListPage(page);
  await part.expectShown('Test results and measurements');
  await expect(page.getByText('10,000 entries, newest first')).toBeVisible();
  const rows = part.rows('Test results and measurements');
  await expect(rows.first()).toHaveAttribute('aria-setsize', '10000');
  expect(await rows.count()).toBeLessThan(30);

  // The row with the keyboard focus stays in the page while it is scrolled away.
  await rows.first().getByRole('link').focus();

  // Scroll through a fifth of the list a screen at a time, as a thumb would, timing the frames.
  const frames = await page.evaluate(async () => {
    const gaps: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 120; i += 1) {
      window.scrollBy(0, 700);
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    return gaps.sort((a, b) => a - b);
  });
  const median = frames[Math.floor(frames.length / 2)] ?? 0;
  console.log(`10,000 entries: median frame ${median.toFixed(1)} ms, slowest ${frames.at(-1)?.toFixed(1)} ms`);
  expect(median).toBeLessThan(50);
  expect(await rows.count()).toBeLessThan(30);
  await expect(page.locator('[aria-posinset="1"]').getByRole('link')).toBeFocused();

  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(page.locator('[aria-posinset="10000"]')).toBeVisible();
  await expect(page.locator('[aria-posinset="10000"]')).toContainText('1 January 1998');
  expect(await rows.count()).toBeLessThan(30);
});

test('files inside an entry: a picture shown, a PDF to open, HTML as text, a hospital file named', async ({ newDevice }) => {
  const device = await newDevice();
  await createRecord(device);
  const { page } = device;
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const letter = {
    resourceType: 'DocumentReference',
    id: 'letter-1',
    status: 'current',
    type: { text: 'Clinic letter' },
    date: '2024-05-02T10:00:00Z',
    content: [
      { attachment: { contentType: 'image/png', data: PNG, title: 'Photo of the rash' } },
      { attachment: { contentType: 'application/pdf', data: b64('%PDF-1.4\n%%EOF\n'), title: 'Letter as PDF' } },
      {
        attachment: {
          contentType: 'text/html',
          data: b64('<p>Dear Lucien,</p><img src=x onerror="window.__ran=1"><script>window.__ran=1</script><p>See you in May.</p>'),
          title: 'Letter',
        },
      },
      {
        attachment: {
          contentType: 'application/pdf',
          url: 'https://hospital.example/letters/2.pdf',
          size: 52_000,
          title: 'Discharge letter',
        },
      },
    ],
  };
  await page.getByRole('main').getByRole('link', { name: 'Bring in your records' }).first().click();
  const importing = new BringInRecordsPage(page);
  await importing.expectShown();
  await page
    .getByLabel('Choose a file')
    .setInputFiles({ name: 'letter.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(letter)) });
  await expect(page.getByRole('heading', { level: 2, name: 'Done' })).toBeVisible({ timeout: 60_000 });
  await importing.seeRecord();
  await new SummaryPage(page).part('Letters and documents').click();
  await new EntryListPage(page).entry(/Clinic letter/).click();

  const picture = page.getByRole('img', { name: 'Photo of the rash' });
  await expect(picture).toBeVisible();
  await expect(picture).toHaveAttribute('src', /^blob:/);
  expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await expect(page.getByRole('link', { name: 'Open Letter as PDF' })).toHaveAttribute('href', /^blob:/);
  await expect(page.getByRole('figure').filter({ hasText: 'Dear Lucien,' })).toContainText('See you in May.');
  expect(await page.evaluate(() => (window as { __ran?: number }).__ran)).toBeUndefined();
  await expect(page.getByRole('figure').filter({ hasText: 'Discharge letter' })).toContainText(
    'Stored at your hospital; not copied into Carekey.',
  );
  await checkScreen(page, '25-entry-files');
});
