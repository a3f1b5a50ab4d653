/**
 * The one place libsodium is imported (STYLE habit 4). Everything else in Carekey reaches
 * libsodium through the functions of this package, never directly.
 *
 * libsodium-wrappers-sumo is used rather than the standard build because only the sumo
 * build ships `crypto_pwhash` (Argon2id) at run time.
 */
import libsodium from 'libsodium-wrappers-sumo';

export type Sodium = typeof libsodium;

let loaded: Sodium | undefined;

/**
 * Resolves once libsodium's WebAssembly module is compiled. Call it (and await it) before
 * any other function of this package; it is cheap to call again.
 *
 * @example
 * await ready();
 * const id = randomBytes(16);
 */
export async function ready(): Promise<void> {
  if (loaded) return;
  await libsodium.ready;
  loaded = libsodium;
}

/** The loaded libsodium instance; throws when {@link ready} has not resolved yet (a bug). */
export function sodium(): Sodium {
  if (!loaded) throw new Error('@carekey/crypto: await ready() before using cryptography');
  return loaded;
}
