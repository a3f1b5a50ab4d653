import { describe, expect, test } from 'vitest';
import { ready } from '@carekey/crypto';
import { signControlStatement, statementWireHash } from '@carekey/protocol';
import { TestPatient } from '../test-actors.ts';
import { call, register, signIn, testRelay } from '../test-app.ts';

await ready();

async function patientWithToken() {
  const relay = testRelay();
  const patient = TestPatient.create();
  const token = await register(relay, patient);
  return { relay, patient, token };
}

describe('POST /v1/vaults', () => {
  test('creates a vault from its genesis statement; the same ID again is a conflict', async () => {
    const { relay, patient, token } = await patientWithToken();
    const vault = patient.newVault(3);
    const created = await call(relay.app, 'POST', '/v1/vaults', { token, body: { id: vault.id, log: vault.log } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ head: { seq: 1, hash: statementWireHash(vault.log[0]!) } });
    expect((await relay.store.getVault(vault.id))?.collections).toHaveLength(3);
    const again = await call(relay.app, 'POST', '/v1/vaults', { token, body: { id: vault.id, log: vault.log } });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('conflict');
  });

  test('a vault signed by someone else, or for another ID, is integrity', async () => {
    const { relay, patient, token } = await patientWithToken();
    const mallory = TestPatient.create();
    const theirs = mallory.newVault();
    expect((await call(relay.app, 'POST', '/v1/vaults', { token, body: { id: theirs.id, log: theirs.log } })).body.error?.code).toBe(
      'integrity',
    );
    const mine = patient.newVault();
    expect(
      (await call(relay.app, 'POST', '/v1/vaults', { token, body: { id: patient.newVault().id, log: mine.log } })).body.error?.code,
    ).toBe('integrity');
  });

  test('an auth-key session may not create a vault', async () => {
    const { relay, patient } = await patientWithToken();
    const token = await signIn(relay, patient, 'auth');
    const vault = patient.newVault();
    const reply = await call(relay.app, 'POST', '/v1/vaults', { token, body: { id: vault.id, log: vault.log } });
    expect(reply.status).toBe(403);
    expect(reply.body.error?.code).toBe('forbidden');
    expect(await relay.store.getVault(vault.id)).toBeUndefined();
  });

  test('needs a session', async () => {
    const { relay, patient } = await patientWithToken();
    const vault = patient.newVault();
    expect((await call(relay.app, 'POST', '/v1/vaults', { body: { id: vault.id, log: vault.log } })).status).toBe(401);
  });
});

describe('the control log', () => {
  async function withVault() {
    const setup = await patientWithToken();
    const vault = setup.patient.newVault();
    await call(setup.relay.app, 'POST', '/v1/vaults', { token: setup.token, body: { id: vault.id, log: vault.log } });
    return { ...setup, vault };
  }

  test('the owner reads it after a seq, with the head', async () => {
    const { relay, token, vault } = await withVault();
    const head = { seq: 1, hash: statementWireHash(vault.log[0]!) };
    expect((await call(relay.app, 'GET', `/v1/vaults/${vault.id}/log`, { token })).body).toEqual({ statements: vault.log, head });
    expect((await call(relay.app, 'GET', `/v1/vaults/${vault.id}/log?after=1`, { token })).body).toEqual({ statements: [], head });
    expect((await call(relay.app, 'GET', `/v1/vaults/${vault.id}/log?after=x`, { token })).body.error?.code).toBe('bad-request');
  });

  test('an append whose prev is not the head is a conflict', async () => {
    const { relay, token, vault } = await withVault();
    const reply = await call(relay.app, 'POST', `/v1/vaults/${vault.id}/log`, { token, body: { prev: null, statements: vault.log } });
    expect(reply.status).toBe(409);
    expect(reply.body.error?.code).toBe('conflict');
  });

  test('an append is verified on top of the stored log', async () => {
    const { relay, patient, token, vault } = await withVault();
    const prev = statementWireHash(vault.log[0]!);
    // The only statement type so far is vault-created, which may not come twice.
    const second = signControlStatement(
      {
        v: 1,
        vault: vault.id,
        seq: 2,
        prev,
        time: 2,
        author: patient.account,
        type: 'vault-created',
        owner: patient.account,
        collections: [{ id: 'ab'.repeat(16), epoch: 1 }],
      },
      patient.identity.secretKey,
    );
    const reply = await call(relay.app, 'POST', `/v1/vaults/${vault.id}/log`, { token, body: { prev, statements: [second] } });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('integrity');
    expect(await relay.store.readControlLog(vault.id, 0)).toHaveLength(1);
  });

  test('anyone but the owner is forbidden; an unknown vault is not-found', async () => {
    const { relay, vault } = await withVault();
    const mallory = TestPatient.create();
    const token = await register(relay, mallory);
    const read = await call(relay.app, 'GET', `/v1/vaults/${vault.id}/log`, { token });
    expect(read.status).toBe(403);
    expect(read.body.error?.code).toBe('forbidden');
    const write = await call(relay.app, 'POST', `/v1/vaults/${vault.id}/log`, {
      token,
      body: { prev: statementWireHash(vault.log[0]!), statements: vault.log },
    });
    expect(write.body.error?.code).toBe('forbidden');
    expect((await call(relay.app, 'GET', `/v1/vaults/${'0'.repeat(32)}/log`, { token })).status).toBe(404);
  });

  test('an auth-key session may read but not append', async () => {
    const { relay, patient, vault } = await withVault();
    const token = await signIn(relay, patient, 'auth');
    expect((await call(relay.app, 'GET', `/v1/vaults/${vault.id}/log`, { token })).status).toBe(200);
    const write = await call(relay.app, 'POST', `/v1/vaults/${vault.id}/log`, {
      token,
      body: { prev: statementWireHash(vault.log[0]!), statements: vault.log },
    });
    expect(write.status).toBe(403);
    expect(write.body.error?.code).toBe('forbidden');
  });
});
