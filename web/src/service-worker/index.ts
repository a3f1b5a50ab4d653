/**
 * The service worker: precaches the app shell, its code and libsodium so the app opens offline,
 * serves them cache-first, and never touches the API (health data is never cached here; it is
 * kept encrypted by the app in IndexedDB).
 *
 * A new version installs in the background and waits; it takes over only when the app sends
 * SKIP_WAITING after the person accepts the update prompt, so the code that runs is the code the
 * person chose to run (DESIGN §4 "Who serves the code").
 */
import { self } from '$app/service-worker';
import { version } from '$app/env';
import { assets, immutable } from '$app/manifest';

const CACHE = `carekey-${version}`;
const SHELL = '/';
// Source maps are for people checking the code, not for running it offline.
const PRECACHE = [SHELL, ...[...immutable, ...assets].map((file) => `/${file.path}`).filter((path) => !path.endsWith('.map'))];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/v1/') || url.pathname === '/healthz') return;

  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Every page of this single-page app is the same shell.
      const key = request.mode === 'navigate' ? SHELL : url.pathname;
      const cached = await cache.match(key);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok && response.type === 'basic' && url.pathname.startsWith('/_app/immutable/')) {
        await cache.put(url.pathname, response.clone());
      }
      return response;
    })(),
  );
});
