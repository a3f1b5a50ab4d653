/**
 * App figures (DESIGN §8): Lighthouse 13 on simulated mobile for the welcome and unlock screens
 * (performance, accessibility, best practices), the JavaScript and WebAssembly transferred on
 * first load (gzip, as served), and the time from submitting the passphrase to the home screen.
 *
 * The relay serves the built app as in `pnpm start`; Debian's Chromium runs Lighthouse through
 * its remote-debugging port, with a profile that already holds a record for the unlock screen.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { startRelayProcess } from '../support/relay-process.ts';
import { WEB_BUILD, ensureWebBuild } from '../../scripts/web-build.ts';
import { freePort } from '../support/relay-process.ts';
import { median, type Figure } from './harness.ts';

const PASSPHRASE = 'benchmark passphrase with several words';
const CHROMIUM = '/usr/bin/chromium';
// Chromium is started by chrome-launcher rather than Playwright, whose own flags (no back/forward
// cache, for one) would count against the app in Lighthouse; Playwright then drives it over CDP.
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--window-size=360,780',
];

type Scores = Record<'performance' | 'accessibility' | 'best-practices', number>;

/** Runs `use` with Chromium freshly started on `profile` (so earlier pages leave nothing running). */
async function withChrome<T>(profile: string, use: (port: number) => Promise<T>): Promise<T> {
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, userDataDir: profile, port: await freePort() });
  try {
    return await use(chrome.port);
  } finally {
    chrome.kill();
  }
}

/**
 * Lighthouse scores vary from run to run (Lighthouse's own advice is to take the median of
 * several), so each figure is the median of three runs, each in a freshly started browser.
 */
async function lighthouseMedian(url: string, profile: string): Promise<Scores> {
  const runs: Scores[] = [];
  for (let i = 0; i < 3; i += 1) runs.push(await withChrome(profile, (port) => lighthouseScores(url, port)));
  return {
    performance: median(runs.map((r) => r.performance)),
    accessibility: median(runs.map((r) => r.accessibility)),
    'best-practices': median(runs.map((r) => r['best-practices'])),
  };
}

async function lighthouseScores(url: string, port: number): Promise<Scores> {
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
  const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
    .map((id) => `${id} ${result.lhr.audits[id]?.displayValue ?? '?'}`)
    .join(', ');
  console.log(`  Lighthouse ${new URL(url).pathname}: ${metrics}`);
  if (process.env.CAREKEY_BENCH_DEBUG) {
    for (const id of ['bootup-time', 'mainthread-work-breakdown', 'long-tasks', 'network-requests']) {
      console.log(id, JSON.stringify((result.lhr.audits[id]?.details as { items?: unknown[] } | undefined)?.items?.slice(0, 12)));
    }
  }
  return { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices') };
}

/** Runs `use` with Playwright attached over CDP to the browser on `port`. */
async function withPage<T>(port: number, use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = browser.contexts()[0];
    if (!context) throw new Error('no browser context');
    return await use(context);
  } finally {
    await browser.close();
  }
}

/** JS and wasm bytes on the wire (compressed as served) while `load` runs in a fresh page. */
async function transferredScripts(context: BrowserContext, load: (page: Page) => Promise<void>): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // Nothing from the HTTP cache or the service worker: everything over the wire, as on a first visit.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.setBypassServiceWorker', { bypass: true });
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
  const profile = join(dir, 'profile');
  mkdirSync(profile);
  try {
    // First load of the welcome screen in a clean profile: what a phone downloads.
    const welcomeBytes = await withChrome(profile, (port) =>
      withPage(port, (context) =>
        transferredScripts(context, async (page) => {
          await page.goto(`${relay.url}/`);
          await page.getByRole('heading', { level: 1, name: 'Your health record, in your hands' }).waitFor();
        }),
      ),
    );
    const welcome = await lighthouseMedian(`${relay.url}/welcome`, profile);

    const { unlockScreenBytes, unlockTypingBytes, times } = await withChrome(profile, (port) =>
      withPage(port, async (context) => {
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

        // The unlock screen, then the person starts typing: the client, libsodium and the
        // key-derivation worker (its own copy of libsodium) arrive.
        const unlockScreenBytes = await transferredScripts(context, async (p) => {
          await p.goto(`${relay.url}/`);
          await p.getByRole('heading', { level: 1, name: 'Unlock your record' }).waitFor();
        });
        const unlockTypingBytes = await transferredScripts(context, async (p) => {
          await p.goto(`${relay.url}/`);
          await p.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
        });

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
        return { unlockScreenBytes, unlockTypingBytes, times };
      }),
    );
    const unlock = await lighthouseMedian(`${relay.url}/unlock`, profile);

    const kib = (bytes: number) => bytes / 1024;
    return [
      {
        name: 'Lighthouse welcome: performance (median of 3)',
        value: welcome.performance,
        unit: '',
        target: '≥ 95',
        pass: welcome.performance >= 95,
      },
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
        name: 'first load JS+wasm, unlock screen (gzip)',
        value: kib(unlockScreenBytes),
        unit: 'KiB',
        target: '≤ 300 KiB',
        pass: kib(unlockScreenBytes) <= 300,
      },
      {
        name: 'JS+wasm once typing starts (gzip)',
        value: kib(unlockTypingBytes),
        unit: 'KiB',
        note: 'the client and libsodium (~210 KiB) load when the person starts, after the first screen; the key-derivation worker carries its own copy of libsodium (~185 KiB), as a worker cannot share the page’s modules',
      },
      {
        name: 'passphrase submitted → home shown',
        value: median(times),
        unit: 'ms',
        note: `median of ${times.length}, Argon2id in a Web Worker included`,
      },
    ];
  } finally {
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
