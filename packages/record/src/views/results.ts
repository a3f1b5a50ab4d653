/**
 * Results and their trends (DESIGN §6, "Results with trend charts against reference ranges"):
 * every Observation grouped by test into a series of dated points, each with its normal range
 * and whether it is out of range; blood pressure as one series with two lines; DiagnosticReports
 * and panels as groups of their results; and the arrays a line chart (uPlot) draws.
 */
import type { Entry } from '../entry.ts';
import type { FhirResource } from '../fhir.ts';
import { clinicalDate, fhirInstant } from './dates.ts';
import { LOINC, codeIn, codings, conceptText, list, objects, referenceOf, str, type Coding, type JsonObject } from './fhir-read.ts';
import { foldText, plainNumber, type FormatOptions } from './format.ts';
import {
  absentReason,
  interpretation,
  isOutOfRange,
  observedValue,
  plainRange,
  rangeInUnit,
  referenceRange,
  type RangeValue,
} from './observation.ts';
import { partOf } from './parts.ts';
import { entryLookup, followReference, type ResolveReference } from './references.ts';
import { bloodPressureHalf, isBloodPressurePanel, plainTestName } from './test-names.ts';
import { convertUnit, convertible, readableUnit } from './units.ts';

/** The series key of blood pressure, whichever panel code or pair of observations it came from. */
export const BLOOD_PRESSURE_KEY = 'loinc:85354-9';

/** One result of a test at one time. */
export interface ResultPoint {
  /** The entry it came from (for a result inside a report, the report's entry). */
  readonly entryId: string;
  /** Every entry that makes up the point (two for a blood pressure recorded as two observations). */
  readonly entryIds: readonly string[];
  /** When it was taken, as written (ISO 8601, possibly partial); undefined when the source gives no date. */
  readonly date: string | undefined;
  /** `date` as epoch milliseconds, for ordering and charts. */
  readonly time: number | undefined;
  /** The number, in the series' unit; for blood pressure the systolic. Undefined for a non-numeric result. */
  readonly value: number | undefined;
  /** The second line's number, in the series' unit: the diastolic of a blood pressure. */
  readonly value2: number | undefined;
  /** The series' unit as a person reads it. */
  readonly unit: string | undefined;
  /** The result as a person reads it: "142/94 mmHg", "6.3 mmol/L", "Positive", "No result: not performed". */
  readonly text: string;
  /** The value as the source gave it, when it was converted to the series' unit. */
  readonly original?: { readonly value: number; readonly unit: string };
  /** The normal range's lower limit, in the series' unit. */
  readonly low?: number;
  /** The normal range's upper limit, in the series' unit. */
  readonly high?: number;
  /** The normal range in words ("35 to 50 g/L", or the source's text). */
  readonly range?: string;
  /** The source's interpretation flag in plain words ("High", "Low", "Normal"). */
  readonly interpretation?: string;
  /** True when the interpretation flags it or the value lies outside the normal range. */
  readonly outOfRange: boolean;
}

/** All the results of one test (in one kind of unit), oldest first. */
export interface ResultSeries {
  /**
   * Stable key: `loinc:<code>` when the test has a LOINC code, else `text:<folded name>`. When
   * one test was reported in units that cannot be converted into each other (glucose in mmol/L
   * and mg/dL), each unit gets its own series keyed `<test key>|<UCUM unit>`.
   */
  readonly key: string;
  /** The test's key without the unit part. */
  readonly test: string;
  /** The test in plain words ("HbA1c (average blood sugar)", "Blood pressure"). */
  readonly name: string;
  /** The unit every numeric point is in, as a person reads it. */
  readonly unit: string | undefined;
  /** The same unit as a UCUM code, when known. */
  readonly ucum: string | undefined;
  /** The lines a chart draws: `['Systolic', 'Diastolic']` for blood pressure, else the test's name. */
  readonly lines: readonly string[];
  /** True when at least one point has a number (a chart can be drawn). */
  readonly numeric: boolean;
  /** Observation categories seen (`vital-signs`, `laboratory`, …). */
  readonly categories: readonly string[];
  /** Every coding seen for the test, for search. */
  readonly codes: readonly Coding[];
  /** The points, oldest first; points without a date last. */
  readonly points: readonly ResultPoint[];
  /** The most recent dated point (else the last one). */
  readonly latest: ResultPoint | undefined;
  /** The normal range shared by every point that has one, when they all agree. */
  readonly low?: number;
  readonly high?: number;
  readonly range?: string;
}

