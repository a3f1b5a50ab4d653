/**
 * @carekey/crypto — Carekey's cryptography (DESIGN §4, docs/protocol.md).
 *
 * Pure: no DOM, no network, no storage, and nothing else of Carekey's. Await {@link ready}
 * once before calling anything.
 */
export { ready } from './sodium.ts';
export * from './errors.ts';
export {
  bytesEqual,
  concatBytes,
  fromBase32,
  fromBase64Url,
  fromHex,
  fromUtf8,
  readU32,
  toBase32,
  toBase64Url,
  toHex,
  u32,
  utf8,
} from './bytes.ts';
export { canonicalBytes, canonicalText, decodeCanonical, type CanonicalValue } from './canonical.ts';
export { randomBytes, randomId, randomInt } from './random.ts';
export * from './contexts.ts';
export * from './signing.ts';
export * from './account.ts';
export * from './vault-keys.ts';

export {
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  SUITE_1,
  HEADER_LENGTH,
  WRAPPED_KEY_LENGTH,
  SIGNATURE_LENGTH,
  PAD_BLOCK,
  MAX_BODY_LENGTH,
  MAX_ENVELOPE_LENGTH,
  sealEnvelope,
  parseEnvelope,
  verifyEnvelope,
  openEnvelope,
  envelopeHash,
  verifiedMark,
  acceptVerifiedMark,
  type EnvelopeHeader,
  type ParsedEnvelope,
  type VerifiedEnvelope,
  type EnvelopeInner,
  type OpenedEnvelope,
  type SealInput,
  type OpenExpectation,
} from './envelope.ts';
export { verifyEs256, isEcPublicJwk, encryptJwe, decryptJwe, MAX_JWE_INFLATED_BYTES, type EcPublicJwk } from './webcrypto.ts';
export { SNAPSHOT_VERSION, sealSnapshot, openSnapshot, type SnapshotContext } from './snapshot.ts';
export {
  LINK_PAYLOAD_VERSION,
  LINK_KEY_LENGTH,
  linkPasscodeKdf,
  deriveLinkPasscodeKey,
  linkAuthHash,
  linkContentKey,
  sealLinkPayload,
  openLinkPayload,
} from './share-link.ts';
export { sealKeyPackage, openKeyPackage, keyPackageHash } from './key-package.ts';
