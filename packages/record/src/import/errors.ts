/**
 * Why a whole file was refused. Each message is written for the patient: what went wrong and
 * what to do next, in plain words.
 */

/**
 * - `empty`: nothing in the file;
 * - `not-fhir`: readable, but not a health record Carekey understands;
 * - `truncated`: cut off before its end (an interrupted download, a missing QR part);
 * - `too-large`: over the size limit;
 * - `bad-signature`: a health card whose signature does not match its issuer's key, or that is damaged;
 * - `unsupported`: a known kind of file that cannot be imported as it is (an encrypted link file).
 */
export type ImportErrorCode = 'empty' | 'not-fhir' | 'truncated' | 'too-large' | 'bad-signature' | 'unsupported';

/**
 * The whole file was refused and nothing was imported.
 *
 * @example
 * try { await parseImport(bytes); }
 * catch (e) { if (e instanceof ImportError) show(e.message); else throw e; }
 */
export class ImportError extends Error {
  readonly code: ImportErrorCode;

  constructor(code: ImportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportError';
    this.code = code;
  }
}

/** A size in the units people use: "64 MB", "12 KB", "100 bytes". */
function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** The standard wording for each refusal; specific cases add their own. */
export const MESSAGES = {
  empty: 'This file is empty. Choose the file your GP or hospital gave you and try again.',
  notFhir:
    'This file is not a health record Carekey can read. Check that you chose the right file (a FHIR record, usually ending in .json), or ask your GP or hospital for a FHIR copy of your record.',
  notText: 'This file is not a text file, so it cannot be a FHIR health record. Check that you chose the right file.',
  truncated: 'This file stops before its end, perhaps because a download did not finish. Download it again and import the new copy.',
  tooLarge: (limit: number) =>
    `This file is larger than Carekey can import at once (${size(limit)}). Ask your GP or hospital for your record in smaller parts.`,
  badSignature:
    "This health card's signature does not match its issuer, so it may have been changed after it was issued. Nothing was imported. Ask the issuer for a new copy of the card.",
  damagedCard: 'This health card is damaged and cannot be read, so nothing was imported. Ask the issuer for a new copy of the card.',
} as const;
