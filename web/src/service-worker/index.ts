/**
 * The service worker: precaches the app shell, its code and libsodium so the app opens offline,
 * serves them cache-first, and never touches the API (health data is never cached here; it is
 * kept encrypted by the app in IndexedDB). Large files used only now and then (the FHIR
 * definitions for checking imports) are cached the first time they are fetched instead: see
 * precache.ts.
 *
 * A new version installs in the background and waits; it takes over only when the app sends
 * SKIP_WAITING after the person accepts the update prompt, so the code that runs is the code the
 * person chose to run (DESIGN §4 "Who serves the code").
 */
import { self } from '$app/service-worker';
import { version } from '$app/env';
import { assets, immutable } from '$app/manifest';
import { isRuntimeCacheable, precacheList } from './precache.ts';

const CACHE = `carekey-${version}`;
const SHELL = '/';
const PRECACHE = precacheList(SHELL, [...immutable, ...assets]);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const current = await caches.open(CACHE);
      // Files this version still uses but did not precache (the definitions, once fetched)
      // move over from the old version's cache, so an update does not download them again.
      const kept = new Set(immutable.map((file) => `/${file.path}`));
      for (const key of await caches.keys()) {
        if (key === CACHE) continue;
        const old = await caches.open(key);
        for (const request of await old.keys()) {
          const path = new URL(request.url).pathname;
          if (!kept.has(path) || (await current.match(path))) continue;
          const response = await old.match(request);
          if (response) await current.put(path, response);
        }
        await caches.delete(key);
      }
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
      if (response.ok && response.type === 'basic' && isRuntimeCacheable(url.pathname)) {
        // Kept for next time (and offline) without holding up this response: the page reads
        // the body while the copy is written.
        event.waitUntil(cache.put(url.pathname, response.clone()));
      }
      return response;
    })(),
  );
});
