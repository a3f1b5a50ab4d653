/**
 * Key packages (DESIGN §4 "Grants"): month keys and the patient's identity card, sealed to a
 * grantee's box key with `crypto_box_seal`. A sealed box has no associated data, so the
 * context goes inside, in front of the plaintext, and is checked on open; the caller puts the
 * package's own identity (grant, vault) inside too and checks it. A package counts only when
 * its hash appears in a statement signed by the vault's owner, so the relay cannot inject keys.
 */
import { sodium } from './sodium.ts';
import { concatBytes, contextBytes } from './bytes.ts';
import { CTX_KEY_PACKAGE, CTX_KEY_PACKAGE_HASH } from './contexts.ts';
import { IntegrityError } from './errors.ts';
import type { BoxKeyPair } from './signing.ts';

/** Seals `plaintext` to `recipientPublicKey` (X25519). */
export function sealKeyPackage(plaintext: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  if (recipientPublicKey.length !== 32) throw new RangeError('a box public key is 32 bytes');
  return sodium().crypto_box_seal(concatBytes(contextBytes(CTX_KEY_PACKAGE), plaintext), recipientPublicKey);
}

/**
 * Opens a key package sealed to `recipient`.
 *
 * @throws IntegrityError `decrypt` when it was sealed to another key or altered; `context-mismatch`
 *   when it is not a key package
 */
export function openKeyPackage(sealed: Uint8Array, recipient: BoxKeyPair): Uint8Array {
  let opened: Uint8Array;
  try {
    opened = sodium().crypto_box_seal_open(sealed, recipient.publicKey, recipient.secretKey);
  } catch (cause) {
    throw new IntegrityError('decrypt', 'the key package does not open with this account key', { cause });
  }
  const prefix = contextBytes(CTX_KEY_PACKAGE);
  if (opened.length < prefix.length || !sodium().memcmp(opened.subarray(0, prefix.length), prefix)) {
    throw new IntegrityError('context-mismatch', 'this is not a key package');
  }
  return opened.slice(prefix.length);
}

/** BLAKE2b-256 of a sealed key package: what the owner's grant statement lists. */
export function keyPackageHash(sealed: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(32, concatBytes(contextBytes(CTX_KEY_PACKAGE_HASH), sealed), null);
}
