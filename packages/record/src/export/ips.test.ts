import { describe, expect, test } from 'vitest';
import type { Entry } from '../entry.ts';
import type { FhirResource } from '../fhir.ts';
import { newNote } from '../own-entries.ts';
import { entries, entry } from '../views/testdata/entries.ts';
import { IPS_EXAMPLE } from '../views/testdata/ips.ts';
import { ANGELA } from '../views/testdata/synthea.ts';
import { UKCORE } from '../views/testdata/ukcore.ts';
import { fhirErrors } from '../views/testdata/validate.ts';
import type { ExportedBundle } from './bundle.ts';
import { exportIps } from './ips.ts';

const now = new Date('2026-11-24T10:00:00Z');

interface Section {
  title: string;
  code: { coding: Array<{ code: string }> };
  text: { div: string };
  entry?: Array<{ reference: string }>;
  emptyReason?: { coding: Array<{ code: string }> };
}

function composition(
  bundle: ExportedBundle,
): { section: Section[]; subject: { reference: string }; author: Array<{ reference: string }> } & FhirResource {
  return bundle.entry[0]?.resource as never;
}
const section = (bundle: ExportedBundle, code: string) => composition(bundle).section.find((s) => s.code.coding[0]?.code === code);
const resourcesOf = (bundle: ExportedBundle, s: Section | undefined) =>
  (s?.entry ?? []).map((ref) => bundle.entry.find((e) => e.fullUrl === ref.reference)?.resource);

/** Every `reference` in the document, wherever it is. */
function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => references(v, out));
  else if (value && typeof value === 'object') {
    const ref = (value as { reference?: unknown }).reference;
    if (typeof ref === 'string') out.push(ref);
    Object.values(value).forEach((v) => references(v, out));
  }
  return out;
}

function patientOf(list: Entry[]): FhirResource {
  const found = list.find((e) => e.resource.resourceType === 'Patient');
  if (!found) throw new Error('no patient');
  return found.resource;
}