/** Options for building result views. */
export interface ResultOptions extends FormatOptions {
  /** Follows references (DiagnosticReport.result); defaults to an index over the given entries. */
  readonly resolve?: ResolveReference;
}

/** The series key of a test code: its LOINC code, else its text. */
export function testKey(code: unknown): string | undefined {
  if (isBloodPressurePanel(code)) return BLOOD_PRESSURE_KEY;
  const loinc = codeIn(code, LOINC);
  if (loinc) return `loinc:${loinc}`;
  const text = conceptText(code);
  if (text) return `text:${foldText(text)}`;
  const first = codings(code).find((c) => c.code);
  return first ? `code:${first.system ?? ''}|${first.code ?? ''}` : undefined;
}

/** A raw reading before it is placed in a series. */
interface Reading {
  readonly test: string;
  readonly name: string;
  readonly twoLines: boolean;
  readonly entryIds: string[];
  readonly date: string | undefined;
  readonly time: number | undefined;
  readonly value: number | undefined;
  readonly value2: number | undefined;
  readonly ucum: string | undefined;
  readonly unitText: string | undefined;
  readonly text: string;
  readonly range: RangeValue | undefined;
  readonly flag: ReturnType<typeof interpretation>;
  readonly categories: readonly string[];
  readonly codes: readonly Coding[];
}

const SKIPPED_STATUSES = new Set(['entered-in-error', 'cancelled']);

function categoriesOf(o: JsonObject): string[] {
  return list(o.category).flatMap((c) => codings(c).map((coding) => coding.code ?? coding.display ?? ''));
}

function resultDate(o: JsonObject): string | undefined {
  return clinicalDate(o as FhirResource);
}

/** The readings one Observation yields: itself, its components, or a blood pressure pair. */
function readingsOf(o: JsonObject, entryId: string, options: FormatOptions, fallbackDate?: string): Reading[] {
  if (SKIPPED_STATUSES.has(str(o.status) ?? '')) return [];
  // A result inside a report often has no date of its own: it was taken when the report says.
  const date = resultDate(o) ?? fallbackDate;
  const time = fhirInstant(date);
  const categories = categoriesOf(o);
  const base = { entryIds: [entryId], date, time, categories };
  const components = objects(o.component);
  const systolic = components.find((c) => bloodPressureHalf(c.code) === 'systolic');
  const diastolic = components.find((c) => bloodPressureHalf(c.code) === 'diastolic');
  const out: Reading[] = [];

  if (systolic || diastolic || isBloodPressurePanel(o.code)) {
    const s = systolic ? observedValue(systolic, options) : undefined;
    const d = diastolic ? observedValue(diastolic, options) : undefined;
    const ucum = s?.ucum ?? d?.ucum;
    const unit = s?.unit ?? d?.unit;
    const pair =
      s?.number !== undefined && d?.number !== undefined
        ? `${plainNumber(s.number)}/${plainNumber(d.number)}${unit ? ` ${unit}` : ''}`
        : undefined;
    const text = pair ?? s?.text ?? d?.text ?? (absentReason(o) ? `No result: ${absentReason(o)}` : undefined);
    const flags = [interpretation(o), systolic ? interpretation(systolic) : undefined, diastolic ? interpretation(diastolic) : undefined];
    if (text) {
      out.push({
        ...base,
        test: testKey(o.code) ?? BLOOD_PRESSURE_KEY,
        name: isBloodPressurePanel(o.code) ? 'Blood pressure' : (plainTestName(o.code) ?? 'Blood pressure'),
        twoLines: true,
        value: s?.number,
        value2: d?.number,
        ucum,
        unitText: unit,
        text,
        range: undefined,
        flag: flags.find((f) => f?.abnormal) ?? flags.find((f) => f !== undefined),
        codes: [...codings(o.code), ...(systolic ? codings(systolic.code) : []), ...(diastolic ? codings(diastolic.code) : [])],
      });
    }
    return out;
  }

  const half = components.length === 0 ? bloodPressureHalf(o.code) : undefined;
  const value = observedValue(o, options);
  const absent = absentReason(o);
  if (half && value?.number !== undefined) {
    // One half of a blood pressure recorded on its own: paired with the other half later.
    out.push({
      ...base,
      test: BLOOD_PRESSURE_KEY,
      name: 'Blood pressure',
      twoLines: true,
      value: half === 'systolic' ? value.number : undefined,
      value2: half === 'diastolic' ? value.number : undefined,
      ucum: value.ucum,
      unitText: value.unit,
      text: value.text,
      range: undefined,
      flag: interpretation(o),
      codes: codings(o.code),
    });
    return out;
  }

  const key = testKey(o.code);
  if (key && (value || absent)) {
    out.push({
      ...base,
      test: key,
      name: plainTestName(o.code) ?? 'Result',
      twoLines: false,
      value: value?.number,
      value2: undefined,
      ucum: value?.ucum,
      unitText: value?.unit,
      text: value?.text ?? `No result: ${absent ?? 'not given'}`,
      range: referenceRange(o),
      flag: interpretation(o),
      codes: codings(o.code),
    });
  }
  for (const component of components) {
    const componentKey = testKey(component.code);
    const componentValue = observedValue(component, options);
    if (!componentKey || !componentValue) continue;
    out.push({
      ...base,
      test: componentKey,
      name: plainTestName(component.code) ?? 'Result',
      twoLines: false,
      value: componentValue.number,
      value2: undefined,
      ucum: componentValue.ucum,
      unitText: componentValue.unit,
      text: componentValue.text,
      range: referenceRange(component),
      flag: interpretation(component),
      codes: codings(component.code),
    });
  }
  return out;
}

