/**
 * Relay login (DESIGN §4 "Relay login"): no password verifier. A device signs a fresh
 * challenge with its device key — or, for a device not registered yet, with the account auth
 * key derived from the account key — and gets a short-lived session token.
 *
 * ```
 * POST /v1/auth/challenge {account}  → {challenge, origin, expiresAt}
 * POST /v1/auth/session   {login}    → {token, expiresAt}
 * ```
 *
 * The signed login names the relay's origin (`PUBLIC_ORIGIN`), the account, the device, the
 * challenge and the time, so a login answered for one relay cannot be replayed to another,
 * nor twice to this one.
 */
import { Hono } from 'hono';
import { IntegrityError, randomBytes, toBase64Url } from '@carekey/crypto';
import {
  CHALLENGE_TTL_MS,
  CarekeyError,
  LOGIN_CLOCK_SKEW_MS,
  LoginPayload,
  activeDeviceKey,
  api,
  openLogin,
  parseWith,
  peekStatement,
  type StatementWire,
} from '@carekey/protocol';
import { loadAccount } from '../account-state.ts';
import type { RelayDeps, RelayEnv } from '../context.ts';
import { perIpKey } from '../middleware/client-ip.ts';
import { RateLimiter, rateLimit } from '../middleware/rate-limit.ts';
import { readJson } from '../request.ts';
import { issueSession } from '../sessions.ts';

/** Checks the signature with `key`; a wrong signature is a failed login, not a malformed request. */
function verifyLogin(login: StatementWire, key: Uint8Array): LoginPayload {
  try {
    return openLogin(login, key);
  } catch (error) {
    if (error instanceof IntegrityError) throw new CarekeyError('unauthorized', 'the login signature does not verify', { cause: error });
    throw error;
  }
}

/** The login routes, to mount under `/v1`. */
export function authRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const { store, clock, config } = deps;
  const perIp = new RateLimiter({ limit: config.rateLimits.loginPerIp, windowMs: config.rateLimits.windowMs, clock });
  const limited = rateLimit(perIp, perIpKey(config.trustProxy));
  const routes = new Hono<RelayEnv>();

  routes.post('/auth/challenge', limited, async (c) => {
    const { account } = parseWith(api.ChallengeRequest, await readJson(c));
    if (!(await store.getAccountCard(account))) throw new CarekeyError('not-found', 'no such account');
    const challenge = toBase64Url(randomBytes(32));
    const expiresAt = clock.now() + CHALLENGE_TTL_MS;
    await store.putChallenge({ challenge, account, expiresAt });
    return c.json({ challenge, origin: config.publicOrigin, expiresAt });
  });

  routes.post('/auth/session', limited, async (c) => {
    const { login } = parseWith(api.SessionRequest, await readJson(c));
    // Peek only to learn which key to verify with; nothing is believed before the signature.
    const claimed = parseWith(LoginPayload, peekStatement(login));
    const holder = await loadAccount(store, claimed.account);
    if (!holder) throw new CarekeyError('unauthorized', 'no such account');
    const key = claimed.device === 'auth' ? holder.authKey : activeDeviceKey(holder.devices, claimed.device);
    if (!key) throw new CarekeyError('unknown-device', 'this device is not an active device of the account');
    const payload = verifyLogin(login, key);

    if (payload.origin !== config.publicOrigin) {
      throw new CarekeyError('unauthorized', `the login is for ${payload.origin}, not this relay`);
    }
    const now = clock.now();
    if (Math.abs(payload.time - now) > LOGIN_CLOCK_SKEW_MS) {
      throw new CarekeyError('unauthorized', "the login's time is too far from the relay's clock");
    }
    // Taking the challenge consumes it, whatever happens next: a challenge is answered once.
    const challenge = await store.takeChallenge(payload.challenge);
    if (!challenge || challenge.account !== payload.account || challenge.expiresAt <= now) {
      throw new CarekeyError('challenge-expired', 'this challenge is unknown, used or expired; ask for a new one');
    }
    const session = await issueSession(deps, payload.account, payload.device === 'auth' ? null : payload.device);
    return c.json(session);
  });

  return routes;
}
