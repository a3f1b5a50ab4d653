/**
 * Randomness: the platform's cryptographically secure generator, never Math.random.
 *
 * Why not libsodium's `randombytes_buf`: in libsodium.js (0.8.4) it draws from the same source —
 * WebCrypto's `getRandomValues` — but crosses from WebAssembly to JavaScript per byte, which
 * measured ~5 µs per byte on our reference machine (80 bytes: 430 µs; 4 KiB: 20 ms). That made
 * the random bytes, not the cryptography, the cost of sealing an entry (2 000 envelopes/s,
 * where the primitives allow ~17 000). Calling `getRandomValues` directly gives the same
 * CSPRNG output at ~5 µs per call. It is available in every browser and in Node ≥ 19.
 */
import { sodium } from './sodium.ts';
import { platformCrypto } from './platform.ts';

const MAX_PER_CALL = 65536; // WebCrypto's limit for one getRandomValues call

// Each getRandomValues call costs ~6 µs whatever its size, so small requests (keys, nonces, IDs)
// are served from a 4 KiB pool filled in one call. Every byte is handed out once and wiped from
// the pool as it is taken.
const POOL_SIZE = 4096;
const SMALL = 256;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

/** `length` cryptographically secure random bytes. */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (length <= SMALL) {
    if (poolOffset + length > POOL_SIZE) {
      platformCrypto().getRandomValues(pool);
      poolOffset = 0;
    }
    const taken = pool.subarray(poolOffset, poolOffset + length);
    out.set(taken);
    taken.fill(0);
    poolOffset += length;
    return out;
  }
  for (let offset = 0; offset < length; offset += MAX_PER_CALL) {
    platformCrypto().getRandomValues(out.subarray(offset, Math.min(length, offset + MAX_PER_CALL)));
  }
  return out;
}

/** A random 16-byte identifier (vault, collection, entry, device, grant). */
export function randomId(): Uint8Array {
  return randomBytes(16);
}

/** A uniformly random integer in [0, upperBound), for jitter and sampling. */
export function randomInt(upperBound: number): number {
  return sodium().randombytes_uniform(upperBound);
}
