/**
 * Serving the app (DESIGN §4 "Who serves the code", §5): in the one-command set-up the relay
 * serves `web/build`, the SvelteKit static SPA.
 *
 * - Any GET outside the API that is not a file gets `index.html` (SPA fallback), except under
 *   `/_app/` and for any path with a file extension (`/manifest.webmanifest`, `/icon.png`),
 *   where a missing file is a 404 rather than HTML a browser would take for a script, a
 *   manifest or an image.
 * - `index.html` is served from the copy read at start-up: the CSP allows exactly the inline
 *   scripts of that copy, so a rebuild cannot put a page and a policy out of step.
 * - Precompressed `.br`/`.gz` files are served when the client accepts them; other text
 *   responses are compressed on the fly.
 * - `Cache-Control`: a year and `immutable` for `/_app/immutable/*` (content-hashed names),
 *   `no-cache` for everything else — `index.html`, `service-worker.js`, the manifest — so an
 *   update is seen on the next load and the service worker can prompt for it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { serveStatic } from '@hono/node-server/serve-static';
import type { RelayEnv } from '../context.ts';
import { inlineScriptHashes } from '../middleware/csp.ts';

/** A built web app found at start-up. */
export interface WebBuild {
  readonly dir: string;
  readonly indexHtml: string;
  /** CSP sources for the inline scripts of `indexHtml`. */
  readonly scriptHashes: readonly string[];
}

/**
 * Reads the web build in `dir`, or null when there is none (no `index.html`).
 *
 * @example
 * const build = loadWebBuild(config.webBuildDir);
 * contentSecurityPolicy(build?.scriptHashes);
 */
export function loadWebBuild(dir: string): WebBuild | null {
  const indexPath = join(dir, 'index.html');
  if (!existsSync(indexPath)) return null;
  const indexHtml = readFileSync(indexPath, 'utf8');
  return { dir, indexHtml, scriptHashes: inlineScriptHashes(indexHtml) };
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

function isApi(path: string): boolean {
  return path === '/v1' || path.startsWith('/v1/');
}

const NOT_BUILT = `Carekey relay is running, but the web app is not built.

Build it with \`pnpm build\` in the repository (or point WEB_BUILD_DIR at a build) and restart the relay.
The API is available under /v1.
`;

/**
 * The routes that serve the app; mount last, at `/`.
 *
 * @param build the web build, or null to answer `/` with a short "not built" page
 */
export function webRoutes(build: WebBuild | null): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  if (!build) {
    routes.get('/', (c) => c.text(NOT_BUILT, 200, { 'Cache-Control': REVALIDATE }));
    return routes;
  }

  const index = (c: Context<RelayEnv>) => c.html(build.indexHtml, 200, { 'Cache-Control': REVALIDATE });

  routes.get(
    '*',
    async (c, next) => {
      if (isApi(c.req.path)) return c.notFound();
      await next();
    },
    compress(),
    async (c, next) => {
      if (c.req.path === '/' || c.req.path === '/index.html') return index(c);
      c.header('Cache-Control', c.req.path.startsWith('/_app/immutable/') ? IMMUTABLE : REVALIDATE);
      await next();
    },
    serveStatic({ root: build.dir, precompressed: true }),
    (c) => {
      if (c.req.path.startsWith('/_app/') || /\.[A-Za-z0-9]+$/.test(c.req.path)) {
        c.header('Cache-Control', undefined);
        return c.notFound();
      }
      return index(c);
    },
  );
  return routes;
}
