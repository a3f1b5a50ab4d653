/**
 * Known-answer tests: the code must reproduce test-vectors/*.json byte for byte. The vectors are
 * the reference for docs/protocol.md and for any other implementation of the protocol.
 */
import { describe, expect, test } from 'vitest';
import keys from '../test-vectors/keys.json' with { type: 'json' };
import kdf from '../test-vectors/kdf.json' with { type: 'json' };
import statement from '../test-vectors/statement.json' with { type: 'json' };
import envelope from '../test-vectors/envelope.json' with { type: 'json' };
import { ready } from './sodium.ts';
import { fromHex, toHex, utf8 } from './bytes.ts';
import { canonicalText } from './canonical.ts';
import {
  accountIdFromIdentityKey,
  boxKeyPairFromSecretKey,
  fingerprint,
  openStatement,
  signStatement,
  signingKeyPairFromSeed,
  statementHash,
} from './signing.ts';
import {
  deriveAccountItemKey,
  deriveAuthKeyPair,
  deriveKek,
  deriveLocalKey,
  derivePassphraseKey,
  deriveVerifiedMarkKey,
  formatRecoveryCode,
  formatSecretKey,
  openPassphraseSlot,
  parseRecoveryCode,
  parseSecretKey,
  type KdfParams,
  type PassphraseSlot,
} from './account.ts';
import { deriveMonthKey, importEntryId } from './vault-keys.ts';
import {
  envelopeHash,
  openEnvelope,
  parseEnvelope,
  sealEnvelopeForVectors,
  verifiedMark,
  verifyEnvelope,
  type EnvelopeInner,
} from './envelope.ts';

await ready();

describe('known answers', () => {
  test('keys.json', () => {
    const identity = signingKeyPairFromSeed(fromHex(keys.identitySeed));
    expect(toHex(identity.publicKey)).toBe(keys.identityPublicKey);
    expect(accountIdFromIdentityKey(identity.publicKey)).toBe(keys.accountId);
    const box = boxKeyPairFromSecretKey(fromHex(keys.boxSecretKey));
    expect(toHex(box.publicKey)).toBe(keys.boxPublicKey);
    expect(fingerprint(identity.publicKey, box.publicKey)).toBe(keys.fingerprint);
    const ak = fromHex(keys.accountKey);
    expect(toHex(deriveAuthKeyPair(ak).publicKey)).toBe(keys.authPublicKey);
    expect(toHex(deriveAccountItemKey(ak))).toBe(keys.accountItemKey);
    expect(toHex(deriveVerifiedMarkKey(ak))).toBe(keys.verifiedMarkKey);
    expect(toHex(deriveLocalKey(ak))).toBe(keys.localKey);
    for (const [month, key] of Object.entries(keys.monthKeys)) {
      expect(toHex(deriveMonthKey(fromHex(keys.categoryRoot), Number(month)))).toBe(key);
    }
    for (const [source, id] of Object.entries(keys.importEntryIds)) {
      expect(toHex(importEntryId(fromHex(keys.importKey), source))).toBe(id);
    }
  });

  test('kdf.json', () => {
    const params = kdf.kdf as KdfParams;
    const p = derivePassphraseKey(kdf.passphrase, params);
    expect(toHex(p)).toBe(kdf.passphraseKey);
    const secretKey = fromHex(kdf.secretKey);
    expect(formatSecretKey(secretKey)).toBe(kdf.secretKeyFormatted);
    expect(toHex(parseSecretKey(kdf.secretKeyFormatted))).toBe(kdf.secretKey);
    expect(toHex(deriveKek(kdf.accountId, p, secretKey))).toBe(kdf.kek);
    const ak = openPassphraseSlot(kdf.slot as PassphraseSlot, { accountId: kdf.accountId, passphraseKey: p, secretKey });
    expect(toHex(ak)).toBe(kdf.accountKey);
    expect(formatRecoveryCode(fromHex(kdf.recoveryCode))).toBe(kdf.recoveryCodeWords);
    expect(toHex(parseRecoveryCode(kdf.recoveryCodeWords))).toBe(kdf.recoveryCode);
  });

  test('statement.json', () => {
    expect(canonicalText(statement.value)).toBe(statement.canonical);
    const identity = signingKeyPairFromSeed(fromHex(statement.identitySeed));
    const signed = signStatement(statement.context, statement.value, identity.secretKey);
    expect(toHex(signed.payload)).toBe(statement.payload);
    expect(toHex(signed.signature)).toBe(statement.signature);
    expect(toHex(statementHash(signed))).toBe(statement.hash);
    expect(openStatement(statement.context, signed, identity.publicKey)).toEqual(statement.value);
  });

  test('envelope.json', () => {
    const device = signingKeyPairFromSeed(fromHex(envelope.deviceSeed));
    expect(toHex(device.publicKey)).toBe(envelope.devicePublicKey);
    const monthKey = deriveMonthKey(fromHex(envelope.categoryRoot), envelope.month);
    expect(toHex(monthKey)).toBe(envelope.monthKey);
    const inner = envelope.inner as EnvelopeInner;
    const sealed = sealEnvelopeForVectors(
      {
        vault: fromHex(envelope.vault),
        collection: fromHex(envelope.collection),
        entry: fromHex(envelope.entry),
        epoch: envelope.epoch,
        month: envelope.month,
        signer: { deviceId: fromHex(envelope.deviceId), secretKey: device.secretKey },
        monthKey,
        inner,
        content: utf8(envelope.content),
      },
      fromHex(envelope.entryKey),
      fromHex(envelope.wrapNonce),
      fromHex(envelope.bodyNonce),
    );
    expect(toHex(sealed)).toBe(envelope.envelope);
    expect(toHex(envelopeHash(sealed))).toBe(envelope.envelopeHash);
    const parsed = parseEnvelope(fromHex(envelope.envelope));
    expect(toHex(verifiedMark(fromHex(envelope.verifiedMarkKey), parsed))).toBe(envelope.verifiedMark);
    const opened = openEnvelope(verifyEnvelope(parsed, device.publicKey), monthKey, {
      account: inner.author.account,
      category: 'summary',
    });
    expect(opened).toEqual({ inner, content: utf8(envelope.content) });
  });
});
