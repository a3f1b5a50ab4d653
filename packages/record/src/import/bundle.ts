/**
 * Reading the resources out of a FHIR Bundle of any type, and out of a bare JSON array of
 * resources or Bundle entries.
 */
import { isFhirResource } from '../fhir.ts';
import type { FoundResource, ImportFormat, ImportProblem } from './types.ts';

/** The resources found in a file, and the parts skipped. */
export interface Extraction {
  readonly format: ImportFormat;
  readonly found: FoundResource[];
  readonly problems: ImportProblem[];
}

/** True for a JSON object with a non-empty string `resourceType`: something to keep as a resource. */
export const isResourceLike = isFhirResource;

const BUNDLE_FORMATS: Readonly<Record<string, ImportFormat>> = {
  document: 'bundle:document',
  collection: 'bundle:collection',
  transaction: 'bundle:transaction',
  batch: 'bundle:batch',
  searchset: 'bundle:searchset',
};

/** The plain words of an OperationOutcome, for a problem line. */
function outcomeText(resource: unknown): string {
  const issues = (resource as { issue?: unknown } | undefined)?.issue;
  const texts = (Array.isArray(issues) ? (issues as unknown[]) : [])
    .map((issue) => {
      const i = issue as { details?: { text?: unknown }; diagnostics?: unknown };
      return typeof i.details?.text === 'string' ? i.details.text : typeof i.diagnostics === 'string' ? i.diagnostics : undefined;
    })
    .filter((text): text is string => text !== undefined);
  return texts.length > 0 ? texts.join('; ') : 'no details given';
}

function missingResource(entry: Record<string, unknown>): string {
  const request = entry.request as { method?: unknown; url?: unknown } | undefined;
  if (request && typeof request.method === 'string') {
    return `has no resource (a ${request.method} request${typeof request.url === 'string' ? ` for ${request.url}` : ''}), so there is nothing to import`;
  }
  return 'has no resource, so there is nothing to import';
}

/**
 * The resources of a Bundle, in entry order. For a search result only the matches and the
 * resources included with them are kept; the server's messages about the search (`outcome`
 * entries) become problems. Nested Bundles are kept whole, as resources of their own.
 */
export function readBundle(bundle: Record<string, unknown>): Extraction {
  const type = typeof bundle.type === 'string' ? bundle.type : '';
  const format = BUNDLE_FORMATS[type] ?? 'bundle:other';
  const found: FoundResource[] = [];
  const problems: ImportProblem[] = [];
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  entries.forEach((item, index) => {
    const where = `entry ${index + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push({ where, message: 'is not a Bundle entry' });
      return;
    }
    const entry = item as Record<string, unknown>;
    const mode = (entry.search as { mode?: unknown } | undefined)?.mode;
    if (format === 'bundle:searchset' && mode === 'outcome') {
      problems.push({ where, message: `is a message from the server about the search, not a record: ${outcomeText(entry.resource)}` });
      return;
    }
    if (entry.resource === undefined) {
      problems.push({ where, message: missingResource(entry) });
      return;
    }
    if (!isResourceLike(entry.resource)) {
      problems.push({ where, message: 'holds something that is not a FHIR resource (it has no "resourceType")' });
      return;
    }
    found.push(typeof entry.fullUrl === 'string' ? { resource: entry.resource, fullUrl: entry.fullUrl } : { resource: entry.resource });
  });
  return { format, found, problems };
}

/**
 * A JSON array of resources, or of Bundle entries (`{ fullUrl, resource }`) without the Bundle
 * around them, as some real exports write.
 */
export function readResourceList(items: readonly unknown[]): Extraction {
  const found: FoundResource[] = [];
  const problems: ImportProblem[] = [];
  items.forEach((item, index) => {
    const where = `item ${index + 1}`;
    if (isResourceLike(item)) {
      found.push({ resource: item });
      return;
    }
    const entry = item as { resource?: unknown; fullUrl?: unknown } | null;
    if (entry && typeof entry === 'object' && isResourceLike(entry.resource)) {
      found.push(typeof entry.fullUrl === 'string' ? { resource: entry.resource, fullUrl: entry.fullUrl } : { resource: entry.resource });
      return;
    }
    problems.push({ where, message: 'is not a FHIR resource' });
  });
  return { format: 'resource-list', found, problems };
}

/** True when a JSON array holds at least one resource or Bundle entry. */
export function isResourceList(items: readonly unknown[]): boolean {
  return items.some((item) => isResourceLike(item) || isResourceLike((item as { resource?: unknown } | null)?.resource));
}
