/**
 * Who is asking, for per-IP rate limits. The socket's remote address, or — only when the
 * operator says a proxy they run sits in front (`TRUST_PROXY`) — the address that proxy
 * appended to `X-Forwarded-For`. The leftmost entries are whatever the client sent and are
 * never believed.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { RelayEnv } from '../context.ts';

/** The key used when there is no socket (requests driven in-process with `app.request()`). */
export const NO_SOCKET = 'in-process';

/**
 * The client's IP address as far as the relay can tell.
 *
 * @example
 * clientIp(c, config.trustProxy); // '203.0.113.7'
 */
export function clientIp(c: Context<RelayEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req
      .header('X-Forwarded-For')
      ?.split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    const nearest = forwarded?.at(-1);
    if (nearest) return nearest;
  }
  if (!c.env?.incoming) return NO_SOCKET;
  return getConnInfo(c).remote.address ?? NO_SOCKET;
}

/**
 * The rate-limit key of the caller's IP address.
 *
 * @example
 * app.post('/v1/accounts', rateLimit(registerPerIp, perIpKey(config.trustProxy)), register);
 */
export function perIpKey(trustProxy: boolean): (c: Context<RelayEnv>) => string {
  return (c) => `ip:${clientIp(c, trustProxy)}`;
}
