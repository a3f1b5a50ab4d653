import { describe, expect, test } from 'vitest';
import { generateSigningKeyPair, ready } from '@carekey/crypto';
import { CHALLENGE_TTL_MS, LOGIN_CLOCK_SKEW_MS, SESSION_TTL_MS, signLogin } from '@carekey/protocol';
import { TestPatient } from '../test-actors.ts';
import { TEST_ORIGIN, answerChallenge, call, register, signIn, testRelay, type TestRelay } from '../test-app.ts';

await ready();

async function challengeFor(relay: TestRelay, patient: TestPatient): Promise<string> {
  const reply = await call(relay.app, 'POST', '/v1/auth/challenge', { body: { account: patient.account } });
  expect(reply.status).toBe(200);
  return reply.body['challenge'] as string;
}

async function answer(relay: TestRelay, login: ReturnType<TestPatient['login']>) {
  return call(relay.app, 'POST', '/v1/auth/session', { body: { login } });
}

describe('login', () => {
  test('register → auth key → register a second device → sign in with the device key', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    await register(relay, patient);

    // A new device: it knows the account key (from passphrase + Secret Key), so the auth key.
    const authToken = await signIn(relay, patient, 'auth');
    const { device, statement } = patient.addDevice();
    const added = await call(relay.app, 'POST', `/v1/accounts/${patient.account}/devices`, {
      token: authToken,
      body: { statements: [statement] },
    });
    expect(added.status).toBe(200);
    expect(added.body['head']).toMatchObject({ seq: 2 });

    const deviceToken = await signIn(relay, patient, device);
    const account = await call(relay.app, 'GET', `/v1/accounts/${patient.account}`, { token: deviceToken });
    expect(account.status).toBe(200);
    expect(account.body).toEqual({ card: patient.card, devices: patient.deviceLog });
  });

  test("a challenge names this relay's origin and expires", async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    await register(relay, patient);
    const reply = await call(relay.app, 'POST', '/v1/auth/challenge', { body: { account: patient.account } });
    expect(reply.body).toEqual({
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown,
      origin: TEST_ORIGIN,
      expiresAt: relay.clock.now() + CHALLENGE_TTL_MS,
    });
  });

  test('a challenge for an unknown account is not-found', async () => {
    const relay = testRelay();
    const reply = await call(relay.app, 'POST', '/v1/auth/challenge', { body: { account: TestPatient.create().account } });
    expect(reply.status).toBe(404);
    expect(reply.body.error?.code).toBe('not-found');
  });

  test('a session token lasts SESSION_TTL_MS', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    await register(relay, patient);
    const reply = await answerChallenge(relay, patient, patient.firstDevice);
    expect(reply.status).toBe(200);
    expect(reply.body['expiresAt']).toBe(relay.clock.now() + SESSION_TTL_MS);
    expect(reply.body['token']).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  describe('refusals', () => {
    async function setUp() {
      const relay = testRelay();
      const patient = TestPatient.create();
      await register(relay, patient);
      return { relay, patient, challenge: await challengeFor(relay, patient) };
    }

    test('a login for another origin is unauthorized', async () => {
      const { relay, patient, challenge } = await setUp();
      const reply = await answer(relay, patient.login({ origin: 'https://evil.example', challenge, time: relay.clock.now() }, 'auth'));
      expect(reply.status).toBe(401);
      expect(reply.body.error?.code).toBe('unauthorized');
    });

    test('a replayed challenge is challenge-expired', async () => {
      const { relay, patient, challenge } = await setUp();
      const login = patient.login({ origin: TEST_ORIGIN, challenge, time: relay.clock.now() }, 'auth');
      expect((await answer(relay, login)).status).toBe(200);
      const replay = await answer(relay, login);
      expect(replay.status).toBe(401);
      expect(replay.body.error?.code).toBe('challenge-expired');
    });

    test('an expired challenge is challenge-expired', async () => {
      const { relay, patient, challenge } = await setUp();
      relay.clock.advance(CHALLENGE_TTL_MS);
      const reply = await answer(relay, patient.login({ origin: TEST_ORIGIN, challenge, time: relay.clock.now() }, 'auth'));
      expect(reply.status).toBe(401);
      expect(reply.body.error?.code).toBe('challenge-expired');
    });

    test('a challenge made up by the client is challenge-expired', async () => {
      const { relay, patient } = await setUp();
      const reply = await answer(relay, patient.login({ origin: TEST_ORIGIN, challenge: 'A'.repeat(43), time: relay.clock.now() }, 'auth'));
      expect(reply.body.error?.code).toBe('challenge-expired');
    });

    test("another account's challenge is challenge-expired", async () => {
      const { relay, patient } = await setUp();
      const other = TestPatient.create();
      await register(relay, other);
      const theirs = await challengeFor(relay, other);
      const reply = await answer(relay, patient.login({ origin: TEST_ORIGIN, challenge: theirs, time: relay.clock.now() }, 'auth'));
      expect(reply.status).toBe(401);
      expect(reply.body.error?.code).toBe('challenge-expired');
    });

    test("a login time too far from the relay's clock is unauthorized", async () => {
      const { relay, patient, challenge } = await setUp();
      const skewed = await answer(
        relay,
        patient.login({ origin: TEST_ORIGIN, challenge, time: relay.clock.now() - LOGIN_CLOCK_SKEW_MS - 1 }, 'auth'),
      );
      expect(skewed.status).toBe(401);
      expect(skewed.body.error?.code).toBe('unauthorized');
      const ahead = await answer(
        relay,
        patient.login(
          { origin: TEST_ORIGIN, challenge: await challengeFor(relay, patient), time: relay.clock.now() + LOGIN_CLOCK_SKEW_MS + 1 },
          'auth',
        ),
      );
      expect(ahead.body.error?.code).toBe('unauthorized');
      const edge = await answer(
        relay,
        patient.login(
          { origin: TEST_ORIGIN, challenge: await challengeFor(relay, patient), time: relay.clock.now() + LOGIN_CLOCK_SKEW_MS },
          'auth',
        ),
      );
      expect(edge.status).toBe(200);
    });

    test('a login signed by another key is unauthorized, and does not burn the challenge', async () => {
      const { relay, patient, challenge } = await setUp();
      const payload = {
        v: 1 as const,
        origin: TEST_ORIGIN,
        account: patient.account,
        device: 'auth' as const,
        challenge,
        time: relay.clock.now(),
      };
      const forged = await answer(relay, signLogin(payload, generateSigningKeyPair().secretKey));
      expect(forged.status).toBe(401);
      expect(forged.body.error?.code).toBe('unauthorized');
      const forgedDevice = await answer(
        relay,
        signLogin({ ...payload, device: patient.firstDevice.id }, generateSigningKeyPair().secretKey),
      );
      expect(forgedDevice.body.error?.code).toBe('unauthorized');
      expect((await answer(relay, patient.login({ origin: TEST_ORIGIN, challenge, time: relay.clock.now() }, 'auth'))).status).toBe(200);
    });

    test('a device that is not in the device log is unknown-device', async () => {
      const { relay, patient, challenge } = await setUp();
      const { device } = patient.addDevice(); // signed locally, never sent to the relay
      const reply = await answer(relay, patient.login({ origin: TEST_ORIGIN, challenge, time: relay.clock.now() }, device));
      expect(reply.status).toBe(403);
      expect(reply.body.error?.code).toBe('unknown-device');
    });

    test('a malformed login is bad-request or integrity, never a session', async () => {
      const { relay } = await setUp();
      expect(
        (await call(relay.app, 'POST', '/v1/auth/session', { body: { login: { payload: 'AAAA', signature: 'A'.repeat(86) } } })).status,
      ).toBe(400);
      expect((await call(relay.app, 'POST', '/v1/auth/session', { body: { nope: 1 } })).body.error?.code).toBe('bad-request');
      expect((await call(relay.app, 'POST', '/v1/auth/session', { body: 'not json' })).body.error?.code).toBe('bad-request');
    });
  });
});
