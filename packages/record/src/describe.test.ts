import { describe, expect, test } from 'vitest';
import { conceptLabel, describeResource, detailsOf, medicineName, plainDosage, plainStatus, type Detail } from './describe.ts';
import type { FhirResource } from './fhir.ts';
import { entryLookup } from './views/references.ts';
import { entries, entry } from './views/testdata/entries.ts';
import { HL7_R4 } from './views/testdata/hl7.ts';
import { IPS_EXAMPLE } from './views/testdata/ips.ts';
import { ONE_OF_EACH } from './views/testdata/one-of-each.ts';
import { ANGELA } from './views/testdata/synthea.ts';
import { UKCORE } from './views/testdata/ukcore.ts';

const all = [...entries(UKCORE), ...entries(IPS_EXAMPLE), ...entries(HL7_R4), ...entries(ANGELA)];
const { resolve } = entryLookup(all);
const byId = (id: string): FhirResource => {
  const found = all.find((e) => e.resource.id === id)?.resource;
  if (!found) throw new Error(`no test resource ${id}`);
  return found;
};
const asMap = (details: Detail[]) => Object.fromEntries(details.map((d) => [d.label, d.value]));

describe('plain words for every resource type', () => {
  test('each type in the fixtures gets a kind, a title and facts, with nothing raw or broken', () => {
    expect(ONE_OF_EACH.length).toBeGreaterThanOrEqual(50);
    for (const { resource, source } of ONE_OF_EACH) {
      const summary = describeResource(resource, resolve);
      const details = detailsOf(resource, resolve);
      const text = JSON.stringify([summary, details]);
      expect(summary.kind, source).not.toBe('');
      expect(summary.title.trim(), source).not.toBe('');
      expect(text, source).not.toMatch(/undefined|\[object Object\]|NaN|urn:uuid:/);
      for (const d of details) expect(d.value.trim(), `${source} ${d.label}`).not.toBe('');
    }
    expect(describeResource({ resourceType: 'CarePlan', description: 'Exercise' })).toMatchObject({ kind: 'Care plan', title: 'Exercise' });
    expect(describeResource({ resourceType: 'SomeFutureType', title: 'Thing' })).toMatchObject({
      kind: 'Some Future Type',
      title: 'Thing',
    });
  });

  test('codes without words are shown as codes, never guessed', () => {
    expect(conceptLabel({ coding: [{ system: 'http://snomed.info/sct', code: '38341003' }] })).toBe('SNOMED CT code 38341003');
    expect(conceptLabel({ coding: [{ system: 'urn:local', code: 'K86' }] })).toBe('Code K86');
    expect(
      describeResource({ resourceType: 'Condition', code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'J45' }] } }).title,
    ).toBe('ICD-10 code J45');
  });

  test('status codes in plain words', () => {
    expect(plainStatus('active')).toBe('Current');
    expect(plainStatus('entered-in-error')).toBe('Entered in error');
    expect(plainStatus('on-hold')).toBe('Paused');
    expect(plainStatus('refuted')).toBe('Ruled out');
    expect(plainStatus('completed', 'Immunization')).toBe('Given');
    expect(plainStatus('active', 'MedicationStatement')).toBe('Taking now');
    expect(plainStatus('some-new-status')).toBe('Some new status');
  });
});

