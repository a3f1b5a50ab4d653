/**
 * The envelope: what leaves a device for one entry version (DESIGN §4, docs/protocol.md §4).
 *
 * ```
 * envelope   = header(129) ‖ wrappedKey(48) ‖ body(bodyLength) ‖ signature(64)
 * header     = "CK1" ‖ version u8 ‖ suite u8 ‖ vault(16) ‖ collection(16) ‖ entry(16)
 *              ‖ epoch u32 ‖ month u32 ‖ signer(16) ‖ wrapNonce(24) ‖ bodyNonce(24) ‖ bodyLength u32
 * wrappedKey = XChaCha20-Poly1305(monthKey, wrapNonce, entryKey,
 *              ad = "ck-wrap-v1"\0 ‖ vault ‖ collection ‖ entry ‖ epoch ‖ month)
 * body       = XChaCha20-Poly1305(entryKey, bodyNonce, pad(u32(len(meta)) ‖ meta ‖ content, 256), ad = header)
 * meta       = canonical JSON of the inner fields; content = the entry's payload bytes (FHIR JSON text)
 * signature  = Ed25519(signer device key, "ck-entry-v1"\0 ‖ header ‖ wrappedKey ‖ BLAKE2b-256(body))
 * ```
 *
 * Readers parse strictly (exact lengths, known version and suite), verify the signature with
 * the signer's certified device key, and only then decrypt. The type system enforces the order:
 * {@link openEnvelope} accepts only a {@link VerifiedEnvelope}.
 */
import { sodium } from './sodium.ts';
import { bytesEqual, concatBytes, contextBytes, readU32, toHex } from './bytes.ts';
import { canonicalBytes, decodeCanonical, type CanonicalValue } from './canonical.ts';
import { IntegrityError } from './errors.ts';
import { randomBytes } from './random.ts';
import { isMonth } from './vault-keys.ts';
import { CTX_ENTRY_SIG, CTX_ENVELOPE_HASH, CTX_VERIFIED_MARK, CTX_WRAP } from './contexts.ts';

export const ENVELOPE_MAGIC = new Uint8Array([0x43, 0x4b, 0x31]); // "CK1"
export const ENVELOPE_VERSION = 1;
/** Suite 1: XChaCha20-Poly1305-IETF, Ed25519, BLAKE2b-256, ISO/IEC 7816-4 padding to 256 bytes. */
export const SUITE_1 = 1;
export const HEADER_LENGTH = 129;
export const WRAPPED_KEY_LENGTH = 48;
export const SIGNATURE_LENGTH = 64;
export const PAD_BLOCK = 256;
const TAG_LENGTH = 16;
const NONCE_LENGTH = 24;
/** The largest body an envelope may carry (1 MiB); bigger content goes into attachments. */
export const MAX_BODY_LENGTH = 1024 * 1024;
/** The largest whole envelope. */
export const MAX_ENVELOPE_LENGTH = HEADER_LENGTH + WRAPPED_KEY_LENGTH + MAX_BODY_LENGTH + SIGNATURE_LENGTH;

/** The clear header of an envelope. IDs are 16 raw bytes. */
export interface EnvelopeHeader {
  readonly version: number;
  readonly suite: number;
  readonly vault: Uint8Array;
  readonly collection: Uint8Array;
  readonly entry: Uint8Array;
  readonly epoch: number;
  readonly month: number;
  readonly signer: Uint8Array;
  readonly wrapNonce: Uint8Array;
  readonly bodyNonce: Uint8Array;
  readonly bodyLength: number;
}

/** An envelope that passed the structural checks; nothing about it is trusted yet. */
export interface ParsedEnvelope {
  readonly bytes: Uint8Array;
  readonly header: EnvelopeHeader;
  readonly headerBytes: Uint8Array;
  readonly wrappedKey: Uint8Array;
  readonly body: Uint8Array;
  readonly signature: Uint8Array;
}

declare const verifiedBrand: unique symbol;
/** An envelope whose signature was checked against its signer's key (or a verified mark). */
export type VerifiedEnvelope = ParsedEnvelope & { readonly [verifiedBrand]: true };

