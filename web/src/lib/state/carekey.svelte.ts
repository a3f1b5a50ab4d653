/**
 * The app's state over @carekey/client (STYLE habit 11): components read these fields and call
 * these methods; they never touch Dexie or cryptography. The client itself (and libsodium with
 * it) is loaded lazily, after the first screen is painted.
 */
import type {
  AccountView,
  CarekeyClient,
  EmergencyKit,
  Entry,
  SyncStatus,
  AllergySeverity,
  ImportProgress,
  ImportReport,
  Category,
  ExportedBundle,
  FhirResource,
  PrintableSummary,
  Role,
} from '@carekey/client';

export type Phase = 'starting' | 'no-account' | 'locked' | 'unlocked' | 'unavailable';

/** A hint kept in localStorage so the first screen (welcome or unlock) shows without waiting. */
const DEVICE_HINT = 'carekey:has-account';
const AUTO_LOCK_KEY = 'carekey:auto-lock-minutes';

/** No entries: a set replaced whole, never changed, so not a SvelteSet. */
const NONE: ReadonlySet<string> = new Set();
const IDLE_SYNC: SyncStatus = { state: 'idle', pending: 0, lastSyncedAt: null, lastError: null, rejected: 0, nextAttemptAt: null };

export class CarekeyState {
  phase = $state<Phase>('starting');
  /** Why the app cannot work here (storage denied), as an error with a code. */
  problem = $state<unknown>(null);
  account = $state<AccountView | null>(null);
  entries = $state.raw<readonly Entry[]>([]);
  /**
   * Entries someone with access wrote whose current version the record has not confirmed yet
   * (a patient device confirms them after each sync): "Not yet confirmed".
   */
  unconfirmed = $state.raw<ReadonlySet<string>>(NONE);
  sync = $state<SyncStatus>(IDLE_SYNC);
  online = $state(true);
  /** The Emergency Kit, in memory only, between creating a record and confirming it is saved. */
  kit = $state.raw<EmergencyKit | null>(null);
  autoLockMinutes = $state(5);

  #client: CarekeyClient | undefined;
  #loading: Promise<CarekeyClient> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the state classes beside this one forget when the record locks. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not state anything renders
  #onLock = new Set<() => void>();

  /** The first screen's guess, from the hint, before the client has loaded. */
  get likelyHasAccount(): boolean {
    try {
      return localStorage.getItem(DEVICE_HINT) === '1';
    } catch {
      return false; // storage disabled: the client will say so when it loads
    }
  }

