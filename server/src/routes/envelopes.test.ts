import { describe, expect, test } from 'vitest';
import { monthOf, nextMonth, ready, toBase64Url } from '@carekey/crypto';
import { MAX_BATCH_ENVELOPES, MAX_REQUEST_BYTES, MAX_PULL_ENVELOPES } from '@carekey/protocol';
import { MAX_ENVELOPE_TEXT } from '../envelope-batch.ts';
import { TestPatient, type TestVault } from '../test-actors.ts';
import { call, register, signIn, testRelay, type TestRelay } from '../test-app.ts';

await ready();

interface Setup {
  relay: TestRelay;
  patient: TestPatient;
  token: string;
  vault: TestVault;
  month: number;
}

async function setUp(options: { epoch?: number } = {}): Promise<Setup> {
  const relay = testRelay();
  const patient = TestPatient.create();
  const vault = patient.newVault(2, options.epoch ?? 1);
  const token = await register(relay, patient, { vault });
  return { relay, patient, token, vault, month: monthOf(relay.clock.now()) };
}

function append(s: Setup, envelopes: readonly (Uint8Array | string)[], token = s.token) {
  const body = { envelopes: envelopes.map((e) => (typeof e === 'string' ? e : toBase64Url(e))) };
  return call(s.relay.app, 'POST', `/v1/vaults/${s.vault.id}/envelopes`, { token, body });
}

function pull(s: Setup, query = '', token = s.token) {
  return call(s.relay.app, 'GET', `/v1/vaults/${s.vault.id}/envelopes${query}`, { token });
}

async function storedCount(s: Setup): Promise<number> {
  return (await s.relay.store.pullEnvelopes(s.vault.id, { after: 0, limit: 1000, maxBytes: 1 << 30 })).envelopes.length;
}

describe('append and pull', () => {
  test('round trip: what is appended is pulled back byte for byte', async () => {
    const s = await setUp();
    const sealed = [
      s.patient.seal(s.vault, { month: s.month }),
      s.patient.seal(s.vault, { month: s.month, collection: s.vault.collections[1]! }),
    ];
    const appended = await append(s, sealed);
    expect(appended.status).toBe(200);
    expect(appended.body['results']).toEqual([
      { hash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown, seq: 1, duplicate: false },
      { hash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown, seq: 2, duplicate: false },
    ]);
    const pulled = await pull(s);
    expect(pulled.status).toBe(200);
    expect(pulled.headers.get('Cache-Control')).toBe('no-store');
    expect(pulled.body).toEqual({ envelopes: sealed.map((e, i) => ({ seq: i + 1, data: toBase64Url(e) })), cursor: '2', more: false });
  });

  test('re-appending is idempotent, within a batch too', async () => {
    const s = await setUp();
    const a = s.patient.seal(s.vault, { month: s.month });
    const b = s.patient.seal(s.vault, { month: s.month });
    const first = await append(s, [a]);
    const again = await append(s, [b, a, b]);
    const hashOf = (reply: typeof first, i: number) => (reply.body['results'] as Array<{ hash: string }>)[i]!.hash;
    expect(again.body['results']).toEqual([
      { hash: hashOf(again, 0), seq: 2, duplicate: false },
      { hash: hashOf(first, 0), seq: 1, duplicate: true },
      { hash: hashOf(again, 0), seq: 2, duplicate: true },
    ]);
    expect(await storedCount(s)).toBe(2);
  });

  test('pulls page by cursor and limit', async () => {
    const s = await setUp();
    await append(
      s,
      Array.from({ length: 5 }, () => s.patient.seal(s.vault, { month: s.month })),
    );
    const page1 = await pull(s, '?limit=2');
    expect(page1.body).toMatchObject({ cursor: '2', more: true });
    const page2 = await pull(s, `?after=${page1.body['cursor'] as string}&limit=2`);
    expect((page2.body['envelopes'] as Array<{ seq: number }>).map((e) => e.seq)).toEqual([3, 4]);
    const page3 = await pull(s, '?after=4&limit=2');
    expect(page3.body).toMatchObject({ cursor: '5', more: false });
    expect((await pull(s, '?after=5')).body).toEqual({ envelopes: [], cursor: '5', more: false });
    expect((await pull(s, `?limit=${MAX_PULL_ENVELOPES + 5}`)).status).toBe(200);
    expect((await pull(s, '?limit=0')).body.error?.code).toBe('bad-request');
    expect((await pull(s, '?after=-1')).body.error?.code).toBe('bad-request');
  });
});

