/**
 * The record's reading views (DESIGN §6) as runes state over `carekey.entries`: the parts, the
 * home summary, the timeline and the search index. Each is worked out lazily — only when a
 * screen reads it — and once per change of the entries, so typing in the search box or
 * scrolling a part never repeats the work. The pure view functions come from @carekey/client;
 * only screens behind unlock import this module, so the first screens stay light.
 */
import {
  PARTS,
  PART_NAMES,
  byPart,
  describeResource,
  detailsOf,
  entryLookup,
  groupTimeline,
  homeSummary,
  partOf,
  plainDate,
  plainStatus,
  searchIndex,
  timeline,
  type Detail,
  type Entry,
  type EntryLookup,
  type HomeSummary,
  type Part,
  type ResourceSummary,
  type SearchIndex,
  type TimelineGroup,
  type TimelineItem,
} from '@carekey/client';
import { carekey } from './carekey.svelte.ts';

export { PARTS, PART_NAMES, partOf, type Part };

/** What a row of a list shows about an entry. */
export interface EntryRowView {
  readonly entryId: string;
  readonly kind: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** The clinical date in words ("10 March 2015"), when there is one. */
  readonly date: string | undefined;
  /** The status in words, when it says something ("Resolved", "Stopped"); undefined otherwise. */
  readonly status: string | undefined;
  /** True when the entry came from a health card whose signature could not be checked. */
  readonly unverified: boolean;
  /** True when the import found something not quite right in it. */
  readonly needsReview: boolean;
  /** Who added it, when the list says so (a record shared with this account). */
  readonly by?: string;
  /** Written by someone with access and not yet confirmed by the patient's record (a shared record's rows). */
  readonly unconfirmed?: boolean;
}

/** A heading of the timeline or a row under it (the timeline is one flat, virtualised list). */
export type TimelineRow =
  | { readonly type: 'heading'; readonly key: string; readonly label: string; readonly count: number }
  | { readonly type: 'entry'; readonly key: string; readonly item: TimelineItem };

/** Statuses too ordinary to show on every row: a final result, a finished visit. */
const UNREMARKABLE = new Set(['final', 'finished', 'current', 'registered', 'amended', 'corrected', 'appended']);

/** The main status code of a resource: `clinicalStatus` where FHIR has one, else `status`. */
function statusCode(resource: Entry['resource']): string | undefined {
  const clinical = (resource.clinicalStatus as { coding?: Array<{ code?: unknown }> } | undefined)?.coding?.[0]?.code;
  if (typeof clinical === 'string') return clinical;
  return typeof resource.status === 'string' ? resource.status : undefined;
}

/** True when the entry came from a SMART Health Card whose signature could not be checked. */
export function isUnverified(entry: Entry): boolean {
  return entry.current.source?.card?.verified === false;
}

/**
 * True when the patient wrote the entry in Carekey (a note, an allergy, a reading) rather than
 * brought it in from a clinical system: it was written by this account, and the resource came
 * from no file (no source address, no identity of its own in another system).
 */
export function isPatientWritten(entry: Entry): boolean {
  const first = entry.versions[0];
  return (
    entry.author.account === carekey.account?.accountId &&
    first?.source === undefined &&
    entry.resource.id === undefined &&
    entry.resource.meta === undefined &&
    entry.resource.identifier === undefined
  );
}

/** The kinds of the patient's own entries that have an edit form. */
export type EditKind = 'note' | 'symptom' | 'allergy' | 'reading' | 'blood-pressure' | 'medicine';

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const hasCode = (concept: unknown, code: string): boolean => isObject(concept) && objects(concept.coding).some((c) => c.code === code);
const hasNumber = (holder: Json | undefined): boolean => isObject(holder?.valueQuantity) && typeof holder.valueQuantity.value === 'number';

