/**
 * Careful readers for FHIR JSON as real systems write it. Imported resources are kept exactly as
 * given (DESIGN §3), and real-world files put arrays where objects belong, objects where arrays
 * belong, numbers as strings and empty strings everywhere (see fixtures/SOURCES.md, "Invalid
 * real-world output"); so nothing here trusts a type: every reader takes `unknown` and returns
 * `undefined` or an empty list rather than throwing.
 */

/** A JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>;

export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';
export const UCUM = 'http://unitsofmeasure.org';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const V3_INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value as an object: an array's first object element counts (a common real-world slip). */
export function obj(value: unknown): JsonObject | undefined {
  if (isObject(value)) return value;
  if (Array.isArray(value)) return value.find(isObject);
  return undefined;
}

/** The value as a list: a single value counts as a list of one, absence as an empty list. */
export function list(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** The value's objects as a list (see {@link list}). */
export function objects(value: unknown): readonly JsonObject[] {
  return list(value).filter(isObject);
}

/** A trimmed, non-empty string, or undefined. */
export function str(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A finite number (a numeric string counts, as some exporters write decimals as text). */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A FHIR Coding as read. */
export interface Coding {
  readonly system: string | undefined;
  readonly code: string | undefined;
  readonly display: string | undefined;
}

/** The codings of a CodeableConcept (or of a bare Coding, which some systems send instead). */
export function codings(concept: unknown): readonly Coding[] {
  const c = obj(concept);
  if (!c) return [];
  const raw = c.coding === undefined && (c.code !== undefined || c.system !== undefined) ? [c] : objects(c.coding);
  return raw.map((coding) => ({ system: str(coding.system), code: str(coding.code), display: str(coding.display) }));
}

/** The code from `system` in a CodeableConcept, or undefined. */
export function codeIn(concept: unknown, system: string): string | undefined {
  return codings(concept).find((c) => c.system === system && c.code)?.code;
}

/** True when the concept carries one of `codes` from `system` (any system when `system` is undefined). */
export function hasCode(concept: unknown, system: string | undefined, codes: readonly string[]): boolean {
  return codings(concept).some((c) => (system === undefined || c.system === system) && c.code !== undefined && codes.includes(c.code));
}

/**
 * The first code of a concept whatever its system (for status-like concepts such as
 * `clinicalStatus`, whose code system is fixed by FHIR).
 */
export function firstCode(concept: unknown): string | undefined {
  return codings(concept).find((c) => c.code)?.code;
}

/** The best human text of a CodeableConcept: its text, else the first coding's display. */
export function conceptText(concept: unknown): string | undefined {
  const c = obj(concept);
  if (!c) return undefined;
  return str(c.text) ?? codings(c).find((coding) => coding.display)?.display;
}

/** The `reference` and `display` of a Reference. */
export interface ReferenceValue {
  readonly reference: string | undefined;
  readonly display: string | undefined;
}

/** Reads a Reference (or undefined when the value is not one). */
export function referenceOf(value: unknown): ReferenceValue | undefined {
  const r = obj(value);
  if (!r) return undefined;
  const reference = str(r.reference);
  const display = str(r.display);
  return reference || display ? { reference, display } : undefined;
}

/** The FHIR `Period` start and end. */
export function periodOf(value: unknown): { readonly start: string | undefined; readonly end: string | undefined } | undefined {
  const p = obj(value);
  if (!p) return undefined;
  const start = str(p.start);
  const end = str(p.end);
  return start || end ? { start, end } : undefined;
}

/** A FHIR Quantity as read. */
export interface QuantityValue {
  readonly value: number;
  readonly comparator: string | undefined;
  /** The unit as written for people. */
  readonly unit: string | undefined;
  /** The coded unit (UCUM when `system` is UCUM or absent). */
  readonly code: string | undefined;
  readonly system: string | undefined;
}

/** Reads a Quantity with a numeric value. */
export function quantityOf(value: unknown): QuantityValue | undefined {
  const q = obj(value);
  if (!q) return undefined;
  const n = num(q.value);
  if (n === undefined) return undefined;
  return { value: n, comparator: str(q.comparator), unit: str(q.unit), code: str(q.code), system: str(q.system) };
}

/** The name of a person-like resource (Patient, Practitioner, RelatedPerson) as written. */
export function humanName(value: unknown): string | undefined {
  const names = objects(value);
  const chosen = names.find((n) => n.use === 'official') ?? names.find((n) => n.use === 'usual') ?? names[0];
  if (!chosen) return undefined;
  const text = str(chosen.text);
  if (text) return text;
  const parts = [...list(chosen.prefix), ...list(chosen.given), chosen.family].map(str).filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
