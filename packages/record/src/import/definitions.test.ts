import { describe, expect, it } from 'vitest';
import { loadR4TypeDefinitions } from './definitions.ts';

describe('the FHIR definitions load by themselves, on first use', () => {
  // The path browsers take: a dynamic import() that Vite turns into a lazily loaded chunk. Only
  // the smaller file is loaded here: under vitest the JSON goes through Vite's transform, which
  // takes seconds for the 35 MB of resource definitions (the fixture sweep in tests/integration
  // loads both this way; the other tests here are given the definitions read from disk).
  it('loads the base R4 data types as a Bundle of StructureDefinitions', async () => {
    const types = await loadR4TypeDefinitions();
    expect(types.resourceType).toBe('Bundle');
    const names = (types.entry ?? []).map((e) => (e.resource as { type?: string } | undefined)?.type);
    expect(names).toEqual(expect.arrayContaining(['HumanName', 'CodeableConcept', 'Quantity']));
  }, 60_000);
});
