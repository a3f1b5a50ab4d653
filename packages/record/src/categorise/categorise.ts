/**
 * Which category a resource goes into (DESIGN §3): its type's category, unless its codes say it
 * belongs in a special category (mental health, sexual health, genetics, safeguarding), which is
 * shared only when a grant names it.
 */
import { categoryForResourceType, type Category } from '../categories.ts';
import type { FhirResource } from '../fhir.ts';
import { SPECIAL_CODE_LISTS, type SpecialCategory } from './code-lists.ts';
import { specialCategoryOfCoding, specialCategoryOfUrl } from './match.ts';

/**
 * Where each resource type keeps its clinical coding (dotted paths; arrays are followed). A
 * Composition or DocumentReference moves by its type and category (and, for a document, the
 * clinical setting it came from), not by what its sections mention.
 */
const CODED_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  Condition: ['code', 'category', 'evidence.code', 'stage.summary'],
  Observation: ['code', 'category', 'valueCodeableConcept', 'component.code', 'component.valueCodeableConcept'],
  DiagnosticReport: ['code', 'category', 'conclusionCode'],
  Procedure: ['code', 'category', 'reasonCode', 'outcome'],
  MedicationRequest: ['medicationCodeableConcept', 'reasonCode', 'category'],
  MedicationStatement: ['medicationCodeableConcept', 'reasonCode', 'category'],
  MedicationDispense: ['medicationCodeableConcept', 'category'],
  MedicationAdministration: ['medicationCodeableConcept', 'reasonCode', 'category'],
  Medication: ['code', 'ingredient.itemCodeableConcept'],
  Encounter: ['type', 'serviceType', 'reasonCode'],
  EpisodeOfCare: ['type'],
  Appointment: ['serviceCategory', 'serviceType', 'specialty', 'appointmentType', 'reasonCode'],
  ServiceRequest: ['code', 'category', 'reasonCode', 'orderDetail'],
  CarePlan: ['category', 'activity.detail.code', 'activity.detail.reasonCode'],
  CareTeam: ['category', 'reasonCode'],
  Goal: ['category', 'description'],
  FamilyMemberHistory: ['condition.code', 'reasonCode'],
  AllergyIntolerance: ['code'],
  Immunization: ['vaccineCode', 'reasonCode'],
  Flag: ['code', 'category'],
  RiskAssessment: ['code', 'prediction.outcome', 'reasonCode'],
  ClinicalImpression: ['code', 'finding.itemCodeableConcept', 'investigation.code'],
  DocumentReference: ['type', 'category', 'context.practiceSetting', 'context.event'],
  Composition: ['type', 'category'],
  Communication: ['category', 'reasonCode', 'topic'],
  Consent: ['category'],
  ImagingStudy: ['procedureCode', 'reasonCode'],
  Specimen: ['type'],
  Questionnaire: ['code'],
  // Billing repeats the clinical codes (what was done, and why), so it is as sensitive as the care.
  Claim: ['type', 'item.productOrService', 'diagnosis.diagnosisCodeableConcept', 'procedure.procedureCodeableConcept'],
  ExplanationOfBenefit: ['type', 'item.productOrService', 'diagnosis.diagnosisCodeableConcept', 'procedure.procedureCodeableConcept'],
};

/** For any other resource type: the usual names of coded elements. */
const DEFAULT_CODED_ELEMENTS = ['code', 'category', 'type', 'reasonCode', 'valueCodeableConcept', 'serviceType', 'specialty'];

/** Resource types that are about a person's genome whatever their codes. */
const GENETIC_RESOURCE_TYPES = new Set(['MolecularSequence']);

/** The element paths, split once: categorising 10,000 resources must not re-split them 10,000 times. */
const PATHS = new Map<string, ReadonlyArray<{ readonly element: string; readonly steps: readonly string[] }>>();
function pathsOf(resourceType: string): ReadonlyArray<{ readonly element: string; readonly steps: readonly string[] }> {
  let paths = PATHS.get(resourceType);
  if (!paths) {
    const elements = [...(CODED_ELEMENTS[resourceType] ?? DEFAULT_CODED_ELEMENTS), 'meta.security'];
    paths = elements.map((element) => ({ element, steps: element.split('.') }));
    PATHS.set(resourceType, paths);
  }
  return paths;
}

/** One coding that moved a resource into a special category. */
export interface SpecialMatch {
  readonly category: SpecialCategory;
  /** Where in the resource: an element path, `meta.security`, `meta.profile`, `extension` or `resourceType`. */
  readonly element: string;
  /** The code system; empty for a profile, extension or resource type. */
  readonly system: string;
  /** The code, or the profile or extension URL, or the resource type. */
  readonly code: string;
}

type OnMatch = (category: SpecialCategory, element: string, system: string, code: string) => void;

/** Calls `visit` with every value at `steps` below `value`, following arrays. */
function forEachValue(value: unknown, steps: readonly string[], index: number, visit: (value: unknown) => void): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) forEachValue(item, steps, index, visit);
    return;
  }
  if (index === steps.length) {
    visit(value);
    return;
  }
  if (typeof value !== 'object') return;
  forEachValue((value as Record<string, unknown>)[steps[index] as string], steps, index + 1, visit);
}

