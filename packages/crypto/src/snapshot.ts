/**
 * The unlock snapshot (docs/protocol.md §4 "Unlock snapshot"): a device-local cache of a
 * vault's verified, decrypted entry versions, sealed under a key from the account key, so that
 * unlocking a large record reads and opens one value instead of every envelope.
 *
 * ```
 * stored = version u8 (1) ‖ nonce(24) ‖ AEAD(KDF(AK, 1, "cksnap01"), nonce, plaintext, ad)
 * ad     = ctx("ck-unlock-snapshot-v1") ‖ canon({ account, vault, v: 1 })
 * ```
 *
 * The nonce is random for every seal (XChaCha20's 192-bit nonces make collisions negligible),
 * and the account and vault are bound as associated data, so a snapshot of one vault or account
 * never opens as another's. The plaintext layout belongs to the client; this module only seals.
 */
import { sodium } from './sodium.ts';
import { concatBytes, contextBytes } from './bytes.ts';
import { canonicalBytes } from './canonical.ts';
import { CTX_UNLOCK_SNAPSHOT } from './contexts.ts';
import { IntegrityError } from './errors.ts';
import { randomBytes } from './random.ts';

/** The version byte that starts every sealed snapshot; readers refuse any other. */
export const SNAPSHOT_VERSION = 1;
const NONCE_LENGTH = 24;
const TAG_LENGTH = 16;

/** Which snapshot this is: bound into its associated data. */
export interface SnapshotContext {
  readonly account: string;
  readonly vault: string;
}

function snapshotAd(context: SnapshotContext): Uint8Array {
  return concatBytes(
    contextBytes(CTX_UNLOCK_SNAPSHOT),
    canonicalBytes({ account: context.account, vault: context.vault, v: SNAPSHOT_VERSION }),
  );
}

/**
 * Seals a snapshot's plaintext under the snapshot key (from {@link deriveSnapshotKey}).
 *
 * @example
 * const stored = sealSnapshot(snapshotKey, { account, vault }, plaintext);
 */
export function sealSnapshot(snapshotKey: Uint8Array, context: SnapshotContext, plaintext: Uint8Array): Uint8Array {
  if (snapshotKey.length !== 32) throw new RangeError('the snapshot key is 32 bytes');
  const nonce = randomBytes(NONCE_LENGTH);
  const ciphertext = sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, snapshotAd(context), null, nonce, snapshotKey);
  const out = new Uint8Array(1 + NONCE_LENGTH + ciphertext.length);
  out[0] = SNAPSHOT_VERSION;
  out.set(nonce, 1);
  out.set(ciphertext, 1 + NONCE_LENGTH);
  return out;
}

/**
 * Opens a sealed snapshot.
 *
 * @throws IntegrityError `unsupported-version`, `malformed` (truncated) or `decrypt` (a wrong
 *   key, another account or vault, or any changed byte — one uniform error)
 */
export function openSnapshot(snapshotKey: Uint8Array, context: SnapshotContext, stored: Uint8Array): Uint8Array {
  if (stored.length < 1 + NONCE_LENGTH + TAG_LENGTH) throw new IntegrityError('malformed', 'the unlock snapshot is truncated');
  if (stored[0] !== SNAPSHOT_VERSION) {
    throw new IntegrityError('unsupported-version', `unlock snapshot version ${stored[0] ?? 0} is not supported`);
  }
  try {
    return sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      stored.subarray(1 + NONCE_LENGTH),
      snapshotAd(context),
      stored.subarray(1, 1 + NONCE_LENGTH),
      snapshotKey,
    );
  } catch (cause) {
    throw new IntegrityError('decrypt', 'the unlock snapshot does not decrypt with the key held', { cause });
  }
}
