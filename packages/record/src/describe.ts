/**
 * Plain words for a FHIR resource: what kind of thing it is, its title and a detail line, for
 * lists and headings. Never invents facts: when a field is missing the words say less.
 */
import type { FhirResource } from './fhir.ts';

export interface ResourceSummary {
  /** What it is, for a patient: "Allergy", "Note", "Medicine", … */
  readonly kind: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** The clinically relevant date (ISO), when the resource has one. */
  readonly date: string | undefined;
}

interface CodeableConcept {
  readonly text?: string;
  readonly coding?: ReadonlyArray<{ readonly display?: string; readonly code?: string }>;
}

/** The best human text of a CodeableConcept. */
export function conceptText(concept: unknown): string | undefined {
  if (!concept || typeof concept !== 'object') return undefined;
  const c = concept as CodeableConcept;
  return c.text?.trim() || c.coding?.find((coding) => coding.display)?.display?.trim() || undefined;
}

const KINDS: Readonly<Record<string, string>> = {
  AllergyIntolerance: 'Allergy',
  Condition: 'Condition',
  MedicationStatement: 'Medicine',
  MedicationRequest: 'Prescription',
  Immunization: 'Vaccination',
  Observation: 'Result',
  DiagnosticReport: 'Test report',
  Encounter: 'Visit',
  Appointment: 'Appointment',
  Procedure: 'Procedure',
  DocumentReference: 'Document',
  Patient: 'About you',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) {
    const found = text(value);
    if (found) return found;
  }
  return undefined;
}

/**
 * @example
 * describeResource({ resourceType: 'AllergyIntolerance', code: { text: 'Peanut' } })
 * // { kind: 'Allergy', title: 'Peanut', detail: undefined, date: undefined }
 */
export function describeResource(resource: FhirResource): ResourceSummary {
  const r = resource as Record<string, unknown>;
  const kind = KINDS[resource.resourceType] ?? resource.resourceType.replace(/([a-z])([A-Z])/g, '$1 $2');
  switch (resource.resourceType) {
    case 'AllergyIntolerance': {
      const reactions = (r.reaction as Array<{ manifestation?: unknown[]; severity?: string }> | undefined) ?? [];
      const manifestation = reactions
        .flatMap((x) => (x.manifestation ?? []).map(conceptText))
        .filter(Boolean)
        .join(', ');
      const severity = reactions.find((x) => x.severity)?.severity;
      const detail = [manifestation, severity ? `${severity} reaction` : undefined].filter(Boolean).join(' · ');
      return {
        kind,
        title: conceptText(r.code) ?? 'Allergy',
        detail: detail || undefined,
        date: firstString(r.recordedDate, r.onsetDateTime),
      };
    }
    case 'Observation': {
      const isNote = (r.code as CodeableConcept | undefined)?.coding?.some((c) => c.code === '61150-9') ?? false;
      const quantity = r.valueQuantity as { value?: number; unit?: string } | undefined;
      const value =
        text(r.valueString) ??
        (quantity?.value !== undefined ? `${quantity.value}${quantity.unit ? ` ${quantity.unit}` : ''}` : undefined) ??
        conceptText(r.valueCodeableConcept);
      if (isNote) return { kind: 'Note', title: value ?? 'Note', detail: undefined, date: firstString(r.effectiveDateTime, r.issued) };
      return { kind, title: conceptText(r.code) ?? 'Result', detail: value, date: firstString(r.effectiveDateTime, r.issued) };
    }
    case 'Condition':
      return {
        kind,
        title: conceptText(r.code) ?? 'Condition',
        detail: conceptText(r.clinicalStatus),
        date: firstString(r.onsetDateTime, r.recordedDate),
      };
    case 'MedicationStatement':
    case 'MedicationRequest':
      return {
        kind,
        title: conceptText(r.medicationCodeableConcept) ?? 'Medicine',
        detail:
          (r.dosage as Array<{ text?: string }> | undefined)?.[0]?.text ??
          (r.dosageInstruction as Array<{ text?: string }> | undefined)?.[0]?.text,
        date: firstString(r.effectiveDateTime, r.authoredOn, r.dateAsserted),
      };
    case 'Immunization':
      return { kind, title: conceptText(r.vaccineCode) ?? 'Vaccination', detail: undefined, date: firstString(r.occurrenceDateTime) };
    default:
      return {
        kind,
        title: conceptText(r.code) ?? conceptText(r.type) ?? firstString(r.description, r.title) ?? kind,
        detail: undefined,
        date: firstString(r.date, r.effectiveDateTime),
      };
  }
}
