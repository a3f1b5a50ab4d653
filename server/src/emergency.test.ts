import { describe, expect, test } from 'vitest';
import { HOUR_MS, emergencyState, refusalTime, requestPending, requestTime } from './emergency.ts';

const T = Date.UTC(2026, 0, 15, 12);
const WAIT = 48;
const RELEASE = T + WAIT * HOUR_MS;

function record(requestedAt: number | null, refusedAt: number | null = null) {
  return { waitHours: WAIT, requestedAt, refusedAt };
}

describe('emergencyState', () => {
  test('idle when never asked', () => {
    expect(emergencyState(record(null), T)).toEqual({
      waitHours: WAIT,
      state: 'idle',
      requestedAt: null,
      releasesAt: null,
      refusedAt: null,
    });
  });

  test('waiting from the request until the last millisecond before the release', () => {
    for (const now of [T, T + 1, RELEASE - 60_000, RELEASE - 1]) {
      expect(emergencyState(record(T), now)).toEqual({
        waitHours: WAIT,
        state: 'waiting',
        requestedAt: T,
        releasesAt: RELEASE,
        refusedAt: null,
      });
    }
  });

  test('released at releasesAt and after', () => {
    expect(emergencyState(record(T), RELEASE).state).toBe('released');
    expect(emergencyState(record(T), RELEASE + 365 * 24 * HOUR_MS).state).toBe('released');
  });

  test('idle when refused at or after the last request, however long ago it was asked', () => {
    for (const refusedAt of [T, T + HOUR_MS]) {
      expect(emergencyState(record(T, refusedAt), RELEASE + 1)).toEqual({
        waitHours: WAIT,
        state: 'idle',
        requestedAt: T,
        releasesAt: null,
        refusedAt,
      });
    }
  });

  test('a request after a refusal starts a new wait; the old refusal stays on record', () => {
    const again = T + 10 * HOUR_MS;
    const state = emergencyState(record(again, T + HOUR_MS), RELEASE + 1);
    expect(state).toEqual({
      waitHours: WAIT,
      state: 'waiting',
      requestedAt: again,
      releasesAt: again + WAIT * HOUR_MS,
      refusedAt: T + HOUR_MS,
    });
  });
});

describe('requests and refusals', () => {
  test('a request is pending once asked and until refused', () => {
    expect(requestPending(record(null))).toBe(false);
    expect(requestPending(record(T))).toBe(true);
    expect(requestPending(record(T, T))).toBe(false);
    expect(requestPending(record(T + 1, T))).toBe(true);
  });

  test('a request starts a wait at its time unless one is pending (waiting or released)', () => {
    expect(requestTime(record(null), T)).toBe(T);
    expect(requestTime(record(T), T + 1)).toBeNull();
    expect(requestTime(record(T), RELEASE + 1)).toBeNull();
    expect(requestTime(record(T, T + 5), T + 10)).toBe(T + 10);
  });

  test('a request is recorded after the last refusal, even when the clock says otherwise', () => {
    expect(requestTime(record(T, T + 5), T + 5)).toBe(T + 6);
    expect(requestTime(record(T, T + 5), T + 2)).toBe(T + 6);
    expect(emergencyState(record(T + 6, T + 5), T + 6).state).toBe('waiting');
  });

  test('only a waiting request can be refused, and never before it was made', () => {
    expect(refusalTime(record(null), T)).toBeNull();
    expect(refusalTime(record(T, T + 1), T + 2)).toBeNull();
    expect(refusalTime(record(T), RELEASE)).toBeNull();
    expect(refusalTime(record(T), RELEASE - 1)).toBe(RELEASE - 1);
    expect(refusalTime(record(T), T - 10)).toBe(T);
  });
});
