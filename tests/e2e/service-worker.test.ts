/**
 * The built service worker, run in a sandbox with a fake cache: what it downloads when it
 * installs must open the app offline (the shell, every script, libsodium) and must not include
 * the FHIR definitions the importer fetches when it is first used (37 MB of JSON) — a phone
 * would otherwise download them on every install and every update. Once fetched, they are kept.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT, WEB_BUILD, webBuildIsStale } from '../../scripts/web-build.ts';

type Listener = (event: Record<string, unknown>) => void;

interface Sandbox {
  listeners: Map<string, Listener>;
  added: string[];
  put: string[];
  fetched: string[];
}

/** Loads build/service-worker.js with a fake `self`, `caches` and `fetch`. */
function loadWorker(): Sandbox {
  const sandbox: Sandbox = { listeners: new Map(), added: [], put: [], fetched: [] };
  const origin = 'https://carekey.test';
  const cache = {
    addAll: async (urls: string[]) => void sandbox.added.push(...urls),
    match: async () => undefined,
    put: async (key: string) => void sandbox.put.push(key),
    keys: async () => [],
  };
  // SvelteKit's `$app/service-worker` checks that it runs in a service worker.
  class ServiceWorkerGlobalScope {}
  const self = {
    location: new URL(`${origin}/service-worker.js`),
    addEventListener: (type: string, listener: Listener) => sandbox.listeners.set(type, listener),
    clients: { claim: async () => undefined },
    skipWaiting: async () => undefined,
  };
  Object.setPrototypeOf(self, ServiceWorkerGlobalScope.prototype);
  const context = {
    ServiceWorkerGlobalScope,
    self,
    location: self.location,
    caches: { open: async () => cache, keys: async () => [], delete: async () => true },
    fetch: async (request: { url: string }) => {
      sandbox.fetched.push(request.url);
      return { ok: true, type: 'basic', clone: () => ({}) };
    },
    URL,
    Set,
    Promise,
  };
  runInNewContext(readFileSync(join(WEB_BUILD, 'service-worker.js'), 'utf8'), context);
  return sandbox;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('the built service worker', () => {
  let worker: Sandbox;

  beforeAll(async () => {
    if (webBuildIsStale()) {
      // Built outside Vitest's environment: SvelteKit builds differently under VITEST.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(name)));
      const built = spawnSync('pnpm', ['--filter', '@carekey/web', 'build'], { cwd: ROOT, stdio: 'inherit', env });
      expect(built.status, 'the web build').toBe(0);
    }
    worker = loadWorker();
    const waits: Array<Promise<unknown>> = [];
    worker.listeners.get('install')?.({ waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
  }, 180_000);

  test('precaches the shell and every script, libsodium and the key-derivation worker among them', () => {
    expect(worker.added).toContain('/');
    const scripts = filesUnder(join(WEB_BUILD, '_app', 'immutable'))
      .filter((path) => path.endsWith('.js'))
      .map(
        (path) =>
          `/${path
            .slice(WEB_BUILD.length + 1)
            .split('\\')
            .join('/')}`,
      );
    expect(scripts.length).toBeGreaterThan(10);
    for (const script of scripts) expect(worker.added, script).toContain(script);
    const sodium = scripts.filter((path) => readFileSync(join(WEB_BUILD, path), 'utf8').includes('crypto_aead_xchacha20poly1305'));
    expect(sodium.length).toBeGreaterThan(0);
  });

  test('does not precache the FHIR definitions or source maps, and stays small', () => {
    const definitions = worker.added.filter((url) => /profiles-|valuesets/.test(url));
    expect(definitions).toEqual([]);
    expect(worker.added.filter((url) => url.endsWith('.map'))).toEqual([]);
    const bytes = worker.added.filter((url) => url !== '/').reduce((sum, url) => sum + statSync(join(WEB_BUILD, url)).size, 0);
    // The definitions alone are 37 MB; the app itself (uncompressed) is well under 5 MB.
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });

  test('caches a definitions file the first time it is fetched', async () => {
    const definitions = filesUnder(join(WEB_BUILD, '_app', 'immutable', 'assets')).find((path) => /profiles-.*\.json$/.test(path));
    if (!definitions) return; // a build without definitions has nothing to cache
    const path = `/${definitions.slice(WEB_BUILD.length + 1)}`;
    let responded: Promise<unknown> | undefined;
    const waits: Array<Promise<unknown>> = [];
    worker.listeners.get('fetch')?.({
      request: { method: 'GET', url: `https://carekey.test${path}`, mode: 'cors' },
      respondWith: (p: Promise<unknown>) => (responded = p),
      waitUntil: (p: Promise<unknown>) => waits.push(p),
    });
    await responded;
    await Promise.all(waits);
    expect(worker.fetched).toContain(`https://carekey.test${path}`);
    expect(worker.put).toContain(path);
  });
});