describe('one bad envelope refuses the whole batch, and nothing is stored', () => {
  async function refused(s: Setup, bad: Uint8Array | string, status: number, code: string) {
    const before = await storedCount(s);
    const good = s.patient.seal(s.vault, { month: s.month });
    const reply = await append(s, [good, bad]);
    expect(reply.status).toBe(status);
    expect(reply.body.error?.code).toBe(code);
    expect(reply.body.error?.message).toMatch(/envelope 1/);
    expect(await storedCount(s)).toBe(before);
    // The good envelope alone is accepted, and gets the next seq: the refusal burned none.
    expect((await append(s, [good])).body['results']).toMatchObject([{ seq: before + 1, duplicate: false }]);
  }

  test('a tampered byte', async () => {
    const s = await setUp();
    const tampered = s.patient.seal(s.vault, { month: s.month });
    tampered[tampered.length - 100] = tampered[tampered.length - 100]! ^ 1;
    await refused(s, tampered, 400, 'integrity');
  });

  test('a truncated envelope', async () => {
    const s = await setUp();
    await refused(s, s.patient.seal(s.vault, { month: s.month }).subarray(0, 200), 400, 'integrity');
  });

  test('an envelope for another vault', async () => {
    const s = await setUp();
    await refused(s, s.patient.seal(s.vault, { month: s.month, vaultId: s.patient.newVault().id }), 400, 'integrity');
  });

  test('an unknown collection', async () => {
    const s = await setUp();
    const stranger = s.patient.newVault().collections[0]!;
    await refused(s, s.patient.seal(s.vault, { month: s.month, collection: stranger }), 400, 'integrity');
  });

  test('a stale epoch', async () => {
    const s = await setUp({ epoch: 2 });
    await refused(s, s.patient.seal(s.vault, { month: s.month, epoch: 1 }), 409, 'conflict');
  });

  test('a future epoch', async () => {
    const s = await setUp();
    await refused(s, s.patient.seal(s.vault, { month: s.month, epoch: 2 }), 409, 'conflict');
  });

  test('a signer from another account', async () => {
    const s = await setUp();
    const mallory = TestPatient.create();
    await refused(s, mallory.seal(s.vault, { month: s.month }), 403, 'unknown-device');
  });

  test('a signer that was removed', async () => {
    const s = await setUp();
    const { device, statement } = s.patient.addDevice();
    await call(s.relay.app, 'POST', `/v1/accounts/${s.patient.account}/devices`, { token: s.token, body: { statements: [statement] } });
    const sealedBefore = s.patient.seal(s.vault, { month: s.month, device });
    const removal = s.patient.removeDevice(device);
    await call(s.relay.app, 'POST', `/v1/accounts/${s.patient.account}/devices`, { token: s.token, body: { statements: [removal] } });
    await refused(s, sealedBefore, 403, 'unknown-device');
  });

  test('a month after next month', async () => {
    const s = await setUp();
    expect((await append(s, [s.patient.seal(s.vault, { month: nextMonth(s.month) })])).status).toBe(200);
    await refused(s, s.patient.seal(s.vault, { month: nextMonth(nextMonth(s.month)) }), 400, 'bad-request');
  });

  test('text that is not base64url', async () => {
    const s = await setUp();
    await refused(s, 'AAAAA', 400, 'bad-request');
  });
});

describe('limits', () => {
  test('more than MAX_BATCH_ENVELOPES is batch-too-large', async () => {
    const s = await setUp();
    const reply = await append(
      s,
      Array.from({ length: MAX_BATCH_ENVELOPES + 1 }, () => 'AAAA'),
    );
    expect(reply.status).toBe(413);
    expect(reply.body.error?.code).toBe('batch-too-large');
  });

  test('an envelope longer than MAX_ENVELOPE_BYTES is envelope-too-large, before decoding', async () => {
    const s = await setUp();
    const reply = await append(s, [toBase64Url(s.patient.seal(s.vault, { month: s.month })), '!'.repeat(MAX_ENVELOPE_TEXT + 1)]);
    expect(reply.status).toBe(413);
    expect(reply.body.error?.code).toBe('envelope-too-large');
    expect(reply.body.error?.message).toMatch(/envelope 1/);
    expect(await storedCount(s)).toBe(0);
  });

  test('a body over MAX_REQUEST_BYTES is payload-too-large', async () => {
    const s = await setUp();
    const huge = JSON.stringify({ envelopes: ['A'.repeat(MAX_REQUEST_BYTES)] });
    for (const headers of [{}, { 'Content-Length': String(huge.length) }]) {
      const res = await s.relay.app.request(`/v1/vaults/${s.vault.id}/envelopes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, ...headers },
        body: huge,
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'payload-too-large' } });
    }
  });

  test('an empty batch is bad-request', async () => {
    const s = await setUp();
    expect((await append(s, [])).body.error?.code).toBe('bad-request');
  });
});

describe('who may append and pull', () => {
  test('another account is forbidden; an unknown vault is not-found', async () => {
    const s = await setUp();
    const mallory = TestPatient.create();
    const token = await register(s.relay, mallory);
    const write = await append(s, [mallory.seal(s.vault, { month: s.month })], token);
    expect(write.status).toBe(403);
    expect(write.body.error?.code).toBe('forbidden');
    const read = await pull(s, '', token);
    expect(read.body.error?.code).toBe('forbidden');
    const unknown = await call(s.relay.app, 'GET', `/v1/vaults/${'f'.repeat(32)}/envelopes`, { token: s.token });
    expect(unknown.status).toBe(404);
  });

  test('an auth-key session may pull but not append', async () => {
    const s = await setUp();
    const token = await signIn(s.relay, s.patient, 'auth');
    const write = await append(s, [s.patient.seal(s.vault, { month: s.month })], token);
    expect(write.status).toBe(403);
    expect(write.body.error?.code).toBe('forbidden');
    expect((await pull(s, '', token)).status).toBe(200);
  });
});