/** Pairs separately recorded systolic and diastolic readings taken at the same moment. */
function pairHalves(readings: Reading[]): Reading[] {
  const halves = readings.filter((r) => r.test === BLOOD_PRESSURE_KEY && (r.value === undefined) !== (r.value2 === undefined));
  if (halves.length === 0) return readings;
  const rest = readings.filter((r) => !halves.includes(r));
  const byMoment = new Map<string, Reading[]>();
  for (const half of halves) {
    const moment = half.time !== undefined ? String(half.time) : `undated:${half.entryIds[0] ?? ''}`;
    byMoment.set(moment, [...(byMoment.get(moment) ?? []), half]);
  }
  for (const group of byMoment.values()) {
    const systolic = group.filter((h) => h.value !== undefined);
    const diastolic = group.filter((h) => h.value2 !== undefined);
    const pairs = Math.min(systolic.length, diastolic.length);
    for (let i = 0; i < pairs; i += 1) {
      const s = systolic[i] as Reading;
      const d = diastolic[i] as Reading;
      const unit = s.unitText ?? d.unitText;
      rest.push({
        ...s,
        entryIds: [...s.entryIds, ...d.entryIds],
        value2: d.value2,
        text: `${plainNumber(s.value ?? 0)}/${plainNumber(d.value2 ?? 0)}${unit ? ` ${unit}` : ''}`,
        flag: s.flag?.abnormal ? s.flag : (d.flag ?? s.flag),
        codes: [...s.codes, ...d.codes],
      });
    }
    // A half without its partner is still shown, on its own line.
    rest.push(...systolic.slice(pairs), ...diastolic.slice(pairs));
  }
  return rest;
}

/** The Observations inside a DiagnosticReport (`contained`, referenced from `result`). */
function containedResults(report: FhirResource): JsonObject[] {
  return list((report as JsonObject).result)
    .map((ref) => followReference(report, ref))
    .filter((found): found is FhirResource => found?.resourceType === 'Observation');
}

function allReadings(entries: readonly Entry[], options: FormatOptions): Reading[] {
  const readings: Reading[] = [];
  for (const entry of entries) {
    // A diary note or symptom is the patient's words, not a test: it lives in notes, not in trends.
    if (entry.resource.resourceType === 'Observation' && partOf(entry.resource) !== 'notes') {
      readings.push(...readingsOf(entry.resource, entry.entryId, options));
    }
    if (entry.resource.resourceType === 'DiagnosticReport') {
      const reportDate = clinicalDate(entry.resource);
      for (const o of containedResults(entry.resource)) readings.push(...readingsOf(o, entry.entryId, options, reportDate));
    }
  }
  return pairHalves(readings);
}

/** Splits one test's readings into groups of mutually convertible units. */
function unitGroups(readings: Reading[]): Reading[][] {
  const groups: Array<{ unit: string | undefined; readings: Reading[] }> = [];
  const textOnly: Reading[] = [];
  for (const reading of readings) {
    if (reading.value === undefined && reading.value2 === undefined) {
      textOnly.push(reading);
      continue;
    }
    const unit = reading.ucum ?? reading.unitText;
    const group = groups.find(
      (g) => g.unit === unit || (g.unit !== undefined && unit !== undefined && reading.ucum !== undefined && convertible(unit, g.unit)),
    );
    if (group) group.readings.push(reading);
    else groups.push({ unit, readings: [reading] });
  }
  if (groups.length === 0) return textOnly.length > 0 ? [textOnly] : [];
  groups.sort((a, b) => b.readings.length - a.readings.length);
  // Results without a number (a "<5" given as text, a missing value) join the largest group.
  groups[0]?.readings.push(...textOnly);
  return groups.map((g) => g.readings);
}

