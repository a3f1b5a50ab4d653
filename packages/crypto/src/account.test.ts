import { beforeAll, describe, expect, test } from 'vitest';
import { ready } from './sodium.ts';
import {
  KDF_FLOOR,
  checkKdfParams,
  createPassphraseSlot,
  createRecoverySlot,
  derivePassphraseKey,
  deriveAuthKeyPair,
  formatRecoveryCode,
  formatSecretKey,
  generateAccountKey,
  generateRecoveryCode,
  generateSecretKey,
  newKdfParams,
  openAccountItem,
  openPassphraseSlot,
  openRecoverySlot,
  parseRecoveryCode,
  parseSecretKey,
  resealRecoverySlot,
  sealAccountItem,
  deriveAccountItemKey,
  type KdfParams,
  type PassphraseSlot,
} from './account.ts';
import { FormatError, IntegrityError, WeakKdfParametersError, WrongSecretError } from './errors.ts';
import { bytesEqual, toBase64Url, utf8 } from './bytes.ts';
import { generateBoxKeyPair } from './signing.ts';
import { randomBytes } from './random.ts';

await ready();

const accountId = '0123456789ABCDEFGHJKMNPQRS';

describe('passphrase slots', () => {
  const ak = new Uint8Array(32).fill(7);
  const secretKey = new Uint8Array(16).fill(9);
  const kdf = newKdfParams();
  let slot: PassphraseSlot;
  let p: Uint8Array;

  beforeAll(() => {
    p = derivePassphraseKey('correct horse battery staple', kdf);
    slot = createPassphraseSlot({ accountId, slotId: 'slot-1', accountKey: ak, passphraseKey: p, secretKey, kdf });
  });

  test('open with the passphrase and the Secret Key', () => {
    expect(bytesEqual(openPassphraseSlot(slot, { accountId, passphraseKey: p, secretKey }), ak)).toBe(true);
  });

  test('the passphrase is NFKC-normalised', () => {
    const composed = derivePassphraseKey('café', kdf);
    const decomposed = derivePassphraseKey('cafe\u0301', kdf);
    expect(bytesEqual(composed, decomposed)).toBe(true);
  });

  test('a wrong passphrase and a wrong Secret Key give the same error', () => {
    const wrongP = derivePassphraseKey('correct horse battery stapler', kdf);
    const errors: unknown[] = [];
    for (const attempt of [
      { accountId, passphraseKey: wrongP, secretKey },
      { accountId, passphraseKey: p, secretKey: new Uint8Array(16).fill(8) },
      { accountId: '0123456789ABCDEFGHJKMNPQRT', passphraseKey: p, secretKey },
    ]) {
      try {
        openPassphraseSlot(slot, attempt);
      } catch (error) {
        errors.push(error);
      }
    }
    expect(errors).toHaveLength(3);
    for (const error of errors) {
      expect(error).toBeInstanceOf(WrongSecretError);
      expect((error as Error).message).toBe((errors[0] as Error).message);
    }
  });

  test('the KDF parameters and slot ID are bound: changing them fails like a wrong secret', () => {
    const moreOps = { ...slot, kdf: { ...slot.kdf, opsLimit: slot.kdf.opsLimit + 1 } };
    expect(() => openPassphraseSlot(moreOps, { accountId, passphraseKey: p, secretKey })).toThrow(WrongSecretError);
    const otherId = { ...slot, slotId: 'slot-2' };
    expect(() => openPassphraseSlot(otherId, { accountId, passphraseKey: p, secretKey })).toThrow(WrongSecretError);
  });

  test.each<[string, Partial<KdfParams>]>([
    ['too few passes', { opsLimit: KDF_FLOOR.opsLimit - 1 }],
    ['too little memory', { memLimit: KDF_FLOOR.memLimit / 2 }],
    ['absurd memory', { memLimit: 2 ** 40 }],
    ['more memory than phones give', { memLimit: 128 * 1024 * 1024 }],
    ['another algorithm', { alg: 'argon2i13' as 'argon2id13' }],
    ['a short salt', { salt: toBase64Url(new Uint8Array(8)) }],
    ['a non-integer pass count', { opsLimit: 4.5 }],
  ])('weak parameters (%s) are refused before deriving anything', (_name, change) => {
    const weak = { ...kdf, ...change };
    expect(() => checkKdfParams(weak)).toThrow(WeakKdfParametersError);
    expect(() => derivePassphraseKey('x', weak)).toThrow(WeakKdfParametersError);
    expect(() => openPassphraseSlot({ ...slot, kdf: weak }, { accountId, passphraseKey: p, secretKey })).toThrow(WeakKdfParametersError);
  });
});

