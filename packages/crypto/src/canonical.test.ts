import { beforeAll, describe, expect, test } from 'vitest';
import { ready } from './sodium.ts';
import { canonicalBytes, canonicalText, decodeCanonical } from './canonical.ts';
import { utf8 } from './bytes.ts';
import { IntegrityError } from './errors.ts';

beforeAll(ready);

describe('canonical JSON', () => {
  test('sorts keys, drops undefined and writes no whitespace', () => {
    expect(canonicalText({ b: 1, a: 'x', c: [true, null, { z: 1, y: 2 }], d: undefined })).toBe(
      '{"a":"x","b":1,"c":[true,null,{"y":2,"z":1}]}',
    );
  });

  test('sorts by UTF-16 code units', () => {
    expect(canonicalText({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":3,"z":2,"é":1}');
  });

  test('refuses floats, big numbers and non-plain objects', () => {
    expect(() => canonicalText({ a: 1.5 })).toThrow(TypeError);
    expect(() => canonicalText({ a: 2 ** 60 })).toThrow(TypeError);
    expect(() => canonicalText({ a: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalText({ a: NaN })).toThrow(TypeError);
  });

  test('round trips', () => {
    const value = { name: 'Ángela', list: [1, 2, 3], nested: { ok: true } };
    expect(decodeCanonical(canonicalBytes(value), 'test')).toEqual(value);
  });

  test.each([
    ['duplicate keys', '{"a":1,"a":2}'],
    ['unsorted keys', '{"b":1,"a":2}'],
    ['whitespace', '{"a": 1}'],
    ['a float', '{"a":1.5}'],
    ['an exponent', '{"a":1e3}'],
    ['a trailing newline', '{"a":1}\n'],
    ['not JSON', '{"a":'],
    ['an escaped form that is not the canonical one', '{"a":"\\u0041"}'],
  ])('rejects %s with IntegrityError(malformed)', (_name, text) => {
    try {
      decodeCanonical(utf8(text), 'test');
      expect.fail('accepted non-canonical input');
    } catch (error) {
      expect(error).toBeInstanceOf(IntegrityError);
      expect((error as IntegrityError).reason).toBe('malformed');
    }
  });
});
