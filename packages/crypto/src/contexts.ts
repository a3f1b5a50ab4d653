/**
 * Every context string of the protocol, in one place, so none is ever reused for two purposes.
 * docs/protocol.md lists them with the byte layouts they appear in; changing one is a protocol
 * version change.
 *
 * Two kinds:
 * - `KDF_*`: libsodium `crypto_kdf` contexts, exactly 8 bytes.
 * - everything else: domain-separation prefixes for signatures, hashes and associated data,
 *   written as the UTF-8 string followed by one zero byte (see `contextBytes`).
 */

/** crypto_kdf context for month keys derived from a category root; subkey id = yyyymm. */
export const KDF_MONTH = 'ckmonth1';
/** crypto_kdf context for the account auth key seed derived from the account key (subkey 1). */
export const KDF_AUTH = 'ckauth01';
/** crypto_kdf context for the key encrypting account items (bundle, category roots) (subkey 1). */
export const KDF_ACCOUNT_ITEMS = 'ckitems1';
/** crypto_kdf context for the local verified-mark MAC key (subkey 1). */
export const KDF_VERIFIED = 'ckverif1';
/** crypto_kdf context for the local device-secrets key (subkey 1). */
export const KDF_LOCAL = 'cklocal1';
/** crypto_kdf context for the key of backup files (subkey 1). */
export const KDF_BACKUP = 'ckbackp1';
/** crypto_kdf context for the key of the local unlock snapshot (subkey 1). */
export const KDF_SNAPSHOT = 'cksnap01';

export const CTX_ACCOUNT_ID = 'ck-account-id-v1';
export const CTX_FINGERPRINT = 'ck-fingerprint-v1';
export const CTX_ACCOUNT_CARD = 'ck-account-card-v1';
export const CTX_DEVICE_LOG = 'ck-device-log-v1';
export const CTX_CONTROL_LOG = 'ck-control-log-v1';
export const CTX_STATEMENT_HASH = 'ck-statement-hash-v1';
export const CTX_LOGIN = 'ck-login-v1';
export const CTX_KEK = 'ck-kek-v1';
export const CTX_SLOT = 'ck-slot-v1';
export const CTX_RECOVERY_KEY = 'ck-recovery-key-v1';
export const CTX_ACCOUNT_ITEM = 'ck-account-item-v1';
export const CTX_LOCAL_ITEM = 'ck-local-item-v1';
export const CTX_WRAP = 'ck-wrap-v1';
export const CTX_ENTRY_SIG = 'ck-entry-v1';
export const CTX_ENVELOPE_HASH = 'ck-envelope-hash-v1';
export const CTX_VERIFIED_MARK = 'ck-verified-v1';
export const CTX_IMPORT_ID = 'ck-import-id-v1';
export const CTX_UNLOCK_SNAPSHOT = 'ck-unlock-snapshot-v1';
/** Hash prefix of a share link's passcode salt (`H_32(ctx ‖ linkId)`, first 16 bytes). */
export const CTX_LINK_SALT = 'ck-link-salt';
/** Hash prefix of a share link's passcode check value, the only passcode-derived value the relay keeps. */
export const CTX_LINK_AUTH = 'ck-link-auth';
/** Hash prefix of a share link's content key (keyed with the fragment key). */
export const CTX_LINK_KEY = 'ck-link-key';
/** AD prefix of a sealed share-link payload. */
export const CTX_LINK_PAYLOAD = 'ck-link-payload-v1';
/** Prefix inside a key package sealed to a grantee's box key (crypto_box_seal has no AD). */
export const CTX_KEY_PACKAGE = 'ck-key-package-v1';
/** Hash prefix of a sealed key package, the hash a grant statement lists. */
export const CTX_KEY_PACKAGE_HASH = 'ck-key-package-hash-v1';
