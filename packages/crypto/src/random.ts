/** Randomness comes from libsodium's CSPRNG only (never Math.random). */
import { sodium } from './sodium.ts';

/** `length` cryptographically secure random bytes. */
export function randomBytes(length: number): Uint8Array {
  return sodium().randombytes_buf(length);
}

/** A random 16-byte identifier (vault, collection, entry, device, grant). */
export function randomId(): Uint8Array {
  return randomBytes(16);
}

/** A uniformly random integer in [0, upperBound), for jitter and sampling. */
export function randomInt(upperBound: number): number {
  return sodium().randombytes_uniform(upperBound);
}
