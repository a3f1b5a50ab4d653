import { describe, expect, test } from 'vitest';
import { describeResource } from '@carekey/client';
import { newSharedNote, newSharedResult } from './shared-entries.ts';

const who = { writer: 'Ifeoma Okafor', patient: 'Olwen Grantley' };
const now = new Date('2026-11-24T14:02:00Z');

describe('what a clinician or carer adds', () => {
  test('a result with a number and a unit is a quantity, about the patient, by the writer', () => {
    const result = newSharedResult({ name: ' HbA1c ', value: '51', unit: 'mmol/mol' }, who, now);
    expect(result).toMatchObject({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'HbA1c' },
      subject: { display: 'Olwen Grantley' },
      performer: [{ display: 'Ifeoma Okafor' }],
      effectiveDateTime: '2026-11-24T14:02:00.000Z',
      valueQuantity: { value: 51, unit: 'mmol/mol' },
    });
    expect(describeResource(result)).toMatchObject({ kind: 'Result', title: 'HbA1c', detail: '51 mmol/mol' });
  });

  test('a result in words stays words; a comma decimal is a number', () => {
    expect(newSharedResult({ name: 'Urine dip', value: 'Trace protein' }, who, now)).toMatchObject({ valueString: 'Trace protein' });
    expect(newSharedResult({ name: 'Temperature', value: '37,5', unit: '°C' }, who, now)).toMatchObject({
      valueQuantity: { value: 37.5, unit: '°C' },
    });
  });

  test('a note reads as a note in the patient’s record', () => {
    const note = newSharedNote({ text: 'Reviewed bloods with Olwen.' }, who, now);
    expect(describeResource(note)).toMatchObject({ kind: 'Note', title: 'Reviewed bloods with Olwen.' });
    expect(note).toMatchObject({ subject: { display: 'Olwen Grantley' }, performer: [{ display: 'Ifeoma Okafor' }] });
  });

  test('nothing is made from an empty form', () => {
    expect(() => newSharedNote({ text: '  ' }, who, now)).toThrow('Write the note first.');
    expect(() => newSharedResult({ name: '', value: '5' }, who, now)).toThrow('Say what was measured.');
    expect(() => newSharedResult({ name: 'Weight', value: ' ' }, who, now)).toThrow('Enter the result.');
  });
});