/** The unit a group is shown in: the most used, the latest on a tie. */
function targetUnit(readings: readonly Reading[]): { ucum: string | undefined; unit: string | undefined } {
  const counts = new Map<string, { n: number; time: number; ucum: string | undefined; unit: string | undefined }>();
  for (const r of readings) {
    if (r.value === undefined && r.value2 === undefined) continue;
    const key = r.ucum ?? r.unitText ?? '';
    const current = counts.get(key) ?? { n: 0, time: -Infinity, ucum: r.ucum, unit: r.unitText };
    counts.set(key, { ...current, n: current.n + 1, time: Math.max(current.time, r.time ?? -Infinity) });
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n || b.time - a.time)[0];
  return { ucum: best?.ucum, unit: best ? (best.ucum ? readableUnit(best.ucum) || undefined : best.unit) : undefined };
}

function byTime(a: { time: number | undefined }, b: { time: number | undefined }): number {
  if (a.time === undefined) return b.time === undefined ? 0 : 1;
  if (b.time === undefined) return -1;
  return a.time - b.time;
}

function toPoint(r: Reading, target: { ucum: string | undefined; unit: string | undefined }): ResultPoint {
  const convert = (n: number | undefined) =>
    n === undefined || !r.ucum || !target.ucum || r.ucum === target.ucum ? n : convertUnit(n, r.ucum, target.ucum);
  const value = convert(r.value);
  const value2 = convert(r.value2);
  const converted = r.ucum !== undefined && target.ucum !== undefined && r.ucum !== target.ucum && r.value !== undefined;
  const range = r.range ? rangeInUnit(r.range.ucum ? r.range : { ...r.range, ucum: r.ucum }, target.ucum ?? r.ucum) : undefined;
  const rangeWords = range ? plainRange(range, target.unit) : undefined;
  const text =
    converted && value !== undefined
      ? `${plainNumber(value)}${target.unit ? (target.unit === '%' ? '%' : ` ${target.unit}`) : ''}`
      : r.text;
  return {
    entryId: r.entryIds[0] ?? '',
    entryIds: r.entryIds,
    date: r.date,
    time: r.time,
    value,
    value2,
    unit: target.unit,
    text,
    ...(converted && r.value !== undefined ? { original: { value: r.value, unit: r.unitText ?? r.ucum ?? '' } } : {}),
    ...(range?.low !== undefined ? { low: range.low } : {}),
    ...(range?.high !== undefined ? { high: range.high } : {}),
    ...(rangeWords ? { range: rangeWords } : {}),
    ...(r.flag ? { interpretation: r.flag.words } : {}),
    outOfRange: isOutOfRange(value, range, r.flag) || (value2 !== undefined && isOutOfRange(value2, range, undefined)),
  };
}

function sharedRange(points: readonly ResultPoint[]): Pick<ResultSeries, 'low' | 'high' | 'range'> {
  const ranged = points.filter((p) => p.low !== undefined || p.high !== undefined || p.range !== undefined);
  const first = ranged[0];
  if (!first || ranged.some((p) => p.low !== first.low || p.high !== first.high || p.range !== first.range)) return {};
  return {
    ...(first.low !== undefined ? { low: first.low } : {}),
    ...(first.high !== undefined ? { high: first.high } : {}),
    ...(first.range !== undefined ? { range: first.range } : {}),
  };
}

function uniqueCodings(readings: readonly Reading[]): Coding[] {
  const seen = new Map<string, Coding>();
  for (const r of readings) for (const c of r.codes) seen.set(`${c.system ?? ''}|${c.code ?? ''}|${c.display ?? ''}`, c);
  return [...seen.values()];
}

