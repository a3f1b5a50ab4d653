import { describe, expect, test } from 'vitest';
import type { FhirResource } from '../fhir.ts';
import { newAllergy, newAppointment, newMedicine } from '../own-entries.ts';
import { homeSummary } from './summary.ts';
import { entries, entry } from './testdata/entries.ts';
import { HL7_R4 } from './testdata/hl7.ts';
import { IPS_EXAMPLE } from './testdata/ips.ts';
import { ANGELA } from './testdata/synthea.ts';
import { UKCORE } from './testdata/ukcore.ts';

const now = new Date('2026-11-24T10:00:00Z');
const writer = { name: 'Ada Lovelace' };
const status = (system: string, code: string) => ({ coding: [{ system: `http://terminology.hl7.org/CodeSystem/${system}`, code }] });

function allergy(name: string, clinical: string | undefined, verification?: string): FhirResource {
  return {
    resourceType: 'AllergyIntolerance',
    code: { text: name },
    ...(clinical ? { clinicalStatus: status('allergyintolerance-clinical', clinical) } : {}),
    ...(verification ? { verificationStatus: status('allergyintolerance-verification', verification) } : {}),
  };
}

function condition(name: string, clinical: string, extra: Record<string, unknown> = {}): FhirResource {
  return { resourceType: 'Condition', code: { text: name }, clinicalStatus: status('condition-clinical', clinical), ...extra };
}

