import { describe, expect, test } from 'vitest';
import { generateSigningKeyPair, ready, toBase64Url } from '@carekey/crypto';
import { SESSION_TTL_MS, signDeviceStatement } from '@carekey/protocol';
import { TestPatient } from '../test-actors.ts';
import { call, register, signIn, testConfig, testRelay } from '../test-app.ts';

await ready();

describe('POST /v1/accounts', () => {
  test('registers an account with its first device and vault, and answers a session', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const vault = patient.newVault();
    const reply = await call(relay.app, 'POST', '/v1/accounts', { body: patient.registration({ vault }) });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      account: patient.account,
      session: { token: expect.any(String) as unknown, expiresAt: relay.clock.now() + SESSION_TTL_MS },
    });
    expect(await relay.store.getVault(vault.id)).toMatchObject({ owner: patient.account, head: { seq: 1 } });
    expect(await relay.store.readDeviceLog(patient.account)).toHaveLength(1);
    // The session is the first device's: it may write the vault.
    const token = (reply.body['session'] as { token: string }).token;
    const session = await call(relay.app, 'GET', `/v1/vaults/${vault.id}/envelopes`, { token });
    expect(session.status).toBe(200);
  });

  test('an existing account is account-exists', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    await register(relay, patient);
    const again = await call(relay.app, 'POST', '/v1/accounts', { body: patient.registration() });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('account-exists');
  });

  test('weak KDF parameters are refused', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const body = patient.registration();
    const [slot] = body.slots;
    if (slot?.type !== 'passphrase') throw new Error('expected a passphrase slot');
    for (const kdf of [
      { ...slot.kdf, opsLimit: 1 },
      { ...slot.kdf, memLimit: 8 * 1024 * 1024 },
      { ...slot.kdf, salt: 'AAAA' },
    ]) {
      const reply = await call(relay.app, 'POST', '/v1/accounts', { body: { ...body, slots: [{ ...slot, kdf }] } });
      expect(reply.status).toBe(400);
      expect(reply.body.error?.code).toBe('bad-request');
    }
    expect(await relay.store.getAccountCard(patient.account)).toBeUndefined();
  });

  test('a passphrase slot is required, and slot IDs are unique', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const body = patient.registration();
    const recovery = {
      slotId: 'recovery-1',
      type: 'recovery' as const,
      nonce: 'A'.repeat(32),
      ciphertext: 'A'.repeat(64),
      sealedAccountKey: 'AAAA',
    };
    expect((await call(relay.app, 'POST', '/v1/accounts', { body: { ...body, slots: [recovery] } })).body.error?.code).toBe('bad-request');
    expect(
      (await call(relay.app, 'POST', '/v1/accounts', { body: { ...body, slots: [body.slots[0], body.slots[0]] } })).body.error?.code,
    ).toBe('bad-request');
  });

  test("a card, device or vault not signed by the account's identity key is refused", async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const mallory = TestPatient.create();
    const body = patient.registration({ vault: patient.newVault() });
    const cases = [
      { ...body, card: { ...body.card, signature: mallory.card.signature } },
      { ...body, device: mallory.deviceLog[0]! },
      { ...body, vault: { id: body.vault!.id, log: mallory.newVault().log } },
    ];
    for (const bad of cases) {
      const reply = await call(relay.app, 'POST', '/v1/accounts', { body: bad });
      expect(reply.status).toBe(400);
      expect(reply.body.error?.code).toBe('integrity');
    }
    expect(await relay.store.getAccountCard(patient.account)).toBeUndefined();
  });

  test('the first device statement must be statement 1 adding a device', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const removal = patient.removeDevice(patient.firstDevice);
    const second = signDeviceStatement(
      {
        v: 1,
        account: patient.account,
        seq: 2,
        prev: null,
        time: 1,
        op: 'add',
        device: 'ab'.repeat(16),
        key: toBase64Url(generateSigningKeyPair().publicKey),
      },
      patient.identity.secretKey,
    );
    for (const device of [removal, second]) {
      const reply = await call(relay.app, 'POST', '/v1/accounts', { body: { ...patient.registration(), device } });
      expect(reply.body.error?.code).toBe('integrity');
    }
  });

  test('unknown fields are bad-request', async () => {
    const relay = testRelay();
    const reply = await call(relay.app, 'POST', '/v1/accounts', { body: { ...TestPatient.create().registration(), admin: true } });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('bad-request');
  });

  test('registration is rate-limited per IP', async () => {
    const relay = testRelay({ config: { rateLimits: { ...testConfig().rateLimits, registerPerIp: 1 } } });
    await register(relay, TestPatient.create());
    const refused = await call(relay.app, 'POST', '/v1/accounts', { body: TestPatient.create().registration() });
    expect(refused.status).toBe(429);
  });
});

