import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FhirResource } from '../fhir.ts';
import { comparePatients } from './index.ts';

const fixtureJson = (path: string): FhirResource =>
  JSON.parse(readFileSync(new URL(`../../test-fixtures/${path}`, import.meta.url), 'utf8')) as FhirResource;

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const patient = (fields: Record<string, unknown>): FhirResource => ({ resourceType: 'Patient', ...fields });

describe('comparePatients: is the file about the person whose record this is?', () => {
  const richard = fixtureJson('ukcore/UKCore-Patient-RichardSmith-Example.json');

  it('finds no difference between a patient and the same patient', () => {
    expect(comparePatients(richard, richard)).toEqual({ same: true, differences: [] });
  });

  it('ignores case and accents in names, and compares family and first given name', () => {
    const record = patient({ name: [{ family: 'Guzmán', given: ['Ángela', 'María'] }] });
    expect(comparePatients(record, patient({ name: [{ family: 'GUZMAN', given: ['angela'] }] })).same).toBe(true);
    expect(comparePatients(record, patient({ name: [{ family: 'Guzman', given: ['Angelo'] }] })).differences).toEqual(['name']);
  });

  it('accepts a match on any of the names (maiden, usual, official)', () => {
    const record = patient({
      name: [
        { use: 'official', family: 'Smith', given: ['Jane'] },
        { use: 'maiden', family: 'Jones', given: ['Jane'] },
      ],
    });
    expect(comparePatients(record, patient({ name: [{ family: 'Jones', given: ['Jane'] }] })).same).toBe(true);
  });

  it('compares names given only as text', () => {
    expect(comparePatients(patient({ name: [{ text: 'Ada Okafor' }] }), patient({ name: [{ text: 'ada  okafor' }] })).same).toBe(true);
    expect(comparePatients(patient({ name: [{ text: 'Ada Okafor' }] }), patient({ name: [{ text: 'Bo Okafor' }] })).differences).toEqual([
      'name',
    ]);
  });

  it('compares dates of birth exactly', () => {
    const record = patient({ birthDate: '1980-02-01' });
    expect(comparePatients(record, patient({ birthDate: '1980-02-01' })).same).toBe(true);
    expect(comparePatients(record, patient({ birthDate: '1980-01-02' })).differences).toEqual(['birthDate']);
  });

  it('finds a conflict when the same identifier system has another value (NHS number)', () => {
    const otherNumber = { ...richard, identifier: [{ system: NHS, value: '9000000009' }] };
    expect(comparePatients(richard, otherNumber)).toEqual({ same: false, differences: ['identifier'] });
    // Spaces inside an NHS number do not matter.
    const spaced = patient({ identifier: [{ system: NHS, value: '944 930 5852' }] });
    expect(comparePatients(patient({ identifier: [{ system: NHS, value: '9449305852' }] }), spaced).same).toBe(true);
  });

  it('does not count a missing field, or an identifier of another system, as a difference', () => {
    expect(comparePatients(richard, patient({})).same).toBe(true);
    expect(comparePatients(patient({}), richard).same).toBe(true);
    expect(comparePatients(richard, patient({ identifier: [{ system: 'https://hospital.example/mrn', value: '123' }] })).same).toBe(true);
  });

  it('lists every difference', () => {
    const someoneElse = patient({
      name: [{ family: 'Okafor', given: ['Ada'] }],
      birthDate: '1999-12-31',
      identifier: [{ system: NHS, value: '9000000009' }],
    });
    expect(comparePatients(richard, someoneElse)).toEqual({ same: false, differences: ['name', 'birthDate', 'identifier'] });
  });
});