/** Calls `visit` with the system and code of a Coding, or of each coding of a CodeableConcept. */
function forEachCoding(value: unknown, visit: (system: string, code: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) forEachCoding(item, visit);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const { system, code, coding } = value as { system?: unknown; code?: unknown; coding?: unknown };
  if (typeof system === 'string' && typeof code === 'string') visit(system, code);
  if (coding !== undefined) forEachCoding(coding, visit);
}

/**
 * An Observation the patient wrote themselves (see own-entries.ts): a note (LOINC 61150-9) or a
 * symptom (75325-1), performed by the patient.
 */
function isPatientAuthoredNote(resource: FhirResource): boolean {
  if (resource.resourceType !== 'Observation') return false;
  let isNote = false;
  forEachCoding(resource.code, (system, code) => {
    if (system === 'http://loinc.org' && (code === '61150-9' || code === '75325-1')) isNote = true;
  });
  if (!isNote) return false;
  const performers = Array.isArray(resource.performer) ? (resource.performer as unknown[]) : [];
  return (
    performers.length > 0 &&
    performers.every((p) => {
      const ref = (p ?? {}) as { reference?: unknown; type?: unknown };
      if (ref.reference === undefined) return ref.type === undefined || ref.type === 'Patient';
      return typeof ref.reference === 'string' && /(^|\/)Patient\//.test(ref.reference);
    })
  );
}

/** Profiles (`meta.profile`) and extensions (`extension.url`, nested ones too) that mark a special category. */
function visitMarkers(resource: FhirResource, prefix: string, onMatch: OnMatch): void {
  const check = (element: string, url: unknown): void => {
    if (typeof url !== 'string') return;
    const category = specialCategoryOfUrl(url);
    if (category) onMatch(category, prefix + element, '', url);
  };
  forEachValue(resource.meta, ['profile'], 0, (url) => check('meta.profile', url));
  const visit = (value: unknown, depth: number): void => {
    if (depth > 3) return;
    forEachValue(value, [], 0, (ext) => {
      if (ext === null || typeof ext !== 'object') return;
      const { url, extension } = ext as { url?: unknown; extension?: unknown };
      check('extension', url);
      if (extension !== undefined) visit(extension, depth + 1);
    });
  };
  visit(resource.extension, 0);
  visit(resource.modifierExtension, 0);
}

/** Calls `onMatch` for every reason one resource (not what it contains) belongs in a special category. */
function visitOwn(resource: FhirResource, prefix: string, onMatch: OnMatch): void {
  if (GENETIC_RESOURCE_TYPES.has(resource.resourceType)) onMatch('genetics', `${prefix}resourceType`, '', resource.resourceType);
  if (resource.meta !== undefined || resource.extension !== undefined || resource.modifierExtension !== undefined) {
    visitMarkers(resource, prefix, onMatch);
  }
  for (const { element, steps } of pathsOf(resource.resourceType)) {
    forEachValue(resource, steps, 0, (value) =>
      forEachCoding(value, (system, code) => {
        const category = specialCategoryOfCoding(system, code);
        if (category) onMatch(category, prefix + element, system, code);
      }),
    );
  }
}

/** Visits a resource and the resources it contains. */
function visitSpecial(resource: FhirResource, onMatch: OnMatch): void {
  visitOwn(resource, '', onMatch);
  if (!Array.isArray(resource.contained)) return;
  (resource.contained as unknown[]).forEach((item, index) => {
    if (item !== null && typeof item === 'object' && typeof (item as { resourceType?: unknown }).resourceType === 'string') {
      visitOwn(item as FhirResource, `contained[${index}].`, onMatch);
    }
  });
}

/**
 * Every reason a resource belongs in a special category: the codings that match the lists in
 * docs/categories.md, its security labels, its profiles and extensions — its own and those of the
 * resources it contains (a prescription for a contained antiretroviral is as sensitive as the
 * medicine). Empty for an ordinary resource.
 */
export function specialCategoryMatches(resource: FhirResource): SpecialMatch[] {
  const matches: SpecialMatch[] = [];
  visitSpecial(resource, (category, element, system, code) => matches.push({ category, element, system, code }));
  return matches;
}

/**
 * The category of a resource: `categoryForResourceType`, moved to a special category when any
 * of its clinical codes (or security labels) is on that category's list. When several special
 * categories match, the most sensitive wins: safeguarding, sexual health, mental health,
 * genetics. A note the patient wrote themselves stays in `notes`.
 *
 * @example
 * categorise({ resourceType: 'Condition', code: { coding: [{ system: 'http://snomed.info/sct', code: '35489007' }] } })
 * // 'mental-health'
 */
export function categorise(resource: FhirResource): Category {
  if (isPatientAuthoredNote(resource)) return 'notes';
  const matched = new Set<SpecialCategory>();
  visitSpecial(resource, (category) => matched.add(category));
  for (const list of SPECIAL_CODE_LISTS) {
    if (matched.has(list.category)) return list.category;
  }
  return categoryForResourceType(resource.resourceType);
}
