/**
 * The patient's side of giving access (DESIGN §4 "Grants", "Revocation and expiry",
 * "Transparency"): the people with access to the record, giving a new person access after
 * comparing their safety number, stopping someone's access, and the record's access log ("Who
 * has looked"). Runes state over the client (STYLE habit 11); the screens only render it.
 */
import { CATEGORIES, type AccessLogEntry, type Category, type GrantRole, type GrantView, type ReencryptionReport } from '@carekey/client';
import { carekey } from './carekey.svelte.ts';

/** What the patient fills in to give someone access. */
export interface NewAccess {
  readonly accountId: string;
  /** The safety number as typed (spaces are fine). */
  readonly safetyNumber: string;
  readonly name: string;
  readonly role: Exclude<GrantRole, 'patient'>;
  readonly categories: readonly Category[];
  readonly access: 'read' | 'write';
  /** The last moment of the chosen end month. */
  readonly until: number;
  /** An emergency contact: they can read only after asking and this many hours pass unrefused. */
  readonly emergency?: { readonly waitHours: number };
  /** A co-owner: a carer who looks after the whole record with the patient (categories and access are ignored). */
  readonly coOwner?: boolean;
}

/** Access just given, to confirm on the list. */
export interface GivenAccess {
  readonly grantId: string;
  readonly name: string;
  readonly categories: readonly Category[];
  readonly notAfter: number;
  /** For an emergency contact, the waiting period. */
  readonly waitHours?: number;
  /** A co-owner. */
  readonly coOwner?: boolean;
}

export class PeopleState {
  /** Everyone given access, newest first, whether their access is active, stopped or ended. */
  grants = $state.raw<readonly GrantView[]>([]);
  loaded = $state(false);
  /** The access given last in this session, for the list to confirm. */
  given = $state.raw<GivenAccess | null>(null);
  /**
   * Older private entries (the special categories) still locked with keys from before someone's
   * access was last stopped: the patient is offered to lock them again with the new keys.
   */
  toRelock = $state(0);
  /** While locking them again: how far it has got. */
  relocking = $state.raw<{ readonly done: number; readonly total: number } | null>(null);

  constructor() {
    carekey.whenLocked(() => this.#forget());
  }

  /** Brings the list up to date (from the relay when it can be reached, else this phone's copy). */
  async refresh(): Promise<void> {
    const client = carekey.unlockedClient();
    this.grants = await client.grants();
    this.loaded = true;
    this.toRelock = await client.privateEntriesToReencrypt();
  }

  /**
   * Locks the older private entries again with the current keys, and has the relay delete the
   * old copies (full re-encryption of the special categories, DESIGN §4).
   *
   * @throws CarekeyError `offline` (nothing lost: the next try finishes the job), `conflict`
   */
  async relock(): Promise<ReencryptionReport> {
    this.relocking = { done: 0, total: this.toRelock };
    try {
      return await carekey.unlockedClient().reencryptPrivateEntries({ onProgress: (progress) => (this.relocking = progress) });
    } finally {
      this.relocking = null;
      await this.refresh().catch(() => undefined);
    }
  }

  /**
   * Gives someone access after the patient compared their safety number. Nothing is shared when
   * the number does not match their account.
   *
   * @throws CarekeyError `fingerprint-mismatch`, `not-found` (no such account), `bad-format`
   *   (not an account ID), `bad-expiry`, `bad-request` (this account), `offline`
   */
  async give(input: NewAccess): Promise<GivenAccess> {
    const { grantId, notAfter } = await carekey.unlockedClient().grant({
      to: input.accountId,
      fingerprint: input.safetyNumber,
      categories: input.categories,
      access: input.access,
      until: input.until,
      name: input.name.trim(),
      role: input.role,
      ...(input.emergency ? { emergency: { waitHours: input.emergency.waitHours } } : {}),
      ...(input.coOwner ? { coOwner: true } : {}),
    });
    const given: GivenAccess = {
      grantId,
      name: input.name.trim(),
      categories: input.coOwner ? [...CATEGORIES] : [...input.categories],
      notAfter,
      ...(input.emergency ? { waitHours: input.emergency.waitHours } : {}),
      ...(input.coOwner ? { coOwner: true } : {}),
    };
    this.given = given;
    await this.refresh();
    return given;
  }

  /** Stops someone's access at once; what is added from now on is under new keys. */
  async stop(grantId: string): Promise<void> {
    await carekey.unlockedClient().revokeGrant(grantId);
    if (this.given?.grantId === grantId) this.given = null;
    await this.refresh();
  }

  /** The name the patient gave someone with access, by their account, once the list is loaded. */
  nameOf(account: string): string | undefined {
    return this.grants.find((g) => g.grantee === account && g.name)?.name;
  }

  #forget(): void {
    this.grants = [];
    this.loaded = false;
    this.given = null;
    this.toRelock = 0;
    this.relocking = null;
  }
}

export const people = new PeopleState();

/** "Who has looked": the record's access log, newest first. */
export class AccessLogState {
  entries = $state.raw<readonly AccessLogEntry[]>([]);
  loaded = $state(false);

  constructor() {
    carekey.whenLocked(() => {
      this.entries = [];
      this.loaded = false;
    });
  }

  /**
   * Asks the relay for the log.
   *
   * @throws CarekeyError `offline`
   */
  async refresh(): Promise<void> {
    this.entries = await carekey.unlockedClient().accessLog();
    this.loaded = true;
  }
}

export const accessLog = new AccessLogState();
