import { beforeAll, describe, expect, test } from 'vitest';
import { ready, sodium } from './sodium.ts';
import {
  HEADER_LENGTH,
  MAX_ENVELOPE_LENGTH,
  SIGNATURE_LENGTH,
  WRAPPED_KEY_LENGTH,
  acceptVerifiedMark,
  envelopeHash,
  openEnvelope,
  parseEnvelope,
  sealEnvelope,
  splitPlaintext,
  verifiedMark,
  verifyEnvelope,
  type EnvelopeInner,
  type OpenedEnvelope,
} from './envelope.ts';
import { IntegrityError, type IntegrityReason } from './errors.ts';
import { concatBytes, contextBytes, toHex, u32, utf8 } from './bytes.ts';
import { generateSigningKeyPair, type SigningKeyPair } from './signing.ts';
import { deriveMonthKey, generateCategoryRoot } from './vault-keys.ts';
import { randomBytes, randomId } from './random.ts';
import { canonicalBytes } from './canonical.ts';
import { CTX_ENTRY_SIG } from './contexts.ts';

beforeAll(ready);

interface Fixture {
  device: SigningKeyPair;
  deviceId: Uint8Array;
  monthKey: Uint8Array;
  bytes: Uint8Array;
  inner: EnvelopeInner;
  content: Uint8Array;
}

function makeFixture(resource = '{"resourceType":"AllergyIntolerance","code":{"text":"Penicillin"}}'): Fixture {
  const device = generateSigningKeyPair();
  const deviceId = randomId();
  const monthKey = deriveMonthKey(generateCategoryRoot(), 202611);
  const inner: EnvelopeInner = {
    v: 1,
    kind: 'create',
    category: 'summary',
    author: { account: 'ALICE', device: toHex(deviceId) },
  };
  const content = utf8(resource);
  const bytes = sealEnvelope({
    vault: randomId(),
    collection: randomId(),
    entry: randomId(),
    epoch: 1,
    month: 202611,
    signer: { deviceId, secretKey: device.secretKey },
    monthKey,
    inner,
    content,
  });
  return { device, deviceId, monthKey, bytes, inner, content };
}

function readAll(f: Fixture, bytes = f.bytes, key = f.monthKey): OpenedEnvelope {
  return openEnvelope(verifyEnvelope(parseEnvelope(bytes), f.device.publicKey), key, {
    account: 'ALICE',
    category: 'summary',
  });
}

function reasonOf(run: () => unknown): IntegrityReason | 'accepted' {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof IntegrityError) return error.reason;
    throw error;
  }
}

