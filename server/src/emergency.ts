/**
 * Emergency grants on the relay's clock (DESIGN §4 "Carers and emergency access"; the threat
 * model says plainly that the relay enforces the wait). An emergency grant is made in advance
 * with all its keys sealed; the relay serves nothing of it until its grantee asks and the
 * waiting period passes with no refusal from the owner:
 *
 * ```
 * idle      never asked, or the owner refused at or after the last request
 * waiting   asked, not refused since, now < releasesAt (= requestedAt + waitHours)
 * released  asked, not refused since, now ≥ releasesAt — an ordinary grant from then on,
 *           until its notAfter or its revocation
 * ```
 *
 * A new request after a refusal starts a new wait. These rules are pure, so every store
 * adapter and every route applies them the same way.
 */
import type { api } from '@carekey/protocol';
import type { EmergencyRecord } from './store/types.ts';

/** One hour in milliseconds. */
export const HOUR_MS = 60 * 60 * 1000;

/** True when the grantee has asked and the owner has not refused since (waiting or released). */
export function requestPending(emergency: EmergencyRecord): boolean {
  const { requestedAt, refusedAt } = emergency;
  return requestedAt !== null && (refusedAt === null || refusedAt < requestedAt);
}

/**
 * Where an emergency grant stands at `now`.
 *
 * @example
 * emergencyState({ waitHours: 48, requestedAt: t, refusedAt: null }, t + HOUR_MS).state; // 'waiting'
 */
export function emergencyState(emergency: EmergencyRecord, now: number): api.EmergencyState {
  const { waitHours, requestedAt, refusedAt } = emergency;
  if (requestedAt === null || !requestPending(emergency)) {
    return { waitHours, state: 'idle', requestedAt, releasesAt: null, refusedAt };
  }
  const releasesAt = requestedAt + waitHours * HOUR_MS;
  return { waitHours, state: now < releasesAt ? 'waiting' : 'released', requestedAt, releasesAt, refusedAt };
}

/**
 * When a request made at `at` starts the wait, or null when a request is already pending (the
 * request changes nothing). A request is always recorded after the last refusal, even if the
 * clock (of another relay process, say) puts `at` at or before it: otherwise the refusal would
 * silently cancel the new request.
 */
export function requestTime(emergency: EmergencyRecord, at: number): number | null {
  if (requestPending(emergency)) return null;
  return emergency.refusedAt !== null && at <= emergency.refusedAt ? emergency.refusedAt + 1 : at;
}

/**
 * When a refusal made at `at` is recorded, or null when no request is waiting at `at` (never
 * asked, refused already, or released: the owner revokes a released grant instead). A refusal
 * is never recorded before the request it refuses.
 */
export function refusalTime(emergency: EmergencyRecord, at: number): number | null {
  if (emergencyState(emergency, at).state !== 'waiting') return null;
  return Math.max(at, emergency.requestedAt!);
}
