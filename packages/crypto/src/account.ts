/**
 * The account key (AK) and the slots that wrap it: two-secret key derivation from the
 * passphrase and the Secret Key (1Password's design), and the recovery code.
 *
 * AK is 32 random bytes used only as a KDF key. Subkeys of it encrypt account items (the
 * account bundle and the category roots), seed the account auth key, key the local verified
 * marks and protect device secrets at rest.
 */
import { entropyToMnemonic, mnemonicToEntropy, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { sodium } from './sodium.ts';
import { concatBytes, contextBytes, fromBase32, fromBase64Url, toBase32, toBase64Url, utf8 } from './bytes.ts';
import { canonicalBytes } from './canonical.ts';
import { FormatError, IntegrityError, WeakKdfParametersError, WrongSecretError } from './errors.ts';
import { randomBytes } from './random.ts';
import { signingKeyPairFromSeed, type BoxKeyPair, type SigningKeyPair } from './signing.ts';
import {
  CTX_ACCOUNT_ITEM,
  CTX_KEK,
  CTX_LOCAL_ITEM,
  CTX_RECOVERY_KEY,
  CTX_SLOT,
  KDF_ACCOUNT_ITEMS,
  KDF_AUTH,
  KDF_BACKUP,
  KDF_LOCAL,
  KDF_SNAPSHOT,
  KDF_VERIFIED,
} from './contexts.ts';

const MIB = 1024 * 1024;

/**
 * The floors every client enforces on Argon2id parameters, whatever a relay hands over.
 * 64 MiB is the most memory phones' browsers reliably give a wasm module, so the cost is
 * raised with passes instead: 4 passes take ≈ 0.3 s in Node on this project's reference
 * machine and ≈ 0.5–1 s on a mid-range phone. Changing these is a protocol change.
 */
export const KDF_FLOOR = Object.freeze({ opsLimit: 4, memLimit: 64 * MIB });
/**
 * Parameters above these are refused too: a relay must not be able to freeze a phone or ask for
 * more memory than phones' browsers give WebAssembly (so the memory ceiling is the floor).
 */
export const KDF_CEILING = Object.freeze({ opsLimit: 64, memLimit: 64 * MIB });

/** Argon2id parameters of a passphrase slot, as they travel (salt in base64url). */
export interface KdfParams {
  readonly alg: 'argon2id13';
  readonly opsLimit: number;
  readonly memLimit: number;
  readonly salt: string;
}

/** Fresh parameters at the floor with a random 16-byte salt. */
export function newKdfParams(): KdfParams {
  return {
    alg: 'argon2id13',
    opsLimit: KDF_FLOOR.opsLimit,
    memLimit: KDF_FLOOR.memLimit,
    salt: toBase64Url(randomBytes(16)),
  };
}

/**
 * Refuses parameters below the floors or above the ceilings, and any algorithm but Argon2id.
 *
 * @throws WeakKdfParametersError
 */
export function checkKdfParams(params: KdfParams): void {
  if (params.alg !== 'argon2id13') {
    throw new WeakKdfParametersError(`unknown key derivation algorithm ${String(params.alg)}`);
  }
  if (!Number.isSafeInteger(params.opsLimit) || params.opsLimit < KDF_FLOOR.opsLimit) {
    throw new WeakKdfParametersError(`Argon2id passes ${params.opsLimit} below the floor`);
  }
  if (!Number.isSafeInteger(params.memLimit) || params.memLimit < KDF_FLOOR.memLimit) {
    throw new WeakKdfParametersError(`Argon2id memory ${params.memLimit} below the floor`);
  }
  if (params.opsLimit > KDF_CEILING.opsLimit || params.memLimit > KDF_CEILING.memLimit) {
    throw new WeakKdfParametersError('Argon2id parameters above the ceiling');
  }
  let salt: Uint8Array;
  try {
    salt = fromBase64Url(params.salt, 'salt');
  } catch {
    throw new WeakKdfParametersError('the Argon2id salt is not base64url');
  }
  if (salt.length !== 16) throw new WeakKdfParametersError('the Argon2id salt is not 16 bytes');
}

/**
 * The deliberately slow step: Argon2id over the NFKC-normalised passphrase. In the browser this
 * runs in a Web Worker. Checks the parameters first.
 *
 * @throws WeakKdfParametersError
 */
export function derivePassphraseKey(passphrase: string, params: KdfParams): Uint8Array {
  checkKdfParams(params);
  const s = sodium();
  return s.crypto_pwhash(
    32,
    utf8(passphrase.normalize('NFKC')),
    fromBase64Url(params.salt, 'salt'),
    params.opsLimit,
    params.memLimit,
    s.crypto_pwhash_ALG_ARGON2ID13,
  );
}

/** The 16-byte Secret Key made on the device at sign-up. */
export function generateSecretKey(): Uint8Array {
  return randomBytes(16);
}

const SECRET_KEY_PREFIX = 'CK1';

/** The Secret Key as printed in the Emergency Kit: `CK1-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX`. */
export function formatSecretKey(secretKey: Uint8Array): string {
  const text = toBase32(secretKey);
  const groups = [text.slice(0, 6), text.slice(6, 11), text.slice(11, 16), text.slice(16, 21), text.slice(21)];
  return [SECRET_KEY_PREFIX, ...groups].join('-');
}

/**
 * Reads a Secret Key as a person typed it (any case, dashes and spaces optional).
 *
 * @throws FormatError when it cannot be a Secret Key
 */
export function parseSecretKey(typed: string): Uint8Array {
  let cleaned = typed.toUpperCase().replace(/[\s-]/g, '');
  if (cleaned.startsWith(SECRET_KEY_PREFIX) && cleaned.length === 29) cleaned = cleaned.slice(3);
  return fromBase32(cleaned, 16, 'Secret Key');
}

/** Key encryption key of a passphrase slot: `BLAKE2b-256(ctx ‖ account ‖ p, key = Secret Key)`. */
export function deriveKek(accountId: string, passphraseKey: Uint8Array, secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 16) throw new RangeError('the Secret Key is 16 bytes');
  return sodium().crypto_generichash(
    32,
    concatBytes(contextBytes(CTX_KEK), utf8(accountId), new Uint8Array([0]), passphraseKey),
    secretKey,
  );
}

