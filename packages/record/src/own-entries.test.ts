import { describe, expect, test } from 'vitest';
import {
  newAllergy,
  newAppointment,
  newBloodGlucose,
  newBloodPressure,
  newMedicine,
  newNote,
  newPeakFlow,
  newSymptom,
  newTemperature,
  newWeight,
  type SymptomSeverity,
} from './own-entries.ts';
import { detailsOf } from './describe.ts';
import { entry } from './views/testdata/entries.ts';
import { BLOOD_PRESSURE_KEY, resultSeries } from './views/results.ts';
import { describeResource } from './describe.ts';
import { categoryForResourceType } from './categories.ts';

const writer = { name: 'Ada Lovelace' };
const now = new Date('2026-11-24T10:00:00Z');

describe("the patient's own entries", () => {
  test('an allergy is an unconfirmed, active AllergyIntolerance recorded by the patient', () => {
    const allergy = newAllergy({ substance: ' Penicillin ', reaction: 'Rash', severity: 'moderate', note: 'As a child' }, writer, now);
    expect(allergy).toMatchObject({
      resourceType: 'AllergyIntolerance',
      code: { text: 'Penicillin' },
      verificationStatus: { coding: [{ code: 'unconfirmed' }] },
      clinicalStatus: { coding: [{ code: 'active' }] },
      recorder: { display: 'Ada Lovelace' },
      recordedDate: '2026-11-24T10:00:00.000Z',
      reaction: [{ manifestation: [{ text: 'Rash' }], severity: 'moderate' }],
      note: [{ text: 'As a child' }],
    });
    expect(categoryForResourceType(allergy.resourceType)).toBe('summary');
    expect(describeResource(allergy)).toEqual({
      kind: 'Allergy',
      title: 'Penicillin',
      detail: 'Rash · moderate reaction',
      date: '2026-11-24T10:00:00.000Z',
    });
    expect(() => newAllergy({ substance: '  ' }, writer, now)).toThrow(RangeError);
  });

  test('a note is a LOINC 61150-9 Observation with the patient as performer', () => {
    const note = newNote({ text: 'Headache since lunch' }, writer, now);
    expect(note).toMatchObject({
      resourceType: 'Observation',
      code: { coding: [{ system: 'http://loinc.org', code: '61150-9' }] },
      performer: [{ display: 'Ada Lovelace' }],
      valueString: 'Headache since lunch',
    });
    expect(describeResource(note)).toMatchObject({ kind: 'Note', title: 'Headache since lunch' });
    expect(() => newNote({ text: '' }, writer, now)).toThrow(RangeError);
  });

  test('describes resources it has no special words for', () => {
    expect(describeResource({ resourceType: 'CarePlan', description: 'Exercise' })).toMatchObject({ kind: 'Care plan', title: 'Exercise' });
    expect(describeResource({ resourceType: 'Condition', code: { coding: [{ display: 'Asthma' }] } }).title).toBe('Asthma');
  });
});

