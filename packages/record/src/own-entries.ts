/**
 * The patient's own entries, made as proper FHIR R4 so a clinician's system understands them:
 * the right codes, the patient as the one who recorded them, and a patient-reported
 * verification status where FHIR has one.
 */
import type {
  Appointment,
  AppointmentParticipant,
  MedicationStatement,
  Observation,
  ObservationComponent,
  Quantity,
} from '@medplum/fhirtypes';
import { asFhirResource, type FhirResource } from './fhir.ts';

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

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const UCUM = 'http://unitsofmeasure.org';
const VITAL_SIGNS = [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }], text: 'Vital signs' }];
/** A reading taken up to this far in the future is clock skew, not a mistake. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** When a reading was taken: the given date (not in the future), else now. */
function takenAt(date: Date | undefined, now: Date, what: string): string {
  const at = date ?? now;
  if (Number.isNaN(at.getTime())) throw new RangeError(`The date of the ${what} is not a real date`);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new RangeError(`The ${what} can't have been taken in the future`);
  return at.toISOString();
}

/** Checks a measured number is a number within what a living person could measure. */
function measured(value: number, min: number, max: number, message: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw new RangeError(message);
  return value;
}

function quantity(value: number, unit: string, code: string): Quantity {
  return { value, unit, system: UCUM, code };
}

/** The parts every reading shares: final, the patient as subject and performer, when it was taken. */
function reading(
  code: { code: string; display: string; text: string },
  writer: Writer,
  now: Date,
  effective: string,
  vitalSign: boolean,
): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    ...(vitalSign ? { category: VITAL_SIGNS } : {}),
    code: { coding: [{ system: LOINC, code: code.code, display: code.display }], text: code.text },
    subject: { display: writer.name },
    effectiveDateTime: effective,
    issued: now.toISOString(),
    performer: [{ type: 'Patient', display: writer.name }],
  };
}

/**
 * A blood pressure reading the patient took: an Observation in the FHIR vital-signs profile's
 * shape — LOINC 85354-9 "Blood pressure panel" with the systolic (8480-6) and diastolic (8462-4)
 * pressures as components in mm[Hg], category vital-signs, the patient as performer.
 *
 * @throws RangeError when a pressure is impossible (not between 20 and 300 mmHg) or the top
 *   number is not higher than the bottom one, or the date is in the future
 * @example
 * newBloodPressure({ systolic: 128, diastolic: 82 }, { name: 'Ada' }, new Date())
 */
export function newBloodPressure(input: { systolic: number; diastolic: number; date?: Date }, writer: Writer, now: Date): FhirResource {
  const systolic = measured(input.systolic, 40, 300, 'The top number (systolic) should be between 40 and 300 mmHg');
  const diastolic = measured(input.diastolic, 20, 200, 'The bottom number (diastolic) should be between 20 and 200 mmHg');
  if (systolic <= diastolic) throw new RangeError('The top number (systolic) should be higher than the bottom number (diastolic)');
  const component = (code: string, display: string, value: number): ObservationComponent => ({
    code: { coding: [{ system: LOINC, code, display }], text: display },
    valueQuantity: quantity(value, 'mmHg', 'mm[Hg]'),
  });
  const observation: Observation = {
    ...reading(
      { code: '85354-9', display: 'Blood pressure panel with all children optional', text: 'Blood pressure' },
      writer,
      now,
      takenAt(input.date, now, 'blood pressure'),
      true,
    ),
    component: [component('8480-6', 'Systolic blood pressure', systolic), component('8462-4', 'Diastolic blood pressure', diastolic)],
  };
  return asFhirResource(observation);
}

/**
 * A weight the patient measured: LOINC 29463-7 "Body weight" in kilograms (UCUM `kg`),
 * category vital-signs.
 *
 * @throws RangeError when the weight is not above 0 and at most 650 kg, or the date is in the future
 */
export function newWeight(input: { kg: number; date?: Date }, writer: Writer, now: Date): FhirResource {
  const kg = measured(input.kg, Number.MIN_VALUE, 650, 'A weight should be more than 0 and at most 650 kg');
  return asFhirResource({
    ...reading({ code: '29463-7', display: 'Body weight', text: 'Weight' }, writer, now, takenAt(input.date, now, 'weight'), true),
    valueQuantity: quantity(kg, 'kg', 'kg'),
  } satisfies Observation);
}

