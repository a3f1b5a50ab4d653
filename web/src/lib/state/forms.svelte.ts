/**
 * What the "add your own" forms share: reading numbers and dates as people type them on a
 * phone, the plain messages for what is wrong with them, and which parts of the record to share
 * or print. Pure functions; the forms save through `carekey.addOwn`.
 */
import { CATEGORIES, SPECIAL_CATEGORIES, isCategory, type Category } from '@carekey/client';

/** Who wrote an entry (the patient), as the record's builders take it. */
export interface Writer {
  readonly name: string;
}

/** A number as typed on a phone ("72.5", "72,5", " 72 "), or undefined when it is not one. */
export function parseNumber(value: string): number | undefined {
  const text = value.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$|^-?\.\d+$/.test(text)) return undefined;
  return Number(text);
}

/** What is wrong with a typed measurement, in plain words, or undefined when it is fine. */
export function numberError(
  value: string,
  limits: { what: string; min: number; max: number; unit: string; example: string },
): string | undefined {
  if (!value.trim()) return `Enter ${limits.what}.`;
  const n = parseNumber(value);
  if (n === undefined) return `Enter ${limits.what} as a number, like ${limits.example}.`;
  if (n < limits.min || n > limits.max)
    return `That doesn't look right: it should be between ${limits.min} and ${limits.max} ${limits.unit}.`;
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as a `datetime-local` value in this phone's time zone ("2026-11-24T09:30"). */
export function localInput(ms: number): string {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value read once, not state
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today on this phone as YYYY-MM-DD (for file names). */
export function localDay(ms: number): string {
  return localInput(ms).slice(0, 10);
}

/** A `datetime-local` value as a Date (local time), or undefined when it is not a real moment. */
export function fromLocalInput(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value read once, not state
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * What is wrong with a date-time, in plain words: missing, not a date, or (for something that
 * has happened) in the future, with a minute's grace for the clock.
 */
export function whenError(value: string, nowMs: number, past: boolean): string | undefined {
  if (!value) return 'Enter the date and time.';
  const date = fromLocalInput(value);
  if (!date) return 'Enter a real date and time.';
  if (past && date.getTime() > nowMs + 60_000) return "The date and time can't be in the future.";
  return undefined;
}

/** The parts chosen at first for sharing or printing: every part except the special ones. */
export function defaultCategories(): Category[] {
  return CATEGORIES.filter((c) => !SPECIAL_CATEGORIES.includes(c));
}

/** Categories from a URL parameter ("summary,results"), unknown names ignored; undefined when none. */
export function categoriesFromParam(param: string | null): Category[] | undefined {
  const chosen = (param ?? '').split(',').filter(isCategory);
  return chosen.length ? CATEGORIES.filter((c) => chosen.includes(c)) : undefined;
}
