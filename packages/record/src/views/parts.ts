/**
 * The parts of the record as the app shows them (DESIGN §6, "Record by category"): allergies,
 * medicines, conditions, vaccinations, results, appointments, visits, procedures, documents,
 * the patient's own notes, "about you", and everything else. A part is about what a resource
 * *is*; a category (DESIGN §3) is about who may see it — the two are independent.
 */
import type { Entry } from '../entry.ts';
import type { FhirResource } from '../fhir.ts';
import { LOINC, hasCode } from './fhir-read.ts';
import { clinicalTime } from './dates.ts';

/** The parts of the record, in the order the app lists them. */
export const PARTS = [
  'allergies',
  'medicines',
  'conditions',
  'immunisations',
  'results',
  'appointments',
  'consultations',
  'procedures',
  'documents',
  'notes',
  'about',
  'other',
] as const;

/** A part of the record. */
export type Part = (typeof PARTS)[number];

/** Each part's heading, in plain words. */
export const PART_NAMES: Readonly<Record<Part, string>> = {
  allergies: 'Allergies',
  medicines: 'Medicines',
  conditions: 'Conditions',
  immunisations: 'Vaccinations',
  results: 'Test results and measurements',
  appointments: 'Appointments',
  consultations: 'Visits and consultations',
  procedures: 'Procedures',
  documents: 'Letters and documents',
  notes: 'Your notes',
  about: 'About you',
  other: 'Other',
};

const BY_TYPE: Readonly<Record<string, Part>> = {
  AllergyIntolerance: 'allergies',
  MedicationStatement: 'medicines',
  MedicationRequest: 'medicines',
  MedicationDispense: 'medicines',
  MedicationAdministration: 'medicines',
  Condition: 'conditions',
  Immunization: 'immunisations',
  ImmunizationRecommendation: 'immunisations',
  Observation: 'results',
  DiagnosticReport: 'results',
  ImagingStudy: 'results',
  Appointment: 'appointments',
  Encounter: 'consultations',
  EpisodeOfCare: 'consultations',
  Procedure: 'procedures',
  DocumentReference: 'documents',
  Composition: 'documents',
  Binary: 'documents',
  Media: 'documents',
  QuestionnaireResponse: 'documents',
  Patient: 'about',
};

/** LOINC codes of the patient's own diary Observations: a note and a symptom. */
const DIARY_CODES = ['61150-9', '75325-1'];

/**
 * The part of the record a resource belongs to. Observations that are diary entries (a note,
 * LOINC 61150-9; a symptom, 75325-1) go to `notes`; home readings (blood pressure, weight, …)
 * go to `results`, where their trends are. Supporting resources (Medication, Practitioner,
 * Organization, …) and every unknown type go to `other`, where they are still shown.
 *
 * @example
 * partOf({ resourceType: 'Immunization' }) // 'immunisations'
 * partOf({ resourceType: 'Basic' }) // 'other'
 */
export function partOf(resource: FhirResource): Part {
  if (resource.resourceType === 'Observation' && hasCode(resource.code, LOINC, DIARY_CODES)) return 'notes';
  return BY_TYPE[resource.resourceType] ?? 'other';
}

/** Orders entries newest clinical date first; entries without a date last, newest written first. */
export function byClinicalDate(a: Entry, b: Entry): number {
  const ta = clinicalTime(a.resource);
  const tb = clinicalTime(b.resource);
  if (ta !== undefined && tb !== undefined && ta !== tb) return tb - ta;
  if (ta !== undefined && tb === undefined) return -1;
  if (ta === undefined && tb !== undefined) return 1;
  return a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0;
}

/**
 * The entries of each part, newest clinical date first (every part present, empty or not).
 *
 * @example
 * byPart(index.list()).medicines // the prescriptions and medicines, newest first
 */
export function byPart(entries: readonly Entry[]): Record<Part, Entry[]> {
  const parts = Object.fromEntries(PARTS.map((part) => [part, [] as Entry[]])) as Record<Part, Entry[]>;
  for (const entry of entries) parts[partOf(entry.resource)].push(entry);
  for (const part of PARTS) parts[part].sort(byClinicalDate);
  return parts;
}
