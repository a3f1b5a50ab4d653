/**
 * Test helper: entries as the record holds them, made from bare resources, with stable entry
 * IDs (derived from a counter or given), a category and the `fullUrl` they were imported with.
 */
import { categoryForResourceType, type Category } from '../../categories.ts';
import type { Entry, EntryVersion } from '../../entry.ts';
import type { FhirResource } from '../../fhir.ts';
import { formatHlc } from '../../hlc.ts';

const DEVICE = 'ab'.repeat(16);
const ACCOUNT = '0123456789ABCDEFGHJKMNPQRS';
let counter = 0;

/** A stable 32-hex entry ID for a label (the same label gives the same ID). */
export function idFor(label: string | number): string {
  let h = 0x811c9dc5;
  for (const ch of String(label)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return (h.toString(16).padStart(8, '0') + String(label).length.toString(16).padStart(8, '0')).repeat(2);
}

/** An entry holding `resource`. */
export function entry(
  resource: FhirResource,
  options: { entryId?: string; category?: Category; fullUrl?: string; wall?: number } = {},
): Entry {
  counter += 1;
  const entryId = options.entryId ?? counter.toString(16).padStart(32, '0');
  const hlc = formatHlc({ wall: options.wall ?? 1_700_000_000_000 + counter, counter: 0, node: DEVICE });
  const resourceText = JSON.stringify(resource);
  const version: EntryVersion = {
    entryId,
    hash: `h${entryId}`.padEnd(43, 'A'),
    kind: 'create',
    category: options.category ?? categoryForResourceType(resource.resourceType),
    author: { account: ACCOUNT, device: DEVICE },
    hlc,
    supersedes: undefined,
    resource,
    resourceText,
    source: options.fullUrl ? { fullUrl: options.fullUrl } : undefined,
    movedTo: undefined,
    issues: [],
  };
  return {
    entryId,
    category: version.category,
    resourceType: resource.resourceType,
    author: version.author,
    resource,
    hlc,
    current: version,
    versions: [version],
    conflict: false,
  };
}

/** Entries for imported items (`{ fullUrl?, resource }`), each with its fullUrl as source. */
export function entries(items: ReadonlyArray<{ readonly fullUrl?: string; readonly resource: FhirResource }>): Entry[] {
  return items.map((item) => entry(item.resource, item.fullUrl ? { fullUrl: item.fullUrl } : {}));
}