describe('home summary', () => {
  test('allergies: active or unstated, never refuted, in error or resolved', () => {
    const summary = homeSummary(
      [
        entry(allergy('Peanut', 'active', 'confirmed')),
        entry(allergy('Latex', undefined)),
        entry(allergy('Penicillin', 'active', 'refuted')),
        entry(allergy('Egg', 'resolved')),
        entry(allergy('Aspirin', 'inactive')),
        ...entries(UKCORE.filter((i) => i.resource.id === 'UKCore-AllergyIntolerance-EnteredInError-Example')),
        entry(newAllergy({ substance: 'Plasters', reaction: 'Itching' }, writer, now)),
      ],
      now,
    );
    expect(summary.allergies.map((a) => a.title)).toEqual(['Latex', 'Peanut', 'Plasters']);
    expect(summary.allergies[2]?.detail).toBe('Itching');
    expect(summary.noKnownAllergies).toBe(false);
  });

  test('"no known allergies" is not an allergy: it is said as such', () => {
    const nka = entries(HL7_R4.filter((i) => i.resource.id === 'nka'));
    expect(homeSummary(nka, now)).toMatchObject({ allergies: [], noKnownAllergies: true });
    // …but not once a real allergy is recorded, nor when the statement was entered in error.
    expect(homeSummary([...nka, entry(allergy('Peanut', 'active'))], now).noKnownAllergies).toBe(false);
    const inError = {
      ...(nka[0]?.resource as FhirResource),
      verificationStatus: status('allergyintolerance-verification', 'entered-in-error'),
    };
    expect(homeSummary([entry(inError)], now).noKnownAllergies).toBe(false);
  });

  test('conditions: active, recurrence or relapse, and not abated', () => {
    const summary = homeSummary(
      [
        entry(condition('Asthma', 'active', { onsetDateTime: '2001-04-02T10:00:00+01:00' })),
        entry(condition('Shingles', 'recurrence')),
        entry(condition('Broken wrist', 'resolved', { abatementDateTime: '2019' })),
        entry(condition('Chest infection', 'active', { abatementDateTime: '2020-02-02' })),
        entry(condition('Gout', 'active', { verificationStatus: status('condition-ver-status', 'refuted') })),
        entry(condition('Eczema', 'inactive')),
        entry(condition('Asthma', 'active', { onsetDateTime: '1999' })), // the same condition twice
      ],
      now,
    );
    expect(summary.conditions.map((c) => [c.title, c.detail])).toEqual([
      ['Asthma', 'Since 2 April 2001'],
      ['Shingles', undefined],
    ]);
  });

  test('medicines: current ones only, one line per medicine, referenced medicines named', () => {
    const request = (name: string, extra: Record<string, unknown>): FhirResource => ({
      resourceType: 'MedicationRequest',
      intent: 'order',
      medicationCodeableConcept: { text: name },
      authoredOn: '2026-01-01',
      ...extra,
    });
    const summary = homeSummary(
      [
        entry(request('Ramipril 5mg capsules', { status: 'active', dosageInstruction: [{ text: 'One a day' }] })),
        entry(request('Amoxicillin 500mg', { status: 'stopped' })),
        entry(
          request('Prednisolone 5mg', {
            status: 'active',
            dispenseRequest: { validityPeriod: { start: '2026-01-01', end: '2026-02-01' } },
          }),
        ),
        entry(request('Metformin 500mg', { status: 'on-hold' })),
        entry(request('Ibuprofen', { status: 'active', doNotPerform: true })),
        entry(request('Statin', { status: 'active', intent: 'proposal' })),
        entry(newMedicine({ name: 'ramipril 5MG capsules', dose: 'One in the morning' }, writer, now)),
        entry({
          resourceType: 'MedicationStatement',
          status: 'active',
          medicationCodeableConcept: { text: 'Iron' },
          effectivePeriod: { start: '2025-01', end: '2025-06' },
        }),
        entry({ resourceType: 'MedicationStatement', status: 'completed', medicationCodeableConcept: { text: 'Folic acid' } }),
        ...entries(IPS_EXAMPLE.filter((i) => ['MedicationStatement', 'Medication'].includes(i.resource.resourceType))),
      ],
      now,
    );
    expect(summary.medicines.map((m) => [m.title, m.detail, m.entryIds.length])).toEqual([
      ['ramipril 5MG capsules', 'One in the morning', 2],
      ['Metformin 500mg', 'Paused', 1],
      ['Black Cohosh Extract herbal supplement', 'Oral use', 1],
      ['Product containing anastrozole (medicinal product)', '1 tablet, once a day, Oral use', 1],
    ]);
  });

  test('next appointment: the soonest booked, pending or proposed one still to come', () => {
    const appointment = (start: string, apptStatus: string, description: string): FhirResource => ({
      resourceType: 'Appointment',
      status: apptStatus,
      description,
      start,
      participant: [],
    });
    const list = [
      entry(appointment('2026-11-01T09:00:00Z', 'booked', 'Past')),
      entry(appointment('2026-12-20T09:00:00Z', 'booked', 'Later')),
      entry(appointment('2026-12-01T09:00:00Z', 'cancelled', 'Cancelled')),
      entry(appointment('2026-12-10T09:00:00Z', 'proposed', 'Soonest')),
      entry(newAppointment({ start: new Date('2026-12-15T09:00:00Z'), with: 'Dr Patel', where: 'Leeds Road Surgery' }, writer, now)),
    ];
    expect(homeSummary(list, now).nextAppointment).toMatchObject({ title: 'Soonest', start: '2026-12-10T09:00:00Z' });
    const mine = homeSummary(list.slice(0, 3).concat(list[4] ?? []), now).nextAppointment;
    expect(mine).toMatchObject({ with: 'Dr Patel', where: 'Leeds Road Surgery', detail: 'Dr Patel · Leeds Road Surgery' });
    expect(homeSummary(list.slice(0, 1), now).nextAppointment).toBeUndefined();
    // A real UK Core appointment, before and after it happened.
    const uk = entries(UKCORE.filter((i) => i.resource.resourceType === 'Appointment'));
    expect(homeSummary(uk, new Date('2022-03-01')).nextAppointment?.with).toBe('Dr Sandra Gose');
    expect(homeSummary(uk, new Date('2022-03-12')).nextAppointment).toBeUndefined();
  });

  test('latest results: the newest value of each test, limited', () => {
    const summary = homeSummary(entries(ANGELA), now, { latestResults: 2 });
    expect(summary.latestResults).toHaveLength(2);
    expect(summary.latestResults.map((r) => r.point.date)).toEqual(['2020-08-14T18:29:50+00:00', '2020-08-14T18:29:50+00:00']);
    // Measurements before questionnaire answers; nothing from a special category on home.
    const survey = (code: string, text: string, date: string): FhirResource => ({
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
      code: { coding: [{ system: 'http://loinc.org', code }], text },
      effectiveDateTime: date,
      valueString: 'Several days',
    });
    const mixed = [
      ...entries(ANGELA),
      entry(survey('44255-8', 'Feeling down', '2025-01-01'), { category: 'mental-health' }),
      entry(survey('89204-2', 'Walks to the shops', '2025-01-02')),
    ];
    const titles = homeSummary(mixed, now, { latestResults: 50 }).latestResults.map((r) => r.series.name);
    expect(titles).not.toContain('Feeling down');
    expect(titles.at(-1)).toBe('Walks to the shops');
    expect(homeSummary([], now)).toEqual({
      allergies: [],
      noKnownAllergies: false,
      medicines: [],
      conditions: [],
      nextAppointment: undefined,
      latestResults: [],
    });
  });
});
