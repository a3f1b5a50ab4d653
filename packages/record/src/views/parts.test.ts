import { describe, expect, test } from 'vitest';
import { newBloodPressure, newNote, newSymptom } from '../own-entries.ts';
import { PARTS, byPart, partOf } from './parts.ts';
import { entries, entry } from './testdata/entries.ts';
import { UKCORE } from './testdata/ukcore.ts';
import { ONE_OF_EACH } from './testdata/one-of-each.ts';

const writer = { name: 'Ada Lovelace' };
const now = new Date('2026-11-24T10:00:00Z');

describe('parts of the record', () => {
  test('each resource type goes to its part; unknown types to other', () => {
    const expected: Record<string, string> = {
      AllergyIntolerance: 'allergies',
      MedicationRequest: 'medicines',
      MedicationStatement: 'medicines',
      Condition: 'conditions',
      Immunization: 'immunisations',
      Observation: 'results',
      DiagnosticReport: 'results',
      Appointment: 'appointments',
      Encounter: 'consultations',
      Procedure: 'procedures',
      DocumentReference: 'documents',
      Patient: 'about',
      Medication: 'other',
      Organization: 'other',
      Claim: 'other',
      Basic: 'other',
    };
    for (const [type, part] of Object.entries(expected)) expect(partOf({ resourceType: type }), type).toBe(part);
    for (const { resource } of ONE_OF_EACH) expect(PARTS).toContain(partOf(resource));
  });

  test("the patient's notes and symptoms are notes; their readings are results", () => {
    expect(partOf(newNote({ text: 'Tired' }, writer, now))).toBe('notes');
    expect(partOf(newSymptom({ text: 'Headache' }, writer, now))).toBe('notes');
    expect(partOf(newBloodPressure({ systolic: 120, diastolic: 80 }, writer, now))).toBe('results');
  });

  test('byPart lists every part, each newest first, undated last', () => {
    const list = [
      ...entries(UKCORE),
      entry({ resourceType: 'Immunization', occurrenceDateTime: '2020-01-01', vaccineCode: { text: 'Later' } }),
      entry({ resourceType: 'Immunization', vaccineCode: { text: 'Undated' } }),
    ];
    const parts = byPart(list);
    expect(Object.keys(parts)).toEqual([...PARTS]);
    expect(parts.immunisations.map((e) => e.resource.occurrenceDateTime ?? 'none')).toEqual(['2020-01-01', '2013-01-10', 'none']);
    expect(parts.appointments).toHaveLength(1);
    expect(parts.notes).toEqual([]);
    expect(parts.other.map((e) => e.resourceType).sort()).toEqual(['Location', 'Medication', 'Organization', 'Practitioner']);
    expect(Object.values(parts).flat()).toHaveLength(list.length);
  });
});
