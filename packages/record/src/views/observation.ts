/**
 * Reading an Observation's value, reference range and interpretation (FHIR R4 §Observation),
 * shared by the plain-language details and the result series.
 */
import {
  SNOMED,
  UCUM,
  V3_INTERPRETATION,
  codings,
  conceptText,
  list,
  obj,
  objects,
  quantityOf,
  str,
  type JsonObject,
} from './fhir-read.ts';
import { plainDate, plainNumber, plainPeriod, plainQuantity, quantityUnit, type FormatOptions } from './format.ts';
import { convertUnit, parseUcum } from './units.ts';

/** An observed value (of an Observation or of one of its components). */
export interface ObservedValue {
  /** The number, for a Quantity or integer value. */
  readonly number: number | undefined;
  /** The UCUM code of the number's unit, when known. */
  readonly ucum: string | undefined;
  /** The unit as a person reads it. */
  readonly unit: string | undefined;
  /** The whole value as a person reads it: "6.3 mmol/L", "Positive", "Yes". */
  readonly text: string;
}

/**
 * The UCUM code of a quantity's unit: its code when the code is UCUM (or the system is not
 * said), else its unit text when that happens to be valid UCUM ("mmol/L" written as text with a
 * SNOMED CT unit code, as some UK systems do).
 */
export function ucumCode(q: {
  readonly code: string | undefined;
  readonly system: string | undefined;
  readonly unit: string | undefined;
}): string | undefined {
  if (q.code && (q.system === undefined || q.system === UCUM)) return q.code;
  if (q.unit && parseUcum(q.unit)) return q.unit;
  return undefined;
}

/**
 * The value of an Observation or component (`value[x]`), or undefined when there is none (see
 * {@link absentReason}).
 */
export function observedValue(holder: JsonObject, options: FormatOptions = {}): ObservedValue | undefined {
  const quantity = quantityOf(holder.valueQuantity);
  if (quantity) {
    return { number: quantity.value, ucum: ucumCode(quantity), unit: quantityUnit(quantity), text: plainQuantity(quantity) };
  }
  const none = { number: undefined, ucum: undefined, unit: undefined };
  if (typeof holder.valueInteger === 'number') return { ...none, number: holder.valueInteger, text: String(holder.valueInteger) };
  const concept = conceptText(holder.valueCodeableConcept);
  if (concept) return { ...none, text: concept };
  const string = str(holder.valueString);
  if (string) return { ...none, text: string };
  if (typeof holder.valueBoolean === 'boolean') return { ...none, text: holder.valueBoolean ? 'Yes' : 'No' };
  const range = obj(holder.valueRange);
  if (range) {
    const low = quantityOf(range.low);
    const high = quantityOf(range.high);
    const text =
      low && high
        ? `${plainQuantity(low)} to ${plainQuantity(high)}`
        : low
          ? `At least ${plainQuantity(low)}`
          : high
            ? `Up to ${plainQuantity(high)}`
            : undefined;
    if (text) return { ...none, text };
  }
  const ratio = obj(holder.valueRatio);
  if (ratio) {
    const n = quantityOf(ratio.numerator);
    const d = quantityOf(ratio.denominator);
    if (n && d) return { ...none, text: `${plainQuantity(n)} : ${plainQuantity(d)}` };
  }
  const dateTime = str(holder.valueDateTime);
  if (dateTime) return { ...none, text: plainDate(dateTime, options) };
  const period = obj(holder.valuePeriod);
  const periodText = period ? plainPeriod(str(period.start), str(period.end), options) : undefined;
  if (periodText) return { ...none, text: periodText };
  const time = str(holder.valueTime);
  if (time) return { ...none, text: time.slice(0, 5) };
  if (obj(holder.valueSampledData)) return { ...none, text: 'A series of measurements (not shown here)' };
  return undefined;
}

/** Why a value is missing (`dataAbsentReason`), in the source's words. */
export function absentReason(holder: JsonObject): string | undefined {
  return conceptText(holder.dataAbsentReason);
}

/** A reference range as read. */
export interface RangeValue {
  readonly low: number | undefined;
  readonly high: number | undefined;
  /** The UCUM code of the limits' unit, when given. */
  readonly ucum: string | undefined;
  readonly text: string | undefined;
}

/**
 * The normal range of an Observation or component: the range with no `type` or of type
 * `normal` (others, such as therapeutic or treatment ranges, only when nothing else is given).
 */
