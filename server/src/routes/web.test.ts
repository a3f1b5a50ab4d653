import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { testRelay } from '../test-app.ts';

const root = mkdtempSync(join(tmpdir(), 'carekey-web-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BOOT = '\n\t\t\t{ __sveltekit_boot = {}; import("/_app/immutable/entry/start.abc.js"); }\n\t\t';
const INDEX = `<!doctype html><html><head><script type="module" src="/_app/immutable/entry/start.abc.js"></script></head>
<body><div style="display: contents"><script>${BOOT}</script></div></body></html>`;
const BIG_CSS = `body { color: black; }\n`.repeat(200);

function fakeBuild(): string {
  const dir = join(root, 'build');
  mkdirSync(join(dir, '_app/immutable/entry'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, '_app/immutable/entry/start.abc.js'), 'export const start = 1;');
  writeFileSync(join(dir, '_app/immutable/entry/start.abc.js.br'), 'BROTLI-BYTES');
  writeFileSync(join(dir, '_app/immutable/app.css'), BIG_CSS);
  writeFileSync(join(dir, '_app/version.json'), '{"version":"1"}');
  writeFileSync(join(dir, 'service-worker.js'), 'self.addEventListener("install", () => {});');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Carekey"}');
  writeFileSync(join(root, 'secret.txt'), 'OUTSIDE-THE-BUILD');
  return dir;
}

const relay = testRelay({ config: { webBuildDir: fakeBuild() } });
const get = (path: string, headers: Record<string, string> = {}) => relay.app.request(path, { headers });

describe('serving the web build', () => {
  test('/ is index.html, revalidated on every load', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX);
  });

  test('the CSP allows exactly the inline script of index.html', async () => {
    const csp = (await get('/')).headers.get('Content-Security-Policy') ?? '';
    const hash = `'sha256-${createHash('sha256').update(BOOT).digest('base64')}'`;
    expect(csp).toContain(`script-src 'self' 'wasm-unsafe-eval' ${hash};`);
    expect(csp).not.toContain("'unsafe-eval'");
    // The API carries the same policy.
    expect((await get('/healthz')).headers.get('Content-Security-Policy')).toBe(csp);
  });

  test('deep links fall back to index.html (SPA)', async () => {
    for (const path of ['/records/123', '/s/abc', '/settings/']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX);
    }
  });

  test('immutable assets are cached for a year', async () => {
    const res = await get('/_app/immutable/entry/start.abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/javascript/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('export const start = 1;');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  test('a precompressed file is served to clients that accept it', async () => {
    const res = await get('/_app/immutable/entry/start.abc.js', { 'Accept-Encoding': 'gzip, br' });
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('BROTLI-BYTES');
  });

  test('other text is compressed on the fly', async () => {
    const res = await get('/_app/immutable/app.css', { 'Accept-Encoding': 'gzip' });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(BIG_CSS);
  });

  test('the service worker, the manifest and other files are revalidated', async () => {
    for (const path of ['/service-worker.js', '/manifest.webmanifest', '/_app/version.json']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-cache');
    }
  });

  test('a missing asset under /_app/ is a 404, never cached HTML', async () => {
    const res = await get('/_app/immutable/entry/missing.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('Cache-Control')).toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: 'not-found' } });
  });

  test('unknown API routes stay API 404s, and only GET serves the app', async () => {
    const api = await get('/v1/nothing-here');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not-found' } });
    const post = await relay.app.request('/records/1', { method: 'POST' });
    expect(post.status).toBe(404);
  });

  test('files outside the build are never served', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/_app/..%2f..%2fsecret.txt']) {
      expect(await (await get(path)).text()).not.toContain('OUTSIDE-THE-BUILD');
    }
  });

  test('HEAD works', async () => {
    const res = await relay.app.request('/', { method: 'HEAD' });
    expect(res.status).toBe(200);
  });
});

describe('without a web build', () => {
  const bare = testRelay();

  test('/ says the app is not built, with the security headers', async () => {
    const res = await bare.app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(await res.text()).toContain('pnpm build');
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(res.headers.get('Strict-Transport-Security')).not.toBeNull();
  });

  test('other paths are not-found', async () => {
    const res = await bare.app.request('/records/1');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not-found' } });
  });
});
