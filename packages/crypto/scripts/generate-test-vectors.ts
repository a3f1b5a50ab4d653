/**
 * Writes the known-answer vectors in ../test-vectors/. Run only when the protocol changes on
 * purpose (`node scripts/generate-test-vectors.ts`); the vectors are committed and
 * src/vectors.test.ts checks the code still produces them byte for byte.
 *
 * Every input is fixed here; nothing comes from a random source.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  accountIdFromIdentityKey,
  boxKeyPairFromSecretKey,
  canonicalText,
  createPassphraseSlot,
  deriveAccountItemKey,
  deriveAuthKeyPair,
  deriveKek,
  deriveLocalKey,
  deriveMonthKey,
  derivePassphraseKey,
  deriveVerifiedMarkKey,
  envelopeHash,
  fingerprint,
  formatRecoveryCode,
  formatSecretKey,
  importEntryId,
  parseEnvelope,
  ready,
  signStatement,
  signingKeyPairFromSeed,
  statementHash,
  toBase64Url,
  toHex,
  utf8,
  verifiedMark,
  type EnvelopeInner,
  type KdfParams,
} from '../src/index.ts';
import { sealEnvelopeForVectors } from '../src/envelope.ts';
import { deriveLinkPasscodeKey, linkAuthHash, linkContentKey, linkPasscodeKdf, sealLinkPayloadWithNonce } from '../src/share-link.ts';

await ready();

const out = (name: string, value: unknown): void => {
  const path = fileURLToPath(new URL(`../test-vectors/${name}.json`, import.meta.url));
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
};
const fill = (length: number, start: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);

// Keys and identities.
const identitySeed = fill(32, 0x01);
const identity = signingKeyPairFromSeed(identitySeed);
const boxSecret = fill(32, 0x41);
const box = boxKeyPairFromSecretKey(boxSecret);
const accountKey = fill(32, 0x81);
const categoryRoot = fill(32, 0xa1);
const importKey = fill(32, 0xc1);
const accountId = accountIdFromIdentityKey(identity.publicKey);

out('keys', {
  description: 'Deterministic derivations: account ID, fingerprint, AK subkeys, month keys, import entry IDs. Hex unless said.',
  identitySeed: toHex(identitySeed),
  identityPublicKey: toHex(identity.publicKey),
  accountId,
  boxSecretKey: toHex(boxSecret),
  boxPublicKey: toHex(box.publicKey),
  fingerprint: fingerprint(identity.publicKey, box.publicKey),
  accountKey: toHex(accountKey),
  authPublicKey: toHex(deriveAuthKeyPair(accountKey).publicKey),
  accountItemKey: toHex(deriveAccountItemKey(accountKey)),
  verifiedMarkKey: toHex(deriveVerifiedMarkKey(accountKey)),
  localKey: toHex(deriveLocalKey(accountKey)),
  categoryRoot: toHex(categoryRoot),
  monthKeys: Object.fromEntries([202601, 202611, 202612, 203001].map((m) => [m, toHex(deriveMonthKey(categoryRoot, m))])),
  importKey: toHex(importKey),
  importEntryIds: Object.fromEntries(
    ['urn:uuid:0b2a9d2c-6a3f-4ad6-9c41-0c2d6c2b7b10', 'https://fhir.nhs.uk/Id/nhs-number|9912003888'].map((s) => [
      s,
      toHex(importEntryId(importKey, s)),
    ]),
  ),
});

// Passphrase slot: Argon2id, KEK, and a slot that must open to the account key.
const kdf: KdfParams = { alg: 'argon2id13', opsLimit: 4, memLimit: 64 * 1024 * 1024, salt: toBase64Url(fill(16, 0x10)) };
const passphrase = 'Correct horse battery staple — café';
const secretKey = fill(16, 0xe1);
const p = derivePassphraseKey(passphrase, kdf);
const slot = createPassphraseSlot({ accountId, slotId: 'slot-1', accountKey, passphraseKey: p, secretKey, kdf });
out('kdf', {
  description:
    'Argon2id of the NFKC passphrase, the KEK, and a passphrase slot that opens to accountKey with this passphrase and Secret Key.',
  passphrase,
  kdf,
  passphraseKey: toHex(p),
  accountId,
  secretKey: toHex(secretKey),
  secretKeyFormatted: formatSecretKey(secretKey),
  kek: toHex(deriveKek(accountId, p, secretKey)),
  slot,
  accountKey: toHex(accountKey),
  recoveryCode: toHex(fill(32, 0x20)),
  recoveryCodeWords: formatRecoveryCode(fill(32, 0x20)),
});

// Canonical JSON and a signed statement (Ed25519 is deterministic).
const statementValue = { v: 1, account: accountId, seq: 1, prev: null, type: 'example', note: 'Ångström ✓', list: [3, 2, 1] };
const statement = signStatement('ck-control-log-v1', statementValue, identity.secretKey);
out('statement', {
  description: 'Canonical JSON of a value and its signed statement under the control-log context.',
  context: 'ck-control-log-v1',
  value: statementValue,
  canonical: canonicalText(statementValue),
  identitySeed: toHex(identitySeed),
  payload: toHex(statement.payload),
  signature: toHex(statement.signature),
  hash: toHex(statementHash(statement)),
});

// An envelope with fixed entry key and nonces.
const deviceSeed = fill(32, 0x61);
const device = signingKeyPairFromSeed(deviceSeed);
const deviceId = fill(16, 0x30);
const vault = fill(16, 0x50);
const collection = fill(16, 0x70);
const entry = fill(16, 0x90);
const inner: EnvelopeInner = {
  v: 1,
  kind: 'create',
  category: 'summary',
  author: { account: accountId, device: toHex(deviceId) },
  authorSeq: 1,
  authorPrev: null,
  hlc: `01969a2b3c40:0000:${toHex(deviceId)}`,
  attachments: [],
};
const content = '{"resourceType":"AllergyIntolerance","code":{"text":"Penicillin"}}';
const monthKey = deriveMonthKey(categoryRoot, 202611);
const entryKey = fill(32, 0xb0);
const wrapNonce = fill(24, 0x00);
const bodyNonce = fill(24, 0x18);
const envelope = sealEnvelopeForVectors(
  {
    vault,
    collection,
    entry,
    epoch: 1,
    month: 202611,
    signer: { deviceId, secretKey: device.secretKey },
    monthKey,
    inner,
    content: utf8(content),
  },
  entryKey,
  wrapNonce,
  bodyNonce,
);
out('envelope', {
  description: 'One sealed entry version with fixed entry key and nonces; the reader must open it to `inner`.',
  vault: toHex(vault),
  collection: toHex(collection),
  entry: toHex(entry),
  epoch: 1,
  month: 202611,
  categoryRoot: toHex(categoryRoot),
  monthKey: toHex(monthKey),
  deviceSeed: toHex(deviceSeed),
  devicePublicKey: toHex(device.publicKey),
  deviceId: toHex(deviceId),
  entryKey: toHex(entryKey),
  wrapNonce: toHex(wrapNonce),
  bodyNonce: toHex(bodyNonce),
  inner,
  content,
  envelope: toHex(envelope),
  envelopeHash: toHex(envelopeHash(envelope)),
  verifiedMarkKey: toHex(deriveVerifiedMarkKey(accountKey)),
  verifiedMark: toHex(verifiedMark(deriveVerifiedMarkKey(accountKey), parseEnvelope(envelope))),
});

// A share link with a passcode, and one without.
const linkId = toHex(fill(16, 0xd0));
const fragmentKey = fill(32, 0xe0);
const passcode = 'Ünïcode 4921';
const linkP = deriveLinkPasscodeKey(passcode, linkId);
const linkPlaintext =
  '{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","name":[{"text":"Ana Example"}]}}]}';
const linkNonce = fill(24, 0x40);
const withPasscodeKey = linkContentKey(fragmentKey, linkP);
out('share-link', {
  description:
    'A share link: the passcode salt and Argon2id parameters from the link ID, p, the relay-side auth hash, the content key, and sealed payloads (fixed nonce) with and without the passcode. Hex unless said.',
  linkId,
  fragmentKey: toHex(fragmentKey),
  fragment: toBase64Url(fragmentKey),
  passcode,
  kdf: linkPasscodeKdf(linkId),
  p: toHex(linkP),
  authHash: toHex(linkAuthHash(linkP)),
  contentKey: toHex(withPasscodeKey),
  nonce: toHex(linkNonce),
  plaintext: linkPlaintext,
  sealedWithPasscode: toHex(sealLinkPayloadWithNonce(withPasscodeKey, linkId, utf8(linkPlaintext), linkNonce)),
  sealedWithoutPasscode: toHex(sealLinkPayloadWithNonce(linkContentKey(fragmentKey, null), linkId, utf8(linkPlaintext), linkNonce)),
});

console.log('wrote test vectors for account', accountId);
