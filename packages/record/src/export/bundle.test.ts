import { describe, expect, test } from 'vitest';
import type { Entry } from '../entry.ts';
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
} from '../own-entries.ts';
import { entries, entry } from '../views/testdata/entries.ts';
import { HL7_R4 } from '../views/testdata/hl7.ts';
import { IPS_EXAMPLE } from '../views/testdata/ips.ts';
import { ANGELA } from '../views/testdata/synthea.ts';
import { UKCORE } from '../views/testdata/ukcore.ts';
import { fhirErrors } from '../views/testdata/validate.ts';
import { exportBundle } from './bundle.ts';
import { entryUrn } from './uuid.ts';

const now = new Date('2026-11-24T10:00:00Z');
const writer = { name: 'Ada Lovelace' };

function record(): Entry[] {
  return [
    ...entries(ANGELA),
    ...entries(UKCORE),
    ...entries(IPS_EXAMPLE),
    ...entries(HL7_R4),
    entry(newBloodPressure({ systolic: 130, diastolic: 85 }, writer, now), { category: 'notes' }),
    entry(newNote({ text: 'Felt better — “much” <better> & calmer' }, writer, now), { category: 'notes' }),
    entry({ resourceType: 'Observation', status: 'final', code: { text: 'Mood' }, valueString: 'Low' }, { category: 'mental-health' }),
  ];
}

describe('export as a FHIR Bundle', () => {
  test('round trip: every resource comes back unchanged from the exported JSON', () => {
    const list = record();
    const text = JSON.stringify(exportBundle(list, { now }), null, 2);
    const read = JSON.parse(text) as {
      resourceType: string;
      type: string;
      timestamp: string;
      entry: Array<{ fullUrl: string; resource: unknown }>;
    };
    expect(read).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-11-24T10:00:00.000Z' });
    expect(read.entry).toHaveLength(list.length);
    const byUrl = new Map(read.entry.map((e) => [e.fullUrl, e.resource]));
    expect(byUrl.size).toBe(list.length); // every fullUrl unique
    for (const e of list) {
      // Compared with the text as it was sealed, resource by resource.
      expect(byUrl.get(entryUrn(e.entryId)), e.entryId).toEqual(JSON.parse(e.current.resourceText ?? 'null'));
    }
  });

  test('stable: the same record exports the same way whatever the order', () => {
    const list = record();
    const a = JSON.stringify(exportBundle(list, { now }));
    const b = JSON.stringify(exportBundle([...list].reverse(), { now }));
    expect(b).toBe(a);
  });

  test('chosen categories only', () => {
    const list = record();
    const notes = exportBundle(list, { now, categories: ['notes'] });
    expect(notes.entry.map((e) => e.resource.resourceType)).toEqual(expect.arrayContaining(['Observation', 'Observation']));
    expect(notes.entry).toHaveLength(2);
    expect(exportBundle(list, { now, categories: [] }).entry).toEqual([]);
    expect(exportBundle(list, { now }).entry.some((e) => e.resource.code && JSON.stringify(e.resource.code).includes('Mood'))).toBe(true);
  });

  test('is a valid FHIR R4 Bundle, with every kind of entry the patient can make', () => {
    const own = [
      newAllergy({ substance: 'Penicillin', reaction: 'Rash', severity: 'mild' }, writer, now),
      newWeight({ kg: 70 }, writer, now),
      newBloodGlucose({ mmolPerL: 5.5 }, writer, now),
      newTemperature({ celsius: 36.9 }, writer, now),
      newPeakFlow({ litresPerMinute: 400 }, writer, now),
      newSymptom({ text: 'Headache', severity: 'mild' }, writer, now),
      newMedicine({ name: 'Paracetamol', dose: 'Two when needed', since: '2024' }, writer, now),
      newAppointment({ start: new Date('2027-01-05T10:00:00Z'), with: 'Nurse' }, writer, now), // end unknown
      newAppointment({ start: new Date('2027-01-05T10:00:00Z'), end: new Date('2027-01-05T10:15:00Z') }, writer, now),
    ].map((resource) => entry(resource, { category: 'notes' }));
    const bundle = exportBundle([...record(), ...own], { now });
    expect(bundle.entry).toHaveLength(record().length + own.length);
    expect(fhirErrors(bundle)).toEqual([]);
    // The validator does catch a bad one (a booked appointment with a start and no end at all).
    const broken = entry({
      resourceType: 'Appointment',
      status: 'booked',
      start: '2027-01-05T10:00:00Z',
      participant: [{ actor: { display: 'Ada' }, status: 'accepted' }],
    });
    expect(fhirErrors(exportBundle([broken], { now }))).not.toEqual([]);
  });
});
