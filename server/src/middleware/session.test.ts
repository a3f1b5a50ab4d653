import { describe, expect, test } from 'vitest';
import { ready } from '@carekey/crypto';
import { SESSION_TTL_MS } from '@carekey/protocol';
import { TestPatient } from '../test-actors.ts';
import { answerChallenge, call, register, signIn, testRelay } from '../test-app.ts';

await ready();

describe('requireSession', () => {
  test('an expired session is session-expired', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const token = await register(relay, patient);
    relay.clock.advance(SESSION_TTL_MS);
    const reply = await call(relay.app, 'GET', `/v1/accounts/${patient.account}`, { token });
    expect(reply.status).toBe(401);
    expect(reply.body.error?.code).toBe('session-expired');
  });

  test('no token, a malformed one or an unknown one is unauthorized', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    await register(relay, patient);
    const path = `/v1/accounts/${patient.account}`;
    expect((await call(relay.app, 'GET', path)).body.error?.code).toBe('unauthorized');
    expect((await call(relay.app, 'GET', path, { headers: { Authorization: 'Basic abc' } })).body.error?.code).toBe('unauthorized');
    expect((await call(relay.app, 'GET', path, { token: 'A'.repeat(43) })).status).toBe(401);
  });

  test("a removed device's login and sessions stop working", async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const firstToken = await register(relay, patient);
    const { device: phone, statement } = patient.addDevice();
    await call(relay.app, 'POST', `/v1/accounts/${patient.account}/devices`, { token: firstToken, body: { statements: [statement] } });
    const phoneToken = await signIn(relay, patient, phone);
    expect((await call(relay.app, 'GET', `/v1/accounts/${patient.account}`, { token: phoneToken })).status).toBe(200);

    // The phone is stolen: remove it from the first device.
    const removal = patient.removeDevice(phone);
    expect(
      (await call(relay.app, 'POST', `/v1/accounts/${patient.account}/devices`, { token: firstToken, body: { statements: [removal] } }))
        .status,
    ).toBe(200);

    const cutOff = await call(relay.app, 'GET', `/v1/accounts/${patient.account}`, { token: phoneToken });
    expect(cutOff.status).toBe(403);
    expect(cutOff.body.error?.code).toBe('unknown-device');
    const login = await answerChallenge(relay, patient, phone);
    expect(login.status).toBe(403);
    expect(login.body.error?.code).toBe('unknown-device');
    expect((await call(relay.app, 'GET', `/v1/accounts/${patient.account}`, { token: firstToken })).status).toBe(200);
  });
});