/** A passphrase slot: AK wrapped under the KEK from passphrase + Secret Key. */
export interface PassphraseSlot {
  readonly slotId: string;
  readonly type: 'passphrase';
  readonly kdf: KdfParams;
  readonly nonce: string;
  readonly ciphertext: string;
}

/**
 * A recovery slot: the recovery box secret key wrapped under a key from the recovery code, and
 * AK sealed to the recovery box public key (re-sealed whenever AK rotates, without the code).
 */
export interface RecoverySlot {
  readonly slotId: string;
  readonly type: 'recovery';
  readonly nonce: string;
  readonly ciphertext: string;
  readonly sealedAccountKey: string;
}

export type UnlockSlot = PassphraseSlot | RecoverySlot;

function slotAd(accountId: string, slotId: string, type: string, kdf: KdfParams | null): Uint8Array {
  return concatBytes(contextBytes(CTX_SLOT), canonicalBytes({ account: accountId, slot: slotId, type, kdf }));
}

function aeadEncrypt(key: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): { nonce: Uint8Array; ciphertext: Uint8Array } {
  const s = sodium();
  const nonce = randomBytes(s.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  return { nonce, ciphertext: s.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key) };
}

function aeadDecrypt(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, ad: Uint8Array): Uint8Array | null {
  try {
    return sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key);
  } catch {
    return null;
  }
}

/** A new random account key. */
export function generateAccountKey(): Uint8Array {
  return randomBytes(32);
}

/**
 * Wraps AK in a passphrase slot. `passphraseKey` is the output of {@link derivePassphraseKey}
 * for `kdf` (computed separately so it can run in a worker).
 */
export function createPassphraseSlot(input: {
  accountId: string;
  slotId: string;
  accountKey: Uint8Array;
  passphraseKey: Uint8Array;
  secretKey: Uint8Array;
  kdf: KdfParams;
}): PassphraseSlot {
  checkKdfParams(input.kdf);
  const kek = deriveKek(input.accountId, input.passphraseKey, input.secretKey);
  const ad = slotAd(input.accountId, input.slotId, 'passphrase', input.kdf);
  const { nonce, ciphertext } = aeadEncrypt(kek, input.accountKey, ad);
  return {
    slotId: input.slotId,
    type: 'passphrase',
    kdf: input.kdf,
    nonce: toBase64Url(nonce),
    ciphertext: toBase64Url(ciphertext),
  };
}

/**
 * Unwraps AK from a passphrase slot.
 *
 * @throws WrongSecretError when the passphrase or the Secret Key is wrong (one error for both)
 * @throws WeakKdfParametersError before deriving anything, when the slot's parameters are weak
 */
