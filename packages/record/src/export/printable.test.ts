import { describe, expect, test } from 'vitest';
import { entries, entry } from '../views/testdata/entries.ts';
import { HL7_R4 } from '../views/testdata/hl7.ts';
import { UKCORE } from '../views/testdata/ukcore.ts';
import { printableSummary } from './printable.ts';

const now = new Date('2022-03-01T09:00:00Z');

describe('printable summary', () => {
  test('sections of plain-language rows for one page', () => {
    const list = [
      ...entries(UKCORE),
      entry(
        { resourceType: 'Condition', clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Anxiety' } },
        { category: 'mental-health' },
      ),
    ];
    const patient = list.find((e) => e.resource.id === 'UKCore-Patient-RichardSmith-Example')?.resource;
    if (!patient) throw new Error('no patient');
    const printable = printableSummary(list, { patient, now });
    expect(printable.title).toBe('My health summary');
    expect(printable.subtitle).toContain('1 March 2022');
    const section = (title: string) => printable.sections.find((s) => s.title === title);
    expect(printable.sections.map((s) => s.title)).toEqual([
      'About you',
      'Allergies',
      'Current medicines',
      'Health problems',
      'Next appointment',
      'Vaccinations',
      'Recent results',
    ]);
    expect(section('About you')?.rows).toEqual([
      { text: 'Name', detail: 'Richard SMITH' },
      { text: 'Born', detail: '11 September 1970' },
      { text: 'NHS number', detail: '991 200 3888' },
      { text: 'Address', detail: '4 Sandmoor Drive, LEEDS, LS17 7DF' },
    ]);
    expect(section('Allergies')?.rows).toEqual([{ text: 'Amoxicillin', detail: 'Urticarial rash · mild reaction' }]);
    expect(section('Current medicines')).toEqual({ title: 'Current medicines', rows: [], empty: 'None recorded' });
    expect(section('Health problems')?.rows.map((r) => r.text)).toEqual(['Loosening of total hip replacement']); // not the mental-health entry
    expect(section('Next appointment')?.rows[0]).toMatchObject({
      text: 'Appointment to investigate the pain in both hips',
      date: '11 March 2022, 10:46',
    });
    expect(section('Vaccinations')?.rows[0]?.date).toBe('10 January 2013');
    expect(section('Recent results')?.rows.find((r) => r.text === 'Serum albumin level')).toEqual({
      text: 'Serum albumin level',
      detail: '47 g/L',
      date: '8 March 2022',
    });
  });

  test('long sections are cut with a count; "no known allergies" is said', () => {
    const patient = { resourceType: 'Patient', name: [{ given: ['Ada'], family: 'Lovelace' }] };
    const vaccines = Array.from({ length: 11 }, (_, i) =>
      entry({
        resourceType: 'Immunization',
        status: 'completed',
        vaccineCode: { text: `Vaccine ${i}` },
        occurrenceDateTime: `20${10 + i}-01-01`,
      }),
    );
    const printable = printableSummary([...vaccines, ...entries(HL7_R4.filter((i) => i.resource.id === 'nka'))], {
      patient,
      now,
      rowsPerSection: 4,
    });
    const vaccinations = printable.sections.find((s) => s.title === 'Vaccinations');
    expect(vaccinations?.rows.map((r) => r.text)).toEqual(['Vaccine 10', 'Vaccine 9', 'Vaccine 8', 'Vaccine 7']);
    expect(vaccinations?.more).toBe(7);
    expect(printable.sections.find((s) => s.title === 'Allergies')).toEqual({ title: 'Allergies', rows: [], empty: 'No known allergies' });
    expect(printable.sections[0]?.rows).toEqual([{ text: 'Name', detail: 'Ada Lovelace' }]);
  });

  test('what came from a health card whose signature was not checked says so', () => {
    const vaccine = (code: string, date: string) => ({
      resourceType: 'Immunization',
      status: 'completed',
      vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code }], text: `Vaccine ${code}` },
      occurrenceDateTime: date,
    });
    const checked = entry(vaccine('207', '2021-01-01'));
    const card = entry(vaccine('208', '2021-02-01'));
    const unchecked = { ...card, current: { ...card.current, source: { card: { issuer: 'https://issuer.example', verified: false } } } };
    const patient = { resourceType: 'Patient', name: [{ text: 'Ada Example' }] };
    const rows = printableSummary([checked, unchecked], { patient, now }).sections.find((s) => s.title === 'Vaccinations')?.rows ?? [];
    expect(rows.map((r) => [r.text, r.detail])).toEqual([
      ['Vaccine 208', 'Not verified: from a health card whose signature could not be checked'],
      ['Vaccine 207', undefined],
    ]);
  });
});
