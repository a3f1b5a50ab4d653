/**
 * Turning the bytes of a file into text, and text into JSON, with refusals a patient can act on:
 * too large, empty, not text, cut off.
 */
import { fromUtf8, utf8 } from '@carekey/crypto';
import { ImportError, MESSAGES } from './errors.ts';

/** The default largest file accepted: 64 MiB. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

const BOM = '\uFEFF';

/**
 * The text of a file given as bytes (UTF-8, with or without a byte order mark) or as a string.
 *
 * @throws ImportError `too-large`, `empty`, or `not-fhir` when the bytes are not UTF-8 text
 */
export function decodeInput(input: string | Uint8Array, maxBytes: number): string {
  let text: string;
  if (typeof input === 'string') {
    // A string's UTF-8 form has at least as many bytes as it has UTF-16 units, at most three times as many.
    if (input.length > maxBytes || (input.length * 3 > maxBytes && utf8(input).length > maxBytes)) {
      throw new ImportError('too-large', MESSAGES.tooLarge(maxBytes));
    }
    text = input;
  } else {
    if (input.byteLength > maxBytes) throw new ImportError('too-large', MESSAGES.tooLarge(maxBytes));
    try {
      text = fromUtf8(input);
    } catch (cause) {
      if (cause instanceof TypeError) throw new ImportError('not-fhir', MESSAGES.notText, { cause });
      throw cause;
    }
  }
  if (text.startsWith(BOM)) text = text.slice(1);
  if (text.trim() === '') throw new ImportError('empty', MESSAGES.empty);
  return text;
}

/** The outcome of parsing JSON text: the value, or that it is not JSON. */
export type JsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Parses JSON without throwing. */
export function tryParseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, error };
    throw error;
  }
}

/**
 * True when JSON text ends before its outermost object or array is closed (or inside a string):
 * the sign of a download cut short, rather than of a file that was never JSON. Error messages of
 * `JSON.parse` differ between browsers, so this looks at the text itself.
 */
export function looksTruncated(text: string): boolean {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth += 1;
    else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      if (depth === 0) return false; // closed: whatever is wrong, it is not a cut
    }
  }
  return depth > 0 || inString;
}
