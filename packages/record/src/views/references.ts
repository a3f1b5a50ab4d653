/**
 * Following references between entries, for display: a MedicationRequest's
 * `medicationReference`, a DiagnosticReport's `result`, an Encounter's `location`.
 *
 * Imported resources keep their references as written (`urn:uuid:…` of the source Bundle,
 * `Patient/123`, absolute URLs, `#contained`), so this resolves each form against what the
 * entries say about themselves: the `fullUrl` they came with and their `resourceType/id`.
 *
 * Everything that follows references takes a {@link ResolveReference} function rather than this
 * index, so the importer's own reference index (`buildReferenceIndex(…).resolve`) can be passed
 * in its place: any `(reference: string, …) => FhirResource | undefined` fits.
 */
import type { Entry } from '../entry.ts';
import type { FhirResource } from '../fhir.ts';
import { objects, referenceOf, str } from './fhir-read.ts';

/** Finds the resource a reference points to, or undefined when it is not in the record. */
export type ResolveReference = (reference: string) => FhirResource | undefined;

/** A reference index over entries: the resource and the entry a reference points to. */
export interface EntryLookup {
  /** The resource a reference points to (usable wherever a {@link ResolveReference} is taken). */
  readonly resolve: ResolveReference;
  /** The entry a reference points to. */
  readonly entryOf: (reference: string) => Entry | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPE_AND_ID = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

/** The keys a reference may be found under, most specific first. */
function referenceKeys(reference: string): string[] {
  const ref = reference.trim().replace(/\/_history\/[^/]+$/, '');
  const keys = [ref];
  if (ref.toLowerCase().startsWith('urn:uuid:')) keys.push(ref.toLowerCase());
  const m = TYPE_AND_ID.exec(ref);
  if (m) keys.push(`${m[1]}/${m[2]}`);
  return keys;
}

/** The keys an entry is found under. */
function entryKeys(entry: Entry): string[] {
  const keys: string[] = [];
  const fullUrl = str(entry.current.source?.fullUrl);
  if (fullUrl) keys.push(...referenceKeys(fullUrl));
  const id = str(entry.resource.id);
  if (id) {
    keys.push(`${entry.resource.resourceType}/${id}`);
    // Bundles from Synthea and most IPS producers use `urn:uuid:<id>` as the fullUrl.
    if (UUID.test(id)) keys.push(`urn:uuid:${id.toLowerCase()}`);
  }
  return keys;
}

/**
 * Indexes entries so references between them can be followed. When two entries answer to the
 * same key (two imports that both call their patient `Patient/example`), the first one wins.
 *
 * @example
 * const { resolve } = entryLookup(entries);
 * resolve('urn:uuid:976d0804-cae0-45ae-afe3-a19f3ceba6bc') // the Medication entry's resource
 */
export function entryLookup(entries: readonly Entry[]): EntryLookup {
  const byKey = new Map<string, Entry>();
  for (const entry of entries) {
    for (const key of entryKeys(entry)) if (!byKey.has(key)) byKey.set(key, entry);
  }
  const entryOf = (reference: string): Entry | undefined => {
    for (const key of referenceKeys(reference)) {
      const found = byKey.get(key);
      if (found) return found;
    }
    return undefined;
  };
  return { resolve: (reference) => entryOf(reference)?.resource, entryOf };
}

/**
 * Follows a Reference held by `holder`: `#id` finds a contained resource; anything else goes to
 * `resolve`. Undefined when the value is not a reference or nothing answers to it.
 */
export function followReference(holder: FhirResource, reference: unknown, resolve?: ResolveReference): FhirResource | undefined {
  const ref = referenceOf(reference)?.reference;
  if (!ref) return undefined;
  if (ref.startsWith('#')) {
    const id = ref.slice(1);
    const found = objects(holder.contained).find((c) => str(c.id) === id && typeof c.resourceType === 'string');
    return found as FhirResource | undefined;
  }
  return resolve?.(ref);
}
