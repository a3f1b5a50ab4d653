/**
 * App figures (DESIGN §8): Lighthouse 13 on simulated mobile for the welcome and unlock screens
 * (performance, accessibility, best practices), the JavaScript and WebAssembly transferred on
 * first load (gzip, as served), and the time from submitting the passphrase to the home screen.
 *
 * The relay serves the built app as in `pnpm start`; Debian's Chromium runs Lighthouse through
 * its remote-debugging port, with a profile that already holds a record for the unlock screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { startRelayProcess } from '../support/relay-process.ts';
import { WEB_BUILD, ensureWebBuild } from '../../scripts/web-build.ts';
import { freePort } from '../support/relay-process.ts';
import { median, type Figure } from './harness.ts';

const PASSPHRASE = 'benchmark passphrase with several words';
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function lighthouseScores(url: string, port: number): Promise<Record<'performance' | 'accessibility' | 'best-practices', number>> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
    disableStorageReset: true,
  });
  if (!result) throw new Error('Lighthouse returned nothing');
  const categories = result.lhr.categories;
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  const failing = Object.values(result.lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
    .map((a) => a.id);
  if (failing.length) console.log(`  Lighthouse ${new URL(url).pathname}: failing audits: ${failing.join(', ')}`);
  return { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices') };
}

/** JS and wasm bytes on the wire (compressed as served) while `load` runs in a fresh page. */
async function transferredScripts(context: BrowserContext, load: (page: Page) => Promise<void>): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const types = new Map<string, string>();
  let bytes = 0;
  cdp.on('Network.responseReceived', (event) =>
    types.set(event.requestId, `${event.type} ${event.response.mimeType} ${event.response.url}`),
  );
  cdp.on('Network.loadingFinished', (event) => {
    const type = types.get(event.requestId) ?? '';
    if (/^Script |javascript|wasm|\.js$|\.wasm$/.test(type)) bytes += event.encodedDataLength;
  });
  await load(page);
  await page.waitForLoadState('networkidle');
  await page.close();
  return bytes;
}

export async function webFigures(): Promise<Figure[]> {
  ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'carekey-bench-web-'));
  const relay = await startRelayProcess({ dataDir: join(dir, 'relay'), webBuildDir: WEB_BUILD });
  const debugPort = await freePort();
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    args: [...ARGS, `--remote-debugging-port=${debugPort}`],
    viewport: { width: 360, height: 780 },
  });
  try {
    // First load of the welcome screen in a clean profile: what a phone downloads.
    const welcomeBytes = await transferredScripts(context, async (page) => {
      await page.goto(`${relay.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Your health record, in your hands' }).waitFor();
    });
    const welcome = await lighthouseScores(`${relay.url}/welcome`, debugPort);

    // Create a record in this profile, so the unlock screen has something to unlock.
    const page = await context.newPage();
    await page.goto(`${relay.url}/create`);
    await page.getByLabel('Your name').fill('Bench Mark');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Passphrase again').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create my record' }).click();
    await page.getByRole('checkbox', { name: "I've saved my Emergency Kit somewhere safe" }).check({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Continue to my record' }).click();
    for (let i = 0; i < 5; i += 1) {
      await page.getByRole('link', { name: 'Add a note' }).click();
      await page.getByLabel('Your note').fill(`Benchmark note ${i}`);
      await page.getByRole('button', { name: 'Save note' }).click();
    }
    await page.close();

    const unlockBytes = await transferredScripts(context, async (p) => {
      await p.goto(`${relay.url}/`);
      await p.getByRole('heading', { level: 1, name: 'Unlock your record' }).waitFor();
    });
    const unlock = await lighthouseScores(`${relay.url}/unlock`, debugPort);

    // Passphrase submitted → home screen shown (Argon2id in the worker, then opening the record).
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const p = await context.newPage();
      await p.goto(`${relay.url}/unlock`);
      await p.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await p.waitForTimeout(1500); // let the worker load, as a person typing would
      const start = Date.now();
      await p.getByRole('button', { name: 'Unlock' }).click();
      await p.getByRole('heading', { level: 1, name: "Bench Mark's record" }).waitFor();
      times.push(Date.now() - start);
      await p.close();
    }

    const kib = (bytes: number) => bytes / 1024;
    return [
      { name: 'Lighthouse welcome: performance', value: welcome.performance, unit: '', target: '≥ 95', pass: welcome.performance >= 95 },
      {
        name: 'Lighthouse welcome: accessibility',
        value: welcome.accessibility,
        unit: '',
        target: '100',
        pass: welcome.accessibility === 100,
      },
      {
        name: 'Lighthouse welcome: best practices',
        value: welcome['best-practices'],
        unit: '',
        target: '100',
        pass: welcome['best-practices'] === 100,
      },
      { name: 'Lighthouse unlock: performance', value: unlock.performance, unit: '', target: '≥ 95', pass: unlock.performance >= 95 },
      {
        name: 'Lighthouse unlock: accessibility',
        value: unlock.accessibility,
        unit: '',
        target: '100',
        pass: unlock.accessibility === 100,
      },
      {
        name: 'Lighthouse unlock: best practices',
        value: unlock['best-practices'],
        unit: '',
        target: '100',
        pass: unlock['best-practices'] === 100,
      },
      {
        name: 'first load JS+wasm, welcome (gzip)',
        value: kib(welcomeBytes),
        unit: 'KiB',
        target: '≤ 300 KiB',
        pass: kib(welcomeBytes) <= 300,
      },
      {
        name: 'first load JS+wasm, unlock (gzip)',
        value: kib(unlockBytes),
        unit: 'KiB',
        target: '≤ 300 KiB',
        pass: kib(unlockBytes) <= 300,
        note: 'the unlock screen loads libsodium after it is painted; the key-derivation worker (its own copy) loads while the passphrase is typed',
      },
      {
        name: 'passphrase submitted → home shown',
        value: median(times),
        unit: 'ms',
        note: `median of ${times.length}, Argon2id in a Web Worker included`,
      },
    ];
  } finally {
    await context.close();
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