/** Which edit form fits an entry the patient wrote (see `EntryEditForm`), if any. */
export function editKindOf(entry: Entry): EditKind | undefined {
  const r = entry.resource as Json;
  if (entry.resourceType === 'AllergyIntolerance') return 'allergy';
  if (entry.resourceType === 'MedicationStatement') return 'medicine';
  if (entry.resourceType !== 'Observation') return undefined;
  if (hasCode(r.code, '61150-9')) return 'note';
  if (hasCode(r.code, '75325-1')) return 'symptom';
  const part = (code: string) => objects(r.component).find((c) => hasCode(c.code, code));
  if (hasNumber(part('8480-6')) && hasNumber(part('8462-4'))) return 'blood-pressure';
  return hasNumber(r) ? 'reading' : undefined;
}

const rows = new WeakMap<Entry, EntryRowView>();

export class RecordViews {
  /** References between entries, followed for display. */
  readonly lookup: EntryLookup = $derived(entryLookup(carekey.entries));
  /** The entries of each part, newest clinical date first. */
  readonly parts: Record<Part, Entry[]> = $derived(byPart(carekey.entries));
  /** The timeline, grouped by month, as one flat list of headings and rows. */
  readonly timeline: readonly TimelineRow[] = $derived.by(() => flatten(groupTimeline(timeline(carekey.entries, this.lookup.resolve))));
  /** The search index, built once per change of the entries. */
  readonly search: SearchIndex = $derived(searchIndex(carekey.entries, this.lookup.resolve));
  /** The home screen's summary at the client's now (the record's views leave diary notes out of results). */
  readonly summary: HomeSummary = $derived(
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- an instant to compare with, not state
    homeSummary(carekey.entries, new Date(carekey.nowMs()), { resolve: this.lookup.resolve, latestResults: 3 }),
  );

  /** The entry with this ID, from the current entries. */
  entry(entryId: string): Entry | undefined {
    return carekey.entries.find((e) => e.entryId === entryId);
  }

  /** What a list row shows about an entry (worked out once per entry version). */
  row(entry: Entry): EntryRowView {
    let view = rows.get(entry);
    if (!view) {
      view = entryRow(entry, this.lookup.resolve);
      rows.set(entry, view);
    }
    return view;
  }

  /** The summary (kind, title, detail, date) of an entry, with references followed. */
  describe(entry: Entry): ResourceSummary {
    return describeResource(entry.resource, this.lookup.resolve);
  }

  /** The facts of a resource in plain words, with references followed. */
  details(resource: Entry['resource']): Detail[] {
    return detailsOf(resource, this.lookup.resolve);
  }

  /** How many entries each part holds. */
  get counts(): Record<Part, number> {
    return Object.fromEntries(PARTS.map((p) => [p, this.parts[p].length])) as Record<Part, number>;
  }
}

/**
 * What a list row shows about an entry of any record — this one, or one shared with this
 * account — with references followed through `resolve`.
 */
export function entryRow(entry: Entry, resolve: EntryLookup['resolve']): EntryRowView {
  const summary = describeResource(entry.resource, resolve);
  const code = statusCode(entry.resource);
  return {
    entryId: entry.entryId,
    kind: summary.kind,
    title: summary.title,
    detail: summary.detail,
    date: summary.date ? plainDate(summary.date) : undefined,
    status: code && !UNREMARKABLE.has(code) ? plainStatus(code, entry.resourceType) : undefined,
    unverified: isUnverified(entry),
    needsReview: entry.current.issues.length > 0,
  };
}

function flatten(groups: readonly TimelineGroup[]): TimelineRow[] {
  const out: TimelineRow[] = [];
  for (const group of groups) {
    out.push({ type: 'heading', key: `h:${group.key}`, label: group.label, count: group.items.length });
    for (const item of group.items) out.push({ type: 'entry', key: item.entry.entryId, item });
  }
  return out;
}

export const views = new RecordViews();

/** True for the name of a part of the record. */
export function isPart(value: string | undefined): value is Part {
  return (PARTS as readonly string[]).includes(value ?? '');
}