describe('envelope', () => {
  test('seals and opens', () => {
    const f = makeFixture();
    expect(readAll(f)).toEqual({ inner: f.inner, content: f.content });
  });

  test('an empty payload (a retraction) round trips', () => {
    const f = makeFixture('');
    expect(readAll(f).content).toEqual(new Uint8Array(0));
  });

  test('a meta length pointing past the plaintext is malformed, not a crash', () => {
    const plain = concatBytes(u32(100), utf8('{"v":1}'));
    expect(reasonOf(() => splitPlaintext(plain))).toBe('malformed');
    expect(reasonOf(() => splitPlaintext(new Uint8Array(3)))).toBe('malformed');
    expect(splitPlaintext(concatBytes(u32(2), utf8('{}'), utf8('x')))).toEqual({ meta: utf8('{}'), content: utf8('x') });
  });

  test('the body is padded to 256-byte blocks, so sizes leak only coarsely', () => {
    const short = makeFixture('{"a":"b"}');
    const longer = makeFixture(`{"a":"${'x'.repeat(40)}"}`);
    expect(short.bytes.length).toBe(longer.bytes.length);
    expect(short.bytes.length).toBe(HEADER_LENGTH + WRAPPED_KEY_LENGTH + 256 + 16 + SIGNATURE_LENGTH);
  });

  test('no plaintext appears in the envelope', () => {
    const f = makeFixture();
    const text = Array.from(f.bytes, (b) => String.fromCharCode(b)).join('');
    expect(text).not.toContain('Penicillin');
    expect(text).not.toContain('ALICE');
    expect(text).not.toContain('summary');
  });

  // Which check must catch a flipped bit at each byte offset of the envelope.
  function expectedReason(offset: number, length: number): IntegrityReason {
    if (offset < 3) return 'malformed'; // magic
    if (offset === 3) return 'unsupported-version';
    if (offset === 4) return 'unsupported-suite';
    if (offset >= 125 && offset < 129) return 'malformed'; // body length no longer matches
    void length;
    return 'signature';
  }

  test('flipping any bit of header, wrapped key, body, tag or signature is an IntegrityError', () => {
    const f = makeFixture();
    const seen = new Set<string>();
    for (let offset = 0; offset < f.bytes.length; offset += 1) {
      const tampered = f.bytes.slice();
      tampered[offset] = (tampered[offset] ?? 0) ^ 0x01;
      const reason = reasonOf(() => readAll(f, tampered));
      // Epoch 1 → 0 and an impossible month are structural; every other flip breaks the signature.
      const structural = (offset === 56 || (offset >= 57 && offset < 61)) && reason === 'malformed';
      if (!structural) expect([offset, reason]).toEqual([offset, expectedReason(offset, f.bytes.length)]);
      seen.add(reason);
    }
    expect(seen).toEqual(new Set(['malformed', 'unsupported-version', 'unsupported-suite', 'signature']));
  });

  test.each([
    ['truncated by one byte', (b: Uint8Array) => b.subarray(0, b.length - 1)],
    ['truncated to the header', (b: Uint8Array) => b.subarray(0, HEADER_LENGTH)],
    ['empty', () => new Uint8Array(0)],
    ['with a trailing byte', (b: Uint8Array) => concatBytes(b, new Uint8Array([0]))],
    ['oversized', () => new Uint8Array(MAX_ENVELOPE_LENGTH + 1)],
  ])('refuses an envelope %s before any cryptography', (_name, change) => {
    const f = makeFixture();
    expect(reasonOf(() => parseEnvelope(change(f.bytes)))).toBe('malformed');
  });

  test('refuses an unknown version and suite with a typed reason', () => {
    const f = makeFixture();
    const v2 = f.bytes.slice();
    v2[3] = 2;
    expect(reasonOf(() => parseEnvelope(v2))).toBe('unsupported-version');
    const s9 = f.bytes.slice();
    s9[4] = 9;
    expect(reasonOf(() => parseEnvelope(s9))).toBe('unsupported-suite');
  });

  test('a wrong month key is one uniform decrypt error', () => {
    const f = makeFixture();
    expect(reasonOf(() => readAll(f, f.bytes, deriveMonthKey(generateCategoryRoot(), 202611)))).toBe('decrypt');
    expect(reasonOf(() => readAll(f, f.bytes, randomBytes(32)))).toBe('decrypt');
  });

  test('a wrong signer key is refused before decryption', () => {
    const f = makeFixture();
    const other = generateSigningKeyPair();
    expect(reasonOf(() => verifyEnvelope(parseEnvelope(f.bytes), other.publicKey))).toBe('signature');
  });

  test('the header is bound by associated data even when re-signed by the signer', () => {
    // A signer (or whoever holds its key) moving a sealed entry to another collection cannot
    // make it open there: the wrapped key and the body are bound to the original header.
    const f = makeFixture();
    const moved = f.bytes.slice();
    moved.set(randomId(), 21); // collection
    const header = moved.subarray(0, HEADER_LENGTH);
    const wrapped = moved.subarray(HEADER_LENGTH, HEADER_LENGTH + WRAPPED_KEY_LENGTH);
    const body = moved.subarray(HEADER_LENGTH + WRAPPED_KEY_LENGTH, moved.length - SIGNATURE_LENGTH);
    const sig = sodium().crypto_sign_detached(
      concatBytes(contextBytes(CTX_ENTRY_SIG), header, wrapped, sodium().crypto_generichash(32, body, null)),
      f.device.secretKey,
    );
    moved.set(sig, moved.length - SIGNATURE_LENGTH);
    expect(reasonOf(() => readAll(f, moved))).toBe('decrypt');
  });

  test('the inner author and category must match the signer and the collection', () => {
    const f = makeFixture();
    const verified = verifyEnvelope(parseEnvelope(f.bytes), f.device.publicKey);
    expect(reasonOf(() => openEnvelope(verified, f.monthKey, { account: 'MALLORY', category: 'summary' }))).toBe('author-mismatch');
    expect(reasonOf(() => openEnvelope(verified, f.monthKey, { account: 'ALICE', category: 'mental-health' }))).toBe('category-mismatch');
  });

  test('an inner payload naming another device than the signer is refused', () => {
    const device = generateSigningKeyPair();
    const deviceId = randomId();
    const monthKey = deriveMonthKey(generateCategoryRoot(), 202611);
    expect(() =>
      sealEnvelope({
        vault: randomId(),
        collection: randomId(),
        entry: randomId(),
        epoch: 1,
        month: 202611,
        signer: { deviceId, secretKey: device.secretKey },
        monthKey,
        inner: { v: 1, category: 'summary', author: { account: 'A', device: toHex(randomId()) } },
        content: new Uint8Array(0),
      }),
    ).toThrow(RangeError);
  });

  test('a verified mark stands in for the signature and catches local tampering', () => {
    const f = makeFixture();
    const markKey = randomBytes(32);
    const parsed = parseEnvelope(f.bytes);
    const mark = verifiedMark(markKey, parsed);
    const verified = acceptVerifiedMark(parsed, mark, markKey);
    expect(openEnvelope(verified, f.monthKey, { account: 'ALICE', category: 'summary' }).inner).toEqual(f.inner);
    expect(reasonOf(() => acceptVerifiedMark(parsed, mark, randomBytes(32)))).toBe('verified-mark');
    const tampered = f.bytes.slice();
    tampered[200] = (tampered[200] ?? 0) ^ 1;
    expect(reasonOf(() => acceptVerifiedMark(parseEnvelope(tampered), mark, markKey))).toBe('verified-mark');
  });

  test('envelope hashes are 32 bytes and differ per envelope', () => {
    const a = makeFixture();
    const b = makeFixture();
    expect(envelopeHash(a.bytes)).toHaveLength(32);
    expect(toHex(envelopeHash(a.bytes))).not.toBe(toHex(envelopeHash(b.bytes)));
  });

  test('two seals of the same entry never share a nonce or entry key', () => {
    const f = makeFixture();
    const seen = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const bytes = sealEnvelope({
        vault: new Uint8Array(16),
        collection: new Uint8Array(16),
        entry: new Uint8Array(16),
        epoch: 1,
        month: 202611,
        signer: { deviceId: f.deviceId, secretKey: f.device.secretKey },
        monthKey: f.monthKey,
        inner: f.inner,
        content: f.content,
      });
      const parsed = parseEnvelope(bytes);
      seen.add(toHex(parsed.header.wrapNonce));
      seen.add(toHex(parsed.header.bodyNonce));
      seen.add(toHex(parsed.wrappedKey));
    }
    expect(seen.size).toBe(150);
  });

  test('canonical inner encoding is what gets sealed', () => {
    expect(canonicalBytes({ b: 1, a: 2 })).toEqual(utf8('{"a":2,"b":1}'));
    expect(u32(1)).toHaveLength(4);
  });
});
