/**
 * Ed25519 signing keys (identity keys, device keys, the account auth key), X25519 box keys,
 * account IDs, fingerprints and signed statements.
 *
 * A signed statement is `{ payload, signature }` where `payload` is canonical JSON and
 * `signature = Ed25519(secretKey, context ‖ 0x00 ‖ payload)`. Each kind of statement has its own
 * context string, so a signature made for one purpose never verifies for another.
 */
import { sodium } from './sodium.ts';
import { concatBytes, contextBytes, toBase32, u32, utf8 } from './bytes.ts';
import { canonicalBytes, decodeCanonical } from './canonical.ts';
import { IntegrityError } from './errors.ts';
import { randomBytes } from './random.ts';
import { CTX_ACCOUNT_ID, CTX_FINGERPRINT, CTX_STATEMENT_HASH } from './contexts.ts';

/** An Ed25519 key pair. `secretKey` is libsodium's 64-byte form (seed ‖ public key). */
export interface SigningKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

/** An X25519 key pair for `crypto_box_seal`. */
export interface BoxKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

/** A fresh Ed25519 key pair from libsodium's CSPRNG. */
export function generateSigningKeyPair(): SigningKeyPair {
  return signingKeyPairFromSeed(randomBytes(32));
}

/** The Ed25519 key pair for a 32-byte seed (deterministic; used for the account auth key). */
export function signingKeyPairFromSeed(seed: Uint8Array): SigningKeyPair {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  const { publicKey, privateKey } = sodium().crypto_sign_seed_keypair(seed);
  return { publicKey, secretKey: privateKey };
}

/** The 32-byte seed inside a 64-byte libsodium Ed25519 secret key. */
export function signingSeed(secretKey: Uint8Array): Uint8Array {
  return sodium().crypto_sign_ed25519_sk_to_seed(secretKey);
}

/** A fresh X25519 key pair. */
export function generateBoxKeyPair(): BoxKeyPair {
  // As crypto_box_keypair does: 32 random bytes, the public key by scalar multiplication.
  return boxKeyPairFromSecretKey(randomBytes(32));
}

/** The X25519 key pair for a 32-byte secret key. */
export function boxKeyPairFromSecretKey(secretKey: Uint8Array): BoxKeyPair {
  if (secretKey.length !== 32) throw new RangeError('an X25519 secret key is 32 bytes');
  return { publicKey: sodium().crypto_scalarmult_base(secretKey), secretKey };
}

/**
 * An account's permanent ID: the first identity public key hashed to 16 bytes, in Crockford
 * base32 (26 characters). It never changes, even when the identity key rotates.
 */
export function accountIdFromIdentityKey(identityPublicKey: Uint8Array): string {
  const digest = sodium().crypto_generichash(16, concatBytes(contextBytes(CTX_ACCOUNT_ID), identityPublicKey), null);
  return toBase32(digest);
}

/**
 * The 60-digit fingerprint people compare in person, over the phone or by QR code: BLAKE2b-512
 * of the identity and box public keys, cut into twelve 5-byte chunks, each read as a 40-bit
 * big-endian number modulo 100000 (the scheme of Signal's safety numbers).
 */
export function fingerprint(identityPublicKey: Uint8Array, boxPublicKey: Uint8Array): string {
  const digest = sodium().crypto_generichash(64, concatBytes(contextBytes(CTX_FINGERPRINT), identityPublicKey, boxPublicKey), null);
  let digits = '';
  for (let chunk = 0; chunk < 12; chunk += 1) {
    let value = 0;
    for (let i = 0; i < 5; i += 1) value = value * 256 + (digest[chunk * 5 + i] ?? 0);
    digits += String(value % 100000).padStart(5, '0');
  }
  return digits;
}

/** Splits a 60-digit fingerprint into twelve groups of five for reading aloud. */
export function formatFingerprint(digits: string): string {
  return (digits.match(/\d{5}/g) ?? []).join(' ');
}

/** Keeps only the digits of a fingerprint as typed; the caller compares with {@link fingerprintsMatch}. */
export function normaliseFingerprint(typed: string): string {
  return typed.replace(/\D/g, '');
}

/** Constant-time comparison of two fingerprints given as digits (spaces allowed). */
export function fingerprintsMatch(a: string, b: string): boolean {
  const x = utf8(normaliseFingerprint(a));
  const y = utf8(normaliseFingerprint(b));
  return x.length === 60 && y.length === 60 && sodium().memcmp(x, y);
}

/** A signed statement: canonical JSON payload and an Ed25519 signature over context ‖ payload. */
export interface SignedStatement {
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * Signs a value as a statement under a context.
 *
 * @example
 * const card = signStatement(CTX_ACCOUNT_CARD, { v: 1, account }, identity.secretKey);
 */
export function signStatement(context: string, value: unknown, secretKey: Uint8Array): SignedStatement {
  const payload = canonicalBytes(value);
  const signature = sodium().crypto_sign_detached(concatBytes(contextBytes(context), payload), secretKey);
  return { payload, signature };
}

/** Checks an Ed25519 signature over context ‖ message; false on any failure. */
export function verifySignature(context: string, message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  try {
    return sodium().crypto_sign_verify_detached(signature, concatBytes(contextBytes(context), message), publicKey);
  } catch {
    // libsodium throws on keys it cannot decode (small-order points and the like): not valid.
    return false;
  }
}

/** Signs raw bytes under a context (used where the message is not a JSON statement). */
export function signBytes(context: string, message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return sodium().crypto_sign_detached(concatBytes(contextBytes(context), message), secretKey);
}

/**
 * Verifies a statement's signature and returns its decoded payload. The signature is checked
 * before the payload is parsed; a non-canonical payload is rejected too.
 *
 * @throws IntegrityError `signature` or `malformed`
 */
export function openStatement(context: string, statement: SignedStatement, publicKey: Uint8Array): unknown {
  if (!verifySignature(context, statement.payload, statement.signature, publicKey)) {
    throw new IntegrityError('signature', `the ${context} statement's signature does not verify`);
  }
  return decodeCanonical(statement.payload, `${context} statement`);
}

/** BLAKE2b-256 of a statement (payload and signature), for `prev` links and log heads. */
export function statementHash(statement: SignedStatement): Uint8Array {
  return sodium().crypto_generichash(
    32,
    concatBytes(contextBytes(CTX_STATEMENT_HASH), u32(statement.payload.length), statement.payload, statement.signature),
    null,
  );
}

/**
 * SHA-256, for the places where a standard fixes the hash: Content-Security-Policy script hashes
 * and the relay's stored hash of a session token. Protocol hashes are BLAKE2b.
 */
export function sha256(message: Uint8Array): Uint8Array {
  return sodium().crypto_hash_sha256(message);
}
