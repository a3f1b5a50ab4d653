/**
 * Search over the record as a patient types: case- and accent-insensitive ("angela" finds
 * "Ángela"), over the plain-language title and details, the displays and texts of the codes and
 * the codes themselves ("hba1c", "penicillin", "4548-4"). Every word typed must be found; title
 * matches rank first, then codes, then the other facts.
 */
import { describeResource, detailsOf, medicineName, type ResourceSummary } from '../describe.ts';
import type { Entry } from '../entry.ts';
import type { FhirResource } from '../fhir.ts';
import { clinicalDate, fhirInstant } from './dates.ts';
import { codings, conceptText, list, objects, type Coding, type JsonObject } from './fhir-read.ts';
import { foldText } from './format.ts';
import { entryLookup, followReference, type ResolveReference } from './references.ts';

/** Where a search word was found, best first. */
export type SearchField = 'title' | 'code' | 'name' | 'detail';

/** One entry found. */
export interface SearchHit {
  readonly entry: Entry;
  readonly summary: ResourceSummary;
  /** Higher is better; hits come sorted by it. */
  readonly score: number;
  /** The best place any word was found. */
  readonly field: SearchField;
}

/** A prepared search over a set of entries (build once, search on every keystroke). */
export interface SearchIndex {
  /** The entries matching every word of `query`, best first (at most `limit`). */
  search(query: string, limit?: number): SearchHit[];
}

/** Fields of a resource holding the concepts it is about. */
const CONCEPT_FIELDS = [
  'code',
  'vaccineCode',
  'medicationCodeableConcept',
  'valueCodeableConcept',
  'reasonCode',
  'type',
  'serviceType',
  'specialty',
  'appointmentType',
  'bodySite',
  'conclusionCode',
  'relationship',
];

function conceptsOf(resource: FhirResource, resolve: ResolveReference | undefined): unknown[] {
  const r = resource as JsonObject;
  const concepts: unknown[] = CONCEPT_FIELDS.flatMap((field) => list(r[field]));
  for (const reaction of objects(r.reaction)) concepts.push(reaction.substance, ...list(reaction.manifestation));
  for (const component of objects(r.component)) concepts.push(component.code, component.valueCodeableConcept);
  for (const condition of objects(r.condition)) concepts.push(condition.code);
  const medication = followReference(resource, r.medicationReference, resolve);
  if (medication) concepts.push((medication as JsonObject).code);
  return concepts;
}

interface Prepared {
  readonly entry: Entry;
  readonly summary: ResourceSummary;
  readonly time: number;
  readonly title: string;
  readonly titleWords: readonly string[];
  readonly codes: readonly string[];
  readonly names: string;
  readonly nameWords: readonly string[];
  readonly detail: string;
}

const words = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function prepare(entry: Entry, resolve: ResolveReference | undefined): Prepared {
  const summary = describeResource(entry.resource, resolve);
  const concepts = conceptsOf(entry.resource, resolve);
  const all: Coding[] = concepts.flatMap((c) => codings(c));
  const names = [
    ...concepts.map(conceptText),
    ...all.map((c) => c.display),
    entry.resource.resourceType.startsWith('Medication') ? medicineName(entry.resource, resolve) : undefined,
  ]
    .filter((t): t is string => t !== undefined)
    .map(foldText)
    .join(' | ');
  const detail = foldText([summary.kind, summary.detail ?? '', ...detailsOf(entry.resource, resolve).map((d) => d.value)].join(' | '));
  const title = foldText(summary.title);
  return {
    entry,
    summary,
    time: fhirInstant(clinicalDate(entry.resource)) ?? -Infinity,
    title,
    titleWords: words(title),
    codes: all.map((c) => c.code?.toLowerCase()).filter((c): c is string => c !== undefined),
    names,
    nameWords: words(names),
    detail,
  };
}

/** The score of one query word against one entry, and where it was found; undefined when nowhere. */
function scoreWord(p: Prepared, word: string): { score: number; field: SearchField } | undefined {
  if (p.title === word) return { score: 100, field: 'title' };
  if (p.title.startsWith(word)) return { score: 70, field: 'title' };
  if (p.titleWords.some((w) => w.startsWith(word))) return { score: 60, field: 'title' };
  if (p.title.includes(word)) return { score: 50, field: 'title' };
  if (p.codes.includes(word)) return { score: 45, field: 'code' };
  if (p.nameWords.some((w) => w.startsWith(word))) return { score: 30, field: 'name' };
  if (p.names.includes(word)) return { score: 25, field: 'name' };
  if (p.codes.some((c) => c.startsWith(word))) return { score: 20, field: 'code' };
  if (p.detail.includes(word)) return { score: 10, field: 'detail' };
  return undefined;
}

const FIELD_RANK: Readonly<Record<SearchField, number>> = { title: 0, code: 1, name: 2, detail: 3 };

/**
 * Prepares a search over entries: the plain-language words of each entry are worked out once.
 * `resolve` lets prescriptions be found by a referenced medicine's name (defaults to an index
 * over the entries).
 *
 * @example
 * const index = searchIndex(entries);
 * index.search('penicillin') // allergies to penicillin first, then anything mentioning it
 */
export function searchIndex(entries: readonly Entry[], resolve?: ResolveReference): SearchIndex {
  const follow = resolve ?? entryLookup(entries).resolve;
  const prepared = entries.map((entry) => prepare(entry, follow));
  return {
    search(query, limit = 50) {
      const folded = foldText(query);
      const queryWords = folded.split(' ').filter(Boolean);
      if (queryWords.length === 0) return [];
      const hits: SearchHit[] = [];
      for (const p of prepared) {
        let score = 0;
        let field: SearchField = 'detail';
        let all = true;
        for (const word of queryWords) {
          const found = scoreWord(p, word);
          if (!found) {
            all = false;
            break;
          }
          score += found.score;
          if (FIELD_RANK[found.field] < FIELD_RANK[field]) field = found.field;
        }
        if (!all) continue;
        // The whole phrase in the title counts for more than its words scattered.
        if (queryWords.length > 1 && p.title.includes(folded)) score += 40;
        hits.push({ entry: p.entry, summary: p.summary, score, field });
      }
      const time = new Map(prepared.map((p) => [p.entry, p.time]));
      return hits.sort((a, b) => b.score - a.score || (time.get(b.entry) ?? -Infinity) - (time.get(a.entry) ?? -Infinity)).slice(0, limit);
    },
  };
}

/**
 * Searches entries in one go (see {@link searchIndex} to search the same entries repeatedly).
 *
 * @example
 * searchEntries(entries, 'HbA1c')[0].summary.title // 'HbA1c (average blood sugar)'
 */
export function searchEntries(entries: readonly Entry[], query: string, limit?: number): SearchHit[] {
  return searchIndex(entries).search(query, limit);
}
