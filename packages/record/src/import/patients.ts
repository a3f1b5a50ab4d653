/**
 * Is the patient in a file the person whose record this is? Importing someone else's record by
 * mistake (a partner's file, a mix-up at the practice) must be caught before anything is stored.
 */
import type { FhirResource } from '../fhir.ts';

/** The fields compared, as named in {@link PatientComparison.differences}. */
export type PatientField = 'name' | 'birthDate' | 'identifier';

/** The outcome of comparing the record's patient with the file's. */
export interface PatientComparison {
  /** True when nothing differs. Missing fields are not differences. */
  readonly same: boolean;
  readonly differences: PatientField[];
}

interface HumanName {
  readonly family?: unknown;
  readonly given?: unknown;
  readonly text?: unknown;
}

/** Lowercase, without accents and punctuation, single-spaced: "Ángela  O'Brien" → "angela o brien". */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Comparable forms of a patient's names: "family|first given" (or the text when there are no parts). */
function nameKeys(patient: FhirResource): Set<string> {
  const keys = new Set<string>();
  const names = Array.isArray(patient.name) ? (patient.name as unknown[]) : [];
  for (const item of names) {
    const name = (item ?? {}) as HumanName;
    const family = typeof name.family === 'string' ? fold(name.family) : '';
    const given = Array.isArray(name.given) ? (name.given as unknown[]).filter((g): g is string => typeof g === 'string').map(fold) : [];
    const first = given.find((g) => g !== '') ?? '';
    if (family !== '' || first !== '') keys.add(`${family}|${first}`);
    else if (typeof name.text === 'string' && fold(name.text) !== '') keys.add(`text|${fold(name.text)}`);
  }
  return keys;
}

/** Identifier values by system, spaces removed ("943 476 5919" = "9434765919"). */
function identifiersBySystem(patient: FhirResource): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const list = Array.isArray(patient.identifier) ? (patient.identifier as unknown[]) : [];
  for (const item of list) {
    const { system, value } = (item ?? {}) as { system?: unknown; value?: unknown };
    if (typeof system !== 'string' || typeof value !== 'string' || value.trim() === '') continue;
    const values = out.get(system) ?? new Set<string>();
    values.add(value.replace(/\s+/g, ''));
    out.set(system, values);
  }
  return out;
}

/**
 * Compares the patient already in the record with the patient in an imported file.
 * - name: family name and first given name, ignoring case and accents; any name of one matching
 *   any name of the other is enough (people have maiden, usual and official names);
 * - birthDate: exactly equal;
 * - identifier: a conflict when both have the same system (an NHS number, say) with no value in common.
 *
 * @example
 * comparePatients(recordPatient, filePatient) // { same: false, differences: ['birthDate'] }
 */
export function comparePatients(record: FhirResource, file: FhirResource): PatientComparison {
  const differences: PatientField[] = [];

  const recordNames = nameKeys(record);
  const fileNames = nameKeys(file);
  if (recordNames.size > 0 && fileNames.size > 0 && ![...fileNames].some((key) => recordNames.has(key))) differences.push('name');

  const recordBirth = typeof record.birthDate === 'string' ? record.birthDate : undefined;
  const fileBirth = typeof file.birthDate === 'string' ? file.birthDate : undefined;
  if (recordBirth !== undefined && fileBirth !== undefined && recordBirth !== fileBirth) differences.push('birthDate');

  const recordIds = identifiersBySystem(record);
  for (const [system, values] of identifiersBySystem(file)) {
    const known = recordIds.get(system);
    if (known && ![...values].some((value) => known.has(value))) {
      differences.push('identifier');
      break;
    }
  }
  return { same: differences.length === 0, differences };
}
