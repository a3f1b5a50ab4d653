/**
 * WebCrypto, only where libsodium lacks the algorithm (DESIGN §4): ES256 (ECDSA P-256 with
 * SHA-256) to verify SMART Health Cards. Nothing else in Carekey calls WebCrypto.
 */
import { platformCrypto, type EcPublicJwk } from './platform.ts';

export type { EcPublicJwk };

/** True for a JWK that is a P-256 public key (and nothing private). */
export function isEcPublicJwk(value: unknown): value is EcPublicJwk {
  if (!value || typeof value !== 'object') return false;
  const k = value as Record<string, unknown>;
  return k.kty === 'EC' && k.crv === 'P-256' && typeof k.x === 'string' && typeof k.y === 'string' && !('d' in k);
}

/**
 * Verifies an ES256 signature (raw r ‖ s, 64 bytes, as JWS uses) over `message`. False for any
 * failure, including a key WebCrypto will not import.
 *
 * @example
 * const ok = await verifyEs256(jwk, utf8(`${header}.${payload}`), fromBase64Url(signature));
 */
export async function verifyEs256(jwk: EcPublicJwk, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (signature.length !== 64) return false;
  const subtle = platformCrypto().subtle;
  try {
    const key = await subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    return await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, message);
  } catch {
    return false;
  }
}
