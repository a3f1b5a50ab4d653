import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { isEcPublicJwk, verifyEs256 } from './webcrypto.ts';

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
