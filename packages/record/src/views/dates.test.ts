import { describe, expect, test } from 'vitest';
import type { FhirResource } from '../fhir.ts';
import { clinicalDate, clinicalTime, datePrecision, fhirInstant } from './dates.ts';
import { plainDate, plainPeriod } from './format.ts';

describe('FHIR dates', () => {
  test('turns partial dates and date-times with offsets into instants', () => {
    expect(fhirInstant('2015')).toBe(Date.UTC(2015, 0, 1));
    expect(fhirInstant('2015-03')).toBe(Date.UTC(2015, 2, 1));
    expect(fhirInstant('2015-03-10')).toBe(Date.UTC(2015, 2, 10));
    expect(fhirInstant('2012-05-18T18:29:50+01:00')).toBe(Date.UTC(2012, 4, 18, 17, 29, 50));
    expect(fhirInstant('2012-05-18T18:29:50.157Z')).toBe(Date.UTC(2012, 4, 18, 18, 29, 50, 157));
    expect(fhirInstant('yesterday')).toBeUndefined();
    expect(fhirInstant('2015-13')).toBeUndefined();
    expect(datePrecision('2015-03')).toBe('month');
  });

  test('reads in plain words at the precision written', () => {
    expect(plainDate('2015')).toBe('2015');
    expect(plainDate('2015-03')).toBe('March 2015');
    expect(plainDate('2015-03-10')).toBe('10 March 2015');
    expect(plainDate('2015-03-10T09:15:00+01:00')).toBe('10 March 2015, 09:15');
    // In a time zone: 22:30 UTC on 1 July is 23:30 in London (summer time).
    expect(plainDate('2026-07-01T22:30:00Z', { timeZone: 'Europe/London' })).toBe('1 July 2026, 23:30');
    expect(plainDate('2026-07-01T22:30:00Z', { timeZone: 'Not/AZone' })).toBe('1 July 2026, 22:30');
    expect(plainDate('sometime')).toBe('sometime');
    expect(plainPeriod('2019-12-10T13:00:00+00:00', '2019-12-10T14:30:00+00:00')).toBe('10 December 2019, 13:00 to 14:30');
    expect(plainPeriod('2019-12-10', '2019-12-11')).toBe('10 December 2019 to 11 December 2019');
    expect(plainPeriod('2020-05-03', undefined)).toBe('From 3 May 2020');
    expect(plainPeriod(undefined, undefined)).toBeUndefined();
  });

  test('finds the clinical date of each resource type where it keeps it', () => {
    const cases: Array<[FhirResource, string | undefined]> = [
      [
        { resourceType: 'Observation', effectivePeriod: { start: '2013-04-02T09:30:10+01:00' }, issued: '2013-04-03' },
        '2013-04-02T09:30:10+01:00',
      ],
      [{ resourceType: 'Observation', effectiveDateTime: '2020-01-01', issued: '2020-01-02' }, '2020-01-01'],
      [{ resourceType: 'Observation', issued: '2022-03-08T14:23:00+00:00' }, '2022-03-08T14:23:00+00:00'],
      [{ resourceType: 'Condition', onsetDateTime: '2015', recordedDate: '2016-10' }, '2015'],
      [{ resourceType: 'Condition', recordedDate: '2013-04-04' }, '2013-04-04'],
      [{ resourceType: 'Immunization', occurrenceDateTime: '2013-01-10' }, '2013-01-10'],
      [{ resourceType: 'Immunization', occurrenceString: 'as a child', recorded: '2014-02-01' }, '2014-02-01'],
      [{ resourceType: 'Encounter', period: { start: '2019-12-10T13:00:00+00:00', end: '2019-12-11' } }, '2019-12-10T13:00:00+00:00'],
      [{ resourceType: 'MedicationRequest', authoredOn: '2023-06-15T15:00:00.000Z' }, '2023-06-15T15:00:00.000Z'],
      [{ resourceType: 'MedicationStatement', effectivePeriod: { start: '2015-03' } }, '2015-03'],
      [{ resourceType: 'Appointment', start: '2022-03-11T10:46:00+00:00', created: '2022-02-14' }, '2022-03-11T10:46:00+00:00'],
      [{ resourceType: 'Procedure', performedPeriod: { start: '2012-10-12T18:29:50+00:00' } }, '2012-10-12T18:29:50+00:00'],
      [{ resourceType: 'DocumentReference', content: [{ attachment: { creation: '2016-03-08' } }] }, '2016-03-08'],
      [{ resourceType: 'AllergyIntolerance', recordedDate: '2019-12-10' }, '2019-12-10'],
      [{ resourceType: 'DiagnosticReport', issued: '2013-01-27T11:45:33+11:00' }, '2013-01-27T11:45:33+11:00'],
      [{ resourceType: 'Patient', birthDate: '1970-09-11' }, undefined],
      [{ resourceType: 'Basic', created: '2020-02-02' }, '2020-02-02'],
      // A malformed date is passed over for the next well-formed one, never shown as a date.
      [{ resourceType: 'Observation', effectiveDateTime: '10/03/2015', issued: '2015-03-11' }, '2015-03-11'],
    ];
    for (const [resource, expected] of cases) expect(clinicalDate(resource), JSON.stringify(resource)).toBe(expected);
  });
});

test("clinicalTime is the clinical date's instant, the same on every call", () => {
  const encounter: FhirResource = { resourceType: 'Encounter', period: { start: '2019-12-10T13:00:00+01:00' } };
  expect(clinicalTime(encounter)).toBe(Date.UTC(2019, 11, 10, 12));
  expect(clinicalTime(encounter)).toBe(Date.UTC(2019, 11, 10, 12));
  const undated: FhirResource = { resourceType: 'Basic' };
  expect(clinicalTime(undated)).toBeUndefined();
  expect(clinicalTime(undated)).toBeUndefined();
  // A new version is a new object, with its own date.
  expect(clinicalTime({ ...encounter, period: { start: '2020-01-01' } })).toBe(Date.UTC(2020, 0, 1));
});
