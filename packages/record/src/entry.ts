/**
 * The entry model (DESIGN §3): one FHIR resource per entry, versions made by edits, deletions as
 * retractions, and the inner payload sealed into each envelope.
 */
import * as v from 'valibot';
import { IntegrityError } from '@carekey/crypto';
import { CATEGORIES, type Category } from './categories.ts';
import { InvalidResourceError, parseFhirResource, type FhirResource } from './fhir.ts';
import { parseHlc } from './hlc.ts';

export const ENTRY_KINDS = ['create', 'amend', 'retract'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

const HashB64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));
const HexId = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));

/**
 * The inner fields sealed with every entry version (version 1). The FHIR resource itself travels
 * beside them as the envelope's content: its JSON text, byte for byte as given.
 */
export const EntryInnerSchema = v.strictObject({
  v: v.literal(1),
  kind: v.picklist(ENTRY_KINDS),
  category: v.picklist(CATEGORIES),
  author: v.strictObject({ account: v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)), device: HexId }),
  /** Position of this envelope in its author device's chain for this collection (from 1). */
  authorSeq: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  /** Hash of the author device's previous envelope in this collection; null for the first. */
  authorPrev: v.nullable(HashB64),
  hlc: v.pipe(
    v.string(),
    v.check((s) => parseHlc(s) !== undefined, 'hybrid logical clock stamp expected'),
  ),
  /** For amend and retract: the hash of the version this one replaces. */
  supersedes: v.optional(HashB64),
  /** For a retraction that moves the entry to another category: the new entry ID. */
  movedTo: v.optional(HexId),
  attachments: v.pipe(v.array(v.never()), v.maxLength(0)),
  /** Where an imported resource came from, for display and for resolving its references. */
  source: v.optional(
    v.strictObject({
      fullUrl: v.optional(v.pipe(v.string(), v.maxLength(2048))),
      /** A SMART Health Card's issuer, and whether its signature was verified. */
      card: v.optional(v.strictObject({ issuer: v.pipe(v.string(), v.maxLength(2048)), verified: v.boolean() })),
    }),
  ),
  /** Validation problems found when the resource was imported: kept, flagged, never dropped. */
  issues: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(500))), v.maxLength(20))),
});
export type EntryInner = v.InferOutput<typeof EntryInnerSchema>;

/** One version of an entry, decrypted and verified. */
export interface EntryVersion {
  readonly entryId: string;
  /** The envelope hash (base64url): this version's identity. */
  readonly hash: string;
  readonly kind: EntryKind;
  readonly category: Category;
  readonly author: { readonly account: string; readonly device: string };
  readonly hlc: string;
  readonly supersedes: string | undefined;
  readonly resource: FhirResource | null;
  /** The resource's JSON text as it was sealed. */
  readonly resourceText: string | null;
  readonly source: EntryInner['source'];
  readonly issues: readonly string[];
  /** For a retraction that moved the entry: the entry it moved to. */
  readonly movedTo: string | undefined;
}

/** An entry as the record shows it: its current version and its history. */
export interface Entry {
  readonly entryId: string;
  readonly category: Category;
  readonly resourceType: string;
  readonly author: { readonly account: string; readonly device: string };
  readonly resource: FhirResource;
  readonly hlc: string;
  readonly current: EntryVersion;
  /** Every version, oldest first. */
  readonly versions: readonly EntryVersion[];
  /** True when two versions were written concurrently (neither supersedes the other). */
  readonly conflict: boolean;
}

/**
 * Turns validated inner fields and the content's text into an entry version. A creation or
 * amendment must carry a resource; a retraction must not.
 *
 * @throws InvalidResourceError
 */
