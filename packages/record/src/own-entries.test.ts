import { describe, expect, test } from 'vitest';
import { newAllergy, newNote } from './own-entries.ts';
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
    expect(describeResource({ resourceType: 'CarePlan', description: 'Exercise' })).toMatchObject({ kind: 'Care Plan', title: 'Exercise' });
    expect(describeResource({ resourceType: 'Condition', code: { coding: [{ display: 'Asthma' }] } }).title).toBe('Asthma');
  });
});
