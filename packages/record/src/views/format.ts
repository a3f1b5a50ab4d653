/**
 * Dates, numbers and quantities in the words and forms a UK patient reads: "10 March 2015",
 * "March 2015", "6.3 mmol/L", "3.6 KB". Deterministic: a FHIR date is shown at the precision it
 * was written with, and a date-time in the zone offset it was written with unless a time zone
 * is asked for, so the same record reads the same on every device.
 */
import { UCUM, type QuantityValue } from './fhir-read.ts';
import { datePrecision, fhirInstant } from './dates.ts';
import { parseUcum, readableUnit } from './units.ts';

/** How dates are shown. */
export interface FormatOptions {
  /**
   * An IANA time zone (such as `Europe/London`) to show date-times in. Without one, a date-time
   * is shown at the clock time it was written with (its own zone offset).
   */
  readonly timeZone?: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const DATE_PARTS = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?/;

function inZone(instant: number, timeZone: string): { day: string; month: string; year: string; time: string } | undefined {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(instant));
  } catch (error) {
    // An unknown time zone name: fall back to the time as written rather than fail to show it.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: part('day'), month: part('month'), year: part('year'), time: `${part('hour')}:${part('minute')}` };
}

/**
 * A FHIR date or date-time in plain UK English, at the precision it was written with. Text that
 * is not a FHIR date is returned unchanged (never a wrong date).
 *
 * @example
 * plainDate('2015') // '2015'
 * plainDate('2015-03') // 'March 2015'
 * plainDate('2015-03-10') // '10 March 2015'
 * plainDate('2015-03-10T09:15:00+01:00') // '10 March 2015, 09:15'
 * plainDate('2026-07-01T22:30:00Z', { timeZone: 'Europe/London' }) // '1 July 2026, 23:30'
 */
export function plainDate(value: string, options: FormatOptions = {}): string {
  const precision = datePrecision(value);
  const m = DATE_PARTS.exec(value.trim());
  if (!precision || !m) return value;
  const [, year, month, day, hour, minute] = m;
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  if (precision === 'year') return year ?? value;
  if (precision === 'month') return `${monthName ?? month} ${year}`;
  if (precision === 'day') return `${Number(day)} ${monthName ?? month} ${year}`;
  const instant = fhirInstant(value);
  const zoned = options.timeZone !== undefined && instant !== undefined ? inZone(instant, options.timeZone) : undefined;
  if (zoned) return `${zoned.day} ${zoned.month} ${zoned.year}, ${zoned.time}`;
  return `${Number(day)} ${monthName ?? month} ${year}, ${hour}:${minute}`;
}

/**
 * A period in plain words: "10 December 2019 to 11 December 2019", "from 3 May 2020",
 * "until June 2021"; undefined when it has neither end.
 */
export function plainPeriod(start: string | undefined, end: string | undefined, options: FormatOptions = {}): string | undefined {
  if (start && end) {
    const a = plainDate(start, options);
    const b = plainDate(end, options);
    if (a === b) return a;
    // Same day with times: "10 December 2019, 13:00 to 14:30".
    const day = a.split(', ')[0] ?? a;
    if (a.includes(', ') && b.startsWith(`${day}, `)) return `${a} to ${b.slice(day.length + 2)}`;
    return `${a} to ${b}`;
  }
  if (start) return `From ${plainDate(start, options)}`;
  if (end) return `Until ${plainDate(end, options)}`;
  return undefined;
}

/**
 * A measured number as people read it: at most four significant figures for fractions (a
 * Synthea blood pressure of 115.1638411661998 reads "115.2"), whole numbers in full.
 */
export function plainNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 1000) return String(Math.round(value));
  return String(Number(value.toPrecision(4)));
}

/**
 * The unit of a quantity as a person reads it: the readable form of its UCUM code when it has
 * one ("mmHg" rather than "millimeter of mercury"), else the unit text as written.
 */
export function quantityUnit(q: Pick<QuantityValue, 'unit' | 'code' | 'system'>): string | undefined {
  const ucum = q.code && (q.system === undefined || q.system === UCUM) ? q.code : q.unit && parseUcum(q.unit) ? q.unit : undefined;
  if (ucum && parseUcum(ucum)) {
    const readable = readableUnit(ucum);
    if (readable !== '') return readable;
    // A unit of "1" or an annotation ("{score}"): the text may still say something ("tablet").
    return q.unit && q.unit !== ucum && !q.unit.startsWith('{') ? q.unit : undefined;
  }
  return q.unit ?? q.code;
}

/** A quantity in plain words: "6.3 mmol/L", "<5 mg/L", "7.5%", "120". */
export function plainQuantity(q: QuantityValue): string {
  const unit = quantityUnit(q);
  const number = `${q.comparator ?? ''}${plainNumber(q.value)}`;
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** A file size: "512 bytes", "3.6 KB", "1.2 MB". */
export function plainFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${plainNumber(Number((bytes / 1024).toFixed(1)))} KB`;
  return `${plainNumber(Number((bytes / (1024 * 1024)).toFixed(1)))} MB`;
}

/**
 * Text folded for matching: lower case, accents removed ("Ángela" → "angela"), runs of
 * spaces made one.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
