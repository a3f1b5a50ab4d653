/**
 * Fixtures for the stories (STYLE habit 9, `test.extend`): a relay process per test file serving
 * the built app, fresh phone-sized browser contexts for each person or device, and screen
 * checks (axe, light and dark, screenshots).
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
}

interface TestFixtures {
  /** A new phone (its own storage, service worker and cookies) opened on the relay's app. */
  newDevice: () => Promise<Device>;
}

export async function openDevice(browser: Browser, baseURL: string): Promise<Device> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'allow' });
  const page = await context.newPage();
  return { context, page };
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  relay: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'carekey-e2e-'));
      const relay = await startRelayProcess({ dataDir: join(dir, 'relay'), webBuildDir: WEB_BUILD });
      await use(relay);
      await relay.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  newDevice: async ({ browser, relay }, use) => {
    const opened: Device[] = [];
    await use(async () => {
      const device = await openDevice(browser, relay.url);
      opened.push(device);
      return device;
    });
    for (const device of opened) await device.context.close();
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