describe('International Patient Summary', () => {
  test('a document Bundle: Composition first, then the Patient, every reference resolvable inside it', () => {
    const list = entries(IPS_EXAMPLE);
    const before = JSON.stringify(list.map((e) => e.resource));
    const ips = exportIps(list, { patient: patientOf(list), now, author: { name: 'Martha DeLarosa' } });
    expect(ips).toMatchObject({
      resourceType: 'Bundle',
      type: 'document',
      timestamp: '2026-11-24T10:00:00.000Z',
      identifier: { system: 'urn:ietf:rfc:3986' },
    });
    expect(ips.entry[0]?.resource).toMatchObject({
      resourceType: 'Composition',
      status: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '60591-5' }] },
      date: '2026-11-24T10:00:00.000Z',
      title: 'Patient summary',
    });
    expect(ips.entry[1]?.resource.resourceType).toBe('Patient');
    expect(composition(ips).subject.reference).toBe(ips.entry[1]?.fullUrl);
    expect(composition(ips).author[0]?.reference).toBe(ips.entry[1]?.fullUrl);
    const urls = new Set(ips.entry.map((e) => e.fullUrl));
    expect(urls.size).toBe(ips.entry.length);
    expect(references(ips).filter((r) => !r.startsWith('#') && !urls.has(r))).toEqual([]);
    // The medicines' Medication resources came along with them.
    const medicines = resourcesOf(ips, section(ips, '10160-0'));
    expect(medicines.map((r) => r?.resourceType)).toEqual(['MedicationStatement', 'MedicationStatement']);
    for (const m of medicines) expect(urls.has((m?.medicationReference as { reference: string }).reference)).toBe(true);
    expect(fhirErrors(ips)).toEqual([]);
    // The record itself is untouched.
    expect(JSON.stringify(list.map((e) => e.resource))).toBe(before);
  });

  test('sections hold what they should, with narrative', () => {
    const list = [...entries(IPS_EXAMPLE), entry(newNote({ text: 'Private diary' }, { name: 'Martha' }, now), { category: 'notes' })];
    const ips = exportIps(list, { patient: patientOf(list), now, author: { name: 'Martha' } });
    expect(composition(ips).section.map((s) => s.code.coding[0]?.code)).toEqual(['11450-4', '48765-2', '10160-0', '30954-2', '11348-0']);
    expect(resourcesOf(ips, section(ips, '11450-4')).map((r) => JSON.stringify(r?.code))).toEqual([
      expect.stringContaining('Menopausal flushing'),
    ]);
    expect(resourcesOf(ips, section(ips, '11348-0')).map((r) => r?.clinicalStatus)).toEqual([
      { coding: [expect.objectContaining({ code: 'remission' })] },
    ]);
    expect(resourcesOf(ips, section(ips, '48765-2'))).toHaveLength(2); // penicillin and "no known food allergy"
    expect(section(ips, '48765-2')?.text.div).toMatch(/^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"><ul><li>Substance with penicillin/);
    expect(JSON.stringify(ips)).not.toContain('Private diary');
  });

  test('required sections with nothing in them say so with emptyReason; text is escaped', () => {
    const list = [
      entry({
        resourceType: 'Patient',
        id: 'p',
        name: [{ text: 'Ada <Lovelace> & Co' }],
        // A reference inside a reference's extension, as NL_Drimpy_01.json has it.
        generalPractitioner: [
          {
            extension: [
              {
                url: 'http://example.org/role',
                valueReference: { reference: 'http://elsewhere/PractitionerRole/r1', display: 'A van Toor' },
              },
            ],
            reference: 'http://elsewhere/PractitionerRole/r1',
          },
        ],
      }),
      entry({
        resourceType: 'Immunization',
        status: 'completed',
        vaccineCode: { text: 'Flu <script>alert(1)</script>' },
        occurrenceDateTime: '2025-10-01',
        patient: { reference: 'Patient/p' },
      }),
      entry({
        resourceType: 'AllergyIntolerance',
        code: { text: 'Wrong' },
        verificationStatus: { coding: [{ code: 'entered-in-error' }] },
        patient: { reference: 'Patient/p' },
      }),
    ];
    const ips = exportIps(list, { patient: patientOf(list), now, author: { name: 'Ada' } });
    for (const code of ['11450-4', '48765-2', '10160-0']) {
      const empty = section(ips, code);
      expect(empty?.entry, code).toBeUndefined();
      expect(empty?.emptyReason?.coding[0]?.code, code).toBe('unavailable');
      expect(empty?.text.div, code).toContain('No information about');
    }
    const vaccinations = section(ips, '11369-6');
    expect(vaccinations?.text.div).toContain('Flu &lt;script&gt;alert(1)&lt;/script&gt; (1 October 2025)');
    expect(vaccinations?.text.div).not.toContain('<script>');
    expect(JSON.stringify(ips.entry[0]?.resource.text)).toContain('Ada &lt;Lovelace&gt; &amp; Co');
    const urls = new Set(ips.entry.map((e) => e.fullUrl));
    expect(references(ips).filter((r) => !urls.has(r))).toEqual([]);
    expect(ips.entry[1]?.resource.generalPractitioner).toEqual([
      {
        extension: [{ url: 'http://example.org/role', valueReference: { display: 'A van Toor' } }],
        display: 'Not included in this summary',
      },
    ]);
    expect(resourcesOf(ips, vaccinations)[0]?.patient).toEqual({ reference: ips.entry[1]?.fullUrl, display: 'Ada <Lovelace> & Co' });
    expect(fhirErrors(ips)).toEqual([]);
  });

  test('Synthea: latest results and vital signs, current medicines; references outside the document keep only their words', () => {
    const visit = entry({
      resourceType: 'Encounter',
      id: '75a02c2b-c444-4541-a51d-d97e01bd2272',
      status: 'finished',
      type: [{ text: 'Blood pressure check' }],
    });
    const list = [...entries(ANGELA), visit];
    const ips = exportIps(list, { patient: patientOf(list), now, author: { name: 'Ángela Guzmán' } });
    const vitals = resourcesOf(ips, section(ips, '8716-3'));
    expect(vitals.map((r) => (r?.code as { coding: Array<{ code: string }> }).coding[0]?.code).sort()).toEqual(['29463-7', '55284-4']);
    const results = resourcesOf(ips, section(ips, '30954-2'));
    expect(results.filter((r) => JSON.stringify(r?.code).includes('4548-4'))).toHaveLength(1); // the latest HbA1c only
    expect(resourcesOf(ips, section(ips, '10160-0')).map((r) => (r?.medicationCodeableConcept as { text: string }).text)).toEqual([
      'Hydrochlorothiazide 25 MG',
      'Vitamin B 12 5 MG/ML Injectable Solution',
    ]);
    // Visits are not in the summary: a reference to one is reduced to its words; to something
    // not in the record at all, to a plain statement.
    const [hydrochlorothiazide, vitaminB12] = resourcesOf(ips, section(ips, '10160-0'));
    expect(hydrochlorothiazide?.encounter).toEqual({ display: 'Blood pressure check' });
    expect(vitaminB12?.encounter).toEqual({ display: 'Not included in this summary' });
    expect(JSON.stringify(ips)).not.toContain('75a02c2b');
    const urls = new Set(ips.entry.map((e) => e.fullUrl));
    expect(references(ips).filter((r) => !urls.has(r))).toEqual([]);
    expect(fhirErrors(ips)).toEqual([]);
  });

  test('special categories stay out unless named; a carer author is a RelatedPerson', () => {
    const list = [
      ...entries(UKCORE),
      entry(
        { resourceType: 'Condition', clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Depression' } },
        { category: 'mental-health' },
      ),
    ];
    const patient = patientOf(list);
    const plain = exportIps(list, { patient, now, author: { name: 'Joy Smith', role: 'carer' } });
    expect(JSON.stringify(plain)).not.toContain('Depression');
    expect(plain.entry[2]?.resource).toMatchObject({
      resourceType: 'RelatedPerson',
      name: [{ text: 'Joy Smith' }],
      patient: { reference: plain.entry[1]?.fullUrl },
    });
    expect(composition(plain).author[0]?.reference).toBe(plain.entry[2]?.fullUrl);
    const named = exportIps(list, {
      patient,
      now,
      author: { name: 'Joy Smith', role: 'carer' },
      categories: ['summary', 'results', 'mental-health'],
    });
    expect(resourcesOf(named, section(named, '11450-4')).some((r) => JSON.stringify(r).includes('Depression'))).toBe(true);
    expect(fhirErrors(plain)).toEqual([]);
  });

  test('the same record at the same time makes the same document', () => {
    const list = entries(IPS_EXAMPLE);
    const options = { patient: patientOf(list), now, author: { name: 'Martha' } };
    expect(JSON.stringify(exportIps([...list].reverse(), options))).toBe(JSON.stringify(exportIps(list, options)));
  });
});
