/**
 * Records shared with this account (DESIGN §4 "Grants", §6 "Clinician and carer views"): the
 * people whose records a clinician or carer can see, whether they have compared that person's
 * safety number yet, opening one record's shared parts, and adding a note or a result where
 * they may. Runes state over the client (STYLE habit 11); decrypted entries of someone else's
 * record stay with the screen that shows them and are forgotten when it closes.
 */
import {
  CarekeyError,
  CATEGORIES,
  entryLookup,
  type Category,
  type Entry,
  type FhirResource,
  type GrantView,
  type SharedRecord,
  type SharedRecordView,
} from '@carekey/client';
import { carekey } from './carekey.svelte.ts';
import { entryRow, type EntryRowView } from './views.svelte.ts';
import { CATEGORY_NAMES } from '#lib/plain-words.ts';

/** One part of a shared record as the screen lists it. */
export interface SharedSection {
  readonly category: Category;
  readonly title: string;
  readonly rows: readonly EntryRowView[];
}

/**
 * A record that was shared with this account earlier in this session and no longer is. The relay
 * lists only what is shared now, so after the app locks this is forgotten.
 */
export interface EndedShare {
  readonly vault: string;
  /** Whose record it was (their account ID when only their emergency contact, never opened). */
  readonly name: string;
  /** True when `name` is their account ID, not their name. */
  readonly unnamed: boolean;
  /** The end of the access as last listed, if known. */
  readonly notAfter: number | null;
  /**
   * Why it ended, as far as this phone can tell: `expired` when the end date has passed by its
   * clock, `stopped` when it had not (so the owner stopped it), `unknown` otherwise.
   */
  readonly why: 'expired' | 'stopped' | 'unknown';
}

interface Known {
  readonly name: string;
  readonly unnamed: boolean;
  readonly notAfter: number | null;
}

export class SharedWithMeState {
  /** The records shared with this account now, by the name of whose they are. */
  records = $state.raw<readonly SharedRecordView[]>([]);
  /** Records shared with this account earlier in this session whose access has ended since. */
  ended = $state.raw<readonly EndedShare[]>([]);
  loaded = $state(false);
  /** Whose each record is and until when, kept for this session so a record whose access ended can still be named. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read when a screen opens, never rendered reactively
  #known = new Map<string, Known>();

  constructor() {
    carekey.whenLocked(() => {
      this.records = [];
      this.ended = [];
      this.loaded = false;
      this.#known.clear();
    });
  }

  /**
   * Asks the relay which records are shared with this account now. A record listed before in
   * this session and missing now has ended.
   *
   * @throws CarekeyError `offline`
   */
  async refresh(): Promise<void> {
    const records = await carekey.unlockedClient().sharedWithMe();
    const listed = records.map((r) => r.vault);
    for (const vault of this.#known.keys()) if (!listed.includes(vault)) this.#markEnded(vault);
    for (const r of records) this.#remember(r);
    this.ended = this.ended.filter((e) => !listed.includes(e.vault));
    this.records = records;
    this.loaded = true;
  }

  /** Whose record this is, if this account has seen it in this session. */
  nameOf(vault: string): string | undefined {
    const known = this.#known.get(vault);
    return known && !known.unnamed ? known.name : undefined;
  }

  /** The record's ended access, if it ended while this session knew it. */
  endedOf(vault: string): EndedShare | undefined {
    return this.ended.find((e) => e.vault === vault);
  }

  #remember(r: Pick<SharedRecordView, 'vault' | 'name' | 'owner' | 'notAfter'>): void {
    const previous = this.#known.get(r.vault);
    const unnamed = r.name === r.owner;
    // An emergency contact's list names only the account until the record opens: keep a name once known.
    if (unnamed && previous && !previous.unnamed) this.#known.set(r.vault, { ...previous, notAfter: r.notAfter });
    else this.#known.set(r.vault, { name: r.name, unnamed, notAfter: r.notAfter });
  }