/**
 * A blood sugar reading from the patient's own meter: LOINC 14743-9 "Glucose [Moles/volume] in
 * Capillary blood by Glucometer" in mmol/L. Chosen because it says exactly what a home reading
 * is — a finger-prick (capillary) sample on a meter — and in the molar unit UK meters and NHS
 * advice use; the general 15074-8 ("in Blood") would hide how it was measured, and the mass
 * codes (2339-0, 41653-7) are for mg/dL. No category: FHIR's `laboratory` is for lab results
 * and a glucose reading is not a vital sign.
 *
 * @throws RangeError when the reading is not between 0.5 and 60 mmol/L, or the date is in the future
 */
export function newBloodGlucose(input: { mmolPerL: number; date?: Date }, writer: Writer, now: Date): FhirResource {
  const value = measured(input.mmolPerL, 0.5, 60, 'A blood sugar reading should be between 0.5 and 60 mmol/L');
  return asFhirResource({
    ...reading(
      { code: '14743-9', display: 'Glucose [Moles/volume] in Capillary blood by Glucometer', text: 'Blood sugar' },
      writer,
      now,
      takenAt(input.date, now, 'blood sugar reading'),
      false,
    ),
    valueQuantity: quantity(value, 'mmol/L', 'mmol/L'),
  } satisfies Observation);
}

/**
 * A body temperature the patient took: LOINC 8310-5 "Body temperature" in degrees Celsius
 * (UCUM `Cel`), category vital-signs.
 *
 * @throws RangeError when the temperature is not between 25 and 45 °C, or the date is in the future
 */
export function newTemperature(input: { celsius: number; date?: Date }, writer: Writer, now: Date): FhirResource {
  const celsius = measured(input.celsius, 25, 45, 'A body temperature should be between 25 and 45 °C');
  return asFhirResource({
    ...reading(
      { code: '8310-5', display: 'Body temperature', text: 'Temperature' },
      writer,
      now,
      takenAt(input.date, now, 'temperature'),
      true,
    ),
    valueQuantity: quantity(celsius, '°C', 'Cel'),
  } satisfies Observation);
}

/**
 * A peak flow reading from the patient's peak flow meter: LOINC 19935-6 "Maximum expiratory gas
 * flow Respiratory system airway by Peak flow meter" in litres per minute (UCUM `L/min`). No
 * category: peak flow is not one of FHIR's vital signs.
 *
 * @throws RangeError when the reading is not between 30 and 1000 L/min, or the date is in the future
 */
export function newPeakFlow(input: { litresPerMinute: number; date?: Date }, writer: Writer, now: Date): FhirResource {
  const value = measured(input.litresPerMinute, 30, 1000, 'A peak flow reading should be between 30 and 1000 litres a minute');
  return asFhirResource({
    ...reading(
      { code: '19935-6', display: 'Maximum expiratory gas flow Respiratory system airway by Peak flow meter', text: 'Peak flow' },
      writer,
      now,
      takenAt(input.date, now, 'peak flow reading'),
      false,
    ),
    valueQuantity: quantity(value, 'L/min', 'L/min'),
  } satisfies Observation);
}

export const SYMPTOM_SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type SymptomSeverity = (typeof SYMPTOM_SEVERITIES)[number];

/** SNOMED CT severity qualifiers (the values FHIR binds Condition.severity to). */
const SEVERITY_CODES: Readonly<Record<SymptomSeverity, { code: string; display: string }>> = {
  mild: { code: '255604002', display: 'Mild' },
  moderate: { code: '6736007', display: 'Moderate' },
  severe: { code: '24484000', display: 'Severe' },
};

/**
 * A symptom in the patient's diary: LOINC 75325-1 "Symptom" with the symptom in their own words
 * (`valueString`) and, when given, its severity as a component coded SNOMED CT 246112005
 * "Severity" with the SNOMED CT mild/moderate/severe qualifier.
 *
 * @throws RangeError when the symptom is empty, the severity unknown, or the date in the future
 */
