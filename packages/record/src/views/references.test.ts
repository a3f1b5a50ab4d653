import { describe, expect, test } from 'vitest';
import { entryLookup, followReference } from './references.ts';
import { entries, entry } from './testdata/entries.ts';
import { HL7_R4 } from './testdata/hl7.ts';
import { IPS_EXAMPLE } from './testdata/ips.ts';
import { UKCORE } from './testdata/ukcore.ts';

describe('following references between entries', () => {
  test('resolves urn:uuid, Type/id, absolute URLs, history and contained references', () => {
    const list = [...entries(IPS_EXAMPLE), ...entries(UKCORE), ...entries(HL7_R4)];
    const { resolve, entryOf } = entryLookup(list);
    expect(resolve('urn:uuid:976d0804-cae0-45ae-afe3-a19f3ceba6bc')?.resourceType).toBe('Medication');
    expect(resolve('Medication/UKCore-Medication-Sn-Amoxicillin-Example')?.id).toBe('UKCore-Medication-Sn-Amoxicillin-Example');
    expect(
      resolve('https://elsewhere.example/fhir/Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example/_history/3')?.resourceType,
    ).toBe('Practitioner');
    expect(resolve('Observation/cholesterol')?.id).toBe('cholesterol'); // imported with an absolute fullUrl
    expect(entryOf('https://example.com/base/Observation/cholesterol')?.entryId).toBe(
      list.find((e) => e.resource.id === 'cholesterol')?.entryId,
    );
    expect(resolve('Patient/nobody')).toBeUndefined();

    const statement = list.find((e) => e.resource.id === 'example001');
    expect(statement && followReference(statement.resource, statement.resource.medicationReference)?.id).toBe('med0309');
    expect(statement && followReference(statement.resource, { reference: '#missing' }, resolve)).toBeUndefined();
    expect(statement && followReference(statement.resource, 'not a reference', resolve)).toBeUndefined();
  });

  test('a Synthea-style urn:uuid finds a resource by its id even without a recorded fullUrl', () => {
    const e = entry({ resourceType: 'Organization', id: 'ECC51621-0AF3-3B35-AC3E-8B1E34022E92', name: 'Saint Anne' });
    expect(entryLookup([e]).resolve('urn:uuid:ecc51621-0af3-3b35-ac3e-8b1e34022e92')?.name).toBe('Saint Anne');
  });

  test('when two entries answer to one reference the first wins', () => {
    const a = entry({ resourceType: 'Patient', id: 'example', name: [{ text: 'First' }] });
    const b = entry({ resourceType: 'Patient', id: 'example', name: [{ text: 'Second' }] });
    expect(entryLookup([a, b]).entryOf('Patient/example')).toBe(a);
  });
});
