/**
 * `Cache-Control: no-store` on API responses: they carry session tokens, account data and
 * ciphertext that no shared or browser cache should keep.
 */
import type { MiddlewareHandler } from 'hono';

/**
 * @example
 * app.use('/v1/*', noStore());
 */
export function noStore(): MiddlewareHandler {
  return async function noStore(c, next) {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