describe('GET /v1/accounts/:account/slots', () => {
  test('answers the slots without a session; an unknown account is not-found', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    await register(relay, patient);
    const reply = await call(relay.app, 'GET', `/v1/accounts/${patient.account}/slots`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ slots: patient.slots });
    expect((await call(relay.app, 'GET', `/v1/accounts/${TestPatient.create().account}/slots`)).status).toBe(404);
    expect((await call(relay.app, 'GET', '/v1/accounts/not-an-account/slots')).body.error?.code).toBe('bad-request');
  });

  test('is rate-limited per account: 429 with Retry-After, then fine after the window', async () => {
    const relay = testRelay({
      config: {
        rateLimits: {
          ...testConfig().rateLimits,
          windowMs: 60_000,
          slotsPerIp: 1000,
          slotsPerAccount: 10,
          registerPerIp: 10,
          loginPerIp: 10,
        },
      },
    });
    const patient = TestPatient.create();
    await register(relay, patient);
    const path = `/v1/accounts/${patient.account}/slots`;
    for (let i = 0; i < 10; i++) expect((await call(relay.app, 'GET', path)).status).toBe(200);
    const refused = await call(relay.app, 'GET', path);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('rate-limited');
    expect(refused.headers.get('Retry-After')).toBe('60');
    // Other accounts are not affected.
    expect((await call(relay.app, 'GET', `/v1/accounts/${TestPatient.create().account}/slots`)).status).toBe(404);
    relay.clock.advance(60_000);
    expect((await call(relay.app, 'GET', path)).status).toBe(200);
  });

  test('is rate-limited per IP across accounts', async () => {
    const relay = testRelay({
      config: {
        rateLimits: {
          ...testConfig().rateLimits,
          windowMs: 60_000,
          slotsPerIp: 3,
          slotsPerAccount: 100,
          registerPerIp: 10,
          loginPerIp: 10,
        },
      },
    });
    for (let i = 0; i < 3; i++)
      expect((await call(relay.app, 'GET', `/v1/accounts/${TestPatient.create().account}/slots`)).status).toBe(404);
    expect((await call(relay.app, 'GET', `/v1/accounts/${TestPatient.create().account}/slots`)).status).toBe(429);
  });
});

describe('GET /v1/accounts/:account', () => {
  test("any session reads any account's card and device log; unknown is not-found", async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const clinician = TestPatient.create();
    await register(relay, patient);
    const token = await register(relay, clinician);
    const reply = await call(relay.app, 'GET', `/v1/accounts/${patient.account}`, { token });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ card: patient.card, devices: patient.deviceLog });
    expect((await call(relay.app, 'GET', `/v1/accounts/${TestPatient.create().account}`, { token })).status).toBe(404);
  });
});

