/**
 * Share links for a clinician who has no account (DESIGN §4 "Share links", docs/protocol.md §5.1).
 *
 * The patient's device seals a snapshot of what it shares under a **content key** and uploads
 * only the sealed bytes; the link is `<origin>/s/<linkId>#<base64url fragmentKey>`. The fragment
 * never reaches the relay.
 *
 * ```
 * fragmentKey = 32 random bytes
 * with a passcode:
 *   salt       = H_32(ctx("ck-link-salt") ‖ linkId)[0..16)          (linkId: its 16 raw bytes)
 *   p          = Argon2id(NFKC(passcode), salt) at the passphrase floors
 *   authHash   = H_32(ctx("ck-link-auth") ‖ p)                       (what the relay keeps)
 *   contentKey = H_32(ctx("ck-link-key") ‖ p; fragmentKey)
 * without one:
 *   contentKey = fragmentKey
 * sealed = version u8 (1) ‖ nonce(24) ‖ AEAD(contentKey, nonce, pad(plaintext, 256), ad)
 * ad     = ctx("ck-link-payload-v1") ‖ canon({ link: linkId, v: 1 })
 * ```
 *
 * The relay checks and counts passcode tries against `authHash`; it never holds `p`, so it
 * cannot open the payload even with the passcode's hash, and without the fragment nobody can:
 * the content key needs the 256-bit fragment key either way.
 */
import { sodium } from './sodium.ts';
import { concatBytes, contextBytes, fromHex, toBase64Url } from './bytes.ts';
import { canonicalBytes } from './canonical.ts';
import { CTX_LINK_AUTH, CTX_LINK_KEY, CTX_LINK_PAYLOAD, CTX_LINK_SALT } from './contexts.ts';
import { IntegrityError } from './errors.ts';
import { KDF_FLOOR, derivePassphraseKey, type KdfParams } from './account.ts';
import { randomBytes } from './random.ts';

/** The version byte that starts every sealed share-link payload; readers refuse any other. */
export const LINK_PAYLOAD_VERSION = 1;
/** Length of a link's fragment key, of `p` and of a content key. */
export const LINK_KEY_LENGTH = 32;
const NONCE_LENGTH = 24;
const TAG_LENGTH = 16;
const PAD_BLOCK = 256;

function linkIdBytes(linkId: string): Uint8Array {
  const bytes = fromHex(linkId, 'linkId');
  if (bytes.length !== 16) throw new RangeError('a link ID is 16 bytes (32 hex characters)');
  return bytes;
}

function checkKey(key: Uint8Array, name: string): void {
  if (key.length !== LINK_KEY_LENGTH) throw new RangeError(`${name} is ${LINK_KEY_LENGTH} bytes`);
}

/**
 * The Argon2id parameters of a link's passcode: the passphrase floors, and a salt derived from
 * the link ID (so the opener needs nothing from the relay to derive `p`).
 *
 * @example
 * const params = linkPasscodeKdf(linkId); // { alg: 'argon2id13', opsLimit: 4, memLimit: 64 MiB, salt }
 */
export function linkPasscodeKdf(linkId: string): KdfParams {
  const digest = sodium().crypto_generichash(32, concatBytes(contextBytes(CTX_LINK_SALT), linkIdBytes(linkId)), null);
  return { alg: 'argon2id13', opsLimit: KDF_FLOOR.opsLimit, memLimit: KDF_FLOOR.memLimit, salt: toBase64Url(digest.subarray(0, 16)) };
}

/**
 * `p`: Argon2id of the NFKC-normalised passcode with {@link linkPasscodeKdf}. Slow on purpose
 * (≈ 0.3 s in Node); the browser runs it in a worker through the same parameters.
 */
export function deriveLinkPasscodeKey(passcode: string, linkId: string): Uint8Array {
  return derivePassphraseKey(passcode, linkPasscodeKdf(linkId));
}

