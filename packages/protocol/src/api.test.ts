import { describe, expect, test } from 'vitest';
import {
  generateSigningKeyPair,
  randomId,
  ready,
  sealEnvelope,
  toHex,
  deriveMonthKey,
  generateCategoryRoot,
  IntegrityError,
} from '@carekey/crypto';
import { CarekeyError } from './errors.ts';
import { parseWith } from './parse.ts';
import * as api from './api.ts';
import { indexEnvelope } from './envelope-index.ts';

await ready();

describe('API schemas', () => {
  test('requests with unknown fields are refused as bad-request', () => {
    expect(() => parseWith(api.ChallengeRequest, { account: '0123456789ABCDEFGHJKMNPQRS', extra: 1 })).toThrow(CarekeyError);
    expect(parseWith(api.ChallengeRequest, { account: '0123456789ABCDEFGHJKMNPQRS' })).toEqual({ account: '0123456789ABCDEFGHJKMNPQRS' });
  });

  test('errors name the offending field', () => {
    try {
      parseWith(api.CreateVaultRequest, { id: 'nope', log: [] });
      expect.fail('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(CarekeyError);
      expect((error as CarekeyError).code).toBe('bad-request');
      expect((error as CarekeyError).message).toMatch(/^id: /);
      expect((error as CarekeyError).status).toBe(400);
    }
  });

  test('a response the client does not understand is a relay-error', () => {
    expect(() => parseWith(api.PullResponse, { envelopes: 'x' }, 'relay-error')).toThrow(
      expect.objectContaining({ code: 'relay-error' }) as Error,
    );
  });

  test('pull query defaults', () => {
    expect(parseWith(api.PullQuery, {})).toEqual({ after: '0', limit: '1000' });
  });
});

describe('envelope index', () => {
  test('lists the clear fields the relay needs and nothing else', () => {
    const device = generateSigningKeyPair();
    const deviceId = randomId();
    const vault = randomId();
    const bytes = sealEnvelope({
      vault,
      collection: randomId(),
      entry: randomId(),
      epoch: 3,
      month: 202611,
      signer: { deviceId, secretKey: device.secretKey },
      monthKey: deriveMonthKey(generateCategoryRoot(), 202611),
      inner: { v: 1, category: 'summary', author: { account: 'A', device: toHex(deviceId) } },
      content: new Uint8Array(0),
    });
    const index = indexEnvelope(bytes);
    expect(index.vault).toBe(toHex(vault));
    expect(index.signer).toBe(toHex(deviceId));
    expect(index.epoch).toBe(3);
    expect(index.month).toBe(202611);
    expect(index.hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => indexEnvelope(bytes.subarray(1))).toThrow(IntegrityError);
  });
});
