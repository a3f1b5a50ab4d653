/**
 * Dates and summaries for display. The plain-language words for a resource come from the
 * client (`describeResource`), loaded with it; this module only formats what it is given.
 */
import type { Entry, ResourceSummary } from '@carekey/client';

const summaries = new WeakMap<Entry, ResourceSummary>();
let describe: ((resource: Entry['resource']) => ResourceSummary) | undefined;

/** Makes `describeResource` available once the client has loaded (see carekey.svelte.ts). */
export function useDescriber(fn: (resource: Entry['resource']) => ResourceSummary): void {
  describe = fn;
}

/** The plain-words summary of an entry. */
export function summarise(entry: Entry): ResourceSummary {
  let summary = summaries.get(entry);
  if (!summary) {
    summary = describe
      ? describe(entry.resource)
      : { kind: entry.resourceType, title: entry.resourceType, detail: undefined, date: undefined };
    summaries.set(entry, summary);
  }
  return summary;
}

/** A date as patients read it: "24 Nov 2026", with the time when the value has one. */
export function formatDate(iso: string, withTime = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime && iso.includes('T') ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
}
