/**
 * The app's build (SvelteKit 3: configuration lives in the plugin, not svelte.config.js).
 * An SPA (adapter-static with an index.html fallback, ssr off in the root layout) that the relay
 * serves in the one-command set-up; its service worker is registered by workbox-window so the
 * patient decides when a new version runs.
 */
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-static';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

// CAREKEY_WEB_OUT and CAREKEY_BUILD_ID let the update-prompt test build a second version.
const out = process.env.CAREKEY_WEB_OUT ?? 'build';
// The version people see in Settings: the app's version and when this build was made.
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const buildId = process.env.CAREKEY_BUILD_ID ?? `${pkg.version}-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
const relay = process.env.CAREKEY_DEV_RELAY ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ pages: out, assets: out, fallback: 'index.html', precompress: true, strict: true }),
      serviceWorker: { register: false },
      csp: { mode: 'hash', directives: { 'script-src': ['self', 'wasm-unsafe-eval'] } },
      version: { name: buildId, pollInterval: 0 },
    }),
  ],
  server: {
    // `pnpm dev`: the app on Vite, the API on the relay.
    proxy: { '/v1': relay, '/healthz': relay },
  },
  build: {
    target: 'es2022',
    // Source maps let anyone check the shipped code against this repository (who serves the
    // code is in the threat model); browsers fetch them only when devtools ask.
    sourcemap: true,
    reportCompressedSize: false,
  },
});
