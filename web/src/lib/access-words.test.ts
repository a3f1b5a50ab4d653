import { describe, expect, test } from 'vitest';
import type { AccessLogEntry } from '@carekey/client';
import {
  accessEndedLabel,
  accessEndedWords,
  accessLogLines,
  accessLogWords,
  accountQrText,
  emergencyLabel,
  endMonthChoices,
  groupDigits,
  nhsNumberOf,
  parseAccountQr,
  partsWords,
  safetyDigits,
  safetyNumberError,
  untilWords,
  waitWords,
  whenWords,
} from './access-words.ts';

const DIGITS = '123451234512345123451234512345123451234512345123451234512345';
const ACCOUNT = '01JD7Q2X8R4M6N9P3T5V7W9Y1Z';

function logEntry(overrides: Partial<AccessLogEntry>): AccessLogEntry {
  return { at: 0, kind: 'fetch', who: 'Dr Patel', account: ACCOUNT, grantId: 'g', categories: [], count: 0, reason: null, ...overrides };
}

describe('safety numbers', () => {
  test('spaces, dashes and line breaks are ignored; only 60 digits will do', () => {
    expect(safetyDigits(groupDigits(DIGITS))).toBe(DIGITS);
    expect(safetyDigits('12345-12345\n12345')).toBe('123451234512345');
    expect(safetyNumberError(groupDigits(DIGITS))).toBeUndefined();
    expect(safetyNumberError('')).toBe('Enter their safety number.');
    expect(safetyNumberError('12345 1234O')).toBe('A safety number is only digits (spaces are fine).');
    expect(safetyNumberError(DIGITS.slice(0, 55))).toBe('A safety number has 60 digits. This has 55.');
  });

  test('shown in twelve groups of five', () => {
    expect(groupDigits(DIGITS).split(' ')).toHaveLength(12);
    expect(groupDigits(DIGITS)).toMatch(/^(\d{5} ){11}\d{5}$/);
  });
});

describe("an account's QR code", () => {
  test('reads back the account ID and safety number it was made from', () => {
    expect(accountQrText(ACCOUNT, DIGITS)).toBe(`carekey:account:${ACCOUNT}:${DIGITS}`);
    expect(parseAccountQr(accountQrText(ACCOUNT, DIGITS))).toEqual({ accountId: ACCOUNT, fingerprint: DIGITS });
    // A reader may hand back a trailing line break.
    expect(parseAccountQr(`${accountQrText(ACCOUNT, DIGITS)}\n`)).toEqual({ accountId: ACCOUNT, fingerprint: DIGITS });
  });

  test("anything else is not an account's code", () => {
    for (const junk of [
      '',
      'https://example.org/',
      'carekey:account:',
      `carekey:account:${ACCOUNT}`,
      `carekey:account:${ACCOUNT}:${DIGITS.slice(0, 59)}`,
      `carekey:account:${ACCOUNT}:${DIGITS}0`,
      `carekey:account:${ACCOUNT}:${DIGITS.slice(0, 59)}x`,
      `carekey:account:${ACCOUNT.slice(1)}:${DIGITS}`,
      `carekey:account:${ACCOUNT.toLowerCase()}:${DIGITS}`,
      `carekey:account:${ACCOUNT.replace('1', 'I')}:${DIGITS}`,
      `carekey:account:${ACCOUNT}:${DIGITS}:extra`,
      `carekey:share:${ACCOUNT}:${DIGITS}`,
      `xcarekey:account:${ACCOUNT}:${DIGITS}`,
      `carekey:account:${ACCOUNT}:${groupDigits(DIGITS)}`,
    ]) {
      expect(parseAccountQr(junk), JSON.stringify(junk)).toBeUndefined();
    }
  });
});

describe('when access ends', () => {
  test('at the end of a month, said as the month (by the record clock, UTC)', () => {
    expect(untilWords(Date.UTC(2027, 3, 1) - 1)).toBe('until the end of March 2027');
  });

  test('the choices start with this month and end at its last moment', () => {
    const choices = endMonthChoices(Date.UTC(2026, 10, 24, 14, 2), 4);
    expect(choices.map((c) => c.label)).toEqual(['November 2026', 'December 2026', 'January 2027', 'February 2027']);
    expect(choices[2]).toEqual({ value: '2027-01', label: 'January 2027', until: Date.UTC(2027, 1, 1) - 1 });
  });
});

