/**
 * The timeline (DESIGN §6): everything in the record by when it happened, newest first, with
 * month and year headings. The date is each resource's clinical date (see `clinicalDate`), never
 * the date the entry was written; entries without one come last, so nothing is hidden.
 */
import { describeResource, type ResourceSummary } from '../describe.ts';
import type { Entry } from '../entry.ts';
import { clinicalDate, fhirInstant } from './dates.ts';
import { plainDate } from './format.ts';
import { byClinicalDate, partOf, type Part } from './parts.ts';
import type { ResolveReference } from './references.ts';

/** One entry on the timeline. */
export interface TimelineItem {
  readonly entry: Entry;
  readonly part: Part;
  readonly summary: ResourceSummary;
  /** The clinical date as written (ISO 8601, possibly partial); undefined when there is none. */
  readonly date: string | undefined;
  /** `date` as epoch milliseconds. */
  readonly time: number | undefined;
}

/**
 * Every entry by clinical date, newest first; entries without a date at the end (newest written
 * first). `resolve` lets prescriptions be titled by a referenced medicine.
 *
 * @example
 * timeline(index.list())[0].summary.title // the most recent thing that happened
 */
export function timeline(entries: readonly Entry[], resolve?: ResolveReference): TimelineItem[] {
  return [...entries].sort(byClinicalDate).map((entry) => {
    const date = clinicalDate(entry.resource);
    return { entry, part: partOf(entry.resource), summary: describeResource(entry.resource, resolve), date, time: fhirInstant(date) };
  });
}

/** A heading on the timeline and the items under it. */
export interface TimelineGroup {
  /** `2024-03` for a month, `2024` for a year, `undated` for entries without a date. */
  readonly key: string;
  /** The heading in words: "March 2024", "2024", "No date". */
  readonly label: string;
  readonly items: readonly TimelineItem[];
}

/**
 * Groups timeline items (in their order) under month or year headings. Dates are grouped by the
 * month they were written in (a result taken at 23:30 on 31 March with a +01:00 offset belongs
 * to March), a date known only to the year goes under its year even when grouping by month.
 *
 * @example
 * groupTimeline(timeline(entries), 'month').map((g) => g.label) // ['March 2024', 'February 2024', …, 'No date']
 */
export function groupTimeline(items: readonly TimelineItem[], by: 'month' | 'year' = 'month'): TimelineGroup[] {
  const groups: Array<{ key: string; label: string; items: TimelineItem[] }> = [];
  for (const item of items) {
    const year = item.date?.slice(0, 4);
    const month = item.date && item.date.length >= 7 ? item.date.slice(0, 7) : undefined;
    const key = item.date === undefined || year === undefined ? 'undated' : by === 'month' && month ? month : year;
    const label = key === 'undated' ? 'No date' : plainDate(key);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.items.push(item);
    else {
      const existing = groups.find((g) => g.key === key);
      if (existing) existing.items.push(item);
      else groups.push({ key, label, items: [item] });
    }
  }
  return groups;
}