export function referenceRange(holder: JsonObject): RangeValue | undefined {
  const ranges = objects(holder.referenceRange);
  const normal = ranges.find((r) => r.type === undefined || codings(r.type).some((c) => c.code === 'normal')) ?? ranges[0];
  if (!normal) return undefined;
  const low = quantityOf(normal.low);
  const high = quantityOf(normal.high);
  const text = str(normal.text);
  if (!low && !high && !text) return undefined;
  const unitOf = low ?? high;
  return { low: low?.value, high: high?.value, ucum: unitOf ? ucumCode(unitOf) : undefined, text };
}

/**
 * A range with its limits expressed in `ucum` (the value's unit) when they were given in another
 * convertible unit; limits that cannot be converted are dropped (the text stays), so a value is
 * never compared with a limit in another unit.
 */
export function rangeInUnit(range: RangeValue, ucum: string | undefined): RangeValue {
  if (!range.ucum || !ucum || range.ucum === ucum) return range;
  const from = range.ucum;
  const convert = (n: number | undefined) => (n === undefined ? undefined : convertUnit(n, from, ucum));
  return { low: convert(range.low), high: convert(range.high), ucum, text: range.text };
}

/** A normal range in words: "35 to 50 g/L", "Up to 4.5 mmol/L", or the range's own text. */
export function plainRange(range: RangeValue, unit: string | undefined): string | undefined {
  const withUnit = (n: number) => (unit ? (unit === '%' ? `${plainNumber(n)}%` : `${plainNumber(n)} ${unit}`) : plainNumber(n));
  if (range.low !== undefined && range.high !== undefined) {
    return unit && unit !== '%'
      ? `${plainNumber(range.low)} to ${plainNumber(range.high)} ${unit}`
      : `${withUnit(range.low)} to ${withUnit(range.high)}`;
  }
  if (range.high !== undefined) return `Up to ${withUnit(range.high)}`;
  if (range.low !== undefined) return `At least ${withUnit(range.low)}`;
  return range.text;
}

/** An interpretation flag in plain words. */
export interface InterpretationValue {
  readonly words: string;
  /** True when the flag says the value is outside the normal range or abnormal. */
  readonly abnormal: boolean;
}

const V3_WORDS: Readonly<Record<string, readonly [string, boolean]>> = {
  H: ['High', true],
  HH: ['Very high', true],
  HU: ['Very high', true],
  L: ['Low', true],
  LL: ['Very low', true],
  LU: ['Very low', true],
  A: ['Abnormal', true],
  AA: ['Very abnormal', true],
  '>': ['Above what the test can measure', true],
  '<': ['Below what the test can measure', true],
  N: ['Normal', false],
  POS: ['Positive', false],
  NEG: ['Negative', false],
  DET: ['Detected', false],
  ND: ['Not detected', false],
  IND: ['Not clear (indeterminate)', false],
  E: ['Not clear (equivocal)', false],
  S: ['Susceptible', false],
  R: ['Resistant', false],
  I: ['Intermediate', false],
  NS: ['Not susceptible', false],
  W: ['Worse', false],
  B: ['Better', false],
  U: ['Gone up a lot', false],
  D: ['Gone down a lot', false],
};

const SNOMED_WORDS: Readonly<Record<string, readonly [string, boolean]>> = {
  '281302008': ['Above the normal range', true],
  '281300000': ['Below the normal range', true],
  '281301001': ['Within the normal range', false],
  '263654008': ['Abnormal', true],
  '17621005': ['Normal', false],
};

/** The interpretation of an Observation or component (`interpretation`), in plain words. */
export function interpretation(holder: JsonObject): InterpretationValue | undefined {
  const concepts = list(holder.interpretation);
  for (const concept of concepts) {
    for (const c of codings(concept)) {
      if (!c.code) continue;
      const known =
        c.system === SNOMED
          ? SNOMED_WORDS[c.code]
          : c.system === V3_INTERPRETATION || c.system === undefined || c.system.endsWith('/v2-0078')
            ? V3_WORDS[c.code]
            : undefined;
      if (known) return { words: known[0], abnormal: known[1] };
    }
  }
  for (const concept of concepts) {
    const text = conceptText(concept);
    if (text) return { words: text, abnormal: false };
  }
  return undefined;
}

/**
 * True when a value is out of range: its interpretation flags it (H, L, HH, LL, A, AA, …) or
 * the number lies outside the normal range's limits (limits themselves count as in range).
 */
export function isOutOfRange(value: number | undefined, range: RangeValue | undefined, flag: InterpretationValue | undefined): boolean {
  if (flag?.abnormal) return true;
  if (value === undefined || !range) return false;
  return (range.low !== undefined && value < range.low) || (range.high !== undefined && value > range.high);
}