describe('POST /v1/accounts/:account/devices', () => {
  test('a statement that does not follow the stored head is a conflict', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const token = await register(relay, patient);
    const { statement: second } = patient.addDevice();
    const { statement: third } = patient.addDevice();
    const skipped = await call(relay.app, 'POST', `/v1/accounts/${patient.account}/devices`, { token, body: { statements: [third] } });
    expect(skipped.status).toBe(409);
    expect(skipped.body.error?.code).toBe('conflict');
    expect(
      (await call(relay.app, 'POST', `/v1/accounts/${patient.account}/devices`, { token, body: { statements: [second, third] } })).status,
    ).toBe(200);
    const replayed = await call(relay.app, 'POST', `/v1/accounts/${patient.account}/devices`, { token, body: { statements: [second] } });
    expect(replayed.body.error?.code).toBe('conflict');
    expect(await relay.store.readDeviceLog(patient.account)).toHaveLength(3);
  });

  test('a statement signed by another key is integrity', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const token = await register(relay, patient);
    const planted = signDeviceStatement(
      {
        v: 1,
        account: patient.account,
        seq: 2,
        prev: (await relay.store.readDeviceLog(patient.account))[0]!.hash,
        time: 1,
        op: 'add',
        device: 'cd'.repeat(16),
        key: toBase64Url(generateSigningKeyPair().publicKey),
      },
      generateSigningKeyPair().secretKey,
    );
    const reply = await call(relay.app, 'POST', `/v1/accounts/${patient.account}/devices`, { token, body: { statements: [planted] } });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('integrity');
  });

  test("another account's device log is forbidden", async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const mallory = TestPatient.create();
    await register(relay, patient);
    const token = await register(relay, mallory);
    const { statement } = patient.addDevice();
    const reply = await call(relay.app, 'POST', `/v1/accounts/${patient.account}/devices`, { token, body: { statements: [statement] } });
    expect(reply.status).toBe(403);
    expect(reply.body.error?.code).toBe('forbidden');
  });
});

describe('account items', () => {
  test('the owner appends and lists; a retry is idempotent; different contents conflict', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const bundle = patient.item('bundle', 'bundle v1', 'bundle');
    const token = await register(relay, patient, { items: [bundle] });
    const path = `/v1/accounts/${patient.account}/items`;
    const root = patient.item('root:vault:results:1', 'a category root');
    expect((await call(relay.app, 'POST', path, { token, body: { items: [root] } })).body).toEqual({ ok: true });
    expect((await call(relay.app, 'POST', path, { token, body: { items: [root] } })).status).toBe(200);
    const changed = await call(relay.app, 'POST', path, { token, body: { items: [patient.item('root:vault:results:1', 'another root')] } });
    expect(changed.status).toBe(409);
    expect(changed.body.error?.code).toBe('conflict');
    expect((await call(relay.app, 'GET', path, { token })).body).toEqual({ items: [bundle, root] });
  });

  test('an auth-key session (a device not registered yet) reads the items but cannot write them', async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    await register(relay, patient);
    const token = await signIn(relay, patient, 'auth');
    const reply = await call(relay.app, 'GET', `/v1/accounts/${patient.account}/items`, { token });
    expect(reply.status).toBe(200);
    expect((reply.body['items'] as unknown[]).length).toBe(1);
    const write = await call(relay.app, 'POST', `/v1/accounts/${patient.account}/items`, {
      token,
      body: { items: [patient.item('root:x', 'planted')] },
    });
    expect(write.status).toBe(403);
    expect(write.body.error?.code).toBe('forbidden');
    expect(await relay.store.listItems(patient.account)).toHaveLength(1);
  });

  test("another account's items are forbidden", async () => {
    const relay = testRelay();
    const patient = TestPatient.create();
    const mallory = TestPatient.create();
    await register(relay, patient);
    const token = await register(relay, mallory);
    const path = `/v1/accounts/${patient.account}/items`;
    const read = await call(relay.app, 'GET', path, { token });
    expect(read.status).toBe(403);
    expect(read.body.error?.code).toBe('forbidden');
    const write = await call(relay.app, 'POST', path, { token, body: { items: [mallory.item('root:x', 'planted')] } });
    expect(write.body.error?.code).toBe('forbidden');
    expect(await relay.store.listItems(patient.account)).toHaveLength(1);
  });
});
