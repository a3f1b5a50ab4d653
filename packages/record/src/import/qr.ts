/**
 * The text of SMART Health Card QR codes: `shc:/` followed by the JWS in numeric mode (each
 * character as two digits, its code minus 45). A large card may be split over several codes,
 * `shc:/1/3/…`, `shc:/2/3/…`, `shc:/3/3/…` (a deprecated form that older cards still use); all
 * parts must be given together, one per line, in any order.
 */
import { ImportError } from './errors.ts';

const WHOLE = /^shc:\/(\d+)$/;
const PART = /^shc:\/(\d+)\/(\d+)\/(\d+)$/;

/** True when the text looks like QR code content of a health card. */
export function isHealthCardQrText(text: string): boolean {
  return /^\s*shc:\//i.test(text);
}

function decodeNumeric(digits: string): string {
  if (digits.length % 2 !== 0) {
    throw new ImportError('truncated', 'The text of this health card QR code is cut short. Scan the code again and import the new text.');
  }
  let out = '';
  for (let i = 0; i < digits.length; i += 2) {
    const value = Number(digits.slice(i, i + 2));
    if (value > 77) throw new ImportError('not-fhir', 'The text of this health card QR code is damaged. Scan the code again.');
    out += String.fromCharCode(value + 45);
  }
  return out;
}

/**
 * The compact JWS of each card in the QR text (one card, or several, each whole or in parts).
 *
 * @throws ImportError `truncated` when a part is missing or cut short; `not-fhir` when the text is damaged
 */
export function healthCardsFromQrText(text: string): string[] {
  const lines = text
    .split(/\s+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const cards: string[] = [];
  const parts = new Map<number, string>();
  let partCount: number | undefined;
  for (const line of lines) {
    const lower = line.startsWith('SHC:/') ? `shc:/${line.slice(5)}` : line;
    const whole = WHOLE.exec(lower);
    if (whole) {
      cards.push(decodeNumeric(whole[1] as string));
      continue;
    }
    const part = PART.exec(lower);
    if (!part) throw new ImportError('not-fhir', 'This text is not the content of a SMART Health Card QR code. Scan the code again.');
    const index = Number(part[1]);
    const total = Number(part[2]);
    if (partCount !== undefined && total !== partCount) {
      throw new ImportError('not-fhir', 'These QR code parts belong to different health cards. Import the parts of one card together.');
    }
    if (index < 1 || index > total || (parts.has(index) && parts.get(index) !== part[3])) {
      throw new ImportError('not-fhir', 'These QR code parts do not fit together. Scan all parts of the card again.');
    }
    partCount = total;
    parts.set(index, part[3] as string);
  }
  if (partCount !== undefined) {
    const missing: number[] = [];
    let digits = '';
    for (let i = 1; i <= partCount; i += 1) {
      const part = parts.get(i);
      if (part === undefined) missing.push(i);
      else digits += part;
    }
    if (missing.length > 0) {
      throw new ImportError(
        'truncated',
        `This health card is split over ${partCount} QR codes and part ${missing.join(', ')} of ${partCount} is missing. Scan all ${partCount} codes and import them together.`,
      );
    }
    cards.push(decodeNumeric(digits));
  }
  return cards;
}
