/**
 * The bare libsodium primitives an envelope is built from, for `pnpm bench` to measure beside
 * sealEnvelope/openEnvelope in the same run (DESIGN §8: ≥ 80 % of their throughput). Exported
 * as `@carekey/crypto/baseline`, not from the package index: nothing in the product uses it, and
 * it keeps the benchmark from importing libsodium itself (STYLE habit 4).
 */
import { sodium } from './sodium.ts';
import { randomBytes } from './random.ts';

/** Fixed inputs shaped like one envelope of `bodyLength` padded plaintext bytes. */
export function envelopePrimitives(monthKey: Uint8Array, signing: { publicKey: Uint8Array; secretKey: Uint8Array }, bodyLength: number) {
  const s = sodium();
  const header = new Uint8Array(129);
  const wrapAd = new Uint8Array(80);
  const plain = new Uint8Array(bodyLength);
  const message = new Uint8Array(129 + 48 + 32);
  const nonce = new Uint8Array(24);
  const entryKey = new Uint8Array(32);
  const wrapped = s.crypto_aead_xchacha20poly1305_ietf_encrypt(entryKey, wrapAd, null, nonce, monthKey);
  const body = s.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, header, null, nonce, entryKey);
  message.set(wrapped, 129);
  message.set(s.crypto_generichash(32, body, null), 177);
  const signature = s.crypto_sign_detached(message, signing.secretKey);

  return {
    /** 80 random bytes (the same source as sealEnvelope), two AEAD encryptions, a BLAKE2b of the body, an Ed25519 signature. */
    seal(): void {
      const rnd = randomBytes(80);
      const key = rnd.subarray(0, 32);
      const w = s.crypto_aead_xchacha20poly1305_ietf_encrypt(key, wrapAd, null, rnd.subarray(32, 56), monthKey);
      const b = s.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, header, null, rnd.subarray(56, 80), key);
      const m = new Uint8Array(129 + 48 + 32);
      m.set(w, 129);
      m.set(s.crypto_generichash(32, b, null), 177);
      s.crypto_sign_detached(m, signing.secretKey);
    },
    /** A BLAKE2b of the body, an Ed25519 verification, two AEAD decryptions. */
    open(): void {
      message.set(s.crypto_generichash(32, body, null), 177);
      if (!s.crypto_sign_verify_detached(signature, message, signing.publicKey)) throw new Error('baseline signature');
      const key = s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped, wrapAd, nonce, monthKey);
      s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, body, header, nonce, key);
    },
  };
}
