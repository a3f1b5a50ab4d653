import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { FormatError, IntegrityError, WeakKdfParametersError } from '@carekey/crypto';
import { CarekeyError } from '@carekey/protocol';
import type { RelayEnv } from '../context.ts';
import { relayErrorHandler, relayNotFound } from './error-response.ts';

function appThrowing(error: unknown) {
  const logged: Array<{ message: string; fields: unknown }> = [];
  const app = new Hono<RelayEnv>();
  app.onError(relayErrorHandler({ info: () => undefined, error: (message, fields) => logged.push({ message, fields }) }));
  app.notFound(relayNotFound);
  app.post('/boom', () => {
    throw error;
  });
  return { app, logged };
}

async function answer(error: unknown) {
  const { app, logged } = appThrowing(error);
  const res = await app.request('/boom', { method: 'POST', body: JSON.stringify({ secret: 'TOKEN-IN-BODY' }) });
  return { status: res.status, body: await res.json(), headers: res.headers, logged };
}

describe('error responses', () => {
  test('a CarekeyError answers its code and status', async () => {
    expect(await answer(new CarekeyError('conflict', 'the head moved'))).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', message: 'the head moved' } },
      logged: [],
    });
  });

  test('rate-limited carries Retry-After', async () => {
    const res = await answer(new CarekeyError('rate-limited', 'slow down', { retryAfter: 42 }));
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('42');
  });

  test('an IntegrityError is integrity 400', async () => {
    expect(await answer(new IntegrityError('signature', 'bad signature'))).toMatchObject({
      status: 400,
      body: { error: { code: 'integrity' } },
    });
  });

  test('malformed base64 and weak KDF parameters are bad-request', async () => {
    expect(await answer(new FormatError('salt', 'not base64url'))).toMatchObject({ status: 400, body: { error: { code: 'bad-request' } } });
    expect(await answer(new WeakKdfParametersError('too weak'))).toMatchObject({ status: 400, body: { error: { code: 'bad-request' } } });
  });

  test('anything else is a generic 500, logged without the request body', async () => {
    const res = await answer(new TypeError('cannot read x of undefined'));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'the relay failed to handle this request' } });
    expect(JSON.stringify(res.body)).not.toContain('undefined');
    expect(res.logged).toHaveLength(1);
    expect(res.logged[0]?.fields).toMatchObject({ method: 'POST', path: '/boom' });
    expect(JSON.stringify(res.logged)).not.toContain('TOKEN-IN-BODY');
  });

  test('an unknown route is not-found', async () => {
    const { app } = appThrowing(null);
    const res = await app.request('/nowhere');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not-found', message: 'no route for GET /nowhere' } });
  });
});
