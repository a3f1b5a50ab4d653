/**
 * Resolving the references between the resources of one file, following FHIR's rules for
 * Bundles (https://hl7.org/fhir/R4/bundle.html#references): a reference is matched against the
 * entries' `fullUrl`s; a relative `Type/id` is first made absolute against the base of the
 * referring entry's `fullUrl`, then matched by type and id; `#id` names a resource contained in
 * the referring one. `resource:N` references of SMART Health Cards are `fullUrl`s too.
 */
import type { FhirResource } from '../fhir.ts';

/** Finds the resource a reference points to, among the resources of one file. */
export interface ReferenceIndex {
  /**
   * The resource `reference` points to, or undefined when it is not in the file.
   *
   * @param reference a reference string, or a Reference (`{ reference }`)
   * @param from the resource that holds the reference: needed for `#id` (contained) and for
   *   relative references inside a Bundle with absolute `fullUrl`s
   */
  resolve(reference: string | { readonly reference?: string } | undefined, from?: FhirResource): FhirResource | undefined;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const ABSOLUTE_TAIL = /^(.*\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/**
 * Indexes the resources of a file for {@link ReferenceIndex.resolve}.
 *
 * @example
 * const index = buildReferenceIndex(parsed.candidates);
 * index.resolve(observation.subject as { reference: string }, observation); // the Patient
 */
export function buildReferenceIndex(items: ReadonlyArray<{ readonly resource: FhirResource; readonly fullUrl?: string }>): ReferenceIndex {
  const byFullUrl = new Map<string, FhirResource>();
  const byTypeAndId = new Map<string, FhirResource>();
  const fullUrlOf = new Map<FhirResource, string>();
  for (const { resource, fullUrl } of items) {
    if (fullUrl !== undefined) {
      if (!byFullUrl.has(fullUrl)) byFullUrl.set(fullUrl, resource);
      fullUrlOf.set(resource, fullUrl);
    }
    if (typeof resource.id === 'string') {
      const key = `${resource.resourceType}/${resource.id}`;
      if (!byTypeAndId.has(key)) byTypeAndId.set(key, resource);
    }
  }

  return {
    resolve(reference, from) {
      const text = typeof reference === 'string' ? reference : reference?.reference;
      if (typeof text !== 'string' || text === '') return undefined;
      if (text.startsWith('#')) return from === undefined ? undefined : contained(from, text.slice(1));

      const exact = byFullUrl.get(text);
      if (exact) return exact;

      const relative = RELATIVE.exec(text);
      if (relative) {
        const [, type, id] = relative as unknown as [string, string, string];
        const base = from === undefined ? undefined : baseOf(fullUrlOf.get(from));
        const absolute = base === undefined ? undefined : byFullUrl.get(`${base}${type}/${id}`);
        return absolute ?? byTypeAndId.get(`${type}/${id}`);
      }

      // An absolute URL that is no entry's fullUrl: match by its Type/id when the file has
      // exactly that resource and no fullUrl says it lives elsewhere.
      const absolute = ABSOLUTE_TAIL.exec(text);
      if (absolute) {
        const [, base, type, id] = absolute as unknown as [string, string, string, string];
        const candidate = byTypeAndId.get(`${type}/${id}`);
        const candidateUrl = candidate === undefined ? undefined : fullUrlOf.get(candidate);
        if (candidate && (candidateUrl === undefined || baseOf(candidateUrl) === base)) return candidate;
      }
      return undefined;
    },
  };
}

/** The server base of an absolute RESTful fullUrl (`http://x/fhir/` of `http://x/fhir/Patient/1`). */
function baseOf(fullUrl: string | undefined): string | undefined {
  if (fullUrl === undefined) return undefined;
  const match = ABSOLUTE_TAIL.exec(fullUrl);
  return match && /^https?:\/\//i.test(fullUrl) ? match[1] : undefined;
}

function contained(from: FhirResource, id: string): FhirResource | undefined {
  if (id === '') return from; // "#" alone refers to the containing resource
  const list = from.contained;
  if (!Array.isArray(list)) return undefined;
  return (list as unknown[]).find(
    (item): item is FhirResource => item !== null && typeof item === 'object' && (item as { id?: unknown }).id === id,
  );
}