/** What the relay keeps to check a passcode: `H_32(ctx("ck-link-auth") ‖ p)`. */
export function linkAuthHash(passcodeKey: Uint8Array): Uint8Array {
  checkKey(passcodeKey, 'p');
  return sodium().crypto_generichash(32, concatBytes(contextBytes(CTX_LINK_AUTH), passcodeKey), null);
}

/**
 * The content key: the fragment key itself without a passcode, else
 * `H_32(ctx("ck-link-key") ‖ p; fragmentKey)`.
 */
export function linkContentKey(fragmentKey: Uint8Array, passcodeKey: Uint8Array | null): Uint8Array {
  checkKey(fragmentKey, 'the fragment key');
  if (passcodeKey === null) return fragmentKey;
  checkKey(passcodeKey, 'p');
  return sodium().crypto_generichash(32, concatBytes(contextBytes(CTX_LINK_KEY), passcodeKey), fragmentKey);
}

function payloadAd(linkId: string): Uint8Array {
  linkIdBytes(linkId);
  return concatBytes(contextBytes(CTX_LINK_PAYLOAD), canonicalBytes({ link: linkId, v: LINK_PAYLOAD_VERSION }));
}

/** Exposed for the known-answer vectors only: a fixed nonce. */
export function sealLinkPayloadWithNonce(contentKey: Uint8Array, linkId: string, plaintext: Uint8Array, nonce: Uint8Array): Uint8Array {
  checkKey(contentKey, 'the content key');
  if (nonce.length !== NONCE_LENGTH) throw new RangeError('the nonce is 24 bytes');
  const s = sodium();
  const ciphertext = s.crypto_aead_xchacha20poly1305_ietf_encrypt(s.pad(plaintext, PAD_BLOCK), payloadAd(linkId), null, nonce, contentKey);
  const out = new Uint8Array(1 + NONCE_LENGTH + ciphertext.length);
  out[0] = LINK_PAYLOAD_VERSION;
  out.set(nonce, 1);
  out.set(ciphertext, 1 + NONCE_LENGTH);
  return out;
}

/**
 * Seals what a link shares under its content key, bound to the link ID, with a fresh nonce.
 *
 * @example
 * const sealed = sealLinkPayload(linkContentKey(fragmentKey, p), linkId, utf8(JSON.stringify(bundle)));
 */
export function sealLinkPayload(contentKey: Uint8Array, linkId: string, plaintext: Uint8Array): Uint8Array {
  return sealLinkPayloadWithNonce(contentKey, linkId, plaintext, randomBytes(NONCE_LENGTH));
}

/**
 * Opens a sealed link payload.
 *
 * @throws IntegrityError `unsupported-version`, `malformed` (truncated, bad padding) or
 *   `decrypt` (a wrong fragment, a wrong passcode, another link's payload or any changed byte —
 *   one uniform error)
 */
export function openLinkPayload(contentKey: Uint8Array, linkId: string, sealed: Uint8Array): Uint8Array {
  checkKey(contentKey, 'the content key');
  if (sealed.length < 1 + NONCE_LENGTH + TAG_LENGTH + PAD_BLOCK) throw new IntegrityError('malformed', 'the shared record is truncated');
  if (sealed[0] !== LINK_PAYLOAD_VERSION) {
    throw new IntegrityError('unsupported-version', `share-link payload version ${sealed[0] ?? 0} is not supported`);
  }
  const s = sodium();
  let padded: Uint8Array;
  try {
    padded = s.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(1 + NONCE_LENGTH),
      payloadAd(linkId),
      sealed.subarray(1, 1 + NONCE_LENGTH),
      contentKey,
    );
  } catch (cause) {
    throw new IntegrityError('decrypt', 'the shared record does not decrypt with this link', { cause });
  }
  try {
    return s.unpad(padded, PAD_BLOCK);
  } catch (cause) {
    throw new IntegrityError('malformed', 'the shared record is not padded correctly', { cause });
  }
}