describe('details of a resource', () => {
  test('a prescription: the medicine, how to take it, when, by whom, its status', () => {
    expect(asMap(detailsOf(byId('UKCore-MedicationRequest-Amoxicillin-Example'), resolve))).toEqual({
      Medicine: 'Amoxicillin 500mg capsules',
      'How to take it': '500mg - three times a day.',
      'Prescribed on': '15 June 2023, 15:00',
      'Prescribed by': 'Mrs Sandra Gose',
      Status: 'Finished',
      Course: 'Short course',
    });
    // The prescriber is only named when the reference can be followed.
    expect(asMap(detailsOf(byId('UKCore-MedicationRequest-Amoxicillin-Example')))['Prescribed by']).toBeUndefined();
  });

  test('a medicine given by medicationReference is named through the resolver, or a contained Medication', () => {
    const statement = byId('c220e36c-eb67-4fc4-9ba1-2fabc52acec6');
    expect(asMap(detailsOf(statement, resolve))).toMatchObject({
      Medicine: 'Product containing anastrozole (medicinal product)',
      'How to take it': '1 tablet, once a day, Oral use',
      Taken: 'From March 2015',
      Status: 'Taking now',
    });
    expect(medicineName(statement)).toBeUndefined(); // without the resolver: not guessed
    expect(describeResource(statement, resolve).title).toBe('Product containing anastrozole (medicinal product)');
    expect(medicineName(byId('example001'))).toBe('Tylenol PM'); // contained
  });

  test('a condition: since, status, resolved on', () => {
    expect(asMap(detailsOf(byId('c4597aa2-688a-401b-a658-70acc6de28c6')))).toEqual({
      Condition: 'Malignant tumor of breast',
      Status: 'In remission',
      Certainty: 'Confirmed',
      Since: 'January 2015',
      'Resolved on': 'March 2015',
      Severity: 'Severe',
      Kind: 'Problem',
    });
    const bronchitis = all.find((e) => e.resource.resourceType === 'Condition' && JSON.stringify(e.resource.code).includes('bronchitis'));
    expect(asMap(detailsOf(bronchitis?.resource ?? { resourceType: 'Condition' }))).toMatchObject({
      Status: 'Resolved',
      'Resolved on': '15 August 2017, 18:29',
    });
  });

  test('a result: value with unit, normal range, out-of-range flag, taken on', () => {
    expect(asMap(detailsOf(byId('f001'), resolve))).toEqual({
      Test: 'Blood sugar (glucose)',
      Result: '6.3 mmol/L',
      'Normal range': '3.1 to 6.2 mmol/L',
      'Outside the normal range': 'High',
      'Taken on': 'From 2 April 2013, 09:30',
      'Reported on': '3 April 2013, 15:30',
      'Measured by': 'A. Langeveld',
      Status: 'Final',
    });
    // No interpretation given, but the value lies above the range.
    expect(asMap(detailsOf(byId('cholesterol')))).toMatchObject({
      'Normal range': 'Up to 4.5 mmol/L',
      'Outside the normal range': 'Higher than the normal range',
    });
    expect(asMap(detailsOf(byId('UKCore-Observation-Lab-Albumin-Example')))).not.toHaveProperty('Outside the normal range');
    expect(asMap(detailsOf(byId('UKCore-Observation-VitalSigns-BloodPressure-Example')))).toMatchObject({
      Result: '142/94 mmHg',
      'Taken on': '10 August 2023',
    });
    expect(describeResource(byId('blood-pressure'))).toEqual({
      kind: 'Measurement',
      title: 'Blood pressure',
      detail: '107/60 mmHg · Low',
      date: '2012-09-17',
    });
  });

  test('a visit: type, when, where, who', () => {
    expect(asMap(detailsOf(byId('UKCore-Encounter-InpatientEncounter-Example'), resolve))).toMatchObject({
      Type: 'Seen in hospital ward',
      'Kind of visit': 'Hospital stay',
      When: '10 December 2019, 13:00 to 11 December 2019, 13:00',
      Where: 'LEEDS TEACHING HOSPITALS NHS TRUST',
      'Seen by': 'Mrs Sandra Gose',
      Status: 'Finished',
    });
  });

  test('a vaccination and a procedure', () => {
    const flu = HL7_R4.find((i) => i.resource.resourceType === 'Immunization')?.resource as FhirResource;
    expect(asMap(detailsOf(flu))).toMatchObject({
      Vaccine: 'Fluvax (Influenza)',
      'Given on': '10 January 2013',
      Status: 'Given',
      'Batch number': 'AAJN11K',
      'Where on the body': 'left arm',
    });
    const procedure = ANGELA.find((i) => i.resource.resourceType === 'Procedure')?.resource as FhirResource;
    expect(asMap(detailsOf(procedure, resolve))).toEqual({
      Procedure: 'Standard pregnancy test',
      When: '12 October 2012, 18:29 to 18:44',
      Status: 'Completed',
      Reason: 'Normal pregnancy',
    });
  });

  test('a document: type, date, author, attachments with their type and size', () => {
    const document = HL7_R4.find((i) => i.resource.resourceType === 'DocumentReference')?.resource as FhirResource;
    const details = detailsOf(document);
    expect(asMap(details)).toMatchObject({
      'Document type': 'Outpatient Note',
      Date: '24 December 2005, 09:43',
      'Written by': 'Gerald Smitty',
    });
    expect(details.filter((d) => d.label === 'Attachment').map((d) => d.value)).toEqual(['Physical (clinical document, 3.6 KB)']);
    expect(asMap(detailsOf(byId('UKCore-DocumentReference-CarePlanReportPDF-Example')))).toMatchObject({
      Attachment: 'Care Plan Report (PDF)',
    });
  });

  test('an appointment, an allergy and the patient', () => {
    expect(asMap(detailsOf(byId('UKCore-Appointment-OrthopaedicSurgery-Example')))).toMatchObject({
      When: '11 March 2022, 10:46 to 13:20',
      With: 'Dr Sandra Gose',
      Where: "Orthopaedic Trauma Department, St James' University Hospital, Leeds",
      Instructions: 'Please do not eat anything for 1 hour prior to the appointment.',
    });
    const cashew = HL7_R4.find((i) => i.resource.resourceType === 'AllergyIntolerance' && i.resource.id === 'example')
      ?.resource as FhirResource;
    expect(asMap(detailsOf(cashew))).toMatchObject({
      'Allergic to': 'Cashew nuts',
      Risk: 'High risk of a serious reaction',
      'Caused by': 'Food',
      Since: '2004',
    });
    expect(asMap(detailsOf(byId('UKCore-Patient-RichardSmith-Example')))).toMatchObject({
      Name: 'Richard SMITH',
      Born: '11 September 1970',
      'NHS number': '991 200 3888',
    });
  });

  test('missing fields are left out, and dates follow a time zone when asked', () => {
    expect(detailsOf({ resourceType: 'Immunization' })).toEqual([]);
    expect(detailsOf({ resourceType: 'Observation', code: { text: 'Mood' } })).toEqual([{ label: 'Test', value: 'Mood' }]);
    const late = entry({
      resourceType: 'Observation',
      code: { text: 'Pulse' },
      effectiveDateTime: '2026-07-01T23:30:00Z',
      valueInteger: 60,
    });
    expect(asMap(detailsOf(late.resource, undefined, { timeZone: 'Europe/London' }))['Taken on']).toBe('2 July 2026, 00:30');
  });

  test('dosages read from their structure when they have no text', () => {
    expect(
      plainDosage({
        doseAndRate: [{ doseQuantity: { value: 2, unit: 'puffs' } }],
        timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
        asNeededBoolean: true,
      }),
    ).toBe('2 puffs, twice a day, when needed');
    expect(plainDosage({ timing: { repeat: { frequency: 1, period: 8, periodUnit: 'h' } } })).toBe('Every 8 hours');
    expect(plainDosage({})).toBeUndefined();
  });
});
