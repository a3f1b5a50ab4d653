import { beforeAll, describe, expect, test } from 'vitest';
import { ready } from './sodium.ts';
import { fromBase32, fromBase64Url, fromHex, toBase32, toBase64Url, toHex, readU32, u32 } from './bytes.ts';
import { FormatError } from './errors.ts';
import { randomBytes } from './random.ts';

beforeAll(ready);

describe('encodings', () => {
  test('base32 round trips at every length', () => {
    for (let length = 1; length <= 33; length += 1) {
      const bytes = randomBytes(length);
      expect(fromBase32(toBase32(bytes), length, 'x')).toEqual(bytes);
    }
  });

  test('base32 reads what people type', () => {
    const bytes = randomBytes(16);
    const text = toBase32(bytes);
    const typed = `${text.slice(0, 5).toLowerCase()} - ${text.slice(5)}`.replace(/1/g, 'l').replace(/0/g, 'o');
    expect(fromBase32(typed, 16, 'x')).toEqual(bytes);
  });

  test('base32 refuses wrong lengths, foreign characters and non-zero padding bits', () => {
    expect(() => fromBase32('ABC', 16, 'x')).toThrow(FormatError);
    expect(() => fromBase32('U'.repeat(26), 16, 'x')).toThrow(FormatError);
    // 16 bytes use 128 of 130 bits: the last character must end in two zero bits.
    const valid = toBase32(new Uint8Array(16));
    expect(() => fromBase32(`${valid.slice(0, 25)}1`, 16, 'x')).toThrow(FormatError);
  });

  test('base64url and hex round trip and refuse other alphabets', () => {
    const bytes = randomBytes(40);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(fromHex(toHex(bytes))).toEqual(bytes);
    expect(() => fromBase64Url('ab+/')).toThrow(FormatError);
    expect(() => fromBase64Url('abcd=')).toThrow(FormatError);
    expect(() => fromHex('ABCD')).toThrow(FormatError);
    expect(() => fromHex('abc')).toThrow(FormatError);
  });

  test('u32 is big-endian and range-checked', () => {
    expect(Array.from(u32(0x01020304))).toEqual([1, 2, 3, 4]);
    expect(readU32(u32(202611), 0)).toBe(202611);
    expect(() => u32(-1)).toThrow(RangeError);
    expect(() => u32(2 ** 32)).toThrow(RangeError);
  });
});

describe('random bytes', () => {
  test('never repeat and look uniform, from the pool and beyond it', async () => {
    const { randomBytes } = await import('./random.ts');
    const seen = new Set<string>();
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 2000; i += 1) {
      const bytes = randomBytes(i % 3 === 0 ? 300 : 24);
      seen.add(toHex(bytes));
      for (const b of bytes) counts[b] = (counts[b] ?? 0) + 1;
    }
    expect(seen.size).toBe(2000);
    const total = counts.reduce((a, b) => a + b, 0);
    // Every byte value appears, none wildly more than its share (a chi-square-free sanity check).
    for (const c of counts) expect(c).toBeGreaterThan(total / 256 / 2);
    expect(randomBytes(0)).toHaveLength(0);
    expect(randomBytes(70_000)).toHaveLength(70_000);
  });
});
