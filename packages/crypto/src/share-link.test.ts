import { describe, expect, test } from 'vitest';
import vectors from '../test-vectors/share-link.json' with { type: 'json' };
import { ready } from './sodium.ts';
import { bytesEqual, fromHex, fromUtf8, toBase64Url, toHex, utf8 } from './bytes.ts';
import { IntegrityError } from './errors.ts';
import {
  deriveLinkPasscodeKey,
  linkAuthHash,
  linkContentKey,
  linkPasscodeKdf,
  openLinkPayload,
  sealLinkPayload,
  sealLinkPayloadWithNonce,
} from './share-link.ts';

await ready();

const reasonOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof IntegrityError) return error.reason;
    throw error;
  }
  return undefined;
};

const linkId = vectors.linkId;
const fragmentKey = fromHex(vectors.fragmentKey);
const p = fromHex(vectors.p);
const plaintext = utf8(vectors.plaintext);

describe('share-link known answers (test-vectors/share-link.json)', () => {
  test('the salt and parameters come from the link ID; p, the auth hash and the content key are fixed', () => {
    expect(linkPasscodeKdf(linkId)).toEqual(vectors.kdf);
    expect(toHex(deriveLinkPasscodeKey(vectors.passcode, linkId))).toBe(vectors.p);
    // NFKC: the decomposed spelling of the same passcode derives the same p.
    expect(toHex(deriveLinkPasscodeKey(vectors.passcode.normalize('NFD'), linkId))).toBe(vectors.p);
    expect(toHex(linkAuthHash(p))).toBe(vectors.authHash);
    expect(toHex(linkContentKey(fragmentKey, p))).toBe(vectors.contentKey);
    expect(toBase64Url(fragmentKey)).toBe(vectors.fragment);
  });

  test('sealed payloads are byte for byte the vectors and open to the plaintext', () => {
    const nonce = fromHex(vectors.nonce);
    const withKey = linkContentKey(fragmentKey, p);
    const withoutKey = linkContentKey(fragmentKey, null);
    expect(toHex(sealLinkPayloadWithNonce(withKey, linkId, plaintext, nonce))).toBe(vectors.sealedWithPasscode);
    expect(toHex(sealLinkPayloadWithNonce(withoutKey, linkId, plaintext, nonce))).toBe(vectors.sealedWithoutPasscode);
    expect(fromUtf8(openLinkPayload(withKey, linkId, fromHex(vectors.sealedWithPasscode)))).toBe(vectors.plaintext);
    expect(fromUtf8(openLinkPayload(withoutKey, linkId, fromHex(vectors.sealedWithoutPasscode)))).toBe(vectors.plaintext);
  });
});

describe('share-link payload', () => {
  const contentKey = linkContentKey(fragmentKey, p);
  const sealed = sealLinkPayload(contentKey, linkId, plaintext);

  test('a fresh nonce every time; padded to 256-byte blocks', () => {
    const again = sealLinkPayload(contentKey, linkId, plaintext);
    expect(bytesEqual(sealed.subarray(1, 25), again.subarray(1, 25))).toBe(false);
    expect((sealed.length - 1 - 24 - 16) % 256).toBe(0);
  });

  test('every changed byte is refused', () => {
    for (const offset of [0, 1, 24, 25, sealed.length - 1]) {
      const bent = sealed.slice();
      bent[offset]! ^= 0x01;
      expect(reasonOf(() => openLinkPayload(contentKey, linkId, bent))).toBe(offset === 0 ? 'unsupported-version' : 'decrypt');
    }
    expect(reasonOf(() => openLinkPayload(contentKey, linkId, sealed.subarray(0, 40)))).toBe('malformed');
  });

  test('a wrong fragment, a wrong passcode, no passcode, or another link ID: one uniform decrypt error', () => {
    const otherFragment = fragmentKey.slice();
    otherFragment[0]! ^= 0xff;
    const wrongP = deriveLinkPasscodeKey('not the passcode', linkId);
    expect(reasonOf(() => openLinkPayload(linkContentKey(otherFragment, p), linkId, sealed))).toBe('decrypt');
    expect(reasonOf(() => openLinkPayload(linkContentKey(fragmentKey, wrongP), linkId, sealed))).toBe('decrypt');
    expect(reasonOf(() => openLinkPayload(linkContentKey(fragmentKey, null), linkId, sealed))).toBe('decrypt');
    expect(reasonOf(() => openLinkPayload(contentKey, 'ff'.repeat(16), sealed))).toBe('decrypt');
    expect(toHex(linkAuthHash(wrongP))).not.toBe(vectors.authHash);
  });

  test('without the fragment, what the relay holds does not open: not with the auth hash, nor with p alone', () => {
    const authHash = linkAuthHash(p);
    for (const guess of [authHash, p, linkContentKey(authHash, null), linkContentKey(p, p), linkContentKey(authHash, p)]) {
      expect(reasonOf(() => openLinkPayload(guess, linkId, sealed))).toBe('decrypt');
    }
  });

  test('keys of the wrong length are bugs', () => {
    expect(() => linkContentKey(new Uint8Array(16), null)).toThrow(RangeError);
    expect(() => linkAuthHash(new Uint8Array(31))).toThrow(RangeError);
    expect(() => linkPasscodeKdf('abc')).toThrow();
  });
});
