/**
 * WebCrypto, only where libsodium lacks the algorithm (DESIGN §4): ES256 (ECDSA P-256 with
 * SHA-256) to verify SMART Health Cards, and AES-256-GCM for SMART Health Links' JWE. Nothing
 * else in Carekey calls WebCrypto.
 */
import { concatBytes, fromBase64Url, fromUtf8, toBase64Url, utf8 } from './bytes.ts';
import { IntegrityError } from './errors.ts';
import { InflateLimitError, inflateRawBytes, platformCrypto, type EcPublicJwk } from './platform.ts';
import { randomBytes } from './random.ts';

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

const JWE_HEADER = { alg: 'dir', enc: 'A256GCM', cty: 'application/fhir+json' } as const;

function b64url(bytes: Uint8Array): string {
  return toBase64Url(bytes);
}

/**
 * Encrypts for a SMART Health Link (DESIGN §4 "Share links"): a compact JWE with `alg: "dir"`,
 * `enc: "A256GCM"`, a fresh random 96-bit IV and the protected header as associated data, as
 * the SMART Health Links specification requires. AES-GCM is what that format fixes; libsodium
 * has no portable AES-GCM, hence WebCrypto.
 *
 * @example
 * const jwe = await encryptJwe(key, utf8(JSON.stringify(bundle)));
 */
export async function encryptJwe(key: Uint8Array, plaintext: Uint8Array): Promise<string> {
  if (key.length !== 32) throw new RangeError('an A256GCM key is 32 bytes');
  const subtle = platformCrypto().subtle;
  const protectedHeader = b64url(utf8(JSON.stringify(JWE_HEADER)));
  const iv = randomBytes(12);
  const aesKey = await subtle.importKey('raw', key, { name: 'AES-GCM' }, false, ['encrypt']);
  const sealed = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(protectedHeader) }, aesKey, plaintext));
  const ciphertext = sealed.subarray(0, sealed.length - 16);
  const tag = sealed.subarray(sealed.length - 16);
  return `${protectedHeader}..${b64url(iv)}.${b64url(ciphertext)}.${b64url(tag)}`;
}

/**
 * Decrypts a compact JWE of a SMART Health Link (`dir`, `A256GCM`; `zip: "DEF"` is inflated).
 *
 * @throws IntegrityError `malformed` (not a compact JWE of that kind), `decrypt` (wrong key or
 *   changed bytes)
 */
export async function decryptJwe(key: Uint8Array, jwe: string): Promise<Uint8Array> {
  const parts = jwe.trim().split('.');
  if (parts.length !== 5 || parts[1] !== '') throw new IntegrityError('malformed', 'not a compact JWE with direct encryption');
  const [protectedHeader = '', , ivText = '', ciphertextText = '', tagText = ''] = parts;
  let header: { alg?: unknown; enc?: unknown; zip?: unknown };
  let iv: Uint8Array;
  let body: Uint8Array;
  try {
    header = JSON.parse(fromUtf8(fromBase64Url(protectedHeader, 'JWE header'))) as typeof header;
    iv = fromBase64Url(ivText, 'JWE iv');
    body = concatBytes(fromBase64Url(ciphertextText, 'JWE ciphertext'), fromBase64Url(tagText, 'JWE tag'));
  } catch (cause) {
    throw new IntegrityError('malformed', 'the JWE is damaged', { cause });
  }
  if (header.alg !== 'dir' || header.enc !== 'A256GCM' || iv.length !== 12 || key.length !== 32) {
    throw new IntegrityError('malformed', 'only dir + A256GCM JWE is supported');
  }
  if (header.zip !== undefined && header.zip !== 'DEF') throw new IntegrityError('malformed', 'unknown JWE compression');
  const subtle = platformCrypto().subtle;
  let plain: Uint8Array;
  try {
    const aesKey = await subtle.importKey('raw', key, { name: 'AES-GCM' }, false, ['decrypt']);
    plain = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: utf8(protectedHeader) }, aesKey, body));
  } catch (cause) {
    throw new IntegrityError('decrypt', 'the SMART Health Link file does not decrypt with its key', { cause });
  }
  return header.zip === 'DEF' ? inflateRaw(plain) : plain;
}

/** The most a compressed SMART Health Link file may inflate to (far more than any record). */
export const MAX_JWE_INFLATED_BYTES = 64 * 1024 * 1024;

async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await inflateRawBytes(bytes, MAX_JWE_INFLATED_BYTES);
  } catch (cause) {
    if (cause instanceof InflateLimitError) throw new IntegrityError('malformed', 'the compressed JWE content is too large', { cause });
    throw new IntegrityError('malformed', 'the compressed JWE content is damaged', { cause });
  }
}