/**
 * The inner fields sealed with an entry (its "meta"): canonical JSON with at least these fields,
 * checked on open. The payload itself travels beside it as raw bytes, so a FHIR resource's JSON
 * text is neither escaped into a JSON string nor re-parsed by the canonical check.
 */
export interface EnvelopeInner {
  readonly v: 1;
  readonly category: string;
  readonly author: { readonly account: string; readonly device: string };
  readonly [field: string]: CanonicalValue | undefined;
}

function encodeHeader(h: EnvelopeHeader): Uint8Array {
  const out = new Uint8Array(HEADER_LENGTH);
  const view = new DataView(out.buffer);
  out.set(ENVELOPE_MAGIC, 0);
  out[3] = h.version;
  out[4] = h.suite;
  out.set(h.vault, 5);
  out.set(h.collection, 21);
  out.set(h.entry, 37);
  view.setUint32(53, h.epoch, false);
  view.setUint32(57, h.month, false);
  out.set(h.signer, 61);
  out.set(h.wrapNonce, 77);
  out.set(h.bodyNonce, 101);
  view.setUint32(125, h.bodyLength, false);
  return out;
}

const WRAP_CONTEXT = contextBytes(CTX_WRAP);
const ENTRY_SIG_CONTEXT = contextBytes(CTX_ENTRY_SIG);

function wrapAd(h: Pick<EnvelopeHeader, 'vault' | 'collection' | 'entry' | 'epoch' | 'month'>): Uint8Array {
  // ctx("ck-wrap-v1") ‖ vault ‖ collection ‖ entry ‖ u32(epoch) ‖ u32(month), written in place.
  const at = WRAP_CONTEXT.length;
  const out = new Uint8Array(at + 56);
  out.set(WRAP_CONTEXT, 0);
  out.set(h.vault, at);
  out.set(h.collection, at + 16);
  out.set(h.entry, at + 32);
  const view = new DataView(out.buffer);
  view.setUint32(at + 48, h.epoch, false);
  view.setUint32(at + 52, h.month, false);
  return out;
}

function signedMessage(headerBytes: Uint8Array, wrappedKey: Uint8Array, body: Uint8Array): Uint8Array {
  // ctx("ck-entry-v1") ‖ header ‖ wrappedKey ‖ BLAKE2b-256(body), written in place.
  const at = ENTRY_SIG_CONTEXT.length;
  const out = new Uint8Array(at + HEADER_LENGTH + WRAPPED_KEY_LENGTH + 32);
  out.set(ENTRY_SIG_CONTEXT, 0);
  out.set(headerBytes, at);
  out.set(wrappedKey, at + HEADER_LENGTH);
  out.set(sodium().crypto_generichash(32, body, null), at + HEADER_LENGTH + WRAPPED_KEY_LENGTH);
  return out;
}

/**
 * The plaintext `u32(len(meta)) ‖ meta ‖ content` with ISO/IEC 7816-4 padding to a multiple of
 * PAD_BLOCK, byte for byte what `sodium_pad` writes (0x80, then zeros), done here because libsodium.js's wrapper costs more than the
 * cipher for a 1 KiB entry (measured: 8 µs against 0.3 µs). Reading uses `sodium_unpad`.
 */
function pad(meta: Uint8Array, content: Uint8Array): Uint8Array {
  const length = 4 + meta.length + content.length;
  const out = new Uint8Array((Math.floor(length / PAD_BLOCK) + 1) * PAD_BLOCK);
  new DataView(out.buffer).setUint32(0, meta.length, false);
  out.set(meta, 4);
  out.set(content, 4 + meta.length);
  out[length] = 0x80;
  return out;
}

function requireId(value: Uint8Array, name: string): void {
  if (value.length !== 16) throw new RangeError(`${name} must be 16 bytes`);
}

