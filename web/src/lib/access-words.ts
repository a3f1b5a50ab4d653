/**
 * Giving and having access, in words a patient reads on a phone (DESIGN §4 "Identities",
 * "Grants", "Transparency"): safety numbers in groups of five, "until the end of March 2027",
 * the end months to choose from, and each line of "Who has looked". No "grant", "fingerprint"
 * or "vault" reaches the screen. Pure functions; the screens and state classes use them.
 */
import type { AccessLogEntry, Category, Role } from '@carekey/client';
import { CATEGORY_SHORT, count } from './plain-words.ts';
import { groupAccountId } from './emergency-kit.ts';

/** The safety number has 60 digits, read and compared in twelve groups of five. */
export const SAFETY_NUMBER_DIGITS = 60;

/** The digits of a safety number as typed: spaces, dashes and line breaks are ignored. */
export function safetyDigits(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** What is wrong with a typed safety number, or undefined when it has the right shape. */
export function safetyNumberError(typed: string): string | undefined {
  const digits = safetyDigits(typed);
  if (!digits) return 'Enter their safety number.';
  if (!/^\d+$/.test(digits)) return 'A safety number is only digits (spaces are fine).';
  if (digits.length !== SAFETY_NUMBER_DIGITS) {
    return `A safety number has ${SAFETY_NUMBER_DIGITS} digits. This has ${digits.length}.`;
  }
  return undefined;
}

/** "12345 67890 …": twelve groups of five, easy to read aloud and compare. */
export function groupDigits(digits: string): string {
  return (digits.match(/\d{1,5}/g) ?? []).join(' ');
}

const ACCOUNT_QR_PREFIX = 'carekey:account:';

/** What the account's QR code holds: the account ID and the safety number, for a camera. */
export function accountQrText(accountId: string, fingerprint: string): string {
  return `${ACCOUNT_QR_PREFIX}${accountId}:${fingerprint}`;
}

/** An account ID and safety number read from an account's QR code. */
export interface AccountQr {
  /** The 26 characters of the account ID, as the account shows them ungrouped. */
  readonly accountId: string;
  /** The 60 digits of the safety number, without spaces. */
  readonly fingerprint: string;
}

const ACCOUNT_QR = /^carekey:account:([0-9A-HJKMNP-TV-Z]{26}):(\d{60})$/;

/**
 * The inverse of {@link accountQrText}: the account ID and safety number a scanned QR code
 * holds, or undefined when it is not a Carekey account's code (a web address, a share link,
 * another app's code, a damaged read). Only the exact shape `accountQrText` writes is
 * accepted; the safety number is still compared by the client when access is given.
 *
 * @example
 * parseAccountQr(accountQrText(id, digits)); // { accountId: id, fingerprint: digits }
 * parseAccountQr('https://example.org'); // undefined
 */
export function parseAccountQr(text: string): AccountQr | undefined {
  const match = ACCOUNT_QR.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return { accountId: match[1], fingerprint: match[2] };
}

const MONTH_FORMAT = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The month access ends in, as "March 2027". Access always ends at the end of a month by the
 * record's clock (UTC), so the month is read in UTC too.
 */
export function monthWords(ms: number): string {
  return MONTH_FORMAT.format(ms);
}

/** "until the end of March 2027". */
export function untilWords(notAfter: number): string {
  return `until the end of ${monthWords(notAfter)}`;
}

/** Why access to a record shared with this account ended, as far as the phone can tell. */
export type EndedWhy = 'expired' | 'stopped' | 'unknown';

/**
 * Why a record shared with this account can no longer be read, in one sentence: "Your access to
 * Eluned Parry's record ended at the end of March 2027." `name` is whose it is, when known.
 */
export function accessEndedWords(name: string | undefined, why: EndedWhy, notAfter: number | null): string {
  if (why === 'expired' && notAfter !== null) {
    return `Your access to ${name ? `${name}'s record` : 'this record'} ended at the end of ${monthWords(notAfter)}.`;
  }
  if (why === 'stopped') return `${name ?? 'The person'} stopped sharing their record with you.`;
  return `${name ?? 'The person'} has stopped sharing their record with you, or the time they shared it for has passed.`;
}

/** The same, as a short label for a list: "Ended at the end of March 2027". */
export function accessEndedLabel(why: EndedWhy, notAfter: number | null): string {
  if (why === 'expired' && notAfter !== null) return `Ended at the end of ${monthWords(notAfter)}`;
  if (why === 'stopped') return 'They stopped sharing it';
  return 'Access ended';
}

/** A month access can be given until. */
export interface EndMonth {
  /** "2027-03", for a form's value. */
  readonly value: string;
  /** "March 2027". */
  readonly label: string;
  /** The last moment of the month (UTC), to hand to the client. */
  readonly until: number;
}

/** How far ahead the end month starts out. */
export const DEFAULT_END_MONTHS_AHEAD = 3;
/** How many months are offered (this one and the next 24). */
export const END_MONTH_CHOICES = 25;

/** This month and the months after it, each with its last moment. */
export function endMonthChoices(nowMs: number, choices = END_MONTH_CHOICES): EndMonth[] {
  const now = new Date(nowMs);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return Array.from({ length: choices }, (_, i) => {
    const start = Date.UTC(year, month + i, 1);
    const until = Date.UTC(year, month + i + 1, 1) - 1;
    const d = new Date(start);
    return {
      value: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`,
      label: monthWords(start),
      until,
    };
  });
}

/** "Results", "Results and Summary", "Results, Summary and Visits"; "your record" for none. */
export function partsWords(categories: readonly Category[]): string {
  const names = categories.map((c) => CATEGORY_SHORT[c]);
  if (names.length === 0) return 'your record';
  if (names.length === 1) return names[0] as string;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) as string}`;
}

/** How someone uses Carekey, as part of a sentence: "a clinician". */
export const ROLE_WORDS: Readonly<Record<Role, string>> = {
  patient: 'a patient',
  clinician: 'a clinician',
  carer: 'a carer',
};

/** A role as a label: "Clinician". */
export const ROLE_TITLES: Readonly<Record<Role, string>> = {
  patient: 'Patient',
  clinician: 'Clinician',
  carer: 'Carer',
};

/** "Can read" / "Can read and add". */
export function accessWords(access: 'read' | 'write'): string {
  return access === 'write' ? 'Can read and add' : 'Can read';
}

/** The relay's reasons for a refusal, in the patient's words. */
const REFUSALS: Readonly<Record<string, string>> = {
  'grant revoked': 'access stopped',
  'grant ended': 'access had ended',
  'write with a read-only grant': 'they can only read',
  'write to a collection not granted': "tried to add to a part they can't add to",
  'write to a month outside the grant': 'outside the time their access covers',
  'a grantee tried to change the control log': 'tried to change who has access',
  'a grantee tried to read the access log': 'tried to read this list',
  'a grantee tried to refuse emergency access': "tried to refuse an emergency request that wasn't theirs",
  'a grantee tried to remove envelopes': 'tried to delete entries',
  'write while their access was being changed': 'tried to add while you were stopping their access',
};

/** The person's name, or their account ID grouped for reading when the patient gave no name. */
function whoWords(entry: AccessLogEntry): string {
  if (entry.account !== null && entry.who === entry.account) return `Account ${groupAccountId(entry.account)}`;
  return entry.who;
}

/**
 * One line of "Who has looked", without its time: "Dr Patel viewed Results", "Someone opened
 * your share link", "Dr Patel was refused: access stopped".
 */
export function accessLogWords(entry: AccessLogEntry): string {
  const who = whoWords(entry);
  const parts = partsWords(entry.categories);
  switch (entry.kind) {
    case 'fetch':
      return `${who} viewed ${parts}`;
    case 'write':
      return `${who} added ${count(entry.count, 'entry', 'entries')} to ${parts}`;
    case 'refused':
      return `${who} was refused: ${(entry.reason && REFUSALS[entry.reason]) ?? 'not allowed'}`;
    case 'grant-issued':
      return `You gave ${who} access to ${parts}`;
    case 'grant-revoked':
      return `You stopped ${who}'s access`;
    case 'link-opened':
      return 'Someone opened your share link';
    case 'emergency-requested':
      return `${who} asked for emergency access`;
    case 'emergency-refused':
      return `You refused ${who}'s emergency access`;
    default:
      // A kind of event this version of the app does not know yet: say who, and no more.
      return `${who} did something with access to your record`;
  }
}

/** A line of "Who has looked": what happened, when (the newest of them), and how many times. */
export interface AccessLogLine {
  readonly kind: AccessLogEntry['kind'];
  readonly words: string;
  readonly at: number;
  readonly times: number;
}

/** Views, refusals and link opens that repeat within a minute read as one line. */
const REPEATABLE: ReadonlySet<AccessLogEntry['kind']> = new Set(['fetch', 'refused', 'link-opened']);

/**
 * The access log (newest first) as lines to read: opening a record fetches it in several
 * requests, so the same view repeated within the same minute is one line with a count.
 */
export function accessLogLines(entries: readonly AccessLogEntry[]): AccessLogLine[] {
  const lines: AccessLogLine[] = [];
  for (const entry of entries) {
    const words = accessLogWords(entry);
    const last = lines.at(-1);
    if (last && REPEATABLE.has(entry.kind) && last.words === words && Math.floor(last.at / 60_000) === Math.floor(entry.at / 60_000)) {
      lines[lines.length - 1] = { ...last, times: last.times + 1 };
    } else {
      lines.push({ kind: entry.kind, words, at: entry.at, times: 1 });
    }
  }
  return lines;
}

/** "24 Nov, 14:02" this year; "24 Nov 2025, 14:02" another year (in the phone's time zone). */
export function whenWords(at: number, nowMs: number): string {
  const sameYear = new Date(at).getFullYear() === new Date(nowMs).getFullYear();
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';

/** The NHS number among a person's identifiers, as "943 476 5919", when there is one. */
export function nhsNumberOf(identifiers: ReadonlyArray<{ readonly system: string; readonly value: string }>): string | undefined {
  const value = identifiers.find((i) => i.system === NHS_NUMBER)?.value.replace(/\s/g, '');
  if (!value) return undefined;
  return /^\d{10}$/.test(value) ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}` : value;
}

/** The waiting periods offered for an emergency contact, shortest first. */
export const EMERGENCY_WAITS: readonly number[] = [12, 24, 48, 72, 168];
/** The waiting period an emergency contact starts out with. */
export const DEFAULT_EMERGENCY_WAIT = 48;

/** A waiting period in words: "12 hours", "1 day", "2 days", "1 week". */
export function waitWords(hours: number): string {
  if (hours % 168 === 0) return count(hours / 168, 'week', 'weeks');
  if (hours % 24 === 0) return count(hours / 24, 'day', 'days');
  return count(hours, 'hour', 'hours');
}

/** How an emergency contact is labelled: "Emergency contact — waits 2 days". */
export function emergencyLabel(waitHours: number): string {
  return `Emergency contact — waits ${waitWords(waitHours)}`;
}

/** "Friday 27 November at 14:00" (in the phone's time zone), for when emergency access opens. */
export function openingWords(at: number): string {
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(at);
  return `${day} at ${time}`;
}
