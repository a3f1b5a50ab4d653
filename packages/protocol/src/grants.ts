/**
 * What a grant seals to its grantee (DESIGN §4 "Grants"): one key package per collection and
 * epoch, carrying the month keys from the grant's first month through its last, and the
 * patient's identity card, so a clinician granted only results knows whose results they are.
 *
 * Each is sealed to the grantee's box key (`sealKeyPackage`) with its grant and vault inside;
 * the owner's grant statement lists its hash. A reader trusts a package only when the hash is
 * listed for its grant in the verified control log, and the grant and vault inside match.
 */
import * as v from 'valibot';
import {
  IntegrityError,
  canonicalBytes,
  decodeCanonical,
  fromBase64Url,
  keyPackageHash,
  openKeyPackage,
  sealKeyPackage,
  toBase64Url,
  type BoxKeyPair,
} from '@carekey/crypto';
import { AccountId, Base64Url, HexId, Month, Seq } from './wire.ts';

const Key32 = v.pipe(Base64Url, v.length(43));

/** Month keys of one collection and epoch, as `[yyyymm, key]` pairs. */
export const KeysPackage = v.strictObject({
  v: v.literal(1),
  kind: v.literal('keys'),
  grant: HexId,
  vault: HexId,
  collection: HexId,
  /** The category's name, which the relay never sees (it is sealed). */
  category: v.pipe(v.string(), v.regex(/^[a-z-]{1,40}$/)),
  epoch: Seq,
  months: v.pipe(v.array(v.tuple([Month, Key32])), v.minLength(1), v.maxLength(1200)),
});
export type KeysPackage = v.InferOutput<typeof KeysPackage>;

/**
 * The category roots of one collection, every epoch held (`[epoch, root]` pairs): for a
 * co-owner, who derives any month's key and seals new epochs, and for the owner when a
 * co-owner moved the record to new keys (then `grant` is the vault's own ID).
 */
export const RootsPackage = v.strictObject({
  v: v.literal(1),
  kind: v.literal('roots'),
  grant: HexId,
  vault: HexId,
  collection: HexId,
  category: v.pipe(v.string(), v.regex(/^[a-z-]{1,40}$/)),
  roots: v.pipe(v.array(v.tuple([Seq, Key32])), v.minLength(1), v.maxLength(64)),
});
export type RootsPackage = v.InferOutput<typeof RootsPackage>;

/** The patient's identity card: who the record is about. */
export const CardPackage = v.strictObject({
  v: v.literal(1),
  kind: v.literal('card'),
  grant: HexId,
  vault: HexId,
  owner: AccountId,
  name: v.pipe(v.string(), v.maxLength(200)),
  birthDate: v.optional(v.pipe(v.string(), v.maxLength(10))),
  identifiers: v.pipe(
    v.array(v.strictObject({ system: v.pipe(v.string(), v.maxLength(200)), value: v.pipe(v.string(), v.maxLength(100)) })),
    v.maxLength(8),
  ),
  /** The grantee's name and role as the patient wrote them, so both sides use the same words. */
  grantee: v.strictObject({ name: v.pipe(v.string(), v.maxLength(200)), role: v.picklist(['clinician', 'carer', 'patient']) }),
});
export type CardPackage = v.InferOutput<typeof CardPackage>;

export const GrantPackage = v.variant('kind', [KeysPackage, RootsPackage, CardPackage]);
export type GrantPackage = v.InferOutput<typeof GrantPackage>;

/** A sealed package as it travels: base64url of the sealed bytes, and the grant it is for. */
export interface SealedGrantPackage {
  readonly grant: string;
  readonly hash: string;
  readonly data: string;
}

/** Seals a package to the grantee's box key. */
export function sealGrantPackage(payload: GrantPackage, granteeBoxKey: Uint8Array): SealedGrantPackage {
  const sealed = sealKeyPackage(canonicalBytes(payload), granteeBoxKey);
  return { grant: payload.grant, hash: toBase64Url(keyPackageHash(sealed)), data: toBase64Url(sealed) };
}

/** The hash of a sealed package as the grant statement lists it. */
export function grantPackageHash(data: string): string {
  return toBase64Url(keyPackageHash(fromBase64Url(data, 'package')));
}

/**
 * Opens a package sealed to `recipient` and checks it is for `expect.grant` of `expect.vault`.
 * The caller has already checked the hash is listed for that grant.
 *
 * @throws IntegrityError
 */
export function openGrantPackage(data: string, recipient: BoxKeyPair, expect: { grant: string; vault: string }): GrantPackage {
  const value = decodeCanonical(openKeyPackage(fromBase64Url(data, 'package'), recipient), 'key package');
  const parsed = v.safeParse(GrantPackage, value);
  if (!parsed.success) throw new IntegrityError('malformed', 'the key package is not valid');
  if (parsed.output.grant !== expect.grant || parsed.output.vault !== expect.vault) {
    throw new IntegrityError('context-mismatch', 'the key package belongs to another grant');
  }
  return parsed.output;
}
