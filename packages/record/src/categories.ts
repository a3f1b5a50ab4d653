/**
 * Categories: the sensitivity labels that are the unit of sharing (DESIGN §3). The special
 * categories are never shared unless a grant names them.
 */

export const CATEGORIES = [
  'summary',
  'results',
  'encounters',
  'documents',
  'notes',
  'mental-health',
  'sexual-health',
  'genetics',
  'safeguarding',
] as const;

export type Category = (typeof CATEGORIES)[number];

export const SPECIAL_CATEGORIES: readonly Category[] = ['mental-health', 'sexual-health', 'genetics', 'safeguarding'];

/** True for one of the nine category names. */
export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** True for a category that is shared only when a grant names it. */
export function isSpecialCategory(category: Category): boolean {
  return SPECIAL_CATEGORIES.includes(category);
}

const BY_RESOURCE_TYPE: Readonly<Record<string, Category>> = {
  Patient: 'summary',
  AllergyIntolerance: 'summary',
  MedicationStatement: 'summary',
  MedicationRequest: 'summary',
  MedicationDispense: 'summary',
  MedicationAdministration: 'summary',
  Medication: 'summary',
  Condition: 'summary',
  Immunization: 'summary',
  FamilyMemberHistory: 'summary',
  Flag: 'summary',
  Observation: 'results',
  DiagnosticReport: 'results',
  ImagingStudy: 'results',
  Specimen: 'results',
  Encounter: 'encounters',
  Appointment: 'encounters',
  Procedure: 'encounters',
  CarePlan: 'encounters',
  ServiceRequest: 'encounters',
  EpisodeOfCare: 'encounters',
  DocumentReference: 'documents',
  Composition: 'documents',
  Binary: 'documents',
  Media: 'documents',
};

/**
 * The category a resource goes into by its type. Patient-authored notes and readings go to
 * `notes` (the caller says so); recognising the special categories from codes is the
 * importer's job (it overrides this default).
 *
 * @example
 * categoryForResourceType('AllergyIntolerance') // 'summary'
 */
export function categoryForResourceType(resourceType: string): Category {
  return BY_RESOURCE_TYPE[resourceType] ?? 'documents';
}