/** What {@link sealEnvelope} needs. */
export interface SealInput {
  readonly vault: Uint8Array;
  readonly collection: Uint8Array;
  readonly entry: Uint8Array;
  readonly epoch: number;
  readonly month: number;
  readonly signer: { readonly deviceId: Uint8Array; readonly secretKey: Uint8Array };
  readonly monthKey: Uint8Array;
  readonly inner: EnvelopeInner;
  /** The payload (a FHIR resource's UTF-8 JSON text); empty for a retraction. */
  readonly content: Uint8Array;
}

/** What {@link openEnvelope} gives back. */
export interface OpenedEnvelope {
  readonly inner: EnvelopeInner;
  readonly content: Uint8Array;
}

/**
 * Seals and signs one entry version.
 *
 * @example
 * const bytes = sealEnvelope({ vault, collection, entry, epoch: 1, month: 202611,
 *   signer: { deviceId, secretKey }, monthKey, inner });
 */
export function sealEnvelope(input: SealInput): Uint8Array {
  const fresh = randomBytes(32 + 2 * NONCE_LENGTH);
  return sealWith(input, fresh.subarray(0, 32), fresh.subarray(32, 32 + NONCE_LENGTH), fresh.subarray(32 + NONCE_LENGTH));
}

/**
 * {@link sealEnvelope} with the entry key and nonces given: only for generating and checking the
 * known-answer vectors in test-vectors/. Not exported from the package: reusing a nonce under
 * the same key would be catastrophic.
 */
export function sealEnvelopeForVectors(input: SealInput, entryKey: Uint8Array, wrapNonce: Uint8Array, bodyNonce: Uint8Array): Uint8Array {
  return sealWith(input, entryKey, wrapNonce, bodyNonce);
}

function sealWith(input: SealInput, entryKey: Uint8Array, wrapNonce: Uint8Array, bodyNonce: Uint8Array): Uint8Array {
  requireId(input.vault, 'vault');
  requireId(input.collection, 'collection');
  requireId(input.entry, 'entry');
  requireId(input.signer.deviceId, 'signer');
  if (!Number.isInteger(input.epoch) || input.epoch < 1 || input.epoch > 0xffffffff) throw new RangeError('bad epoch');
  if (!isMonth(input.month)) throw new RangeError('bad month');
  if (input.inner.author.device !== toHex(input.signer.deviceId)) {
    throw new RangeError('inner.author.device must be the signing device');
  }
  const s = sodium();
  const meta = canonicalBytes(input.inner);
  const padded = pad(meta, input.content);
  const bodyLength = padded.length + TAG_LENGTH;
  if (bodyLength > MAX_BODY_LENGTH) throw new RangeError('entry too large for one envelope');
  const header: EnvelopeHeader = {
    version: ENVELOPE_VERSION,
    suite: SUITE_1,
    vault: input.vault,
    collection: input.collection,
    entry: input.entry,
    epoch: input.epoch,
    month: input.month,
    signer: input.signer.deviceId,
    wrapNonce,
    bodyNonce,
    bodyLength,
  };
  const headerBytes = encodeHeader(header);
  const wrappedKey = s.crypto_aead_xchacha20poly1305_ietf_encrypt(entryKey, wrapAd(header), null, wrapNonce, input.monthKey);
  const body = s.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, headerBytes, null, bodyNonce, entryKey);
  const signature = s.crypto_sign_detached(signedMessage(headerBytes, wrappedKey, body), input.signer.secretKey);
  const out = new Uint8Array(HEADER_LENGTH + WRAPPED_KEY_LENGTH + body.length + SIGNATURE_LENGTH);
  out.set(headerBytes, 0);
  out.set(wrappedKey, HEADER_LENGTH);
  out.set(body, HEADER_LENGTH + WRAPPED_KEY_LENGTH);
  out.set(signature, HEADER_LENGTH + WRAPPED_KEY_LENGTH + body.length);
  return out;
}

/**
 * Structural parse: exact lengths, magic, known version and suite, a padded body length within
 * bounds, a real month and a positive epoch. Runs before any cryptography.
 *
 * @throws IntegrityError `malformed`, `unsupported-version` or `unsupported-suite`
 */
