import { describe, expect, test } from 'vitest';
import { ready, toBase64Url } from '@carekey/crypto';
import { CarekeyError, MAX_BATCH_ENVELOPES, applyDeviceLog, emptyDeviceLog } from '@carekey/protocol';
import { MAX_ENVELOPE_TEXT, admitEnvelopes, checkBatchLimits } from './envelope-batch.ts';
import { TestPatient } from './test-actors.ts';

await ready();

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CarekeyError) return error.code;
    throw error;
  }
  return undefined;
}

describe('checkBatchLimits', () => {
  test('counts envelopes and measures each before anything is decoded', () => {
    expect(codeOf(() => checkBatchLimits({ envelopes: Array.from({ length: MAX_BATCH_ENVELOPES }, () => 'x') }))).toBeUndefined();
    expect(codeOf(() => checkBatchLimits({ envelopes: Array.from({ length: MAX_BATCH_ENVELOPES + 1 }, () => 'x') }))).toBe(
      'batch-too-large',
    );
    expect(codeOf(() => checkBatchLimits({ envelopes: ['x'.repeat(MAX_ENVELOPE_TEXT)] }))).toBeUndefined();
    expect(codeOf(() => checkBatchLimits({ envelopes: ['x'.repeat(MAX_ENVELOPE_TEXT + 1)] }))).toBe('envelope-too-large');
  });

  test('leaves other shapes to the schema', () => {
    for (const body of [null, 'x', [], { envelopes: 'x' }, { other: [] }]) expect(codeOf(() => checkBatchLimits(body))).toBeUndefined();
  });
});

describe('admitEnvelopes', () => {
  const patient = TestPatient.create();
  const vault = patient.newVault();
  const record = {
    vault: vault.id,
    owner: patient.account,
    collections: vault.collections.map((c) => ({ id: c.id, epoch: c.epoch })),
    head: { seq: 1, hash: 'h' },
  };
  const devices = applyDeviceLog(emptyDeviceLog(patient.account), patient.identity.publicKey, patient.deviceLog);
  const december = Date.UTC(2026, 11, 20);

  test('describes each envelope by its clear fields', () => {
    const sealed = patient.seal(vault, { month: 202612 });
    const [admitted] = admitEnvelopes([toBase64Url(sealed)], { vault: record, devices, now: december });
    expect(admitted).toMatchObject({
      collection: vault.collections[0]!.id,
      epoch: 1,
      month: 202612,
      signer: patient.firstDevice.id,
      size: sealed.length,
    });
    expect(admitted?.data).toEqual(sealed);
  });

  test('next month is fine across a year boundary; the month after is not', () => {
    expect(admitEnvelopes([toBase64Url(patient.seal(vault, { month: 202701 }))], { vault: record, devices, now: december })).toHaveLength(
      1,
    );
    expect(
      codeOf(() => admitEnvelopes([toBase64Url(patient.seal(vault, { month: 202702 }))], { vault: record, devices, now: december })),
    ).toBe('bad-request');
  });
});
