import { createCipheriv, createDecipheriv, generateKeyPairSync, randomBytes as nodeRandom, sign } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { MAX_JWE_INFLATED_BYTES, decryptJwe, encryptJwe, isEcPublicJwk, verifyEs256 } from './webcrypto.ts';
import { IntegrityError } from './errors.ts';
import { ready } from './sodium.ts';

await ready();

// Node's own crypto makes an independent ES256 signature to check ours against.
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = publicKey.export({ format: 'jwk' }) as { kty: 'EC'; crv: 'P-256'; x: string; y: string };
const message = new TextEncoder().encode('header.payload');
const signature = new Uint8Array(sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }));

describe('ES256', () => {
  test('verifies a genuine signature and refuses any change', async () => {
    expect(await verifyEs256(jwk, message, signature)).toBe(true);
    const flipped = signature.slice();
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(await verifyEs256(jwk, message, flipped)).toBe(false);
    expect(await verifyEs256(jwk, new TextEncoder().encode('header.payloaD'), signature)).toBe(false);
    expect(await verifyEs256(jwk, message, signature.subarray(1))).toBe(false);
    expect(await verifyEs256({ ...jwk, x: jwk.y }, message, signature)).toBe(false);
  });

  test('recognises public P-256 keys only', () => {
    expect(isEcPublicJwk(jwk)).toBe(true);
    expect(isEcPublicJwk({ ...jwk, d: 'secret' })).toBe(false);
    expect(isEcPublicJwk({ kty: 'RSA' })).toBe(false);
  });
});

// Node's own AES-GCM makes and reads independent JWEs to check ours against.
function nodeJwe(key: Buffer, plaintext: Buffer, header: Record<string, string>): string {
  const protectedHeader = Buffer.from(JSON.stringify(header)).toString('base64url');
  const iv = nodeRandom(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(protectedHeader));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [protectedHeader, '', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(
    '.',
  );
}

const reasonOf = async (run: () => Promise<unknown>): Promise<string | undefined> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof IntegrityError) return error.reason;
    throw error;
  }
  return undefined;
};

describe('JWE for SMART Health Links (dir, A256GCM)', () => {
  const key = nodeRandom(32);
  const bundle = Buffer.from(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [] }));

  test("ours decrypts with Node's AES-GCM, with the protected header as associated data", async () => {
    const jwe = await encryptJwe(new Uint8Array(key), new Uint8Array(bundle));
    const [header = '', empty, iv = '', ciphertext = '', tag = ''] = jwe.split('.');
    expect(empty).toBe('');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'dir', enc: 'A256GCM', cty: 'application/fhir+json' });
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(header));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    expect(Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).equals(bundle)).toBe(true);
    expect(Buffer.from(await decryptJwe(new Uint8Array(key), jwe)).equals(bundle)).toBe(true);
    expect(jwe).not.toBe(await encryptJwe(new Uint8Array(key), new Uint8Array(bundle))); // a fresh IV each time
  });

  test('reads one made elsewhere, compressed or not', async () => {
    const plain = nodeJwe(key, bundle, { alg: 'dir', enc: 'A256GCM' });
    expect(Buffer.from(await decryptJwe(new Uint8Array(key), plain)).equals(bundle)).toBe(true);
    const zipped = nodeJwe(key, deflateRawSync(bundle), { alg: 'dir', enc: 'A256GCM', zip: 'DEF' });
    expect(Buffer.from(await decryptJwe(new Uint8Array(key), zipped)).equals(bundle)).toBe(true);
  });

  test('a compressed file that would inflate past the limit (a decompression bomb) is refused, not inflated', async () => {
    // 65 MiB of zeros deflates to about 65 kB.
    const bomb = deflateRawSync(Buffer.alloc(MAX_JWE_INFLATED_BYTES + 1024 * 1024));
    expect(bomb.length).toBeLessThan(128 * 1024);
    const zipped = nodeJwe(key, bomb, { alg: 'dir', enc: 'A256GCM', zip: 'DEF' });
    const error = await decryptJwe(new Uint8Array(key), zipped).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toContain('too large');
  });

  test('a wrong key, a changed header or byte, or another algorithm is refused', async () => {
    const jwe = await encryptJwe(new Uint8Array(key), new Uint8Array(bundle));
    expect(await reasonOf(() => decryptJwe(new Uint8Array(nodeRandom(32)), jwe))).toBe('decrypt');
    const parts = jwe.split('.');
    const otherHeader = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
    expect(await reasonOf(() => decryptJwe(new Uint8Array(key), [otherHeader, ...parts.slice(1)].join('.')))).toBe('decrypt');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    expect(
      await reasonOf(() => decryptJwe(new Uint8Array(key), [...parts.slice(0, 3), body.toString('base64url'), parts[4]].join('.'))),
    ).toBe('decrypt');
    const rsa = Buffer.from(JSON.stringify({ alg: 'RSA-OAEP', enc: 'A256GCM' })).toString('base64url');
    expect(await reasonOf(() => decryptJwe(new Uint8Array(key), [rsa, ...parts.slice(1)].join('.')))).toBe('malformed');
    expect(await reasonOf(() => decryptJwe(new Uint8Array(key), 'not.a.jwe'))).toBe('malformed');
  });
});
