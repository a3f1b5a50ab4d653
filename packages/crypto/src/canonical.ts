/**
 * Canonical JSON: the one byte encoding of every structured value Carekey signs, MACs, encrypts
 * as an inner payload or binds as associated data.
 *
 * A restricted subset of RFC 8785 (JCS): objects with keys sorted by UTF-16 code units, no
 * whitespace, strings as JSON.stringify writes them, and only safe integers as numbers (no
 * floats, so there is no number-formatting ambiguity at all). Byte strings travel as base64url.
 *
 * Decoding is strict: the input must be exactly the canonical encoding of what it parses to.
 * That single rule rejects duplicate keys, unsorted keys, whitespace, floats and other
 * malleability before any signature or decryption depends on the value.
 */
import { fromUtf8, utf8 } from './bytes.ts';
import { IntegrityError } from './errors.ts';

/** Values that canonical JSON can represent. */
export type CanonicalValue =
  string | number | boolean | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue | undefined };

function encodeValue(value: unknown, path: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`canonical JSON allows only safe integers (at ${path})`);
      }
      return String(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ',') + encodeValue(value[i], path);
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`canonical JSON allows only plain objects (at ${path})`);
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue; // an absent optional field
        out += `${first ? '' : ','}${JSON.stringify(key)}:${encodeValue(item, path)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot encode ${typeof value} (at ${path})`);
  }
}

/**
 * Encodes a value as canonical JSON text. Properties whose value is `undefined` are omitted.
 *
 * @example
 * canonicalText({ b: 1, a: 'x' }) // '{"a":"x","b":1}'
 */
export function canonicalText(value: unknown): string {
  return encodeValue(value, '$');
}

/** Encodes a value as canonical JSON bytes (UTF-8). */
export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalText(value));
}

/**
 * Decodes canonical JSON bytes, rejecting anything that is not exactly canonical with an
 * {@link IntegrityError} of reason `malformed`.
 */
export function decodeCanonical(bytes: Uint8Array, what: string): unknown {
  let text: string;
  let value: unknown;
  try {
    text = fromUtf8(bytes);
    value = JSON.parse(text);
  } catch (cause) {
    throw new IntegrityError('malformed', `${what} is not valid JSON`, { cause });
  }
  let again: string;
  try {
    again = canonicalText(value);
  } catch (cause) {
    throw new IntegrityError('malformed', `${what} holds a value canonical JSON does not allow`, {
      cause,
    });
  }
  if (again !== text) throw new IntegrityError('malformed', `${what} is not in canonical form`);
  return value;
}
