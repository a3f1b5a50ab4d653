import { describe, expect, test } from 'vitest';
import { ready } from './sodium.ts';
import { bytesEqual, toHex, utf8 } from './bytes.ts';
import { IntegrityError } from './errors.ts';
import { keyPackageHash, openKeyPackage, sealKeyPackage } from './key-package.ts';
import { generateBoxKeyPair } from './signing.ts';
import { sodium } from './sodium.ts';

await ready();

const reasonOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof IntegrityError) return error.reason;
    throw error;
  }
  return undefined;
};

describe('key packages', () => {
  const grantee = generateBoxKeyPair();
  const message = utf8('{"grant":"g1","months":[[202611,"k"]]}');

  test('open what was sealed to the grantee, and nothing else', () => {
    const sealed = sealKeyPackage(message, grantee.publicKey);
    expect(bytesEqual(openKeyPackage(sealed, grantee), message)).toBe(true);
    expect(reasonOf(() => openKeyPackage(sealed, generateBoxKeyPair()))).toBe('decrypt');
  });

  test('a flipped bit does not open', () => {
    const sealed = sealKeyPackage(message, grantee.publicKey);
    sealed[sealed.length - 1]! ^= 1;
    expect(reasonOf(() => openKeyPackage(sealed, grantee))).toBe('decrypt');
  });

  test('a sealed box made for another purpose is refused', () => {
    const other = sodium().crypto_box_seal(message, grantee.publicKey);
    expect(reasonOf(() => openKeyPackage(other, grantee))).toBe('context-mismatch');
  });

  test('each seal is fresh and the hash names the sealed bytes', () => {
    const a = sealKeyPackage(message, grantee.publicKey);
    const b = sealKeyPackage(message, grantee.publicKey);
    expect(toHex(a)).not.toBe(toHex(b));
    expect(toHex(keyPackageHash(a))).not.toBe(toHex(keyPackageHash(b)));
    expect(keyPackageHash(a)).toHaveLength(32);
  });
});