  /** Loads the client (once) and learns whether this device has an account. */
  start(): Promise<CarekeyClient> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load(): Promise<CarekeyClient> {
    this.online = navigator.onLine;
    addEventListener('online', () => {
      this.online = true;
      if (this.#client?.status === 'unlocked') void this.#client.sync();
    });
    addEventListener('offline', () => (this.online = false));
    try {
      const stored = Number(localStorage.getItem(AUTO_LOCK_KEY));
      if (stored > 0) this.autoLockMinutes = stored;
    } catch {
      // no localStorage: keep the default
    }
    try {
      const [{ openCarekey }, { describeResource }, { useDescriber }] = await Promise.all([
        import('#lib/app.ts'),
        import('@carekey/client'),
        import('#lib/format.ts'),
      ]);
      useDescriber(describeResource);
      const client = await openCarekey();
      this.#client = client;
      client.subscribe(() => this.#refresh());
      this.#refresh();
      return client;
    } catch (error) {
      this.problem = error;
      this.phase = 'unavailable';
      this.#loading = undefined;
      throw error;
    }
  }

  #refresh(): void {
    const client = this.#client;
    if (!client) return;
    this.phase = client.status;
    this.sync = client.snapshot.sync;
    if (client.status === 'unlocked') {
      this.account = client.account;
      // The client hands back the same list until an entry changes: a sync-status change must
      // not make every view of 10,000 entries recompute.
      const entries = client.entries();
      if (entries !== this.entries) this.entries = entries;
      const unconfirmed = client.unconfirmed();
      if (!sameMembers(unconfirmed, this.unconfirmed)) this.unconfirmed = unconfirmed;
    } else {
      this.account = null;
      this.entries = [];
      this.unconfirmed = NONE;
    }
    try {
      localStorage.setItem(DEVICE_HINT, client.status === 'no-account' ? '0' : '1');
    } catch {
      // the hint is only a hint
    }
  }

  /**
   * Starts loading the client and a key-derivation worker in the background, so that when the
   * person submits their passphrase the code is already here.
   */
  prepare(): void {
    this.start()
      .then(async () => (await import('#lib/app.ts')).prepareKdf())
      .catch(() => undefined); // start() records the problem for the screen to show
  }

  /**
   * Creates an account and its record; returns the Emergency Kit to show once. A clinician or
   * carer says so here (they keep a record of their own too).
   */
  async createRecord(name: string, passphrase: string, role: Role = 'patient'): Promise<EmergencyKit> {
    const client = await this.start();
    const kit = await client.signUp({ name, passphrase, role });
    this.kit = kit;
    void navigator.storage?.persist?.();
    this.#afterUnlock(client);
    return kit;
  }

  /** Adds this phone to an existing account and downloads the record. */
  async logIn(accountId: string, secretKey: string, passphrase: string): Promise<void> {
    const client = await this.start();
    await client.logIn({ accountId, secretKey, passphrase });
    void navigator.storage?.persist?.();
    this.#afterUnlock(client);
  }

  /**
   * Restores a record from an encrypted backup file onto this device, which must not have an
   * account yet; works without the relay. Returns how many entries came back.
   */
  async restore(backup: Uint8Array, secretKey: string, passphrase: string): Promise<{ restored: number; rejected: number }> {
    const current = await this.start();
    if (current.status !== 'no-account') throw new Error('this device already holds a record');
    const { restoreCarekey } = await import('#lib/app.ts');
    const { client, restored, rejected } = await restoreCarekey({ backup, secretKey, passphrase });
    this.#client = client;
    this.#loading = Promise.resolve(client);
    client.subscribe(() => this.#refresh());
    void navigator.storage?.persist?.();
    this.#afterUnlock(client);
    return { restored, rejected };
  }

  async unlock(passphrase: string): Promise<void> {
    const client = await this.start();
    await client.unlock(passphrase);
    this.#afterUnlock(client);
  }

  lock(): void {
    clearTimeout(this.#idleTimer);
    this.kit = null;
    this.#client?.lock();
    for (const forget of this.#onLock) forget();
  }

  /**
   * Calls `forget` whenever the record locks, so state beside this one (the people with access,
   * records shared with this account) leaves nothing readable in memory.
   */
  whenLocked(forget: () => void): void {
    this.#onLock.add(forget);
  }

  #afterUnlock(client: CarekeyClient): void {
    this.#refresh();
    client.startAutoSync();
    this.touch();
    // Told at once of emergency requests and of what other devices wrote (realtime.svelte.ts).
    void import('./realtime.svelte.ts').then(({ realtime }) => realtime.start());
  }

  /** Postpones the automatic lock (called on the person's activity). */
  touch(): void {
    clearTimeout(this.#idleTimer);
    if (this.#client?.status !== 'unlocked') return;
    this.#idleTimer = setTimeout(() => this.lock(), this.autoLockMinutes * 60_000);
  }

  setAutoLock(minutes: number): void {
    this.autoLockMinutes = minutes;
    try {
      localStorage.setItem(AUTO_LOCK_KEY, String(minutes));
    } catch {
      // kept for this session only
    }
    this.touch();
  }

  entry(entryId: string): Entry | undefined {
    return this.#client?.status === 'unlocked' ? this.#client.entry(entryId) : undefined;
  }

  async addAllergy(input: { substance: string; reaction?: string; severity?: AllergySeverity; note?: string }): Promise<Entry> {
    const client = this.#requireUnlocked();
    const { newAllergy } = await import('@carekey/client');
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp for the record, not state
    return client.addEntry(newAllergy(input, { name: client.account.name }, new Date()), { category: 'summary' });
  }

  async addNote(input: { text: string; date?: Date }): Promise<Entry> {
    const client = this.#requireUnlocked();
    const { newNote } = await import('@carekey/client');
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp for the record, not state
    return client.addEntry(newNote(input, { name: client.account.name }, new Date()), { category: 'notes' });
  }

  /**
   * Imports a FHIR file (any form the record's importer reads). `onProgress` follows reading,
   * checking and saving so the screen can show a progress bar.
   */
  async importFile(
    bytes: Uint8Array,
    options: { confirmDifferentPatient?: boolean; onProgress?: (progress: ImportProgress) => void } = {},
  ): Promise<ImportReport> {
    const client = this.#requireUnlocked();
    return client.importRecord(bytes, options);
  }

  async amend(entryId: string, resource: unknown): Promise<Entry> {
    return this.#requireUnlocked().amendEntry(entryId, resource);
  }

  async remove(entryId: string): Promise<void> {
    await this.#requireUnlocked().retractEntry(entryId);
  }

  async move(entryId: string, category: Category): Promise<Entry> {
    return this.#requireUnlocked().moveEntry(entryId, category);
  }

  /** Adds a resource built by one of the patient's own-entry forms. */
  async addOwn(resource: unknown, category: Category): Promise<Entry> {
    return this.#requireUnlocked().addEntry(resource, { category });
  }

  /** The patient's name, as their own entries name them. */
  get writer(): { name: string } {
    return { name: this.account?.name ?? '' };
  }

  /** The whole record as an encrypted backup file. */
  async backup(): Promise<Uint8Array> {
    return this.#requireUnlocked().createBackup();
  }

  /** The record (or chosen categories) as a FHIR Bundle or an IPS document. */
  exportRecord(format: 'fhir' | 'ips', categories?: readonly Category[]): ExportedBundle {
    return this.#requireUnlocked().exportRecord({ format, ...(categories ? { categories } : {}) });
  }

  /** A one-page summary for a clinic visit (special categories only when named). */
  printable(categories?: readonly Category[]): PrintableSummary {
    return this.#requireUnlocked().printableSummary(categories ? { categories } : {});
  }

  /** The Patient resource the record is about. */
  get patient(): FhirResource | undefined {
    return this.#client?.status === 'unlocked' ? this.#client.patientOf() : undefined;
  }

  /** Now, in milliseconds, by the client's clock (tests inject it). */
  nowMs(): number {
    return this.#client?.clock.now() ?? Date.now();
  }

  /** Tries to sync now (the "Sync now" button). */
  async syncNow(): Promise<void> {
    await this.#client?.sync();
  }

  /** The unlocked client, for the state classes beside this one (share.svelte.ts). */
  unlockedClient(): CarekeyClient {
    return this.#requireUnlocked();
  }

  #requireUnlocked(): CarekeyClient {
    const client = this.#client;
    if (client?.status !== 'unlocked') throw Object.assign(new Error('locked'), { code: 'not-unlocked' });
    return client;
  }
}

export const carekey = new CarekeyState();

function sameMembers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
