import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { ManualClock } from '../clock.ts';
import type { RelayEnv } from '../context.ts';
import { relayErrorHandler } from './error-response.ts';
import { RateLimiter, rateLimit } from './rate-limit.ts';

describe('RateLimiter', () => {
  test('allows `limit` hits per window per key, then says when to retry', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000, clock });
    expect(limiter.hit('a')).toEqual({ allowed: true });
    clock.advance(400);
    expect(limiter.hit('a')).toEqual({ allowed: true });
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterMs: 600 });
    expect(limiter.hit('b')).toEqual({ allowed: true });
    clock.advance(600);
    expect(limiter.hit('a')).toEqual({ allowed: true });
  });

  test('sweeps finished windows when it tracks many keys', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter({ limit: 1, windowMs: 10, clock });
    for (let i = 0; i < 10_000; i++) limiter.hit(`k${i}`);
    clock.advance(10);
    expect(limiter.hit('k0')).toEqual({ allowed: true });
    expect(limiter.hit('k0')).toEqual({ allowed: false, retryAfterMs: 10 });
  });

  test('refuses a nonsense configuration', () => {
    expect(() => new RateLimiter({ limit: 0, windowMs: 1, clock: new ManualClock() })).toThrow(RangeError);
  });
});

describe('rateLimit middleware', () => {
  test('answers 429 rate-limited with Retry-After, then lets through after the window', async () => {
    const clock = new ManualClock(0);
    const app = new Hono<RelayEnv>();
    app.onError(relayErrorHandler({ info: () => undefined, error: () => undefined }));
    app.get(
      '/x/:id',
      rateLimit(new RateLimiter({ limit: 1, windowMs: 60_000, clock }), (c) => c.req.param('id') ?? ''),
      (c) => c.text('ok'),
    );
    expect((await app.request('/x/1')).status).toBe(200);
    const refused = await app.request('/x/1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect(await refused.json()).toMatchObject({ error: { code: 'rate-limited' } });
    expect((await app.request('/x/2')).status).toBe(200);
    clock.advance(60_000);
    expect((await app.request('/x/1')).status).toBe(200);
  });
});
