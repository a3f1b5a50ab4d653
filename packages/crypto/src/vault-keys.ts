/**
 * Vault keys: a random category root per category and epoch, month keys derived from it, and
 * a random key per entry version.
 */
import { sodium } from './sodium.ts';
import { concatBytes, contextBytes, utf8 } from './bytes.ts';
import { randomBytes } from './random.ts';
import { CTX_IMPORT_ID, KDF_MONTH } from './contexts.ts';

/** A fresh category root (32 random bytes) for a new epoch. */
export function generateCategoryRoot(): Uint8Array {
  return randomBytes(32);
}

/** A fresh per-vault import key, used to derive stable entry IDs for imported resources. */
export function generateImportKey(): Uint8Array {
  return randomBytes(32);
}

/**
 * A month as the protocol writes it: the integer yyyymm of a UTC date (e.g. 202611).
 * An entry's month is its author's UTC month at writing, never its clinical date.
 */
export function monthOf(time: number): number {
  const date = new Date(time);
  return date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;
}

/** True for integers that are a real yyyymm between 2000-01 and 9999-12. */
export function isMonth(value: number): boolean {
  if (!Number.isInteger(value)) return false;
  const month = value % 100;
  const year = Math.floor(value / 100);
  return year >= 2000 && year <= 9999 && month >= 1 && month <= 12;
}

/** The month after `month` (202612 → 202701). */
export function nextMonth(month: number): number {
  return month % 100 === 12 ? month + 89 : month + 1;
}

/**
 * The month key of a category root: `crypto_kdf_derive_from_key(32, yyyymm, "ckmonth1", root)`.
 *
 * @example
 * const mk = deriveMonthKey(root, 202611);
 */
export function deriveMonthKey(categoryRoot: Uint8Array, month: number): Uint8Array {
  if (categoryRoot.length !== 32) throw new RangeError('a category root is 32 bytes');
  if (!isMonth(month)) throw new RangeError(`not a month: ${month}`);
  return sodium().crypto_kdf_derive_from_key(32, month, KDF_MONTH, categoryRoot);
}

/** A fresh entry key for one entry version. */
export function generateEntryKey(): Uint8Array {
  return randomBytes(32);
}

/**
 * The entry ID of an imported resource: keyed BLAKE2b-128 of its source identity (for example
 * `system|value` of an identifier, or `fullUrl`) under the vault's import key. Re-importing the
 * same resource gives the same ID; without the key the relay cannot test guesses.
 */
export function importEntryId(importKey: Uint8Array, sourceIdentity: string): Uint8Array {
  return sodium().crypto_generichash(16, concatBytes(contextBytes(CTX_IMPORT_ID), utf8(sourceIdentity)), importKey);
}