describe('who has looked', () => {
  test('each kind of event reads as a sentence', () => {
    expect(accessLogWords(logEntry({ kind: 'fetch', categories: ['results'] }))).toBe('Dr Patel viewed Results');
    expect(accessLogWords(logEntry({ kind: 'write', categories: ['results'], count: 1 }))).toBe('Dr Patel added 1 entry to Results');
    expect(accessLogWords(logEntry({ kind: 'refused', reason: 'grant revoked' }))).toBe('Dr Patel was refused: access stopped');
    expect(accessLogWords(logEntry({ kind: 'refused', reason: 'something new' }))).toBe('Dr Patel was refused: not allowed');
    expect(accessLogWords(logEntry({ kind: 'refused', reason: 'a grantee tried to remove envelopes' }))).toBe(
      'Dr Patel was refused: tried to delete entries',
    );
    // The relay held their writes while the patient's phone was stopping their access.
    expect(accessLogWords(logEntry({ kind: 'refused', reason: 'write while their access was being changed' }))).toBe(
      'Dr Patel was refused: tried to add while you were stopping their access',
    );
    expect(accessLogWords(logEntry({ kind: 'grant-issued', categories: ['results', 'summary'] }))).toBe(
      'You gave Dr Patel access to Results and Summary',
    );
    expect(accessLogWords(logEntry({ kind: 'grant-revoked' }))).toBe("You stopped Dr Patel's access");
    expect(accessLogWords(logEntry({ kind: 'emergency-requested' }))).toBe('Dr Patel asked for emergency access');
    expect(accessLogWords(logEntry({ kind: 'emergency-refused' }))).toBe("You refused Dr Patel's emergency access");
    expect(accessLogWords(logEntry({ kind: 'link-opened', who: 'Someone with your link', account: null }))).toBe(
      'Someone opened your share link',
    );
  });

  test('the same view repeated within a minute is one line with a count; additions are never merged', () => {
    const minute = Date.UTC(2026, 10, 24, 14, 2);
    const lines = accessLogLines([
      logEntry({ at: minute + 50_000, categories: ['results'] }),
      logEntry({ at: minute + 10_000, categories: ['results'] }),
      logEntry({ at: minute + 5_000, kind: 'write', categories: ['results'], count: 1 }),
      logEntry({ at: minute + 4_000, kind: 'write', categories: ['results'], count: 1 }),
      logEntry({ at: minute - 1_000, categories: ['results'] }),
    ]);
    expect(lines.map((l) => [l.words, l.times, l.at])).toEqual([
      ['Dr Patel viewed Results', 2, minute + 50_000],
      ['Dr Patel added 1 entry to Results', 1, minute + 5_000],
      ['Dr Patel added 1 entry to Results', 1, minute + 4_000],
      ['Dr Patel viewed Results', 1, minute - 1_000],
    ]);
  });

  test('someone the patient gave no name is named by their account ID, grouped', () => {
    expect(accessLogWords(logEntry({ who: ACCOUNT, categories: ['summary'] }))).toBe(
      'Account 01JD7Q-2X8R4-M6N9P-3T5V7-W9Y1Z viewed Summary',
    );
  });

  test('times say the day and minute, and the year only when it is not this one', () => {
    const at = new Date(2026, 10, 24, 14, 2).getTime();
    expect(whenWords(at, at)).toBe('24 Nov, 14:02');
    expect(whenWords(at, new Date(2027, 0, 2).getTime())).toBe('24 Nov 2026, 14:02');
  });

  test('parts of the record are listed in words', () => {
    expect(partsWords([])).toBe('your record');
    expect(partsWords(['results', 'summary', 'encounters'])).toBe('Results, Summary and Visits');
  });
});

test('the NHS number is found among the identifiers and spaced 3-3-4', () => {
  expect(nhsNumberOf([{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }])).toBe('943 476 5919');
  expect(nhsNumberOf([{ system: 'urn:oid:hospital', value: 'H123' }])).toBeUndefined();
});

describe('emergency contacts', () => {
  test('a waiting period reads in the largest whole unit', () => {
    expect(waitWords(12)).toBe('12 hours');
    expect(waitWords(24)).toBe('1 day');
    expect(waitWords(48)).toBe('2 days');
    expect(waitWords(168)).toBe('1 week');
    expect(waitWords(36)).toBe('36 hours');
    expect(emergencyLabel(48)).toBe('Emergency contact — waits 2 days');
  });
});

describe('access that has ended, for the person it was shared with', () => {
  const endOfMarch = Date.UTC(2027, 3, 1) - 1;

  test('passed its end: says when', () => {
    expect(accessEndedWords('Eluned Parry', 'expired', endOfMarch)).toBe(
      "Your access to Eluned Parry's record ended at the end of March 2027.",
    );
    expect(accessEndedLabel('expired', endOfMarch)).toBe('Ended at the end of March 2027');
  });

  test('stopped before its end: says who stopped it', () => {
    expect(accessEndedWords('Eluned Parry', 'stopped', endOfMarch)).toBe('Eluned Parry stopped sharing their record with you.');
    expect(accessEndedLabel('stopped', endOfMarch)).toBe('They stopped sharing it');
  });

  test('not known: says both', () => {
    expect(accessEndedWords(undefined, 'unknown', null)).toBe(
      'The person has stopped sharing their record with you, or the time they shared it for has passed.',
    );
    expect(accessEndedWords(undefined, 'expired', endOfMarch)).toBe('Your access to this record ended at the end of March 2027.');
    expect(accessEndedWords('Eluned Parry', 'expired', null)).toMatch(/^Eluned Parry has stopped sharing/);
    expect(accessEndedLabel('unknown', null)).toBe('Access ended');
  });
});
