import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { securityHeaders } from './security-headers.ts';

describe('securityHeaders', () => {
  const app = new Hono();
  app.onError((_error, c) => c.text('failed', 500));
  app.use('*', securityHeaders("default-src 'self'"));
  app.get('/ok', (c) => c.text('ok'));
  app.get('/boom', () => {
    throw new Error('boom');
  });

  test.each(['/ok', '/boom', '/missing'])('are on every response (%s)', async (path) => {
    const res = await app.request(path);
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
    expect(res.headers.get('Strict-Transport-Security')).toMatch(/^max-age=\d+/);
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
  });
});