/**
 * Every result in the record as series, one per test (and per kind of unit): Observations keyed
 * by LOINC code (else by name), with the Observations contained in DiagnosticReports; blood
 * pressure as one two-line series whether it was recorded as a panel (LOINC 85354-9 or
 * 55284-4, or SNOMED CT) with systolic 8480-6 and diastolic 8462-4 components or as separate
 * systolic and diastolic observations taken at the same time. Values in different but
 * convertible units (g and kg, mg/dL and g/L) are converted to the series' most used unit;
 * units that cannot be converted from the units alone (glucose in mmol/L and mg/dL) make
 * separate series. Entered-in-error and cancelled results are left out. Series are ordered by
 * their latest result, newest first.
 *
 * @example
 * const bp = resultSeries(entries).find((s) => s.key === BLOOD_PRESSURE_KEY)
 * bp?.lines // ['Systolic', 'Diastolic']
 */
export function resultSeries(entries: readonly Entry[], options: FormatOptions = {}): ResultSeries[] {
  const byTest = new Map<string, Reading[]>();
  for (const reading of allReadings(entries, options)) {
    byTest.set(reading.test, [...(byTest.get(reading.test) ?? []), reading]);
  }
  const series: ResultSeries[] = [];
  for (const [test, readings] of byTest) {
    const groups = unitGroups(readings);
    for (const group of groups) {
      const target = targetUnit(group);
      const sorted = [...group].sort(byTime);
      const points = sorted.map((r) => toPoint(r, target));
      const latestReading = [...sorted].reverse().find((r) => r.time !== undefined) ?? sorted[sorted.length - 1];
      const latest = [...points].reverse().find((p) => p.time !== undefined) ?? points[points.length - 1];
      const twoLines = group.some((r) => r.twoLines);
      const name = latestReading?.name ?? 'Result';
      series.push({
        key: groups.length > 1 ? `${test}|${target.ucum ?? target.unit ?? ''}` : test,
        test,
        name,
        unit: target.unit,
        ucum: target.ucum,
        lines: twoLines ? ['Systolic', 'Diastolic'] : [name],
        numeric: points.some((p) => p.value !== undefined || p.value2 !== undefined),
        categories: [...new Set(group.flatMap((r) => r.categories))].filter(Boolean),
        codes: uniqueCodings(group),
        points,
        latest,
        ...sharedRange(points),
      });
    }
  }
  return series.sort((a, b) => (b.latest?.time ?? -Infinity) - (a.latest?.time ?? -Infinity) || a.name.localeCompare(b.name));
}

/** The most recent result of each test, newest first, at most `limit`. */
export function latestResults(
  series: readonly ResultSeries[],
  limit = 5,
): Array<{ readonly series: ResultSeries; readonly point: ResultPoint }> {
  return series
    .filter((s) => s.latest !== undefined)
    .map((s) => ({ series: s, point: s.latest as ResultPoint }))
    .sort((a, b) => (b.point.time ?? -Infinity) - (a.point.time ?? -Infinity) || a.series.name.localeCompare(b.series.name))
    .slice(0, limit);
}

/**
 * A series shaped for a simple line chart (uPlot's aligned data): x as epoch milliseconds, one
 * array of y values per line (null where a point has no value for that line), and the normal
 * range as a band when any point has one.
 */
export interface ChartData {
  readonly x: number[];
  readonly y: Array<Array<number | null>>;
  readonly labels: readonly string[];
  readonly unit: string | undefined;
  /** The normal range under each x (null where unknown); undefined when no point has one. */
  readonly band: { readonly low: Array<number | null>; readonly high: Array<number | null> } | undefined;
  /** Whether each point is out of range, to mark it. */
  readonly outOfRange: boolean[];
  /** The entry behind each point, to open it on tap. */
  readonly entryIds: string[];
}

/**
 * A series as chart data (see {@link ChartData}). Only dated points with a number are drawn; a
 * series without numbers gives empty arrays.
 *
 * @example
 * const c = chartData(bp);
 * new uPlot(opts, [c.x, ...c.y], el); // two lines for blood pressure
 */
export function chartData(series: ResultSeries): ChartData {
  const drawn = series.points.filter((p) => p.time !== undefined && (p.value !== undefined || p.value2 !== undefined));
  const twoLines = series.lines.length === 2;
  const y: Array<Array<number | null>> = twoLines
    ? [drawn.map((p) => p.value ?? null), drawn.map((p) => p.value2 ?? null)]
    : [drawn.map((p) => p.value ?? null)];
  const hasBand = drawn.some((p) => p.low !== undefined || p.high !== undefined);
  return {
    x: drawn.map((p) => p.time as number),
    y,
    labels: series.lines,
    unit: series.unit,
    band: hasBand ? { low: drawn.map((p) => p.low ?? null), high: drawn.map((p) => p.high ?? null) } : undefined,
    outOfRange: drawn.map((p) => p.outOfRange),
    entryIds: drawn.map((p) => p.entryId),
  };
}

