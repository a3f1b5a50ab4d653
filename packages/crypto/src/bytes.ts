/**
 * Byte helpers: concatenation, fixed-width integers, text and the encodings Carekey uses on
 * the wire (base64url without padding, lowercase hex, Crockford base32 for IDs people type).
 */
import { sodium } from './sodium.ts';
import { FormatError } from './errors.ts';

/** Concatenates byte arrays into one new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Constant-time equality of two byte arrays (false when lengths differ). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && sodium().memcmp(a, b);
}

// This package compiles without DOM or Node types; these are the platform text codecs it uses.
declare class TextEncoder {
  encode(text: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label: string, options: { fatal: boolean });
  decode(bytes: Uint8Array): string;
}
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 encoding of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** UTF-8 decoding; rejects invalid UTF-8 with a TypeError. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** A context string as bytes followed by a zero byte, so no context is a prefix of another's input. */
export function contextBytes(context: string): Uint8Array {
  return concatBytes(utf8(context), new Uint8Array([0]));
}

/** Unsigned 32-bit big-endian. */
export function u32(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`u32 out of range: ${value}`);
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, false);
  return out;
}

/** Reads an unsigned 32-bit big-endian integer at `offset`. */
export function readU32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, false);
}

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  const s = sodium();
  return s.to_base64(bytes, s.base64_variants.URLSAFE_NO_PADDING);
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes base64url without padding; throws {@link FormatError} on anything else. */
export function fromBase64Url(text: string, field = 'base64'): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1) {
    throw new FormatError(field, `${field} is not base64url`);
  }
  const s = sodium();
  try {
    return s.from_base64(text, s.base64_variants.URLSAFE_NO_PADDING);
  } catch (cause) {
    throw new FormatError(field, `${field} is not base64url: ${String(cause)}`);
  }
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hexadecimal. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX_DIGITS[byte];
  return out;
}

const HEX = /^(?:[0-9a-f]{2})*$/;

/** Decodes lowercase hexadecimal; throws {@link FormatError} on anything else. */
export function fromHex(text: string, field = 'hex'): Uint8Array {
  if (!HEX.test(text)) throw new FormatError(field, `${field} is not lowercase hex`);
  return sodium().from_hex(text);
}

// Crockford's base32: no I, L, O or U, so what people read aloud or copy by hand survives.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Crockford base32, uppercase, no padding. */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes Crockford base32 leniently, as people type it: case-insensitive, spaces and dashes
 * ignored, I and L read as 1, O as 0. `byteLength` is the exact length expected.
 */
export function fromBase32(text: string, byteLength: number, field: string): Uint8Array {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  const expectedChars = Math.ceil((byteLength * 8) / 5);
  if (cleaned.length !== expectedChars) {
    throw new FormatError(field, `${field} should be ${expectedChars} characters long`);
  }
  const out = new Uint8Array(byteLength);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of cleaned) {
    const value = CROCKFORD.indexOf(char);
    if (value < 0) throw new FormatError(field, `${field} contains a character that cannot be in it`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      if (index < byteLength) out[index] = (buffer >>> (bits - 8)) & 0xff;
      index += 1;
      bits -= 8;
      buffer &= (1 << bits) - 1;
    }
  }
  // The unused low bits of the last character must be zero, so each value has one spelling.
  if (buffer !== 0) throw new FormatError(field, `${field} is not valid`);
  return out;
}
