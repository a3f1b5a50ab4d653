/**
 * Time as the relay sees it. Everything time-dependent (challenge and session expiry, login
 * clock skew, rate-limit windows, the "not in the future" check on envelope months) reads an
 * injected {@link Clock}, so tests move time with {@link ManualClock} instead of sleeping
 * (DESIGN §5: "a test-only clock can be injected into the relay").
 */

/** A source of the current time in milliseconds since the epoch. */
export interface Clock {
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/**
 * A clock that only moves when told to, for tests.
 *
 * @example
 * const clock = new ManualClock(Date.UTC(2026, 10, 1));
 * clock.advance(CHALLENGE_TTL_MS + 1); // the challenge has now expired
 */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: number = Date.UTC(2026, 0, 15, 12)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Jumps to `time` (ms since the epoch). */
  set(time: number): void {
    this.#now = time;
  }

  /** Moves forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a ManualClock only moves forward with advance()');
    this.#now += ms;
  }
}
