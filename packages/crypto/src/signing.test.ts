import { beforeAll, describe, expect, test } from 'vitest';
import { ready } from './sodium.ts';
import {
  accountIdFromIdentityKey,
  fingerprint,
  fingerprintsMatch,
  formatFingerprint,
  generateBoxKeyPair,
  generateSigningKeyPair,
  openStatement,
  signStatement,
  signingKeyPairFromSeed,
  signingSeed,
  statementHash,
} from './signing.ts';
import { IntegrityError } from './errors.ts';
import { bytesEqual } from './bytes.ts';

beforeAll(ready);

describe('identities', () => {
  test('account IDs are 26 Crockford characters and depend on the identity key', () => {
    const a = generateSigningKeyPair();
    const b = generateSigningKeyPair();
    expect(accountIdFromIdentityKey(a.publicKey)).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(accountIdFromIdentityKey(a.publicKey)).not.toBe(accountIdFromIdentityKey(b.publicKey));
  });

  test('fingerprints are 60 digits, stable, and change with either key', () => {
    const id = generateSigningKeyPair();
    const box = generateBoxKeyPair();
    const fp = fingerprint(id.publicKey, box.publicKey);
    expect(fp).toMatch(/^\d{60}$/);
    expect(fingerprint(id.publicKey, box.publicKey)).toBe(fp);
    expect(fingerprint(id.publicKey, generateBoxKeyPair().publicKey)).not.toBe(fp);
    expect(fingerprint(generateSigningKeyPair().publicKey, box.publicKey)).not.toBe(fp);
    expect(formatFingerprint(fp).split(' ')).toHaveLength(12);
    expect(fingerprintsMatch(formatFingerprint(fp), fp)).toBe(true);
    expect(fingerprintsMatch(fp.slice(0, 59) + ((Number(fp[59]) + 1) % 10), fp)).toBe(false);
    expect(fingerprintsMatch(fp.slice(0, 30), fp.slice(0, 30))).toBe(false);
  });

  test('a seed gives back the same key pair', () => {
    const pair = generateSigningKeyPair();
    const again = signingKeyPairFromSeed(signingSeed(pair.secretKey));
    expect(bytesEqual(again.publicKey, pair.publicKey)).toBe(true);
  });
});

describe('signed statements', () => {
  test('verify under their own context only', () => {
    const key = generateSigningKeyPair();
    const statement = signStatement('ck-test-v1', { v: 1, hello: 'world' }, key.secretKey);
    expect(openStatement('ck-test-v1', statement, key.publicKey)).toEqual({ v: 1, hello: 'world' });
    expect(() => openStatement('ck-other-v1', statement, key.publicKey)).toThrow(IntegrityError);
    expect(() => openStatement('ck-test-v1', statement, generateSigningKeyPair().publicKey)).toThrow(IntegrityError);
  });

  test('any flipped bit of payload or signature is refused', () => {
    const key = generateSigningKeyPair();
    const statement = signStatement('ck-test-v1', { v: 1 }, key.secretKey);
    for (const field of ['payload', 'signature'] as const) {
      for (let i = 0; i < statement[field].length; i += 1) {
        const copy = { payload: statement.payload.slice(), signature: statement.signature.slice() };
        copy[field][i] = (copy[field][i] ?? 0) ^ 1;
        expect(() => openStatement('ck-test-v1', copy, key.publicKey)).toThrow(IntegrityError);
      }
    }
  });

  test('hashes differ when either part differs', () => {
    const key = generateSigningKeyPair();
    const a = signStatement('ck-test-v1', { v: 1 }, key.secretKey);
    const b = signStatement('ck-test-v1', { v: 2 }, key.secretKey);
    expect(bytesEqual(statementHash(a), statementHash(b))).toBe(false);
    expect(statementHash(a)).toHaveLength(32);
  });
});