/** One result within a report or panel. */
export interface ReportResult {
  /** The test in plain words. */
  readonly name: string;
  /** The result in words; undefined when the report lists a result the record does not hold. */
  readonly text: string | undefined;
  readonly range: string | undefined;
  readonly interpretation: string | undefined;
  readonly outOfRange: boolean;
  /** The entry holding this result (the report's own entry for a contained result). */
  readonly entryId: string | undefined;
  /** The key of the series this result belongs to, to open its trend. */
  readonly seriesKey: string | undefined;
}

/** A DiagnosticReport or panel Observation with its results, for showing them together. */
export interface ReportGroup {
  readonly entryId: string;
  readonly title: string;
  readonly date: string | undefined;
  readonly conclusion: string | undefined;
  readonly results: readonly ReportResult[];
  /** The entries of the results (to fold them under the report in lists). */
  readonly memberEntryIds: readonly string[];
}

/**
 * DiagnosticReports (a full blood count, a lipid profile) and panel Observations (with
 * `hasMember`) as groups of their results, following `result` and `hasMember` references into
 * other entries and contained resources, through nested panels. A result the record does not
 * hold is listed by the name the report gives it, without a value. Newest first.
 */
export function resultReports(entries: readonly Entry[], options: ResultOptions = {}): ReportGroup[] {
  const lookup = entryLookup(entries);
  const resolve = options.resolve ?? lookup.resolve;
  const groups: ReportGroup[] = [];
  for (const entry of entries) {
    const r = entry.resource as JsonObject;
    const isReport = entry.resource.resourceType === 'DiagnosticReport';
    const isPanel = entry.resource.resourceType === 'Observation' && list(r.hasMember).length > 0;
    if (!isReport && !isPanel) continue;
    if (SKIPPED_STATUSES.has(str(r.status) ?? '')) continue;
    const results: ReportResult[] = [];
    const members = new Set<string>();
    const seen = new Set<unknown>();
    const visit = (holder: FhirResource, refs: unknown, depth: number) => {
      for (const ref of list(refs)) {
        const found = followReference(holder, ref, resolve);
        const reference = referenceOf(ref);
        const contained = reference?.reference?.startsWith('#') ?? false;
        const memberEntry = !contained && reference?.reference ? lookup.entryOf(reference.reference) : undefined;
        if (memberEntry) members.add(memberEntry.entryId);
        if (!found || found.resourceType !== 'Observation') {
          const name = reference?.display ?? (found ? plainTestName((found as JsonObject).code) : undefined);
          if (name)
            results.push({
              name,
              text: undefined,
              range: undefined,
              interpretation: undefined,
              outOfRange: false,
              entryId: memberEntry?.entryId,
              seriesKey: undefined,
            });
          continue;
        }
        if (seen.has(found)) continue;
        seen.add(found);
        const o = found as JsonObject;
        const nested = list(o.hasMember);
        if (nested.length > 0 && depth < 4 && !observedValue(o)) {
          visit(found, nested, depth + 1);
          continue;
        }
        const [reading] = pairHalves(readingsOf(o, memberEntry?.entryId ?? entry.entryId, options, clinicalDate(entry.resource)));
        const target = reading ? { ucum: reading.ucum, unit: reading.unitText } : { ucum: undefined, unit: undefined };
        const point = reading ? toPoint(reading, target) : undefined;
        results.push({
          name: reading?.name ?? plainTestName(o.code) ?? reference?.display ?? 'Result',
          text: point?.text,
          range: point?.range,
          interpretation: point?.interpretation,
          outOfRange: point?.outOfRange ?? false,
          entryId: memberEntry?.entryId ?? entry.entryId,
          seriesKey: reading?.test,
        });
      }
    };
    visit(entry.resource, isReport ? r.result : r.hasMember, 0);
    groups.push({
      entryId: entry.entryId,
      title: plainTestName(r.code) ?? (isReport ? 'Test report' : 'Group of results'),
      date: clinicalDate(entry.resource),
      conclusion: str(r.conclusion) ?? (objects(r.conclusionCode).map(conceptText).filter(Boolean).join(', ') || undefined),
      results,
      memberEntryIds: [...members],
    });
  }
  return groups.sort((a, b) => (fhirInstant(b.date) ?? -Infinity) - (fhirInstant(a.date) ?? -Infinity));
}
