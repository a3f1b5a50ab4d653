/**
 * The session middleware: `Authorization: Bearer <token>` → the signed-in account and device.
 *
 * - no or malformed header, or an unknown token → 401 `unauthorized`;
 * - an expired session → 401 `session-expired`;
 * - a session whose device has since been removed from the device log → 403 `unknown-device`
 *   (removing a stolen phone cuts off its sessions at once, not when they expire).
 */
import type { MiddlewareHandler } from 'hono';
import { CarekeyError, activeDeviceKey } from '@carekey/protocol';
import { loadAccount } from '../account-state.ts';
import type { RelayDeps, RelayEnv } from '../context.ts';
import { hashToken } from '../sessions.ts';

const BEARER = /^Bearer ([A-Za-z0-9_-]{32,128})$/;

/**
 * Requires a live session and sets `c.var.session`.
 *
 * @example
 * app.get('/v1/accounts/:account', requireSession(deps), (c) => c.json(c.var.session.holder.card));
 */
export function requireSession(deps: Pick<RelayDeps, 'store' | 'clock'>): MiddlewareHandler<RelayEnv> {
  return async function requireSession(c, next) {
    const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    if (!token) throw new CarekeyError('unauthorized', 'sign in first: send Authorization: Bearer <session token>');
    const tokenHash = hashToken(token);
    const session = await deps.store.getSession(tokenHash);
    if (!session) throw new CarekeyError('unauthorized', 'this session token is not known');
    if (session.expiresAt <= deps.clock.now()) throw new CarekeyError('session-expired', 'this session has expired; sign in again');
    const holder = await loadAccount(deps.store, session.account);
    if (!holder) throw new CarekeyError('unauthorized', 'the account of this session is not known');
    if (session.device !== null && !activeDeviceKey(holder.devices, session.device)) {
      throw new CarekeyError('unknown-device', 'the device of this session is no longer active');
    }
    c.set('session', { account: session.account, device: session.device, holder, tokenHash, expiresAt: session.expiresAt });
    await next();
  };
}