describe('Secret Key', () => {
  test('formats as CK1 and five groups and parses back leniently', () => {
    const key = generateSecretKey();
    const text = formatSecretKey(key);
    expect(text).toMatch(/^CK1-[0-9A-Z]{6}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(parseSecretKey(text)).toEqual(key);
    expect(parseSecretKey(text.toLowerCase().replace(/-/g, ' '))).toEqual(key);
    expect(parseSecretKey(text.slice(4))).toEqual(key);
  });

  test('refuses what cannot be a Secret Key', () => {
    expect(() => parseSecretKey('CK1-ABC')).toThrow(FormatError);
    expect(() => parseSecretKey('')).toThrow(FormatError);
  });
});

describe('recovery', () => {
  test('the code is 24 words that parse back, and a typo is caught', () => {
    const code = generateRecoveryCode();
    const words = formatRecoveryCode(code);
    expect(words.split(' ')).toHaveLength(24);
    expect(parseRecoveryCode(`  ${words.toUpperCase()}  `)).toEqual(code);
    const list = words.split(' ');
    list[3] = list[3] === 'abandon' ? 'ability' : 'abandon';
    expect(() => parseRecoveryCode(list.join(' '))).toThrow(FormatError);
  });

  test('the recovery slot gives back AK, survives AK rotation and refuses a wrong code', () => {
    const ak = generateAccountKey();
    const code = generateRecoveryCode();
    const box = generateBoxKeyPair();
    const slot = createRecoverySlot({ accountId, slotId: 'r', accountKey: ak, recoveryCode: code, recoveryBox: box });
    const opened = openRecoverySlot(slot, accountId, code);
    expect(bytesEqual(opened.accountKey, ak)).toBe(true);
    expect(bytesEqual(opened.recoveryBox.publicKey, box.publicKey)).toBe(true);

    const ak2 = generateAccountKey();
    const rotated = resealRecoverySlot(slot, accountId, ak2, box.publicKey);
    expect(bytesEqual(openRecoverySlot(rotated, accountId, code).accountKey, ak2)).toBe(true);

    expect(() => openRecoverySlot(slot, accountId, generateRecoveryCode())).toThrow(WrongSecretError);
  });

  test('an AK sealed for another account is refused', () => {
    const box = generateBoxKeyPair();
    const code = generateRecoveryCode();
    const slot = createRecoverySlot({ accountId, slotId: 'r', accountKey: generateAccountKey(), recoveryCode: code, recoveryBox: box });
    const other = resealRecoverySlot(slot, '0123456789ABCDEFGHJKMNPQRT', generateAccountKey(), box.publicKey);
    expect(() => openRecoverySlot(other, accountId, code)).toThrow(IntegrityError);
  });
});

describe('account items and subkeys', () => {
  test('items open only with the same account, item and kind', () => {
    const key = deriveAccountItemKey(generateAccountKey());
    const sealed = sealAccountItem(key, accountId, 'bundle', 'bundle', utf8('secret'));
    expect(openAccountItem(key, accountId, 'bundle', 'bundle', sealed)).toEqual(utf8('secret'));
    expect(() => openAccountItem(key, accountId, 'bundle2', 'bundle', sealed)).toThrow(IntegrityError);
    expect(() => openAccountItem(key, accountId, 'bundle', 'root', sealed)).toThrow(IntegrityError);
    expect(() => openAccountItem(randomBytes(32), accountId, 'bundle', 'bundle', sealed)).toThrow(IntegrityError);
  });

  test('the auth key is deterministic from AK', () => {
    const ak = generateAccountKey();
    expect(deriveAuthKeyPair(ak).publicKey).toEqual(deriveAuthKeyPair(ak).publicKey);
    expect(deriveAuthKeyPair(ak).publicKey).not.toEqual(deriveAuthKeyPair(generateAccountKey()).publicKey);
  });
});
