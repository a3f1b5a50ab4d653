/**
 * The patient's own entries, made as proper FHIR R4 so a clinician's system understands them:
 * the right codes, the patient as the one who recorded them, and a patient-reported
 * verification status where FHIR has one.
 */
import type { FhirResource } from './fhir.ts';

/** Who is writing: the patient, named as a display-only reference. */
export interface Writer {
  readonly name: string;
}

export const ALLERGY_SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type AllergySeverity = (typeof ALLERGY_SEVERITIES)[number];

const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

/**
 * An allergy the patient reports: active, unconfirmed (not yet checked by a clinician).
 *
 * @example
 * newAllergy({ substance: 'Penicillin', reaction: 'Rash', severity: 'moderate' }, { name: 'Ada' }, new Date())
 */
export function newAllergy(
  input: { substance: string; reaction?: string; severity?: AllergySeverity; note?: string },
  writer: Writer,
  now: Date,
): FhirResource {
  const substance = input.substance.trim();
  if (!substance) throw new RangeError('an allergy needs a substance');
  const reaction = input.reaction?.trim();
  const note = input.note?.trim();
  return {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    verificationStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'unconfirmed' }],
    },
    code: { text: substance },
    patient: { display: writer.name },
    recordedDate: now.toISOString(),
    recorder: { display: writer.name },
    asserter: { display: writer.name },
    ...(reaction || input.severity
      ? { reaction: [{ manifestation: [{ text: reaction || 'Not described' }], ...(input.severity ? { severity: input.severity } : {}) }] }
      : {}),
    ...(note ? { note: [{ text: note }] } : {}),
  };
}

/**
 * A note in the patient's own words (a diary entry, a symptom), as an Observation coded
 * LOINC 61150-9 "Subjective narrative" with the patient as performer.
 */
export function newNote(input: { text: string; date?: Date }, writer: Writer, now: Date): FhirResource {
  const text = input.text.trim();
  if (!text) throw new RangeError('a note needs some text');
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '61150-9', display: 'Subjective narrative' }], text: 'Note' },
    subject: { display: writer.name },
    effectiveDateTime: (input.date ?? now).toISOString(),
    issued: now.toISOString(),
    performer: [{ display: writer.name }],
    valueString: text,
  };
}
