/**
 * The patient's whole record (or chosen categories of it) as one FHIR R4 Bundle of type
 * `collection`: every resource exactly as it is kept, so nothing is lost and any FHIR system can
 * read it back (DESIGN §3: FHIR end to end; §6: Settings → export).
 */
import type { Category } from '../categories.ts';
import type { Entry } from '../entry.ts';
import type { FhirResource } from '../fhir.ts';
import { entryUrn } from './uuid.ts';

/** One entry of an exported Bundle. */
export interface ExportedEntry {
  readonly fullUrl: string;
  readonly resource: FhirResource;
}

/** An exported Bundle (FHIR R4 `Bundle`). */
export interface ExportedBundle {
  readonly resourceType: 'Bundle';
  readonly type: 'collection' | 'document';
  readonly timestamp: string;
  readonly identifier?: { readonly system: string; readonly value: string };
  readonly entry: readonly ExportedEntry[];
}

/** Options for {@link exportBundle}. */
export interface ExportBundleOptions {
  /** Only entries filed in these categories (default: every category). */
  readonly categories?: readonly Category[];
  /** The export's time (`Bundle.timestamp`). */
  readonly now: Date;
  /** The namespace of the entries' UUIDs (see `entryUrn`); Carekey's own by default. */
  readonly uuidNamespace?: string;
}

/**
 * Exports current entries as a `collection` Bundle: each resource unchanged, its `fullUrl` the
 * `urn:uuid:` derived from its entry ID (the same in every export), ordered by entry ID so the
 * same record always exports the same way. Retracted entries are not in `entries` (they are not
 * current) and so are not exported.
 *
 * @example
 * const bundle = exportBundle(index.list(), { now: new Date() });
 * const file = JSON.stringify(bundle, null, 2);
 */
export function exportBundle(entries: readonly Entry[], options: ExportBundleOptions): ExportedBundle {
  const wanted = options.categories ? new Set<Category>(options.categories) : undefined;
  const chosen = entries
    .filter((e) => !wanted || wanted.has(e.category))
    .sort((a, b) => (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: options.now.toISOString(),
    entry: chosen.map((e) => ({ fullUrl: entryUrn(e.entryId, options.uuidNamespace), resource: e.resource })),
  };
}
