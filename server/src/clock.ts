/**
 * Time as the relay sees it. Everything time-dependent (challenge and session expiry, login
 * clock skew, rate-limit windows, the "not in the future" check on envelope months) reads an
 * injected {@link Clock}, so tests move time with {@link ManualClock} instead of sleeping
 * (DESIGN §5: "a test-only clock can be injected into the relay"). The relay run as a process
 * for end-to-end stories can be given {@link FileOffsetClock} (test-only, see `config.ts`).
 */
import { readFileSync } from 'node:fs';

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

/** What a {@link FileOffsetClock} reports as it goes. */
export interface FileOffsetClockEvents {
  /** The offset read from the file changed (and at start-up). */
  readonly changed?: (offsetMs: number) => void;
  /** The file could not be read or parsed after start-up (said once until it reads again); the last offset stays. */
  readonly unreadable?: (error: unknown) => void;
}

/**
 * The relay process's test-only clock (`CAREKEY_TEST_CLOCK_FILE`, see `config.ts`): the wall
 * clock plus an offset in milliseconds read from a file, so an end-to-end story can move the
 * time of a relay it runs as a process — past a grant's end, into a new month, past an
 * emergency wait — without sleeping and without any HTTP endpoint. The file is re-read at most
 * every `refreshMs` (100 ms), when the time is asked for.
 *
 * At start-up a missing or garbled file is an error ({@link FileOffsetClock.open} throws), so a
 * typo cannot silently run a test on the wall clock. Later, a file that cannot be read or parsed
 * (half written, say) keeps the last good offset rather than jumping back to the wall clock;
 * writers should still replace the file atomically (write another file, then rename it).
 *
 * @example
 * // echo 86400000 > /tmp/clock; CAREKEY_TEST_CLOCK_FILE=/tmp/clock node server/src/main.ts
 * const clock = FileOffsetClock.open('/tmp/clock', { parse: parseTestClockOffset });
 * clock.now(); // a day from now
 */
export class FileOffsetClock implements Clock {
  readonly file: string;
  readonly #parse: (content: string, file: string) => number;
  readonly #base: Clock;
  readonly #refreshMs: number;
  readonly #read: (file: string) => string;
  readonly #events: FileOffsetClockEvents;
  #offset: number;
  #checkedAt: number;
  #unreadable = false;

  private constructor(
    file: string,
    options: {
      parse: (content: string, file: string) => number;
      base: Clock;
      refreshMs: number;
      read: (file: string) => string;
      events: FileOffsetClockEvents;
    },
  ) {
    this.file = file;
    this.#parse = options.parse;
    this.#base = options.base;
    this.#refreshMs = options.refreshMs;
    this.#read = options.read;
    this.#events = options.events;
    this.#offset = this.#parse(this.#read(file), file);
    this.#checkedAt = this.#base.now();
    this.#events.changed?.(this.#offset);
  }

  /**
   * Reads the file once and starts the clock.
   *
   * @param options.parse turns the file's text into an offset; throws on anything else
   * @param options.base the clock the offset is added to (the wall clock)
   * @param options.read reads the file (tests may replace it)
   * @throws whatever `read` or `parse` throws: the file is missing or garbled
   */
  static open(
    file: string,
    options: {
      parse: (content: string, file: string) => number;
      base?: Clock;
      refreshMs?: number;
      read?: (file: string) => string;
      events?: FileOffsetClockEvents;
    },
  ): FileOffsetClock {
    return new FileOffsetClock(file, {
      parse: options.parse,
      base: options.base ?? systemClock,
      refreshMs: options.refreshMs ?? 100,
      read: options.read ?? ((path) => readFileSync(path, 'utf8')),
      events: options.events ?? {},
    });
  }

  /** The offset in force, in milliseconds. */
  get offsetMs(): number {
    return this.#offset;
  }

  now(): number {
    const base = this.#base.now();
    if (Math.abs(base - this.#checkedAt) >= this.#refreshMs) {
      this.#checkedAt = base;
      this.#reload();
    }
    return base + this.#offset;
  }

  #reload(): void {
    let offset: number;
    try {
      offset = this.#parse(this.#read(this.file), this.file);
    } catch (error) {
      // Said once, not ten times a second, until the file reads again.
      if (!this.#unreadable) this.#events.unreadable?.(error);
      this.#unreadable = true;
      return;
    }
    this.#unreadable = false;
    if (offset !== this.#offset) {
      this.#offset = offset;
      this.#events.changed?.(offset);
    }
  }
}