  #markEnded(vault: string): void {
    const known = this.#known.get(vault);
    if (!known) return;
    const why = known.notAfter === null ? 'unknown' : carekey.nowMs() > known.notAfter ? 'expired' : 'stopped';
    const ended: EndedShare = { vault, name: known.name, unnamed: known.unnamed, notAfter: known.notAfter, why };
    this.ended = [...this.ended.filter((e) => e.vault !== vault), ended];
    this.records = this.records.filter((r) => r.vault !== vault);
  }

  /**
   * Opens a record's shared parts, every entry checked against its writer's keys.
   *
   * @throws CarekeyError `access-ended`, `offline`; IntegrityError when the record's history or
   *   its owner's keys do not check out
   */
  async open(vault: string): Promise<SharedRecord> {
    let record: SharedRecord;
    try {
      record = await carekey.unlockedClient().openSharedRecord(vault);
    } catch (error) {
      if (error instanceof CarekeyError && error.code === 'access-ended') this.#markEnded(vault);
      throw error;
    }
    this.#remember(record);
    this.ended = this.ended.filter((e) => e.vault !== vault);
    this.#update(vault, { ownerVerified: record.ownerVerified, notAfter: record.notAfter, access: record.access });
    return record;
  }

  /**
   * Marks whose the record is as verified, after comparing their safety number.
   *
   * @throws CarekeyError `fingerprint-mismatch` (nothing is marked), `offline`
   */
  async verify(vault: string, owner: string, safetyNumber: string): Promise<void> {
    await carekey.unlockedClient().verifyAccount(owner, safetyNumber);
    this.#update(vault, { ownerVerified: true });
  }

  /**
   * Adds a note or a result to the record, marked as written by this account.
   *
   * @throws CarekeyError `not-granted` (nothing is added), `access-ended`, `offline`
   */
  async add(vault: string, resource: FhirResource, category: Category): Promise<Entry> {
    return carekey.unlockedClient().addSharedEntry(vault, resource, { category });
  }

  /**
   * Asks for emergency access to a record whose owner named this account an emergency contact:
   * they are told when they next open Carekey and can refuse; it opens after the waiting period.
   *
   * @throws CarekeyError `not-found` (not an emergency contact any more), `offline`
   */
  async askEmergency(vault: string): Promise<void> {
    const asked = await carekey.unlockedClient().requestEmergencyAccess(vault);
    const now = carekey.nowMs();
    this.records = this.records.map((r) =>
      r.vault === vault && r.emergency
        ? {
            ...r,
            emergency: { ...r.emergency, state: asked.state, releasesAt: asked.releasesAt, requestedAt: r.emergency.requestedAt ?? now },
          }
        : r,
    );
    // The relay's own times (when it was asked, when it opens), and the record itself if it opened.
    await this.refresh().catch(() => undefined);
  }

  /**
   * For a co-owner: confirms what people with access added to the record they look after.
   *
   * @returns how many entries were confirmed
   * @throws CarekeyError `not-verified`, `forbidden`, `conflict`, `offline`
   */
  async confirm(vault: string): Promise<number> {
    return carekey.unlockedClient().confirmSharedEntries(vault);
  }

  /**
   * For a co-owner: everyone with access to the record they look after.
   *
   * @throws CarekeyError `not-verified`, `forbidden`, `offline`
   */
  async peopleOf(vault: string): Promise<GrantView[]> {
    return carekey.unlockedClient().sharedGrants(vault);
  }

  /**
   * For a co-owner: stops someone's access to the record they look after (new keys for everyone
   * else, the patient included).
   *
   * @throws CarekeyError `forbidden` (a co-owner), `conflict`, `not-verified`, `offline`
   */
  async stop(vault: string, grantId: string): Promise<void> {
    await carekey.unlockedClient().revokeSharedGrant(vault, grantId);
  }

  /** A record shared with this account, as last listed. */
  recordOf(vault: string): SharedRecordView | undefined {
    return this.records.find((r) => r.vault === vault);
  }

  #update(vault: string, change: Partial<Pick<SharedRecordView, 'ownerVerified' | 'notAfter' | 'access'>>): void {
    if (this.records.some((r) => r.vault === vault)) {
      this.records = this.records.map((r) => (r.vault === vault ? { ...r, ...change } : r));
    }
  }
}

export const sharedWithMe = new SharedWithMeState();

/**
 * True when this account is only the owner's emergency contact and the relay has not opened the
 * record yet: whose it is and what it holds stay sealed until then.
 */
export function isEmergencyOnly(record: SharedRecordView): boolean {
  return record.emergency !== undefined && record.emergency.state !== 'released' && record.categories.length === 0;
}

/**
 * A shared record's entries, part by part in the record's order, newest first within each part,
 * each saying who added it when it was not the person whose record it is.
 */
export function sharedSections(record: SharedRecord, me: string, entries: readonly Entry[] = record.entries): SharedSection[] {
  const { resolve } = entryLookup(entries);
  const byAdded = [...entries].sort((a, b) => (a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0));
  return CATEGORIES.filter((c) => record.categories.includes(c) || entries.some((e) => e.category === c)).map((category) => ({
    category,
    title: CATEGORY_NAMES[category],
    rows: byAdded
      .filter((e) => e.category === category)
      .map((entry) => {
        const row = entryRow(entry, resolve);
        const by =
          entry.author.account === me
            ? 'Added by you'
            : entry.author.account === record.owner
              ? undefined
              : 'Added by someone else with access';
        // Added here since the record was opened: the patient's record cannot have confirmed it yet.
        const unconfirmed =
          entry.author.account !== record.owner && (record.unconfirmed.has(entry.entryId) || !record.entries.includes(entry));
        return { ...row, ...(by ? { by } : {}), ...(unconfirmed ? { unconfirmed } : {}) };
      }),
  }));
}
