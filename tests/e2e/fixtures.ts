/**
 * Fixtures for the stories (STYLE habit 9, `test.extend`): a relay process per test file serving
 * the built app, fresh phone-sized browser contexts for each person or device, and screen
 * checks (axe, light and dark, screenshots).
 *
 * A story about time (a grant's end, an emergency wait) sets `test.use({ clockStartsAt })`: its
 * file then gets its own relay on the relay's test-only clock, every phone's clock is Playwright's
 * (installed before the app loads, and running, so timers, crypto, the service worker and
 * IndexedDB behave as ever), all starting at that moment, and `passTime(ms)` moves them together.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.ts';
import { WEB_BUILD } from '../../scripts/web-build.ts';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screens');

export interface Device {
  readonly context: BrowserContext;
  readonly page: Page;
}

interface WorkerFixtures {
  relay: RelayProcess;
  /**
   * When set, the relay runs on its test clock and every phone on Playwright's clock, starting
   * at this moment (ms since the epoch); null (the default) is the wall clock everywhere.
   */
  clockStartsAt: number | null;
}

interface TestFixtures {
  /** A new phone (its own storage, service worker and cookies) opened on the relay's app. */
  newDevice: () => Promise<Device>;
  /**
   * Lets `ms` pass at once for the relay and every phone opened in this test, as if they had
   * waited (only with `clockStartsAt`). Timers do not fire for the time skipped: a phone left
   * open stays unlocked, as one in use would.
   */
  passTime: (ms: number) => Promise<void>;
  /** The phones opened in this test, closed at its end. */
  openedDevices: Device[];
}

/**
 * A new phone on `baseURL`; with `clockAt`, on Playwright's clock from that moment, installed
 * before anything loads and left running.
 */
export async function openDevice(browser: Browser, baseURL: string, clockAt?: number): Promise<Device> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'allow' });
  if (clockAt !== undefined) await context.clock.install({ time: clockAt });
  const page = await context.newPage();
  return { context, page };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  clockStartsAt: [null, { scope: 'worker', option: true }],
  relay: [
    async ({ clockStartsAt }, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'carekey-e2e-'));
      const relay = await startRelayProcess({
        dataDir: join(dir, 'relay'),
        webBuildDir: WEB_BUILD,
        ...(clockStartsAt === null ? {} : { testClock: { startAt: clockStartsAt } }),
      });
      await use(relay);
      await relay.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  openedDevices: async ({}, use) => {
    const opened: Device[] = [];
    await use(opened);
    for (const device of opened) await device.context.close();
  },
  newDevice: async ({ browser, relay, clockStartsAt, openedDevices }, use) => {
    await use(async () => {
      const device = await openDevice(browser, relay.url, clockStartsAt === null ? undefined : relay.now());
      openedDevices.push(device);
      return device;
    });
  },
  passTime: async ({ relay, clockStartsAt, openedDevices }, use) => {
    await use(async (ms) => {
      if (clockStartsAt === null) throw new Error('passTime needs test.use({ clockStartsAt }) in this file');
      if (ms < 0) throw new RangeError('time only passes forwards');
      // The relay first (it notices within 100 ms), then the phones at once, so no phone asks the
      // relay anything for long while their clocks disagree.
      const relayMoved = relay.advanceClock(ms);
      for (const device of openedDevices) await device.context.clock.setSystemTime(relay.now());
      await relayMoved;
    });
  },
});

/**
 * Checks a screen in light and dark: no axe violations (WCAG 2.2 A and AA rules), and a
 * screenshot of each for a person to look at.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      `${name} (${colorScheme})`,
    ).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: null });
}

export { expect };
