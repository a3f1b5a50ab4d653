/**
 * A new version is offered, never forced: the installed app keeps running the code the patient
 * has until they accept "Reload to update" (DESIGN §4 "Who serves the code").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openDevice } from './fixtures.ts';
import { startRelayProcess } from '../support/relay-process.ts';
import { WEB_BUILD, buildWeb } from '../../scripts/web-build.ts';
import { WelcomePage } from './pages/welcome.ts';

test('a new build offers the update prompt and reloads into it', async ({ browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'carekey-update-'));
  const next = join(dir, 'web-next');
  buildWeb({ out: next, buildId: 'e2e-next-version' });
  const relay = await startRelayProcess({ dataDir: join(dir, 'relay'), webBuildDir: WEB_BUILD });
  const phone = await openDevice(browser, relay.url);
  try {
    const { page } = phone;
    await new WelcomePage(page).open();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const installed = await page.evaluate(() => document.documentElement.dataset.version);
    expect(installed).not.toBe('e2e-next-version');

    // The relay now serves a new build. Reopening the app still runs the installed version…
    await relay.stop();
    await relay.start({ webBuildDir: next });
    await page.reload();
    await expect(page.getByRole('region', { name: 'New version' })).toContainText('A new version of Carekey is ready.');
    expect(await page.evaluate(() => document.documentElement.dataset.version)).toBe(installed);

    // …until the person chooses to update.
    await page.getByRole('button', { name: 'Reload to update' }).click();
    // The page reloads under the poll, so a read during the navigation counts as "not yet".
    const runningVersion = () => page.evaluate(() => document.documentElement.dataset.version).catch(() => undefined);
    await expect.poll(runningVersion, { timeout: 30_000 }).toBe('e2e-next-version');
    await expect(page.getByRole('region', { name: 'New version' })).toHaveCount(0);
  } finally {
    await phone.context.close();
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
