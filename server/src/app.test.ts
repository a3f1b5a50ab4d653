import { describe, expect, test } from 'vitest';
import { ready } from '@carekey/crypto';
import { MemoryRelayStore } from './store/memory.ts';
import { TestPatient } from './test-actors.ts';
import { call, register, testRelay } from './test-app.ts';

await ready();

const SECURITY_HEADERS = [
  'Content-Security-Policy',
  'Strict-Transport-Security',
  'Referrer-Policy',
  'X-Content-Type-Options',
  'Cross-Origin-Opener-Policy',
];

describe('createApp', () => {
  test('API answers, successes and errors alike, carry the security headers and no-store', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const token = await register(relay, patient);
    const replies = [
      await call(relay.app, 'GET', `/v1/accounts/${patient.account}`, { token }),
      await call(relay.app, 'GET', `/v1/accounts/${patient.account}`),
      await call(relay.app, 'POST', '/v1/accounts', { body: 'nope' }),
      await call(relay.app, 'GET', '/v1/no/such/route'),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 401, 400, 404]);
    for (const reply of replies) {
      for (const header of SECURITY_HEADERS) expect(reply.headers.get(header), header).not.toBeNull();
      expect(reply.headers.get('Content-Security-Policy')).not.toContain("'unsafe-eval'");
      expect(reply.headers.get('Cache-Control')).toBe('no-store');
    }
    expect(replies[3]?.body).toEqual({ error: { code: 'not-found', message: 'no route for GET /v1/no/such/route' } });
  });

  test('a failing store is a generic 500, logged without the request body', async () => {
    class BrokenStore extends MemoryRelayStore {
      override async getSlots(): Promise<undefined> {
        throw new Error('connection reset');
      }
    }
    const relay = testRelay({ store: new BrokenStore() });
    const reply = await call(relay.app, 'GET', `/v1/accounts/${TestPatient.create().account}/slots`);
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ error: { code: 'internal', message: 'the relay failed to handle this request' } });
    expect(reply.text).not.toContain('connection reset');
    expect(relay.errors).toHaveLength(1);
  });

  test('records the relay cannot verify are a 500, never trusted', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const token = await register(relay, patient);
    // Someone with the database plants a device statement signed by another key.
    const mallory = TestPatient.create();
    const [first] = await relay.store.readDeviceLog(patient.account);
    await relay.store.appendDeviceLog(patient.account, first!.hash, [{ seq: 2, hash: 'planted', statement: mallory.deviceLog[0]! }]);
    const reply = await call(relay.app, 'GET', `/v1/accounts/${patient.account}`, { token });
    expect(reply.status).toBe(500);
    expect(relay.errors).toHaveLength(1);
  });
});
