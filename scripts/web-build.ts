/**
 * Builds the web app when its build is missing or older than its sources (or the packages it
 * bundles). Used by `pnpm start` and by the end-to-end tests' global setup.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WEB_BUILD = join(ROOT, 'web', 'build');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'build', '.svelte-kit', 'test-vectors'].includes(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** True when web/build is missing or older than anything it is built from. */
export function webBuildIsStale(out = WEB_BUILD): boolean {
  const index = join(out, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return [join(ROOT, 'web'), join(ROOT, 'packages')].some((dir) => newest(dir) > built);
}

/** Runs the web build, optionally into another directory with another version name. */
export function buildWeb(options: { out?: string; buildId?: string } = {}): void {
  const env = {
    ...process.env,
    ...(options.out ? { CAREKEY_WEB_OUT: options.out } : {}),
    ...(options.buildId ? { CAREKEY_BUILD_ID: options.buildId } : {}),
  };
  const result = spawnSync('pnpm', ['--filter', '@carekey/web', 'build'], { cwd: ROOT, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`the web build failed (exit ${result.status})`);
}

/** Builds web/build if it is stale. */
export function ensureWebBuild(): void {
  if (webBuildIsStale()) buildWeb();
}