export function openPassphraseSlot(
  slot: PassphraseSlot,
  input: { accountId: string; passphraseKey: Uint8Array; secretKey: Uint8Array },
): Uint8Array {
  checkKdfParams(slot.kdf);
  const kek = deriveKek(input.accountId, input.passphraseKey, input.secretKey);
  const ak = aeadDecrypt(
    kek,
    fromBase64Url(slot.nonce, 'nonce'),
    fromBase64Url(slot.ciphertext, 'ciphertext'),
    slotAd(input.accountId, slot.slotId, 'passphrase', slot.kdf),
  );
  if (!ak || ak.length !== 32) throw new WrongSecretError();
  return ak;
}

/** 32 random bytes of recovery secret. */
export function generateRecoveryCode(): Uint8Array {
  return randomBytes(32);
}

/** The recovery code as 24 English BIP-39 words (the last word carries a checksum). */
export function formatRecoveryCode(code: Uint8Array): string {
  return entropyToMnemonic(code, wordlist);
}

/**
 * Reads a recovery code typed as words (any case and spacing).
 *
 * @throws FormatError when a word is unknown or the checksum does not match
 */
export function parseRecoveryCode(typed: string): Uint8Array {
  const words = typed.toLowerCase().trim().split(/\s+/).join(' ');
  if (!validateMnemonic(words, wordlist)) {
    throw new FormatError('recovery code', 'The recovery code has a word missing, misspelt or out of order');
  }
  const entropy = mnemonicToEntropy(words, wordlist);
  if (entropy.length !== 32) throw new FormatError('recovery code', 'The recovery code should be 24 words');
  return entropy;
}

function recoveryKey(accountId: string, code: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(32, concatBytes(contextBytes(CTX_RECOVERY_KEY), utf8(accountId)), code);
}

function sealAccountKeyTo(accountId: string, accountKey: Uint8Array, recoveryPublicKey: Uint8Array): string {
  // crypto_box_seal has no associated data: the account ID goes inside and is checked on open.
  const s = sodium();
  return toBase64Url(s.crypto_box_seal(concatBytes(utf8(accountId), accountKey), recoveryPublicKey));
}

/** Makes a recovery slot wrapping `recoveryBox` under the recovery code, with AK sealed to it. */
export function createRecoverySlot(input: {
  accountId: string;
  slotId: string;
  accountKey: Uint8Array;
  recoveryCode: Uint8Array;
  recoveryBox: BoxKeyPair;
}): RecoverySlot {
  const ad = slotAd(input.accountId, input.slotId, 'recovery', null);
  const { nonce, ciphertext } = aeadEncrypt(recoveryKey(input.accountId, input.recoveryCode), input.recoveryBox.secretKey, ad);
  return {
    slotId: input.slotId,
    type: 'recovery',
    nonce: toBase64Url(nonce),
    ciphertext: toBase64Url(ciphertext),
    sealedAccountKey: sealAccountKeyTo(input.accountId, input.accountKey, input.recoveryBox.publicKey),
  };
}

/** Re-seals a (new) AK into an existing recovery slot, without the recovery code. */
export function resealRecoverySlot(
  slot: RecoverySlot,
  accountId: string,
  accountKey: Uint8Array,
  recoveryPublicKey: Uint8Array,
): RecoverySlot {
  return { ...slot, sealedAccountKey: sealAccountKeyTo(accountId, accountKey, recoveryPublicKey) };
}

/**
 * Opens a recovery slot with the recovery code, returning AK and the recovery box key pair.
 *
 * @throws WrongSecretError when the code is wrong
 */
export function openRecoverySlot(
  slot: RecoverySlot,
  accountId: string,
  code: Uint8Array,
): { accountKey: Uint8Array; recoveryBox: BoxKeyPair } {
  const s = sodium();
  const secretKey = aeadDecrypt(
    recoveryKey(accountId, code),
    fromBase64Url(slot.nonce, 'nonce'),
    fromBase64Url(slot.ciphertext, 'ciphertext'),
    slotAd(accountId, slot.slotId, 'recovery', null),
  );
  if (!secretKey || secretKey.length !== 32) throw new WrongSecretError();
  const publicKey = s.crypto_scalarmult_base(secretKey);
  let opened: Uint8Array;
  try {
    opened = s.crypto_box_seal_open(fromBase64Url(slot.sealedAccountKey, 'sealedAccountKey'), publicKey, secretKey);
  } catch (cause) {
    throw new IntegrityError('decrypt', 'the sealed account key does not open', { cause });
  }
  const id = utf8(accountId);
  if (opened.length !== id.length + 32 || !s.memcmp(opened.subarray(0, id.length), id)) {
    throw new IntegrityError('context-mismatch', 'the sealed account key belongs to another account');
  }
  return { accountKey: opened.slice(id.length), recoveryBox: { publicKey, secretKey } };
}

