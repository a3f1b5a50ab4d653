/**
 * Rate limits per IP and per account (DESIGN §5 "Limits"), in memory, on the injected clock.
 *
 * A fixed window per key: at most `limit` hits per `windowMs`. Limits are per relay process;
 * with several processes behind a load balancer each enforces its own share, which is enough
 * for what they guard (slot fetches are useless without the passphrase *and* the Secret Key;
 * the limit only slows online guessing and scraping).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { CarekeyError } from '@carekey/protocol';
import type { Clock } from '../clock.ts';
import type { RelayEnv } from '../context.ts';

/** The outcome of one hit. */
export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** Past this many tracked keys, finished windows are swept on the next hit. */
const SWEEP_AT = 10_000;

/**
 * Counts hits per key in fixed windows.
 *
 * @example
 * const limiter = new RateLimiter({ limit: 10, windowMs: 60_000, clock });
 * limiter.hit('account:ABC'); // { allowed: true }
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #clock: Clock;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(options: { limit: number; windowMs: number; clock: Clock }) {
    if (options.limit < 1 || options.windowMs < 1) throw new RangeError('a rate limit needs a positive limit and window');
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#clock = options.clock;
  }

  /** Records a hit for `key` and says whether it is within the limit. */
  hit(key: string): RateDecision {
    const now = this.#clock.now();
    if (this.#windows.size >= SWEEP_AT) this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || now >= window.start + this.#windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count >= this.#limit) return { allowed: false, retryAfterMs: window.start + this.#windowMs - now };
    window.count += 1;
    return { allowed: true };
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (now >= window.start + this.#windowMs) this.#windows.delete(key);
  }
}

/**
 * Refuses a request with 429 `rate-limited` (and `Retry-After`, in seconds) when its key is
 * over the limit.
 *
 * @param keyOf the key to count under, e.g. `ip:<address>` or `account:<id>`
 * @example
 * app.get('/v1/accounts/:account/slots', rateLimit(perAccount, (c) => `account:${c.req.param('account')}`), handler);
 */
export function rateLimit(limiter: RateLimiter, keyOf: (c: Context<RelayEnv>) => string): MiddlewareHandler<RelayEnv> {
  return async function rateLimit(c, next) {
    const decision = limiter.hit(keyOf(c));
    if (!decision.allowed) {
      throw new CarekeyError('rate-limited', 'too many requests; try again later', {
        retryAfter: Math.max(1, Math.ceil(decision.retryAfterMs / 1000)),
      });
    }
    await next();
  };
}