export function newSymptom(input: { text: string; severity?: SymptomSeverity; date?: Date }, writer: Writer, now: Date): FhirResource {
  const text = input.text.trim();
  if (!text) throw new RangeError('Describe the symptom in a few words');
  if (input.severity !== undefined && !SYMPTOM_SEVERITIES.includes(input.severity)) {
    throw new RangeError('The severity should be mild, moderate or severe');
  }
  const severity = input.severity ? SEVERITY_CODES[input.severity] : undefined;
  return asFhirResource({
    ...reading({ code: '75325-1', display: 'Symptom', text: 'Symptom' }, writer, now, takenAt(input.date, now, 'symptom'), false),
    valueString: text,
    ...(severity
      ? {
          component: [
            {
              code: { coding: [{ system: SNOMED, code: '246112005', display: 'Severity' }], text: 'Severity' },
              valueCodeableConcept: { coding: [{ system: SNOMED, ...severity }], text: severity.display },
            },
          ],
        }
      : {}),
  } satisfies Observation);
}

const FHIR_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** A start date given as a Date or as a partial date the patient remembers ("2019", "2019-03"). */
function sinceDate(since: Date | string, now: Date): string {
  if (since instanceof Date) return takenAt(since, now, 'start of the medicine').slice(0, 10);
  const text = since.trim();
  if (!FHIR_DATE.test(text)) throw new RangeError('The start date should be a year, a month (2019-03) or a day (2019-03-14)');
  if (text > now.toISOString().slice(0, text.length)) throw new RangeError("The medicine can't have been started in the future");
  return text;
}

/**
 * A medicine the patient says they take: a MedicationStatement, active, with the medicine as the
 * patient names it (`medicationCodeableConcept.text`), the patient as the information source,
 * and — when given — the dose in their words, the reason, and since when (a Date or a partial
 * date such as "2019-03").
 *
 * @throws RangeError when the name is empty or the start date invalid or in the future
 */
export function newMedicine(
  input: { name: string; dose?: string; reason?: string; since?: Date | string },
  writer: Writer,
  now: Date,
): FhirResource {
  const name = input.name.trim();
  if (!name) throw new RangeError('A medicine needs a name');
  const dose = input.dose?.trim();
  const reason = input.reason?.trim();
  const statement: MedicationStatement = {
    resourceType: 'MedicationStatement',
    status: 'active',
    medicationCodeableConcept: { text: name },
    subject: { display: writer.name },
    ...(input.since !== undefined ? { effectivePeriod: { start: sinceDate(input.since, now) } } : {}),
    dateAsserted: now.toISOString(),
    informationSource: { type: 'Patient', display: writer.name },
    ...(reason ? { reasonCode: [{ text: reason }] } : {}),
    ...(dose ? { dosage: [{ text: dose }] } : {}),
  };
  return asFhirResource(statement);
}

/**
 * An appointment the patient has booked: an Appointment, status booked, with the patient as an
 * accepted participant and — when given — who it is with, where (a Location participant) and
 * why. When the end is not known it is stated as unknown (the FHIR data-absent-reason extension)
 * rather than guessed, as FHIR requires a booked appointment to have both.
 *
 * @throws RangeError when the start is not a real date, the end is not after the start, or a
 *   given name is empty
 */
export function newAppointment(
  input: { start: Date; end?: Date; with?: string; where?: string; reason?: string },
  writer: Writer,
  now: Date,
): FhirResource {
  if (Number.isNaN(input.start.getTime())) throw new RangeError('The appointment needs a real date and time');
  if (input.end !== undefined && !(input.end.getTime() > input.start.getTime())) {
    throw new RangeError('The appointment should end after it starts');
  }
  const withWhom = input.with?.trim();
  const where = input.where?.trim();
  const reason = input.reason?.trim();
  if (input.with !== undefined && !withWhom) throw new RangeError('Say who the appointment is with, or leave it out');
  if (input.where !== undefined && !where) throw new RangeError('Say where the appointment is, or leave it out');
  const participants: AppointmentParticipant[] = [
    { actor: { type: 'Patient', display: writer.name }, required: 'required', status: 'accepted' },
  ];
  if (withWhom) participants.push({ actor: { display: withWhom }, required: 'required', status: 'accepted' });
  if (where) participants.push({ actor: { type: 'Location', display: where }, required: 'required', status: 'accepted' });
  const appointment: Appointment = {
    resourceType: 'Appointment',
    status: 'booked',
    ...(reason ? { reasonCode: [{ text: reason }], description: reason } : {}),
    start: input.start.toISOString(),
    ...(input.end ? { end: input.end.toISOString() } : {}),
    created: now.toISOString().slice(0, 10),
    participant: participants,
  };
  return asFhirResource(
    input.end ? appointment : { ...appointment, _end: { extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] } },
  );
}

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