function subkey(accountKey: Uint8Array, context: string): Uint8Array {
  if (accountKey.length !== 32) throw new RangeError('the account key is 32 bytes');
  return sodium().crypto_kdf_derive_from_key(32, 1, context, accountKey);
}

/** The account auth key (Ed25519), whose public half the relay keeps for new-device login. */
export function deriveAuthKeyPair(accountKey: Uint8Array): SigningKeyPair {
  return signingKeyPairFromSeed(subkey(accountKey, KDF_AUTH));
}

/** The key that encrypts account items on the relay (bundle, category roots). */
export function deriveAccountItemKey(accountKey: Uint8Array): Uint8Array {
  return subkey(accountKey, KDF_ACCOUNT_ITEMS);
}

/** The key of the local verified marks. */
export function deriveVerifiedMarkKey(accountKey: Uint8Array): Uint8Array {
  return subkey(accountKey, KDF_VERIFIED);
}

/** The key protecting device secrets in local storage. */
export function deriveLocalKey(accountKey: Uint8Array): Uint8Array {
  return subkey(accountKey, KDF_LOCAL);
}

/** The key of backup files (whole-record exports that restore without the relay). */
export function deriveBackupKey(accountKey: Uint8Array): Uint8Array {
  return subkey(accountKey, KDF_BACKUP);
}

/** The key of this device's unlock snapshot (a cache of the decrypted record, sealed at rest). */
export function deriveSnapshotKey(accountKey: Uint8Array): Uint8Array {
  return subkey(accountKey, KDF_SNAPSHOT);
}

/** An encrypted item: nonce and XChaCha20-Poly1305 ciphertext, base64url. */
export interface SealedItem {
  readonly nonce: string;
  readonly ciphertext: string;
}

function itemAd(context: string, accountId: string, itemId: string, kind: string): Uint8Array {
  return concatBytes(contextBytes(context), canonicalBytes({ account: accountId, item: itemId, kind }));
}

/**
 * Encrypts an account item (the account bundle, a category root) under the account item key.
 * The account, item ID and kind are bound as associated data, so the relay cannot swap items.
 */
export function sealAccountItem(itemKey: Uint8Array, accountId: string, itemId: string, kind: string, plaintext: Uint8Array): SealedItem {
  const { nonce, ciphertext } = aeadEncrypt(itemKey, plaintext, itemAd(CTX_ACCOUNT_ITEM, accountId, itemId, kind));
  return { nonce: toBase64Url(nonce), ciphertext: toBase64Url(ciphertext) };
}

/** Opens an account item. @throws IntegrityError `decrypt` */
export function openAccountItem(itemKey: Uint8Array, accountId: string, itemId: string, kind: string, item: SealedItem): Uint8Array {
  const out = aeadDecrypt(
    itemKey,
    fromBase64Url(item.nonce, 'nonce'),
    fromBase64Url(item.ciphertext, 'ciphertext'),
    itemAd(CTX_ACCOUNT_ITEM, accountId, itemId, kind),
  );
  if (!out) throw new IntegrityError('decrypt', `account item ${kind} does not decrypt`);
  return out;
}

/** Encrypts a device-local secret (the device signing key) under the local key. */
export function sealLocalItem(localKey: Uint8Array, accountId: string, itemId: string, plaintext: Uint8Array): SealedItem {
  const { nonce, ciphertext } = aeadEncrypt(localKey, plaintext, itemAd(CTX_LOCAL_ITEM, accountId, itemId, 'local'));
  return { nonce: toBase64Url(nonce), ciphertext: toBase64Url(ciphertext) };
}

/** Opens a device-local secret. @throws IntegrityError `decrypt` */
export function openLocalItem(localKey: Uint8Array, accountId: string, itemId: string, item: SealedItem): Uint8Array {
  const out = aeadDecrypt(
    localKey,
    fromBase64Url(item.nonce, 'nonce'),
    fromBase64Url(item.ciphertext, 'ciphertext'),
    itemAd(CTX_LOCAL_ITEM, accountId, itemId, 'local'),
  );
  if (!out) throw new IntegrityError('decrypt', 'a local item does not decrypt');
  return out;
}
