/**
 * Session tokens (DESIGN §4 "Relay login"): 32 random bytes, handed to the
 * client once. The store keeps only their SHA-256, so a leaked database holds no usable token.
 */
import { randomBytes, sha256, toBase64Url, utf8 } from '@carekey/crypto';
import { SESSION_TTL_MS, type api } from '@carekey/protocol';
import type { RelayDeps } from './context.ts';

/** The hash a session is stored under (SHA-256, base64url). */
export function hashToken(token: string): string {
  return toBase64Url(sha256(utf8(token)));
}

/**
 * Starts a session for an account and the device that logged in (null for the auth key).
 *
 * @example
 * const session = await issueSession(deps, account, deviceId); // { token, expiresAt }
 */
export async function issueSession(deps: Pick<RelayDeps, 'store' | 'clock'>, account: string, device: string | null): Promise<api.Session> {
  const token = toBase64Url(randomBytes(32));
  const expiresAt = deps.clock.now() + SESSION_TTL_MS;
  await deps.store.putSession({ tokenHash: hashToken(token), account, device, expiresAt });
  return { token, expiresAt };
}
