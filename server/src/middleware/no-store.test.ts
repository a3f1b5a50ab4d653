import { Hono } from 'hono';
import { expect, test } from 'vitest';
import { noStore } from './no-store.ts';

test('API responses, errors included, are not stored', async () => {
  const app = new Hono();
  app.onError((_error, c) => c.text('failed', 500));
  app.use('/v1/*', noStore());
  app.get('/v1/x', (c) => c.json({ ok: true }, 200, { 'Cache-Control': 'max-age=60' }));
  app.get('/v1/boom', () => {
    throw new Error('boom');
  });
  app.get('/other', (c) => c.text('cacheable'));
  expect((await app.request('/v1/x')).headers.get('Cache-Control')).toBe('no-store');
  expect((await app.request('/v1/boom')).headers.get('Cache-Control')).toBe('no-store');
  expect((await app.request('/other')).headers.get('Cache-Control')).toBeNull();
});