describe("the patient's readings, symptoms, medicines and appointments", () => {
  const patient = { type: 'Patient', display: 'Ada Lovelace' };
  const vitalSigns = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }];
  const loinc = (code: string) => ({ coding: [{ system: 'http://loinc.org', code }] });
  const ucum = (value: number, code: string) => ({ value, system: 'http://unitsofmeasure.org', code });

  test('blood pressure: an 85354-9 panel with systolic and diastolic components in mm[Hg]', () => {
    const bp = newBloodPressure({ systolic: 128, diastolic: 82, date: new Date('2026-11-23T08:00:00Z') }, writer, now);
    expect(bp).toMatchObject({
      resourceType: 'Observation',
      status: 'final',
      category: vitalSigns,
      code: loinc('85354-9'),
      effectiveDateTime: '2026-11-23T08:00:00.000Z',
      issued: '2026-11-24T10:00:00.000Z',
      performer: [patient],
      subject: { display: 'Ada Lovelace' },
      component: [
        { code: loinc('8480-6'), valueQuantity: ucum(128, 'mm[Hg]') },
        { code: loinc('8462-4'), valueQuantity: ucum(82, 'mm[Hg]') },
      ],
    });
    expect(bp).not.toHaveProperty('valueQuantity');
    expect(describeResource(bp)).toMatchObject({ kind: 'Measurement', title: 'Blood pressure', detail: '128/82 mmHg' });
    expect(resultSeries([entry(bp)])[0]).toMatchObject({ key: BLOOD_PRESSURE_KEY, lines: ['Systolic', 'Diastolic'] });
  });

  test('blood pressure refuses impossible readings with plain words', () => {
    expect(() => newBloodPressure({ systolic: 80, diastolic: 90 }, writer, now)).toThrow('higher than the bottom number');
    expect(() => newBloodPressure({ systolic: 80, diastolic: 80 }, writer, now)).toThrow(RangeError);
    expect(() => newBloodPressure({ systolic: 400, diastolic: 80 }, writer, now)).toThrow('between 40 and 300');
    expect(() => newBloodPressure({ systolic: Number.NaN, diastolic: 80 }, writer, now)).toThrow(RangeError);
    expect(() => newBloodPressure({ systolic: 120, diastolic: -5 }, writer, now)).toThrow(RangeError);
    expect(() => newBloodPressure({ systolic: 120, diastolic: 80, date: new Date('2026-12-01') }, writer, now)).toThrow('in the future');
  });

  test('weight, temperature, blood sugar and peak flow: LOINC codes and UCUM units', () => {
    const cases = [
      [newWeight({ kg: 72.5 }, writer, now), '29463-7', ucum(72.5, 'kg'), true],
      [newTemperature({ celsius: 37.8 }, writer, now), '8310-5', ucum(37.8, 'Cel'), true],
      [newBloodGlucose({ mmolPerL: 6.4 }, writer, now), '14743-9', ucum(6.4, 'mmol/L'), false],
      [newPeakFlow({ litresPerMinute: 420 }, writer, now), '19935-6', ucum(420, 'L/min'), false],
    ] as const;
    for (const [resource, code, quantity, vital] of cases) {
      expect(resource, code).toMatchObject({
        resourceType: 'Observation',
        code: loinc(code),
        valueQuantity: quantity,
        performer: [patient],
      });
      expect(resource.category !== undefined, code).toBe(vital);
      expect(resource.effectiveDateTime).toBe('2026-11-24T10:00:00.000Z');
    }
    expect(describeResource(newTemperature({ celsius: 37.8 }, writer, now))).toMatchObject({ title: 'Temperature', detail: '37.8 °C' });
    expect(describeResource(newPeakFlow({ litresPerMinute: 420 }, writer, now)).title).toBe('Peak flow');
  });

  test('readings refuse impossible values', () => {
    expect(() => newWeight({ kg: -3 }, writer, now)).toThrow('more than 0');
    expect(() => newWeight({ kg: 0 }, writer, now)).toThrow(RangeError);
    expect(() => newTemperature({ celsius: 98.6 }, writer, now)).toThrow('between 25 and 45');
    expect(() => newBloodGlucose({ mmolPerL: 0 }, writer, now)).toThrow(RangeError);
    expect(() => newBloodGlucose({ mmolPerL: 110 }, writer, now)).toThrow('mmol/L'); // a mg/dL number typed in
    expect(() => newPeakFlow({ litresPerMinute: Infinity }, writer, now)).toThrow(RangeError);
    expect(() => newWeight({ kg: 70, date: new Date('not a date') }, writer, now)).toThrow('not a real date');
  });

  test('a symptom: LOINC 75325-1 with the words and a SNOMED CT severity', () => {
    const symptom = newSymptom({ text: ' Dizzy when standing ', severity: 'moderate' }, writer, now);
    expect(symptom).toMatchObject({
      code: loinc('75325-1'),
      valueString: 'Dizzy when standing',
      performer: [patient],
      component: [
        {
          code: { coding: [{ system: 'http://snomed.info/sct', code: '246112005' }] },
          valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '6736007' }] },
        },
      ],
    });
    expect(describeResource(symptom)).toMatchObject({ kind: 'Symptom', title: 'Dizzy when standing', detail: 'Moderate' });
    expect(newSymptom({ text: 'Cough' }, writer, now)).not.toHaveProperty('component');
    expect(() => newSymptom({ text: ' ' }, writer, now)).toThrow(RangeError);
    expect(() => newSymptom({ text: 'Cough', severity: 'awful' as SymptomSeverity }, writer, now)).toThrow(RangeError);
  });

  test('a medicine: an active MedicationStatement from the patient', () => {
    const medicine = newMedicine({ name: 'Sertraline 50mg', dose: 'One each morning', reason: 'Low mood', since: '2025-03' }, writer, now);
    expect(medicine).toEqual({
      resourceType: 'MedicationStatement',
      status: 'active',
      medicationCodeableConcept: { text: 'Sertraline 50mg' },
      subject: { display: 'Ada Lovelace' },
      effectivePeriod: { start: '2025-03' },
      dateAsserted: '2026-11-24T10:00:00.000Z',
      informationSource: patient,
      reasonCode: [{ text: 'Low mood' }],
      dosage: [{ text: 'One each morning' }],
    });
    expect(newMedicine({ name: 'Iron', since: new Date('2026-01-02T12:00:00Z') }, writer, now)).toMatchObject({
      effectivePeriod: { start: '2026-01-02' },
    });
    expect(newMedicine({ name: 'Iron' }, writer, now)).not.toHaveProperty('effectivePeriod');
    expect(() => newMedicine({ name: '' }, writer, now)).toThrow(RangeError);
    expect(() => newMedicine({ name: 'Iron', since: '03/2025' }, writer, now)).toThrow('a year, a month');
    expect(() => newMedicine({ name: 'Iron', since: '2027' }, writer, now)).toThrow('future');
  });

  test('an appointment: booked, with the patient as participant, the end unknown unless given', () => {
    const start = new Date('2026-12-03T09:30:00Z');
    const appointment = newAppointment({ start, with: 'Dr Patel', where: 'Leeds Road Surgery', reason: 'Asthma review' }, writer, now);
    expect(appointment).toMatchObject({
      resourceType: 'Appointment',
      status: 'booked',
      start: '2026-12-03T09:30:00.000Z',
      _end: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] },
      reasonCode: [{ text: 'Asthma review' }],
      participant: [
        { actor: patient, status: 'accepted' },
        { actor: { display: 'Dr Patel' }, status: 'accepted' },
        { actor: { type: 'Location', display: 'Leeds Road Surgery' }, status: 'accepted' },
      ],
    });
    expect(appointment).not.toHaveProperty('end');
    const withEnd = newAppointment({ start, end: new Date('2026-12-03T09:45:00Z') }, writer, now);
    expect(withEnd).toMatchObject({ end: '2026-12-03T09:45:00.000Z', participant: [{ actor: patient }] });
    expect(withEnd).not.toHaveProperty('_end');
    expect(Object.fromEntries(detailsOf(appointment).map((d) => [d.label, d.value]))).toMatchObject({
      When: 'From 3 December 2026, 09:30',
      With: 'Dr Patel',
      Where: 'Leeds Road Surgery',
    });
    expect(() => newAppointment({ start, end: start }, writer, now)).toThrow('end after it starts');
    expect(() => newAppointment({ start: new Date('nope') }, writer, now)).toThrow(RangeError);
    expect(() => newAppointment({ start, with: '  ' }, writer, now)).toThrow(RangeError);
  });
});
