/**
 * The Content Security Policy of everything the relay serves (DESIGN §4 "who serves the code",
 * §5). Kept in its own module so the web app can adjust it in one place.
 *
 * - Scripts only from the relay's origin, plus `'wasm-unsafe-eval'` because libsodium compiles
 *   WebAssembly (without it `sodium.ready` rejects), plus the SHA-256 of each inline script of
 *   the served `index.html` (SvelteKit's SPA page carries an inline bootstrap script).
 *   Never `'unsafe-eval'` and never `'unsafe-inline'` for scripts.
 * - Styles allow inline: SvelteKit's page wraps the body in `<div style="display: contents">`,
 *   and a refused style would log a CSP error on every load. Inline styles cannot run code.
 * - No plugins, no `<base>`, no framing (clickjacking), forms post only to the relay.
 *
 * @see https://www.w3.org/TR/CSP3/
 */
import { sha256, utf8 } from '@carekey/crypto';

/**
 * The CSP header value.
 *
 * @param scriptHashes `'sha256-…'` sources of the inline scripts to allow
 * @example
 * contentSecurityPolicy(inlineScriptHashes(indexHtml));
 * // "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-…'; …"
 */
export function contentSecurityPolicy(scriptHashes: readonly string[] = []): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'", ...scriptHashes],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * The CSP hash sources (`'sha256-<base64>'`) of the inline `<script>` elements of an HTML
 * page: those without a `src` attribute and with content. The hash covers the exact text
 * between the tags, as browsers compute it.
 *
 * @example
 * inlineScriptHashes('<script>boot()</script>'); // ["'sha256-…'"]
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const attributes = match[1] ?? '';
    const content = match[2] ?? '';
    if (/\bsrc\s*=/i.test(attributes) || content.length === 0) continue;
    hashes.push(`'sha256-${Buffer.from(sha256(utf8(content))).toString('base64')}'`);
  }
  return [...new Set(hashes)];
}