export function toEntryVersion(
  entryId: string,
  hash: string,
  inner: EntryInner,
  resourceText: string | null,
  parsed?: FhirResource,
): EntryVersion {
  if (parseHlc(inner.hlc)?.node !== inner.author.device) {
    throw new IntegrityError('malformed', "an entry version's clock stamp names another device than its author");
  }
  if ((inner.kind === 'retract') !== (resourceText === null)) {
    throw new InvalidResourceError(inner.kind === 'retract' ? 'a retraction carries no resource' : 'an entry version carries no resource');
  }
  return {
    entryId,
    hash,
    kind: inner.kind,
    category: inner.category,
    author: inner.author,
    hlc: inner.hlc,
    supersedes: inner.supersedes,
    // `parsed` saves parsing text the caller has just made from the same object.
    resource: resourceText === null ? null : (parsed ?? parseFhirResource(resourceText)),
    resourceText,
    source: inner.source,
    issues: inner.issues ?? [],
    movedTo: inner.movedTo,
  };
}

/**
 * All versions of all entries of a vault, and the current view of each entry: the newest
 * version by hybrid logical clock wins; a retraction hides the entry; concurrent versions are
 * kept in the history and flagged.
 */
export class EntryIndex {
  readonly #versions = new Map<string, EntryVersion[]>();
  /** The last `list()`, kept until a version is added or removed (screens ask for it often). */
  #listed: readonly Entry[] | undefined;

  /**
   * Adds a version (idempotent by hash). Every version of an entry must come from the same
   * account and stay in the same category (moving an entry makes a new one): a version from
   * anyone else, or filed elsewhere, cannot amend or retract it.
   *
   * @throws IntegrityError `author-mismatch` or `category-mismatch`, adding nothing
   */
  add(version: EntryVersion): void {
    const list = this.#versions.get(version.entryId);
    if (!list) {
      this.#versions.set(version.entryId, [version]);
      this.#listed = undefined;
      return;
    }
    if (list.some((existing) => existing.hash === version.hash)) return;
    const first = list[0] as EntryVersion;
    if (first.author.account !== version.author.account)
      throw new IntegrityError('author-mismatch', 'a version of an entry comes from another account than the entry');
    if (first.category !== version.category)
      throw new IntegrityError('category-mismatch', 'a version of an entry is filed in another category');
    list.push(version);
    list.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.hash < b.hash ? -1 : 1));
    this.#listed = undefined;
  }

  /** Removes one version (its save failed); the entry disappears with its last version. */
  remove(entryId: string, hash: string): void {
    const list = this.#versions.get(entryId);
    if (!list) return;
    const kept = list.filter((v) => v.hash !== hash);
    if (kept.length !== list.length) this.#listed = undefined;
    if (kept.length === 0) this.#versions.delete(entryId);
    else this.#versions.set(entryId, kept);
  }

  /** Number of entries (including retracted ones). */
  get size(): number {
    return this.#versions.size;
  }

  /** The entry with this ID, or undefined when unknown or retracted. */
  get(entryId: string): Entry | undefined {
    const versions = this.#versions.get(entryId);
    return versions ? view(versions) : undefined;
  }

  /** The history of an entry, oldest first (including a retraction). */
  history(entryId: string): readonly EntryVersion[] {
    return this.#versions.get(entryId) ?? [];
  }

  /**
   * Every current (not retracted) entry, newest first. The same (frozen) array until the index
   * changes, so a screen can tell "nothing changed" by identity.
   */
  list(): readonly Entry[] {
    if (this.#listed) return this.#listed;
    const out: Entry[] = [];
    for (const versions of this.#versions.values()) {
      const entry = view(versions);
      if (entry) out.push(entry);
    }
    this.#listed = Object.freeze(out.sort((a, b) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0)));
    return this.#listed;
  }
}

function view(versions: readonly EntryVersion[]): Entry | undefined {
  const current = versions[versions.length - 1];
  if (!current || current.kind === 'retract' || current.resource === null) return undefined;
  const superseded = new Set(versions.map((v) => v.supersedes).filter((h): h is string => h !== undefined));
  // More than one version that nothing supersedes means two devices edited at once.
  const heads = versions.filter((v) => !superseded.has(v.hash));
  return {
    entryId: current.entryId,
    category: current.category,
    resourceType: current.resource.resourceType,
    author: current.author,
    resource: current.resource,
    hlc: current.hlc,
    current,
    versions,
    conflict: heads.length > 1,
  };
}