export function parseEnvelope(bytes: Uint8Array): ParsedEnvelope {
  if (bytes.length < HEADER_LENGTH + WRAPPED_KEY_LENGTH + SIGNATURE_LENGTH) {
    throw new IntegrityError('malformed', 'the envelope is truncated');
  }
  if (bytes.length > MAX_ENVELOPE_LENGTH) throw new IntegrityError('malformed', 'the envelope is too large');
  if (!bytesEqual(bytes.subarray(0, 3), ENVELOPE_MAGIC)) throw new IntegrityError('malformed', 'not a Carekey envelope');
  const version = bytes[3] ?? 0;
  if (version !== ENVELOPE_VERSION) throw new IntegrityError('unsupported-version', `envelope version ${version} is not supported`);
  const suite = bytes[4] ?? 0;
  if (suite !== SUITE_1) throw new IntegrityError('unsupported-suite', `envelope suite ${suite} is not supported`);
  const bodyLength = readU32(bytes, 125);
  if (bodyLength < PAD_BLOCK + TAG_LENGTH || (bodyLength - TAG_LENGTH) % PAD_BLOCK !== 0 || bodyLength > MAX_BODY_LENGTH) {
    throw new IntegrityError('malformed', 'the envelope body length is not valid');
  }
  if (bytes.length !== HEADER_LENGTH + WRAPPED_KEY_LENGTH + bodyLength + SIGNATURE_LENGTH) {
    throw new IntegrityError('malformed', 'the envelope length does not match its header');
  }
  const epoch = readU32(bytes, 53);
  const month = readU32(bytes, 57);
  if (epoch < 1) throw new IntegrityError('malformed', 'the envelope epoch is not valid');
  if (!isMonth(month)) throw new IntegrityError('malformed', 'the envelope month is not valid');
  const header: EnvelopeHeader = {
    version,
    suite,
    vault: bytes.subarray(5, 21),
    collection: bytes.subarray(21, 37),
    entry: bytes.subarray(37, 53),
    epoch,
    month,
    signer: bytes.subarray(61, 77),
    wrapNonce: bytes.subarray(77, 101),
    bodyNonce: bytes.subarray(101, 125),
    bodyLength,
  };
  const bodyStart = HEADER_LENGTH + WRAPPED_KEY_LENGTH;
  return {
    bytes,
    header,
    headerBytes: bytes.subarray(0, HEADER_LENGTH),
    wrappedKey: bytes.subarray(HEADER_LENGTH, bodyStart),
    body: bytes.subarray(bodyStart, bodyStart + bodyLength),
    signature: bytes.subarray(bodyStart + bodyLength),
  };
}

/**
 * Checks the signature with the signer's device public key (which the caller has checked is
 * certified by the author's identity key and not removed).
 *
 * @throws IntegrityError `signature`
 */
export function verifyEnvelope(parsed: ParsedEnvelope, signerPublicKey: Uint8Array): VerifiedEnvelope {
  let ok: boolean;
  try {
    ok =
      signerPublicKey.length === 32 &&
      sodium().crypto_sign_verify_detached(
        parsed.signature,
        signedMessage(parsed.headerBytes, parsed.wrappedKey, parsed.body),
        signerPublicKey,
      );
  } catch {
    ok = false;
  }
  if (!ok) throw new IntegrityError('signature', 'the envelope signature does not verify');
  return parsed as VerifiedEnvelope;
}

/** What the reader expects of the decrypted contents. */
export interface OpenExpectation {
  /** The account that owns the signing device, or the accounts that may have written it. */
  readonly account: string | ReadonlySet<string>;
  /** The category name of the envelope's collection. */
  readonly category: string;
}

/**
 * Decrypts a verified envelope with the month key of its collection, epoch and month, and checks
 * that the inner author is the signer and the inner category is the collection's.
 *
 * @throws IntegrityError `decrypt` (one uniform error for a wrong key or a bad ciphertext),
 *   `malformed`, `author-mismatch` or `category-mismatch`
 */
