/**
 * What a clinician or carer adds to a record shared with them for reading and adding: a note or
 * a result, as FHIR R4 Observations that name the person the record is about as the subject and
 * the writer as the performer — so the patient's app shows who wrote it, and their GP's system
 * would read it the same way. Pure builders; the screen sends them through the client.
 */
import type { FhirResource } from '@carekey/client';
import { parseNumber } from './state/forms.svelte.ts';

/** Who writes it and whose record it goes into, by name. */
export interface SharedWriter {
  /** The clinician's or carer's own name. */
  readonly writer: string;
  /** The name of the person whose record it is. */
  readonly patient: string;
}

/** LOINC 61150-9, the code the record's views read as a note. */
const NOTE_CODE = { system: 'http://loinc.org', code: '61150-9', display: 'Subjective narrative' };

/**
 * A note in the writer's words.
 *
 * @throws RangeError (in plain words) when there is no text
 */
export function newSharedNote(input: { text: string }, who: SharedWriter, now: Date): FhirResource {
  const text = input.text.trim();
  if (!text) throw new RangeError('Write the note first.');
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [NOTE_CODE], text: 'Note' },
    subject: { display: who.patient },
    effectiveDateTime: now.toISOString(),
    issued: now.toISOString(),
    performer: [{ display: who.writer }],
    valueString: text,
  };
}

/**
 * A result: what was measured, in words (it has no code from a terminology), and its value —
 * a number with an optional unit, or words ("Trace protein") when it is not a number.
 *
 * @throws RangeError (in plain words) when the name or the value is missing
 */
export function newSharedResult(input: { name: string; value: string; unit?: string }, who: SharedWriter, now: Date): FhirResource {
  const name = input.name.trim();
  const value = input.value.trim();
  const unit = input.unit?.trim();
  if (!name) throw new RangeError('Say what was measured.');
  if (!value) throw new RangeError('Enter the result.');
  const number = parseNumber(value);
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { text: name },
    subject: { display: who.patient },
    effectiveDateTime: now.toISOString(),
    issued: now.toISOString(),
    performer: [{ display: who.writer }],
    ...(number === undefined
      ? { valueString: unit ? `${value} ${unit}` : value }
      : { valueQuantity: { value: number, ...(unit ? { unit } : {}) } }),
  };
}
