import { describe, expect, test } from 'vitest';
import {
  IntegrityError,
  deriveMonthKey,
  envelopeHash,
  generateCategoryRoot,
  generateSigningKeyPair,
  openEnvelope,
  parseEnvelope,
  randomBytes,
  randomId,
  ready,
  sealEnvelope,
  toBase64Url,
  toHex,
  verifyEnvelope,
  type EnvelopeInner,
  type OpenedEnvelope,
} from '@carekey/crypto';
import { canCarry, isReencryption, noteCarrier, sealReencryption, unwrapReencryption } from './reencryption.ts';

await ready();

const ACCOUNT = '0123456789ABCDEFGHJKMNPQRS';
const vault = randomId();
const collection = randomId();
const device = generateSigningKeyPair();
const deviceId = randomId();
const signer = { account: ACCOUNT, deviceId, deviceHex: toHex(deviceId), secretKey: device.secretKey };
const oldRoot = generateCategoryRoot();
const newRoot = generateCategoryRoot();

function original(options: { entry?: Uint8Array; month?: number; epoch?: number; content?: Uint8Array } = {}): Uint8Array {
  const month = options.month ?? 202611;
  const inner: EnvelopeInner = { v: 1, category: 'mental-health', author: { account: ACCOUNT, device: toHex(deviceId) } };
  return sealEnvelope({
    vault,
    collection,
    entry: options.entry ?? randomId(),
    epoch: options.epoch ?? 1,
    month,
    signer: { deviceId, secretKey: device.secretKey },
    monthKey: deriveMonthKey(options.epoch === 2 ? newRoot : oldRoot, month),
    inner,
    content: options.content ?? new TextEncoder().encode('{"resourceType":"Condition","code":{"text":"Depression"}}'),
  });
}

function carry(bytes: Uint8Array, epoch = 2): Uint8Array {
  const parsed = parseEnvelope(bytes);
  const carried = sealReencryption({
    original: parsed,
    hash: toBase64Url(envelopeHash(bytes)),
    epoch,
    monthKey: deriveMonthKey(newRoot, parsed.header.month),
    category: 'mental-health',
    signer,
  });
  if (!carried) throw new Error('too large');
  return carried;
}

function openOuter(bytes: Uint8Array): { parsed: ReturnType<typeof parseEnvelope>; opened: OpenedEnvelope } {
  const parsed = parseEnvelope(bytes);
  const verified = verifyEnvelope(parsed, device.publicKey);
  const opened = openEnvelope(verified, deriveMonthKey(newRoot, parsed.header.month), { account: ACCOUNT, category: 'mental-health' });
  return { parsed, opened };
}

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(IntegrityError);
    return (error as IntegrityError).reason;
  }
  throw new Error('expected a failure');
}

describe('re-encryption envelopes', () => {
  test('carry the original byte for byte under the new epoch, with the same clear place', () => {
    const bytes = original();
    const outer = carry(bytes);
    const { parsed, opened } = openOuter(outer);
    expect(parsed.header.epoch).toBe(2);
    expect(parsed.header.month).toBe(202611);
    expect(toHex(parsed.header.entry)).toBe(toHex(parseEnvelope(bytes).header.entry));
    expect(isReencryption(opened)).toBe(true);
    const unwrapped = unwrapReencryption(parsed, opened);
    expect(unwrapped.bytes).toEqual(bytes);
    expect(unwrapped.hash).toBe(toBase64Url(envelopeHash(bytes)));
    // The old key no longer opens what the relay keeps.
    expect(
      reason(() =>
        openEnvelope(verifyEnvelope(parsed, device.publicKey), deriveMonthKey(oldRoot, 202611), {
          account: ACCOUNT,
          category: 'mental-health',
        }),
      ),
    ).toBe('decrypt');
  });

  test('an ordinary entry is not one', () => {
    const bytes = original();
    const parsed = parseEnvelope(bytes);
    const opened = openEnvelope(verifyEnvelope(parsed, device.publicKey), deriveMonthKey(oldRoot, 202611), {
      account: ACCOUNT,
      category: 'mental-health',
    });
    expect(isReencryption(opened)).toBe(false);
    expect(reason(() => unwrapReencryption(parsed, opened))).toBe('malformed');
  });

  test('refuses a carried envelope that is not the one named, or belongs to another place', () => {
    const bytes = original();
    const { parsed, opened } = openOuter(carry(bytes));
    // Another envelope than the one named (a relay or a bad device swapping contents).
    const swapped: OpenedEnvelope = { inner: opened.inner, content: original() };
    expect(reason(() => unwrapReencryption(parsed, swapped))).toBe('context-mismatch');

    // Named correctly, but for another entry, month or a later epoch than its carrier.
    for (const other of [original({ entry: randomId() }), original({ month: 202610 }), original({ epoch: 2 })]) {
      const inner = { ...opened.inner, original: toBase64Url(envelopeHash(other)) };
      expect(reason(() => unwrapReencryption(parsed, { inner, content: other }))).toBe('context-mismatch');
    }
    // Junk in the inner fields.
    expect(reason(() => unwrapReencryption(parsed, { inner: { ...opened.inner, extra: 1 }, content: bytes }))).toBe('malformed');
  });

  test('an original too large to carry is left alone', () => {
    const big = original({ content: randomBytes(1024 * 1024 - 600) });
    const parsed = parseEnvelope(big);
    expect(canCarry(parsed, 'mental-health')).toBe(false);
    expect(canCarry(parseEnvelope(original({ content: randomBytes(960 * 1024) })), 'mental-health')).toBe(true);
    expect(
      sealReencryption({
        original: parsed,
        hash: toBase64Url(envelopeHash(big)),
        epoch: 2,
        monthKey: deriveMonthKey(newRoot, 202611),
        category: 'mental-health',
        signer,
      }),
    ).toBeNull();
  });
});

describe('what a device notes of re-encrypted originals', () => {
  const [o, c2, c2b, c3] = ['o', 'c2', 'c2b', 'c3'].map((n) => n.padEnd(43, 'x')) as [string, string, string, string];

  test('the first carrier leaves the original to delete', () => {
    expect(noteCarrier(o, undefined, { wrapper: c2, epoch: 2, mine: true })).toEqual({
      wrapper: c2,
      epoch: 2,
      pending: [o],
      mine: true,
      twins: [],
    });
  });

  test('a later carrier makes the one before, its twins and anything not yet deleted pending', () => {
    const first = noteCarrier(o, undefined, { wrapper: c2, epoch: 2, mine: false });
    const twin = noteCarrier(o, first, { wrapper: c2b, epoch: 2, mine: true });
    expect(twin).toEqual({ ...first, twins: [c2b] });
    const later = noteCarrier(o, twin, { wrapper: c3, epoch: 3, mine: true });
    expect(later).toEqual({ wrapper: c3, epoch: 3, pending: [o, c2, c2b], mine: true, twins: [] });
    // Done at epoch 2 already: only the carriers are left.
    const done = { ...first, pending: [] };
    expect(noteCarrier(o, done, { wrapper: c3, epoch: 3, mine: true }).pending).toEqual([o, c2]);
  });

  test('the same carrier again changes nothing; an older one turning up is pending', () => {
    const now = noteCarrier(o, undefined, { wrapper: c3, epoch: 3, mine: true });
    expect(noteCarrier(o, now, { wrapper: c3, epoch: 3, mine: false })).toBe(now);
    expect(noteCarrier(o, { ...now, pending: [] }, { wrapper: c2, epoch: 2, mine: false }).pending).toEqual([c2]);
  });
});