export function openEnvelope(verified: VerifiedEnvelope, monthKey: Uint8Array, expect: OpenExpectation): OpenedEnvelope {
  const s = sodium();
  const { header } = verified;
  let padded: Uint8Array;
  try {
    const entryKey = s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, verified.wrappedKey, wrapAd(header), header.wrapNonce, monthKey);
    padded = s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, verified.body, verified.headerBytes, header.bodyNonce, entryKey);
  } catch (cause) {
    throw new IntegrityError('decrypt', 'the envelope does not decrypt with the key held', { cause });
  }
  let plain: Uint8Array;
  try {
    plain = s.unpad(padded, PAD_BLOCK);
  } catch (cause) {
    throw new IntegrityError('malformed', 'the envelope padding is not valid', { cause });
  }
  const { meta, content } = splitPlaintext(plain);
  const inner = decodeCanonical(meta, 'envelope contents') as Partial<EnvelopeInner> | null;
  if (
    inner === null ||
    typeof inner !== 'object' ||
    Array.isArray(inner) ||
    inner.v !== 1 ||
    typeof inner.category !== 'string' ||
    typeof inner.author !== 'object' ||
    inner.author === null ||
    typeof inner.author.account !== 'string' ||
    typeof inner.author.device !== 'string'
  ) {
    throw new IntegrityError('malformed', 'the envelope contents lack their required fields');
  }
  const accountOk = typeof expect.account === 'string' ? inner.author.account === expect.account : expect.account.has(inner.author.account);
  if (!accountOk || inner.author.device !== toHex(header.signer)) {
    throw new IntegrityError('author-mismatch', 'the envelope author is not its signer');
  }
  if (inner.category !== expect.category) {
    throw new IntegrityError('category-mismatch', 'the envelope category is not its collection');
  }
  return { inner: inner as EnvelopeInner, content };
}

/**
 * Splits unpadded plaintext into its meta and content (`u32(len(meta)) ‖ meta ‖ content`).
 *
 * @throws IntegrityError `malformed` when the length prefix does not fit
 */
export function splitPlaintext(plain: Uint8Array): { meta: Uint8Array; content: Uint8Array } {
  const metaLength = plain.length >= 4 ? readU32(plain, 0) : Number.POSITIVE_INFINITY;
  if (4 + metaLength > plain.length) throw new IntegrityError('malformed', 'the envelope contents are truncated');
  return { meta: plain.subarray(4, 4 + metaLength), content: plain.slice(4 + metaLength) };
}

/** BLAKE2b-256 of a whole envelope: its identity for dedupe, author chains and checkpoints. */
export function envelopeHash(bytes: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(32, concatBytes(ENVELOPE_HASH_CONTEXT, bytes), null);
}

const ENVELOPE_HASH_CONTEXT = contextBytes(CTX_ENVELOPE_HASH);
const VERIFIED_MARK_CONTEXT = contextBytes(CTX_VERIFIED_MARK);

/**
 * The local verified mark: a MAC, keyed from the account key, over the envelope hash. Stored
 * beside an envelope once its signature has been checked, so unlocking does not re-verify.
 */
export function verifiedMark(markKey: Uint8Array, parsed: ParsedEnvelope, hash: Uint8Array = envelopeHash(parsed.bytes)): Uint8Array {
  return sodium().crypto_generichash(32, concatBytes(VERIFIED_MARK_CONTEXT, hash), markKey);
}

/**
 * Accepts an envelope as verified on the strength of its local mark. Pass the envelope's hash
 * when it is already known, so it is not computed twice.
 *
 * @throws IntegrityError `verified-mark` when the mark does not match (local tampering)
 */
export function acceptVerifiedMark(parsed: ParsedEnvelope, mark: Uint8Array, markKey: Uint8Array, hash?: Uint8Array): VerifiedEnvelope {
  if (!bytesEqual(verifiedMark(markKey, parsed, hash), mark)) {
    throw new IntegrityError('verified-mark', 'the local verified mark does not match');
  }
  return parsed as VerifiedEnvelope;
}
