/**
 * Security headers on every response the relay sends — the app's pages, its assets, the API
 * and errors alike (DESIGN §5): a strict CSP, HSTS, no referrer, no MIME sniffing, an isolated
 * browsing context group, and no framing.
 */
import type { MiddlewareHandler } from 'hono';

/** Two years, the preload list's minimum. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Sets the security headers after the handler has run.
 *
 * @param csp the Content-Security-Policy value (see `contentSecurityPolicy`)
 * @example
 * app.use('*', securityHeaders(contentSecurityPolicy(hashes)));
 */
export function securityHeaders(csp: string): MiddlewareHandler {
  return async function securityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', csp);
    headers.set('Strict-Transport-Security', HSTS);
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    headers.set('X-Frame-Options', 'DENY');
  };
}
