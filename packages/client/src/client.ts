/**
 * The vault session: sign up, log in on a new device, unlock and lock, add and list entries,
 * and sync. Works in the browser and in Node over a {@link StorageAdapter} and a relay transport.
 *
 * Everything health-related is sealed on this device before it is stored or sent; decrypted
 * entries live only in memory while unlocked.
 */
import * as v from 'valibot';
import {
  FormatError,
  IntegrityError,
  accountIdFromIdentityKey,
  acceptVerifiedMark,
  checkKdfParams,
  createPassphraseSlot,
  createRecoverySlot,
  boxKeyPairFromSecretKey,
  deriveAccountItemKey,
  deriveBackupKey,
  deriveAuthKeyPair,
  deriveLocalKey,
  derivePassphraseKey as deriveInline,
  envelopeHash,
  fingerprint,
  fingerprintsMatch,
  formatRecoveryCode,
  formatSecretKey,
  fromBase64Url,
  fromHex,
  generateAccountKey,
  generateBoxKeyPair,
  generateCategoryRoot,
  generateImportKey,
  generateRecoveryCode,
  generateSecretKey,
  generateSigningKeyPair,
  importEntryId,
  monthOf,
  MAX_BODY_LENGTH,
  newKdfParams,
  openEnvelope,
  openLocalItem,
  openPassphraseSlot,
  openSnapshot,
  parseEnvelope,
  parseSecretKey,
  randomId,
  sealEnvelope,
  sealLocalItem,
  sealSnapshot,
  signingKeyPairFromSeed,
  signingSeed,
  toBase64Url,
  toHex,
  utf8,
  fromUtf8,
  verifiedMark,
  verifyEnvelope,
  type KdfParams,
  type OpenedEnvelope,
  type ParsedEnvelope,
  type PassphraseSlot,
} from '@carekey/crypto';
import {
  CarekeyError,
  isUnlistedWrites,
  activeDeviceKey,
  applyControlLog,
  applyDeviceLog,
  emptyDeviceLog,
  openAccountCard,
  peekStatement,
  signAccountCard,
  signControlStatement,
  signDeviceStatement,
  statementWireHash,
  MAX_REVOKED_WRITTEN,
  MAX_BATCH_ENVELOPES,
  type AccountCard,
  type ControlLogState,
  type ControlStatement,
  type DeviceLogState,
  type GrantState,
  type StatementWire,
  type api,
} from '@carekey/protocol';
import {
  CATEGORIES,
  SPECIAL_CATEGORIES,
  EntryInnerSchema,
  ImportError,
  comparePatients,
  exportBundle,
  exportIps,
  parseImport,
  printableSummary,
  type ExportedBundle,
  type PrintableSummary,
  type ParsedImport,
  type TrustedIssuer,
  HybridClock,
  asEntryResource,
  plainFileSize,
  categoryForResourceType,
  toEntryVersion,
  type Category,
  type Entry,
  type EntryInner,
  type FhirResource,
} from '@carekey/record';
import { openAccountItems, sealBundle, sealGrantNote, sealRoot, type Bundle, type Role, type RootItem } from './account-data.ts';
import {
  listShared,
  openShared,
  addShared,
  verifyOwner,
  confirmAsCoOwner,
  grantsAsCoOwner,
  revokeAsCoOwner,
  type SharedDeps,
  type SharedRecord,
  type SharedRecordView,
} from './shared-records.ts';
import {
  checkGranteeCard,
  grantView,
  openOwnerRoots,
  prepareGrant,
  startedByCoOwner,
  prepareRevocation,
  refusedEnvelope,
  resealForOthers,
  revokedWritten,
  writeRefusal,
  REVOKE_ATTEMPTS,
  type RefusedEnvelope,
  type AccessLogEntry,
  type EmergencyRequestView,
  type GrantNote,
  type GrantOptions,
  type GrantView,
} from './grants.ts';
import { systemClock, type Clock } from './clock.ts';
import { Keyring } from './keyring.ts';
import { keys } from './local-keys.ts';
import { ProfileSchema, decodeJson, encodeJson, type Profile } from './profile.ts';
import { RelaySession } from './relay-session.ts';
import type { StorageAdapter, StorageKey, StorageWrite } from './storage/types.ts';
import { HttpTransport, type FetchLike, type RelayTransport } from './transport/http.ts';
import { watchVault, type RealtimeEvent } from './realtime.ts';
import { VaultState, type ChainGap } from './vault-state.ts';
import { MAX_BATCH_CHARS, SyncEngine, decodeRejected, type SyncReport, type SyncStatus, type Timers } from './sync.ts';
import { toRejection, type RejectedEnvelope } from './rejection.ts';
import { openBackup, readBackupFile, sealBackup, type BackupContents } from './backup.ts';
import type { ImportProgress, ImportReport } from './import-report.ts';
import { decodeSnapshot, encodeSnapshot } from './unlock-snapshot.ts';
import {
  ReencryptionMarkerSchema,
  canCarry,
  isReencryption,
  noteCarrier,
  sealReencryption,
  unwrapReencryption,
  type ReencryptionMarker,
  type ReencryptionReport,
} from './reencryption.ts';
import {
  createShareLink,
  listShareLinks,
  revokeShareLink,
  sharedBundle,
  type CreatedShareLink,
  type ShareLinkOptions,
  type ShareLinkView,
} from './share-links.ts';

/** Argon2id of a passphrase; the web app passes one that runs in a Web Worker. */
export type PassphraseKdf = (passphrase: string, params: KdfParams) => Promise<Uint8Array>;

export interface CarekeyClientOptions {
  readonly storage: StorageAdapter;
  /** The relay's base URL, or a transport. */
  readonly relay: string | RelayTransport;
  /** Used with a relay URL; defaults to the global fetch. */
  readonly fetch?: FetchLike;
  readonly clock?: Clock;
  readonly derivePassphraseKey?: PassphraseKdf;
  /** Timers for automatic sync and its backoff (tests fire them by hand). */
  readonly timers?: Timers;
}

export type ClientStatus = 'no-account' | 'locked' | 'unlocked';

/** What a person must keep safe after signing up: printed or saved as the Emergency Kit. */
export interface EmergencyKit {
  readonly accountId: string;
  readonly secretKey: string;
  readonly recoveryCode: string;
  readonly relay: string;
  readonly fingerprint: string;
  readonly name: string;
  readonly createdAt: number;
}

/** The unlocked account as the app shows it. */
export interface AccountView {
  readonly accountId: string;
  readonly fingerprint: string;
  readonly name: string;
  readonly role: Role;
  readonly device: string;
  readonly relay: string;
}

/**
 * How the last unlock read one record: from the unlock snapshot (with the envelopes stored
 * since), or from every envelope because the snapshot was absent or refused (damaged, stale,
 * or sealed under another key) — which costs time, never data.
 */
export interface VaultLoad {
  readonly vault: string;
  readonly snapshot: 'used' | 'absent' | 'refused';
  /** Entry versions taken from the snapshot. */
  readonly fromSnapshot: number;
  /** Envelopes read, MAC-checked and decrypted one by one. */
  readonly fromEnvelopes: number;
}

/** How often reading others' entries brings a record's control log up to date. */
const LOG_RECHECK_MS = 5_000;

/** Versions recorded since the last unlock snapshot before a new one is written. */
const SNAPSHOT_AFTER = 256;
/** How long after the last write the unlock snapshot is written (so it never delays a screen). */
const SNAPSHOT_DELAY_MS = 1000;

export interface ClientSnapshot {
  readonly status: ClientStatus;
  readonly sync: SyncStatus;
}

type Listener = (snapshot: ClientSnapshot) => void;

interface Unlocked {
  readonly keyring: Keyring;
  readonly card: AccountCard;
  deviceLog: DeviceLogState;
  /** The device-log statements verified so far, in order (what is saved locally). */
  deviceStatements: StatementWire[];
  readonly session: RelaySession;
  readonly vaults: Map<string, VaultState>;
  readonly hlc: HybridClock;
  /** Problems found while loading local data at unlock. */
  readonly loadProblems: RejectedEnvelope[];
  /** How each record was loaded at unlock. */
  readonly loads: VaultLoad[];
  /** The verified control log of each owned record (grants, epochs). */
  readonly logs: Map<string, ControlLogState>;
  /** The verified device logs of people granted write access, by account. */
  readonly writers: Map<string, DeviceLogState>;
}

interface WriteInput {
  readonly entryId: Uint8Array;
  readonly category: Category;
  readonly kind: EntryInner['kind'];
  readonly resourceText: string | null;
  /** The resource `resourceText` was made from, when the caller has it (saves parsing it again). */
  readonly resource?: FhirResource;
  readonly supersedes?: string;
  readonly movedTo?: string;
  readonly source?: EntryInner['source'];
  readonly issues?: readonly string[];
}

interface PreparedVersion {
  readonly entryId: string;
  readonly hash: string;
  readonly writes: StorageWrite[];
}

const defaultKdf: PassphraseKdf = async (passphrase, params) => deriveInline(passphrase, params);

/**
 * @example
 * const client = await CarekeyClient.open({ storage: new MemoryStorage(), relay: 'http://localhost:8080' });
 * const kit = await client.signUp({ name: 'Ada Lovelace', passphrase: 'correct horse battery staple' });
 * await client.addEntry({ resourceType: 'AllergyIntolerance', code: { text: 'Penicillin' } });
 * await client.sync();
 */
export class CarekeyClient {
  readonly storage: StorageAdapter;
  readonly transport: RelayTransport;
  readonly clock: Clock;
  readonly #kdf: PassphraseKdf;
  #profile: Profile | undefined;
  #unlocked: Unlocked | undefined;
  readonly #listeners = new Set<Listener>();
  #writes: Promise<unknown> = Promise.resolve();
  readonly #sync: SyncEngine;
  /** A scheduled unlock-snapshot write, and the one running (awaited by {@link close}). */
  #snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  #snapshotWrite: Promise<void> = Promise.resolve();
  /** Writes queued or running under the write lock. */
  #pendingWrites = 0;
  /** When each record's control log was last brought up to date while checking a writer. */
  readonly #logChecked = new Map<string, number>();
  /** Records whose notes of re-encrypted originals hold nothing left to delete (checked after a sync). */
  readonly #reencryptionClean = new Set<string>();
  /** Realtime watches running, ended on lock. */
  readonly #watching = new Set<AbortController>();

  private constructor(options: CarekeyClientOptions, profile: Profile | undefined) {
    this.storage = options.storage;
    this.transport =
      typeof options.relay === 'string'
        ? new HttpTransport({ baseUrl: options.relay, ...(options.fetch ? { fetch: options.fetch } : {}) })
        : options.relay;
    this.clock = options.clock ?? systemClock;
    this.#kdf = options.derivePassphraseKey ?? defaultKdf;
    this.#profile = profile;
    this.#sync = new SyncEngine({
      storage: this.storage,
      transport: this.transport,
      clock: this.clock,
      context: () => this.#requireUnlocked(),
      ingest: (vault, bytes) => this.#ingestRemote(vault, bytes),
      beforeSync: async () => {
        await this.#publishPendingDevice();
        await this.#refreshOwnedLogs();
      },
      afterSync: async () => {
        await this.#confirmOthersEntries();
        await this.#retireEndedCoOwners();
        await this.#finishReencryption();
      },
      resealStale: (vault) => this.#resealStale(vault),
      onChange: () => {
        this.#emit();
        this.#scheduleSnapshot();
      },
      ...(options.timers ? { timers: options.timers } : {}),
    });
  }

  /**
   * Opens the client over its storage. The relay is not contacted: a device with an account
   * opens locked and can be unlocked offline.
   */
  static async open(options: CarekeyClientOptions): Promise<CarekeyClient> {
    const raw = await options.storage.get(keys.profile);
    let profile: Profile | undefined;
    if (raw) {
      const parsed = v.safeParse(ProfileSchema, decodeJson(raw));
      if (!parsed.success) throw new IntegrityError('malformed', "this device's saved profile is damaged");
      profile = parsed.output;
    }
    const client = new CarekeyClient(options, profile);
    if (profile) await client.#sync.loadPending(profile.account);
    return client;
  }

  /** The relay address saved with this device's account, if there is one (read without opening). */
  static async savedRelay(storage: StorageAdapter): Promise<string | undefined> {
    const raw = await storage.get(keys.profile);
    if (!raw) return undefined;
    const parsed = v.safeParse(ProfileSchema, decodeJson(raw));
    return parsed.success ? parsed.output.relay : undefined;
  }

  get status(): ClientStatus {
    if (this.#unlocked) return 'unlocked';
    return this.#profile ? 'locked' : 'no-account';
  }

  /** The account on this device (known while locked too), or undefined. */
  get accountId(): string | undefined {
    return this.#profile?.account;
  }

  /** The relay this device's account lives on. */
  get relayUrl(): string {
    return this.#profile?.relay ?? this.transport.baseUrl;
  }

  get snapshot(): ClientSnapshot {
    return { status: this.status, sync: this.#sync.status };
  }

  /** Calls `listener` on every change of status, entries or sync state; returns an unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(): void {
    const snapshot = this.snapshot;
    for (const listener of this.#listeners) listener(snapshot);
  }

  // --- Sign up, log in, unlock, lock ------------------------------------------------------

  /**
   * Creates an account, its record (vault) and this device, registers them with the relay, and
   * leaves the session unlocked. Needs the relay.
   *
   * @returns the Emergency Kit, which is shown once and never stored in clear on the relay
   */
  async signUp(input: { name: string; passphrase: string; role?: Role }): Promise<EmergencyKit> {
    if (this.#profile) throw new CarekeyError('conflict', 'this device already has an account');
    checkPassphrase(input.passphrase);
    const name = input.name.trim();
    const now = this.clock.now();
    const identity = generateSigningKeyPair();
    const box = generateBoxKeyPair();
    const recoveryBox = generateBoxKeyPair();
    const account = accountIdFromIdentityKey(identity.publicKey);
    const accountKey = generateAccountKey();
    const secretKey = generateSecretKey();
    const recoveryCode = generateRecoveryCode();
    const device = { id: toHex(randomId()), keys: generateSigningKeyPair() };
    const kdf = newKdfParams();
    const passphraseKey = await this.#kdf(input.passphrase, kdf);
    const slot = createPassphraseSlot({ accountId: account, slotId: 'passphrase-1', accountKey, passphraseKey, secretKey, kdf });
    passphraseKey.fill(0);
    const recoverySlot = createRecoverySlot({ accountId: account, slotId: 'recovery-1', accountKey, recoveryCode, recoveryBox });
    const authKey = deriveAuthKeyPair(accountKey);
    const card: AccountCard = {
      v: 1,
      account,
      identityKey: toBase64Url(identity.publicKey),
      boxKey: toBase64Url(box.publicKey),
      authKey: toBase64Url(authKey.publicKey),
      created: now,
    };
    const cardWire = signAccountCard(card, identity.secretKey);
    const deviceStatement = signDeviceStatement(
      { v: 1, account, seq: 1, prev: null, time: now, op: 'add', device: device.id, key: toBase64Url(device.keys.publicKey) },
      identity.secretKey,
    );

    const vault = toHex(randomId());
    const roots: RootItem[] = CATEGORIES.map((category) => ({
      v: 1,
      vault,
      collection: toHex(randomId()),
      category,
      epoch: 1,
      root: toBase64Url(generateCategoryRoot()),
    }));
    const bundle: Bundle = {
      v: 1,
      identitySeed: toBase64Url(signingSeed(identity.secretKey)),
      boxSecretKey: toBase64Url(box.secretKey),
      recoveryPublicKey: toBase64Url(recoveryBox.publicKey),
      role: input.role ?? 'patient',
      name,
      created: now,
      vaults: [{ vault, importKey: toBase64Url(generateImportKey()), name }],
    };
    const itemKey = deriveAccountItemKey(accountKey);
    const items = [sealBundle(itemKey, account, bundle), ...roots.map((root) => sealRoot(itemKey, account, root))];
    const genesis = signControlStatement(
      {
        v: 1,
        vault,
        seq: 1,
        prev: null,
        time: now,
        author: account,
        type: 'vault-created',
        owner: account,
        collections: roots.map((r) => ({ id: r.collection, epoch: 1 })),
      },
      identity.secretKey,
    );

    const registered = await this.transport.register({
      card: cardWire,
      device: deviceStatement,
      slots: [slot, recoverySlot],
      items,
      vault: { id: vault, log: [genesis] },
    });
    if (registered.account !== account) throw new CarekeyError('relay-error', 'the relay registered another account ID');

    const profile: Profile = {
      v: 1,
      account,
      device: device.id,
      relay: this.transport.baseUrl,
      secretKey: formatSecretKey(secretKey),
      slot,
      deviceKey: sealLocalItem(deriveLocalKey(accountKey), account, `device-${device.id}`, signingSeed(device.keys.secretKey)),
      created: now,
    };
    await this.storage.write([
      { key: keys.accountCard, value: encodeJson(cardWire) },
      { key: keys.accountDevices, value: encodeJson([deviceStatement]) },
      ...items.map((item) => ({ key: keys.accountItem(item.itemId), value: encodeJson(item) })),
      { key: keys.controlLog(vault), value: encodeJson([genesis]) },
      // The profile last: a device without it has no account, whatever else was written.
      { key: keys.profile, value: encodeJson(profile) },
    ]);
    this.#profile = profile;
    const session = new RelaySession(this.transport, { account, device: device.id, secretKey: device.keys.secretKey }, this.clock, {
      value: registered.session.token,
      expiresAt: registered.session.expiresAt,
    });
    this.#unlocked = this.#openSession({
      accountKey,
      itemKey,
      bundle,
      roots,
      card,
      cardWire,
      deviceStatements: [deviceStatement],
      device,
      session,
    });
    await this.#loadVaults();
    this.#emit();
    return {
      accountId: account,
      secretKey: formatSecretKey(secretKey),
      recoveryCode: formatRecoveryCode(recoveryCode),
      relay: this.transport.baseUrl,
      fingerprint: fingerprint(identity.publicKey, box.publicKey),
      name,
      createdAt: now,
    };
  }

  /**
   * Signs this device in to an existing account (account ID, Secret Key and passphrase) and adds
   * it to the account's device log. Needs the relay. The record itself arrives with the next
   * {@link sync}, which reports anything that fails verification.
   *
   * @throws WrongSecretError when the passphrase or the Secret Key is wrong (one error for both)
   */
  async logIn(input: { accountId: string; secretKey: string; passphrase: string }): Promise<void> {
    if (this.#profile) throw new CarekeyError('conflict', 'this device already has an account');
    const account = normaliseAccountId(input.accountId);
    const secretKey = parseSecretKey(input.secretKey);
    const { slots } = await this.transport.getSlots(account);
    const slot = slots.find((s): s is PassphraseSlot => s.type === 'passphrase');
    if (!slot) throw new CarekeyError('not-found', 'this account has no passphrase on the relay');
    checkKdfParams(slot.kdf); // before any derivation, whoever runs it
    const passphraseKey = await this.#kdf(input.passphrase, slot.kdf);
    const accountKey = openPassphraseSlot(slot, { accountId: account, passphraseKey, secretKey });
    passphraseKey.fill(0);

    const authSession = new RelaySession(
      this.transport,
      { account, device: 'auth', secretKey: deriveAuthKeyPair(accountKey).secretKey },
      this.clock,
    );
    const { card: cardWire, devices } = await authSession.call((token) => this.transport.getAccount(account, token));
    const card = openAccountCard(cardWire, account);
    const items = [...(await authSession.call((token) => this.transport.getItems(account, token))).items];
    const itemKey = deriveAccountItemKey(accountKey);
    const { bundle, roots } = openAccountItems(itemKey, account, items);
    const identity = signingKeyPairFromSeed(fromBase64Url(bundle.identitySeed, 'identitySeed'));
    // The identity key from the relay's card must be the one our own encrypted bundle holds.
    if (toBase64Url(identity.publicKey) !== card.identityKey)
      throw new IntegrityError('certificate', "the relay served an account card that is not this account's");
    const deviceLog = applyDeviceLog(emptyDeviceLog(account), identity.publicKey, devices);
    // Every key the record's verified history says exists must have been served, before this
    // device joins: a relay hiding one part of the record is caught here.
    const logs = new Map<string, StatementWire[]>();
    for (const vault of bundle.vaults) {
      const { statements } = await authSession.call((token) => this.transport.getLog(vault.vault, 0, token));
      logs.set(vault.vault, statements);
      // Roots a co-owner sealed to this account that no device of it has taken in yet.
      const log = applyControlLog(null, vault.vault, { account, identityKey: identity.publicKey }, statements);
      const missing = [...log.collections.values()].some((c) => !roots.some((r) => r.collection === c.id && r.epoch === c.epoch));
      if (missing && log.ownerPackages.size > 0) {
        const { packages } = await authSession.call((token) => this.transport.getPackages(vault.vault, token));
        const box = boxKeyPairFromSecretKey(fromBase64Url(bundle.boxSecretKey, 'boxSecretKey'));
        const known = (c: string, e: number) => roots.some((r) => r.collection === c && r.epoch === e);
        const adopted = openOwnerRoots({
          box,
          log,
          packages,
          categoryOf: (c) => roots.find((r) => r.vault === vault.vault && r.collection === c)?.category,
        }).filter((r) => !known(r.collection, r.epoch));
        roots.push(...adopted);
        items.push(...adopted.map((root) => sealRoot(itemKey, account, root)));
      }
    }
    checkRootsAgainstLogs(account, identity.publicKey, bundle, roots, logs);

    const device = { id: toHex(randomId()), keys: generateSigningKeyPair() };
    const now = this.clock.now();
    const statement = signDeviceStatement(
      {
        v: 1,
        account,
        seq: (deviceLog.head?.seq ?? 0) + 1,
        prev: deviceLog.head?.hash ?? null,
        time: now,
        op: 'add',
        device: device.id,
        key: toBase64Url(device.keys.publicKey),
      },
      identity.secretKey,
    );
    await authSession.call((token) => this.transport.appendDevices(account, [statement], token));
    const session = new RelaySession(this.transport, { account, device: device.id, secretKey: device.keys.secretKey }, this.clock);
    await session.logIn();

    const profile: Profile = {
      v: 1,
      account,
      device: device.id,
      relay: this.transport.baseUrl,
      secretKey: formatSecretKey(secretKey),
      slot,
      deviceKey: sealLocalItem(deriveLocalKey(accountKey), account, `device-${device.id}`, signingSeed(device.keys.secretKey)),
      created: now,
    };
    await this.storage.write([
      { key: keys.accountCard, value: encodeJson(cardWire) },
      { key: keys.accountDevices, value: encodeJson([...devices, statement]) },
      ...items.map((item) => ({ key: keys.accountItem(item.itemId), value: encodeJson(item) })),
      ...[...logs].map(([vault, statements]) => ({ key: keys.controlLog(vault), value: encodeJson(statements) })),
      { key: keys.profile, value: encodeJson(profile) },
    ]);
    this.#profile = profile;
    this.#unlocked = this.#openSession({
      accountKey,
      itemKey,
      bundle,
      roots,
      card,
      cardWire,
      deviceStatements: [...devices, statement],
      device,
      session,
    });
    await this.#loadVaults();
    this.#emit();
  }

  /**
   * Unlocks with the passphrase, entirely from local data (works offline): derives the account
   * key from the cached slot, opens the account items and loads every envelope, checking each
   * one's verified mark instead of re-verifying signatures.
   *
   * @throws WrongSecretError when the passphrase is wrong
   */
  async unlock(passphrase: string): Promise<void> {
    const profile = this.#profile;
    if (!profile) throw new CarekeyError('no-account', 'there is no account on this device');
    if (this.#unlocked) return;
    const secretKey = parseSecretKey(profile.secretKey);
    checkKdfParams(profile.slot.kdf);
    const passphraseKey = await this.#kdf(passphrase, profile.slot.kdf);
    // A User Timing mark (browser performance panel, `pnpm bench`): the deliberate key-derivation
    // step is over; everything after it is what the record's size costs.
    performance.mark('carekey:unlock-key-derived');
    let accountKey: Uint8Array;
    try {
      accountKey = openPassphraseSlot(profile.slot, { accountId: profile.account, passphraseKey, secretKey });
    } finally {
      passphraseKey.fill(0);
    }
    const cardWire = await this.#readJson(keys.accountCard, 'account card');
    const card = openAccountCard(cardWire as StatementWire, profile.account);
    const deviceStatements = (await this.#readJson(keys.accountDevices, 'device log')) as StatementWire[];
    const items = (await this.storage.list(keys.accountItems)).map((r) => decodeJson(r.value) as api.AccountItemWire);
    const itemKey = deriveAccountItemKey(accountKey);
    const { bundle, roots } = openAccountItems(itemKey, profile.account, items);
    const logs = new Map<string, StatementWire[]>();
    for (const vault of bundle.vaults)
      logs.set(vault.vault, (await this.#readJson(keys.controlLog(vault.vault), 'record history')) as StatementWire[]);
    checkRootsAgainstLogs(profile.account, fromBase64Url(card.identityKey, 'identityKey'), bundle, roots, logs);
    const seed = openLocalItem(deriveLocalKey(accountKey), profile.account, `device-${profile.device}`, profile.deviceKey);
    const device = { id: profile.device, keys: signingKeyPairFromSeed(seed) };
    seed.fill(0);
    const session = new RelaySession(
      this.transport,
      { account: profile.account, device: device.id, secretKey: device.keys.secretKey },
      this.clock,
    );
    this.#unlocked = this.#openSession({
      accountKey,
      itemKey,
      bundle,
      roots,
      card,
      cardWire: cardWire as StatementWire,
      deviceStatements,
      device,
      session,
    });
    await this.#loadVaults();
    this.#emit();
  }

  /**
   * The account ID and fingerprint of this device's account, from its public account card:
   * no passphrase needed.
   */
  async identity(): Promise<{ accountId: string; fingerprint: string }> {
    const profile = this.#profile;
    if (!profile) throw new CarekeyError('no-account', 'there is no account on this device');
    const card = openAccountCard((await this.#readJson(keys.accountCard, 'account card')) as StatementWire, profile.account);
    return {
      accountId: card.account,
      fingerprint: fingerprint(fromBase64Url(card.identityKey, 'identityKey'), fromBase64Url(card.boxKey, 'boxKey')),
    };
  }

  /**
   * The whole record as an encrypted backup file (docs/protocol.md §4 "Backup files"): opened
   * with the passphrase and the Secret Key, it restores the record on a fresh install even
   * without the relay.
   */
  async createBackup(): Promise<Uint8Array> {
    const unlocked = this.#requireUnlocked();
    const profile = this.#profile as Profile;
    const pending = profile.pendingDevice;
    const devices = pending ? unlocked.deviceStatements.filter((s) => s.payload !== pending.payload) : unlocked.deviceStatements;
    const logs: Record<string, StatementWire[]> = {};
    const envelopes: Record<string, string[]> = {};
    for (const vault of unlocked.keyring.vaults) {
      logs[vault.vault] = (await this.#readJson(keys.controlLog(vault.vault), 'record history')) as StatementWire[];
      envelopes[vault.vault] = (await this.storage.list(keys.envelopes(vault.vault))).map((r) => toBase64Url(r.value));
    }
    const items = (await this.storage.list(keys.accountItems)).map((r) => decodeJson(r.value) as api.AccountItemWire);
    const card = (await this.#readJson(keys.accountCard, 'account card')) as StatementWire;
    return sealBackup({
      account: profile.account,
      slot: profile.slot,
      created: this.clock.now(),
      backupKey: unlocked.keyring.backupKey,
      contents: { v: 1, card, devices, items, logs, envelopes },
    });
  }

  /**
   * Restores a record from a backup file onto a device with no account, without the relay:
   * everything in the file is verified as if it came from a relay, and this device joins the
   * account as a new device, published to the relay at the next sync that reaches it.
   *
   * @throws CarekeyError `bad-file`; WrongSecretError; IntegrityError
   * @returns the client, unlocked, and what could not be restored
   */
  static async restore(
    options: CarekeyClientOptions & { backup: Uint8Array; secretKey: string; passphrase: string },
  ): Promise<{ client: CarekeyClient; restored: number; rejected: RejectedEnvelope[] }> {
    const client = await CarekeyClient.open(options);
    if (client.status !== 'no-account') throw new CarekeyError('conflict', 'this device already has an account');
    const file = readBackupFile(options.backup);
    const account = file.account;
    const secretKey = parseSecretKey(options.secretKey);
    checkKdfParams(file.slot.kdf);
    const passphraseKey = await client.#kdf(options.passphrase, file.slot.kdf);
    let accountKey: Uint8Array;
    try {
      accountKey = openPassphraseSlot(file.slot, { accountId: account, passphraseKey, secretKey });
    } finally {
      passphraseKey.fill(0);
    }
    let contents: BackupContents;
    try {
      contents = openBackup(file, deriveBackupKey(accountKey));
    } catch (cause) {
      throw new CarekeyError('bad-file', 'This backup has been changed or damaged, so it cannot be restored.', { cause });
    }
    const card = openAccountCard(contents.card, account);
    const itemKey = deriveAccountItemKey(accountKey);
    const { bundle, roots } = openAccountItems(itemKey, account, contents.items);
    const identity = signingKeyPairFromSeed(fromBase64Url(bundle.identitySeed, 'identitySeed'));
    if (toBase64Url(identity.publicKey) !== card.identityKey)
      throw new IntegrityError('certificate', "the backup's account card is not this account's");
    const deviceLog = applyDeviceLog(emptyDeviceLog(account), identity.publicKey, contents.devices);
    const logs = new Map(Object.entries(contents.logs));
    checkRootsAgainstLogs(account, identity.publicKey, bundle, roots, logs);

    const device = { id: toHex(randomId()), keys: generateSigningKeyPair() };
    const now = client.clock.now();
    const statement = signDeviceStatement(
      {
        v: 1,
        account,
        seq: (deviceLog.head?.seq ?? 0) + 1,
        prev: deviceLog.head?.hash ?? null,
        time: now,
        op: 'add',
        device: device.id,
        key: toBase64Url(device.keys.publicKey),
      },
      identity.secretKey,
    );
    const deviceStatements = [...contents.devices, statement];
    const profile: Profile = {
      v: 1,
      account,
      device: device.id,
      relay: client.transport.baseUrl,
      secretKey: formatSecretKey(secretKey),
      slot: file.slot,
      deviceKey: sealLocalItem(deriveLocalKey(accountKey), account, `device-${device.id}`, signingSeed(device.keys.secretKey)),
      created: now,
      pendingDevice: statement,
    };
    await client.storage.write([
      { key: keys.accountCard, value: encodeJson(contents.card) },
      { key: keys.accountDevices, value: encodeJson(deviceStatements) },
      ...contents.items.map((item) => ({ key: keys.accountItem(item.itemId), value: encodeJson(item) })),
      ...[...logs].map(([vault, statements]) => ({ key: keys.controlLog(vault), value: encodeJson(statements) })),
      { key: keys.profile, value: encodeJson(profile) },
    ]);
    client.#profile = profile;
    const session = new RelaySession(client.transport, { account, device: device.id, secretKey: device.keys.secretKey }, client.clock);
    client.#unlocked = client.#openSession({
      accountKey,
      itemKey,
      bundle,
      roots,
      card,
      cardWire: contents.card,
      deviceStatements,
      device,
      session,
    });
    await client.#loadVaults();

    let restored = 0;
    const rejected: RejectedEnvelope[] = [];
    for (const [vault, envelopes] of Object.entries(contents.envelopes)) {
      let writes: StorageWrite[] = [];
      for (const data of envelopes) {
        try {
          const result = await client.#ingestRemote(vault, fromBase64Url(data, 'envelope'), { offline: true });
          if (result) {
            writes.push(...result.writes);
            restored += 1;
          }
        } catch (error) {
          if (error instanceof CarekeyError) throw error;
          rejected.push(
            toRejection(vault, null, null, error instanceof FormatError ? new IntegrityError('malformed', error.message) : error),
          );
        }
        if (writes.length >= 1000) {
          await client.storage.write(writes);
          writes = [];
        }
      }
      await client.storage.write(writes);
    }
    client.#emit();
    return { client, restored, rejected };
  }

  /**
   * After a restore, this device's statement waits until a relay is reachable; it is published
   * (re-signed on top of whatever devices joined meanwhile) before anything is pushed.
   */
  async #publishPendingDevice(): Promise<void> {
    const profile = this.#profile;
    const pending = profile?.pendingDevice;
    if (!profile || !pending) return;
    const unlocked = this.#requireUnlocked();
    const { account } = profile;
    const auth = new RelaySession(this.transport, { account, device: 'auth', secretKey: unlocked.keyring.auth.secretKey }, this.clock);
    const { devices } = await auth.call((token) => this.transport.getAccount(account, token));
    const known = unlocked.deviceStatements.filter((s) => s.payload !== pending.payload);
    if (devices.length < known.length || known.some((s, i) => s.payload !== devices[i]?.payload || s.signature !== devices[i]?.signature)) {
      throw new CarekeyError('integrity', 'the relay holds a different device history than the backup');
    }
    const published = applyDeviceLog(emptyDeviceLog(account), unlocked.keyring.identity.publicKey, devices);
    const payload = peekStatement(pending) as { device: string; key: string; time: number };
    const statement =
      published.head?.hash === (peekStatement(pending) as { prev: string | null }).prev
        ? pending
        : signDeviceStatement(
            {
              v: 1,
              account,
              seq: (published.head?.seq ?? 0) + 1,
              prev: published.head?.hash ?? null,
              time: payload.time,
              op: 'add',
              device: payload.device,
              key: payload.key,
            },
            unlocked.keyring.identity.secretKey,
          );
    await auth.call((token) => this.transport.appendDevices(account, [statement], token));
    const statements = [...devices, statement];
    unlocked.deviceLog = applyDeviceLog(emptyDeviceLog(account), unlocked.keyring.identity.publicKey, statements);
    unlocked.deviceStatements = statements;
    const { pendingDevice: _published, ...rest } = profile;
    this.#profile = rest;
    await this.storage.write([
      { key: keys.accountDevices, value: encodeJson(statements) },
      { key: keys.profile, value: encodeJson(rest) },
    ]);
  }

  /** Forgets every key and decrypted entry. Nothing saved is lost. */
  lock(): void {
    const unlocked = this.#unlocked;
    if (!unlocked) return;
    if (this.#snapshotTimer !== undefined) clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = undefined;
    this.#sync.stopAuto();
    for (const watch of this.#watching) watch.abort();
    unlocked.session.end();
    unlocked.keyring.wipe();
    this.#unlocked = undefined;
    this.#reencryptionClean.clear();
    this.#emit();
  }

  /** Locks and releases the storage. */
  async close(): Promise<void> {
    // A snapshot still waiting is written now (a CLI process exits right after), then any running one finishes.
    if (this.#snapshotTimer !== undefined && this.#unlocked) this.#startSnapshotWrite();
    await this.#snapshotWrite;
    this.lock();
    await this.storage.close();
  }

  #openSession(input: {
    accountKey: Uint8Array;
    itemKey: Uint8Array;
    bundle: Bundle;
    roots: RootItem[];
    card: AccountCard;
    cardWire: StatementWire;
    deviceStatements: StatementWire[];
    device: { id: string; keys: ReturnType<typeof generateSigningKeyPair> };
    session: RelaySession;
  }): Unlocked {
    const profile = this.#profile;
    if (!profile) throw new Error('no profile');
    const keyring = new Keyring({
      account: profile.account,
      accountKey: input.accountKey,
      itemKey: input.itemKey,
      bundle: input.bundle,
      roots: input.roots,
      device: input.device,
    });
    if (toBase64Url(keyring.identity.publicKey) !== input.card.identityKey || toBase64Url(keyring.box.publicKey) !== input.card.boxKey) {
      throw new IntegrityError('certificate', "the stored account card does not match this account's keys");
    }
    const deviceLog = applyDeviceLog(emptyDeviceLog(profile.account), keyring.identity.publicKey, input.deviceStatements);
    input.accountKey.fill(0);
    return {
      keyring,
      card: input.card,
      deviceLog,
      deviceStatements: [...input.deviceStatements],
      session: input.session,
      vaults: new Map(),
      hlc: new HybridClock(input.device.id, () => this.clock.now()),
      loadProblems: [],
      loads: [],
      logs: new Map(),
      writers: new Map(),
    };
  }

  async #readJson(key: readonly string[], what: string): Promise<unknown> {
    const raw = await this.storage.get(key);
    if (!raw) throw new IntegrityError('malformed', `the saved ${what} is missing`);
    return decodeJson(raw);
  }

  /**
   * Reads every vault into memory: from its unlock snapshot when there is a good one, plus the
   * envelopes stored since (each accepted on its verified mark); otherwise from every envelope.
   * A snapshot is used only if every version it holds is still stored, so deleting envelopes
   * from local storage cannot be hidden by an older snapshot.
   */
  async #loadVaults(): Promise<void> {
    const unlocked = this.#requireUnlocked();
    for (const vaultKeys of unlocked.keyring.vaults) {
      const vault = vaultKeys.vault;
      const stored = (await this.storage.keys(keys.envelopes(vault))).map((k) => k[3] ?? '');
      let snapshot: VaultLoad['snapshot'] = 'absent';
      let state = new VaultState(vault);
      const sealed = await this.storage.get(keys.snapshot(vault));
      if (sealed) {
        try {
          this.#applySnapshot(state, sealed, new Set(stored));
          snapshot = 'used';
        } catch {
          // A damaged, stale or foreign snapshot costs time, never data: rebuild from the envelopes,
          // and drop it so the next unlock does not try it again.
          snapshot = 'refused';
          state = new VaultState(vault);
          await this.storage.write([{ key: keys.snapshot(vault), value: undefined }]).catch(() => undefined);
        }
      }
      const fromSnapshot = state.envelopeCount;
      unlocked.vaults.set(vault, state);
      const log = await this.#controlLog(vault);
      unlocked.logs.set(vault, log.state);
      // Envelopes were verified on arrival (their marks say so); their authors are the owner or
      // someone the record's history granted write access.
      const writers = new Set([
        unlocked.keyring.account,
        ...[...log.state.grants.values()].filter((g) => g.access === 'write').map((g) => g.grantee),
      ]);
      const missing = stored.filter((hash) => !state.has(hash));
      // Few envelopes newer than the snapshot are fetched one by one; many, in one pass.
      const many = missing.length > 64 && missing.length * 4 > stored.length;
      const marks = many ? new Map((await this.storage.list(keys.marks(vault))).map((r) => [r.key[3] ?? '', r.value])) : undefined;
      const records = many
        ? (await this.storage.list(keys.envelopes(vault))).filter((r) => !state.has(r.key[3] ?? ''))
        : await Promise.all(
            missing.map(async (hash) => ({ key: keys.envelope(vault, hash), value: await this.storage.get(keys.envelope(vault, hash)) })),
          );
      for (const record of records) {
        const hash = record.key[3] ?? '';
        try {
          if (!record.value) throw new IntegrityError('malformed', 'a saved entry disappeared while the record was opened');
          const parsed = parseEnvelope(record.value);
          const hashBytes = envelopeHash(record.value);
          if (toBase64Url(hashBytes) !== hash) throw new IntegrityError('verified-mark', 'a saved entry is not the one its name says');
          const mark = marks ? marks.get(hash) : await this.storage.get(keys.mark(vault, hash));
          if (!mark) throw new IntegrityError('verified-mark', 'a saved entry has no verified mark');
          this.#accept(state, parsed, hash, acceptVerifiedMark(parsed, mark, unlocked.keyring.markKey, hashBytes), writers);
        } catch (error) {
          unlocked.loadProblems.push(toRejection(vault, hash, null, error));
        }
      }
      unlocked.loads.push({ vault, snapshot, fromSnapshot, fromEnvelopes: records.length });
    }
    this.#scheduleSnapshot();
  }

  /**
   * Fills an empty vault state from a sealed unlock snapshot. The snapshot was sealed by this
   * account under a key only it derives, from versions that had passed every check, so its
   * versions are recorded without re-checking their envelopes.
   *
   * @throws on anything wrong with the snapshot (the caller then rebuilds from the envelopes)
   */
  #applySnapshot(state: VaultState, sealed: Uint8Array, stored: ReadonlySet<string>): void {
    const unlocked = this.#requireUnlocked();
    const plaintext = openSnapshot(unlocked.keyring.snapshotKey, { account: unlocked.keyring.account, vault: state.vault }, sealed);
    const versions = decodeSnapshot(state.vault, plaintext);
    for (const v of versions) {
      if (!stored.has(v.hash)) throw new IntegrityError('chain', 'the unlock snapshot holds an entry that is no longer stored');
    }
    let latest = '';
    for (const v of versions) {
      state.record(v.collection, toEntryVersion(v.entryId, v.hash, v.inner, v.resourceText), v.inner);
      if (v.inner.hlc > latest) latest = v.inner.hlc;
    }
    if (latest) unlocked.hlc.observe(latest);
    state.markSnapshotted();
  }

  /**
   * Writes a new unlock snapshot, soon and off the caller's path, for every vault with at least
   * {@link SNAPSHOT_AFTER} versions recorded since its last one.
   */
  #scheduleSnapshot(): void {
    const unlocked = this.#unlocked;
    if (!unlocked || this.#snapshotTimer !== undefined) return;
    if (![...unlocked.vaults.values()].some((state) => state.unsnapshotted >= SNAPSHOT_AFTER)) return;
    this.#snapshotTimer = setTimeout(() => {
      this.#snapshotTimer = undefined;
      // Never behind a running write (an import): wait until writing has stopped.
      if (this.#pendingWrites > 0) this.#scheduleSnapshot();
      else this.#startSnapshotWrite();
    }, SNAPSHOT_DELAY_MS);
  }

  #startSnapshotWrite(): void {
    if (this.#snapshotTimer !== undefined) clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = undefined;
    const unlocked = this.#unlocked;
    if (!unlocked) return;
    // Under the write lock, so no version is half-written (prepared, not yet stored) meanwhile.
    this.#snapshotWrite = this.#withWriteLock(async () => {
      if (this.#unlocked !== unlocked) return;
      const writes: StorageWrite[] = [];
      const written: VaultState[] = [];
      for (const state of unlocked.vaults.values()) {
        if (state.unsnapshotted === 0) continue;
        const plaintext = encodeSnapshot(state.vault, state.recorded());
        writes.push({
          key: keys.snapshot(state.vault),
          value: sealSnapshot(unlocked.keyring.snapshotKey, { account: unlocked.keyring.account, vault: state.vault }, plaintext),
        });
        written.push(state);
      }
      if (writes.length > 0) await this.storage.write(writes);
      // Counted as saved only once saved: a failed write is tried again after the next change.
      for (const state of written) state.markSnapshotted();
      // Only a cache: one that could not be saved costs time at the next unlock, never data.
    }).catch(() => undefined);
  }

  // --- Reading envelopes --------------------------------------------------------------------

  /**
   * Decrypts a verified envelope and records it in the vault state.
   *
   * @throws IntegrityError or InvalidResourceError
   */
  #accept(
    state: VaultState,
    parsed: ParsedEnvelope,
    hash: string,
    verified: ReturnType<typeof verifyEnvelope>,
    author: string | ReadonlySet<string> = this.#requireUnlocked().keyring.account,
  ): void {
    this.#record(state, parsed, hash, this.#open(state, parsed, verified, author));
  }

  /** Decrypts a verified envelope with the month key its header names. */
  #open(
    state: VaultState,
    parsed: ParsedEnvelope,
    verified: ReturnType<typeof verifyEnvelope>,
    author: string | ReadonlySet<string>,
  ): OpenedEnvelope {
    const unlocked = this.#requireUnlocked();
    const header = parsed.header;
    const collection = toHex(header.collection);
    const keysOfCollection = unlocked.keyring.vault(state.vault)?.byCollection.get(collection);
    if (!keysOfCollection) throw new IntegrityError('context-mismatch', 'the envelope is for a collection this account does not hold');
    const monthKey = unlocked.keyring.monthKey(state.vault, collection, header.epoch, header.month);
    if (!monthKey) throw new IntegrityError('decrypt', 'no key is held for this envelope');
    return openEnvelope(verified, monthKey, { account: author, category: keysOfCollection.category });
  }

  /**
   * Records an opened envelope's entry version in the vault state, after the author-chain check.
   *
   * @throws IntegrityError or InvalidResourceError
   */
  #record(state: VaultState, parsed: ParsedEnvelope, hash: string, opened: OpenedEnvelope): void {
    const unlocked = this.#requireUnlocked();
    const header = parsed.header;
    const collection = toHex(header.collection);
    const parsedInner = v.safeParse(EntryInnerSchema, opened.inner);
    if (!parsedInner.success) throw new IntegrityError('malformed', 'the entry inside the envelope is not valid');
    const inner = parsedInner.output;
    if (inner.kind === 'retract' && opened.content.length > 0) throw new IntegrityError('malformed', 'a retraction carries content');
    const version = toEntryVersion(toHex(header.entry), hash, inner, inner.kind === 'retract' ? null : decodeText(opened.content));
    state.checkChain(collection, hash, inner);
    unlocked.hlc.observe(inner.hlc);
    state.record(collection, version, inner);
  }

  /**
   * Verifies and reads an envelope pulled from the relay: the signer must be a certified, active
   * device of the account (the device log is refreshed once when the signer is unknown), the
   * signature is checked before anything is decrypted, and the result is recorded with a
   * verified mark. Returns the writes that persist it, or null when it was already known.
   */
  async #ingestRemote(
    vault: string,
    bytes: Uint8Array,
    options: { offline?: boolean; carried?: boolean } = {},
  ): Promise<{ hash: string; writes: StorageWrite[] } | null> {
    const unlocked = this.#requireUnlocked();
    const state = unlocked.vaults.get(vault);
    if (!state) throw new IntegrityError('context-mismatch', 'an envelope for a vault this account does not hold');
    const parsed = parseEnvelope(bytes);
    if (toHex(parsed.header.vault) !== vault) throw new IntegrityError('context-mismatch', 'the envelope belongs to another vault');
    const hashBytes = envelopeHash(bytes);
    const hash = toBase64Url(hashBytes);
    if (state.has(hash)) return null;
    const signer = toHex(parsed.header.signer);
    let key = activeDeviceKey(unlocked.deviceLog, signer);
    if (!key && !options.offline) {
      try {
        await this.#refreshDeviceLog();
      } catch (error) {
        // A relay contradicting the device history already verified is not this envelope's
        // fault: stop the sync (nothing of the page is saved) rather than reject the envelope.
        if (error instanceof IntegrityError) throw new CarekeyError('integrity', error.message, { cause: error });
        throw error;
      }
      key = activeDeviceKey(unlocked.deviceLog, signer);
    }
    let author = unlocked.keyring.account;
    if (!key) {
      const writer = await this.#grantedWriter(state.vault, parsed, hash, options.offline === true);
      key = writer.key;
      author = writer.account;
    }
    const verified = verifyEnvelope(parsed, key);
    const opened = this.#open(state, parsed, verified, author);
    if (isReencryption(opened)) {
      // Only the record's owner re-encrypts, and never an envelope that is itself carried.
      if (author !== unlocked.keyring.account || options.carried) {
        throw new IntegrityError('not-granted', "only the record's owner re-encrypts entries");
      }
      return this.#ingestCarried(state, parsed, hash, opened, options);
    }
    this.#record(state, parsed, hash, opened);
    return {
      hash,
      writes: [
        { key: keys.envelope(vault, hash), value: bytes },
        { key: keys.mark(vault, hash), value: verifiedMark(unlocked.keyring.markKey, parsed, hashBytes) },
      ],
    };
  }

  /**
   * The original envelope a re-encryption envelope carries, ingested as if the relay had served
   * it (its own signature verified against its own author), and this device's note that it was
   * re-encrypted. The re-encryption envelope itself is never stored.
   */
  async #ingestCarried(
    state: VaultState,
    outer: ParsedEnvelope,
    outerHash: string,
    opened: OpenedEnvelope,
    options: { offline?: boolean },
  ): Promise<{ hash: string; writes: StorageWrite[] }> {
    const original = unwrapReencryption(outer, opened);
    // Everything that may fail comes before the original is recorded, or forgets it: the relay
    // may hold no other copy, so it must never stay in memory unsaved (and then count as known).
    const before = await this.#reencryptionMarker(state.vault, original.hash);
    const marker = noteCarrier(original.hash, before, { wrapper: outerHash, epoch: outer.header.epoch, mine: false });
    if (marker.pending.length > 0) this.#reencryptionClean.delete(state.vault);
    const known = state.has(original.hash);
    const result = known ? null : await this.#ingestRemote(state.vault, original.bytes, { ...options, carried: true });
    const writes = [...(result?.writes ?? [])];
    if (marker !== before) writes.push({ key: keys.reencryption(state.vault, original.hash), value: encodeJson(marker) });
    // A pull that fails to save forgets what it accepted: the original only when it is new here.
    return { hash: known ? outerHash : original.hash, writes };
  }

  async #reencryptionMarker(vault: string, original: string): Promise<ReencryptionMarker | undefined> {
    const raw = await this.storage.get(keys.reencryption(vault, original));
    if (!raw) return undefined;
    const parsed = v.safeParse(ReencryptionMarkerSchema, decodeJson(raw));
    return parsed.success ? parsed.output : undefined;
  }

  async #refreshDeviceLog(): Promise<void> {
    const unlocked = this.#requireUnlocked();
    const account = unlocked.keyring.account;
    const { devices } = await unlocked.session.call((token) => this.transport.getAccount(account, token));
    const known = unlocked.deviceStatements;
    // The relay must serve exactly the history already verified, then (maybe) more: a shorter
    // or different prefix is a rollback or a fork.
    if (devices.length < known.length || known.some((s, i) => s.payload !== devices[i]?.payload || s.signature !== devices[i]?.signature)) {
      throw new IntegrityError('chain', 'the relay served a different device history than the one already verified');
    }
    const added = devices.slice(known.length);
    if (added.length === 0) return;
    unlocked.deviceLog = applyDeviceLog(unlocked.deviceLog, unlocked.keyring.identity.publicKey, added);
    unlocked.deviceStatements = [...known, ...added];
    await this.storage.write([{ key: keys.accountDevices, value: encodeJson(unlocked.deviceStatements) }]);
  }

  /**
   * The writer of an envelope signed by a device that is not this account's: someone the
   * record's verified history granted write access to its collection, whose device is in their
   * own verified device log (their identity key must be the one the grant names), writing in a
   * month the grant covers. A revoked writer's envelope counts only if the revocation listed it.
   *
   * @throws IntegrityError `certificate` (no such writer's device), `not-granted`
   */
  async #grantedWriter(
    vault: string,
    parsed: ParsedEnvelope,
    hash: string,
    offline: boolean,
  ): Promise<{ account: string; key: Uint8Array }> {
    const unlocked = this.#requireUnlocked();
    const collection = toHex(parsed.header.collection);
    const signer = toHex(parsed.header.signer);
    const candidates = (log: ControlLogState | undefined) =>
      [...(log?.grants.values() ?? [])].filter((g) => g.access === 'write' && g.collections.includes(collection));
    let grants = candidates(unlocked.logs.get(vault));
    const last = this.#logChecked.get(vault) ?? Number.NEGATIVE_INFINITY;
    if (!offline && this.clock.now() - last > LOG_RECHECK_MS) {
      // A grant this device has not seen yet, or a revocation: the owner's history decides. Once
      // per page of a pull is enough, not once per envelope.
      const fresh = await this.#refreshControlLog(vault).catch((error: unknown) => {
        if (error instanceof CarekeyError && error.code === 'offline') return undefined;
        throw error;
      });
      if (fresh) {
        this.#logChecked.set(vault, this.clock.now());
        grants = candidates(fresh.state);
      }
    }
    let refusal: string | undefined;
    for (const grant of grants) {
      let devices = unlocked.writers.get(grant.grantee);
      let key = devices ? activeDeviceKey(devices, signer) : undefined;
      if (!key && !offline) {
        const account = await unlocked.session.call((token) => this.transport.getAccount(grant.grantee, token));
        const card = openAccountCard(account.card, grant.grantee);
        if (card.identityKey !== toBase64Url(grant.granteeIdentityKey)) continue;
        devices = applyDeviceLog(emptyDeviceLog(grant.grantee), grant.granteeIdentityKey, account.devices);
        unlocked.writers.set(grant.grantee, devices);
        key = activeDeviceKey(devices, signer);
      }
      if (!key) continue;
      // Another grant to the same person (given again after a revocation, or for other months)
      // may allow what this one does not: refuse only when none does.
      refusal = writeRefusal(grant, parsed.header.month, hash, unlocked.logs.get(vault)?.confirmed);
      if (refusal) continue;
      return { account: grant.grantee, key };
    }
    if (refusal) throw new IntegrityError('not-granted', refusal);
    throw new IntegrityError('certificate', 'the envelope is signed by a device this account never certified');
  }

  // --- The record ---------------------------------------------------------------------------

  /** The unlocked account. */
  get account(): AccountView {
    const unlocked = this.#requireUnlocked();
    const profile = this.#profile as Profile;
    return {
      accountId: unlocked.keyring.account,
      fingerprint: fingerprint(unlocked.keyring.identity.publicKey, unlocked.keyring.box.publicKey),
      name: unlocked.keyring.bundle.name,
      role: unlocked.keyring.bundle.role,
      device: unlocked.keyring.device.id,
      relay: profile.relay,
    };
  }

  /** The vaults (records) this account owns; the first is the person's own. */
  get vaults(): Array<{ vault: string; name: string }> {
    return this.#requireUnlocked().keyring.vaults.map((v) => ({ vault: v.vault, name: v.name }));
  }

  #vault(vault: string | undefined): VaultState {
    const unlocked = this.#requireUnlocked();
    const id = vault ?? unlocked.keyring.vaults[0]?.vault;
    const state = id ? unlocked.vaults.get(id) : undefined;
    if (!state) throw new CarekeyError('not-found', 'no such record');
    return state;
  }

  /** The current entries of a record (the person's own by default), newest first. */
  entries(vault?: string): readonly Entry[] {
    return this.#vault(vault).entries.list();
  }

  /** One entry, or undefined. */
  entry(entryId: string, vault?: string): Entry | undefined {
    return this.#vault(vault).entries.get(entryId);
  }

  /** How each record was read at the last unlock (from the unlock snapshot or from every envelope). */
  get loads(): readonly VaultLoad[] {
    return this.#requireUnlocked().loads;
  }

  /** Problems found in local data at unlock (local tampering or damage); never shown as entries. */
  get loadProblems(): readonly RejectedEnvelope[] {
    return this.#requireUnlocked().loadProblems;
  }

  /**
   * What is kept on this device but not in the record: envelopes from the relay that failed a
   * check (with the reason), and entries written here that the relay refuses for good.
   */
  async keptProblems(vault?: string): Promise<{
    rejected: Array<{ reason: string; message: string; seq: number | null }>;
    stuck: Array<{ code: string; message: string }>;
  }> {
    const id = this.#vault(vault).vault;
    const rejected = (await this.storage.list(keys.rejected(id))).map((r) => {
      const { reason, message, seq } = decodeJson(r.value) as { reason: string; message: string; seq: number | null };
      return { reason, message, seq };
    });
    const stuck = (await this.storage.list(keys.stuck(id))).map((r) => {
      const { code, message } = decodeJson(r.value) as { code: string; message: string };
      return { code, message };
    });
    return { rejected, stuck };
  }

  /** Author chains with missing envelopes, per vault. */
  gaps(vault?: string): ChainGap[] {
    return this.#vault(vault).gaps();
  }

  /**
   * Adds a FHIR resource as a new entry: sealed and signed on this device, saved locally and
   * queued for the relay. Works offline.
   *
   * @throws InvalidResourceError when `resource` is not a FHIR resource (or is a Bundle, which is
   *   imported instead); CarekeyError `envelope-too-large` when it is too large for one entry
   */
  async addEntry(resource: unknown, options: { vault?: string; category?: Category } = {}): Promise<Entry> {
    const checked: FhirResource = asEntryResource(resource);
    const state = this.#vault(options.vault);
    const category = options.category ?? categoryForResourceType(checked.resourceType);
    return this.#writeOne(state, { entryId: randomId(), category, kind: 'create', resourceText: JSON.stringify(checked) });
  }

  /**
   * Replaces an entry's resource with a new version; the earlier versions stay in its history.
   *
   * @throws CarekeyError `not-found` for an unknown or deleted entry, `forbidden` for an entry
   *   another account wrote
   */
  async amendEntry(entryId: string, resource: unknown, options: { vault?: string } = {}): Promise<Entry> {
    const checked = asEntryResource(resource);
    const state = this.#vault(options.vault);
    this.#ownEntry(state, entryId); // fail early, before waiting for the lock
    return this.#withWriteLock(async () => {
      // Read inside the lock: a write that ran meanwhile may have made a newer version.
      const current = this.#ownEntry(state, entryId);
      const prepared = this.#prepare(state, {
        entryId: fromHex(entryId),
        category: current.category,
        kind: 'amend',
        resourceText: JSON.stringify(checked),
        supersedes: current.current.hash,
      });
      await this.#commit(state, [prepared]);
      return this.#entryOf(state, prepared.entryId);
    });
  }

  /**
   * Deletes an entry: a retraction version hides it everywhere; its history is kept.
   *
   * @throws CarekeyError `not-found`, `forbidden`
   */
  async retractEntry(entryId: string, options: { vault?: string } = {}): Promise<void> {
    const state = this.#vault(options.vault);
    this.#ownEntry(state, entryId); // fail early, before waiting for the lock
    // Not #writeOne: a retracted entry is no longer readable, which is the point.
    await this.#withWriteLock(async () => {
      const current = this.#ownEntry(state, entryId); // inside the lock: the newest version
      const prepared = this.#prepare(state, {
        entryId: fromHex(entryId),
        category: current.category,
        kind: 'retract',
        resourceText: null,
        supersedes: current.current.hash,
      });
      await this.#commit(state, [prepared]);
    });
  }

  /**
   * Moves an entry to another category (DESIGN §3): a new entry in the new category, and a
   * retraction of the old one naming the new ID so a re-import follows the move.
   *
   * @returns the entry in its new category
   */
  async moveEntry(entryId: string, category: Category, options: { vault?: string } = {}): Promise<Entry> {
    const state = this.#vault(options.vault);
    if (this.#ownEntry(state, entryId).category === category) return this.#ownEntry(state, entryId);
    const movedTo = randomId();
    return this.#withWriteLock(async () => {
      const current = this.#ownEntry(state, entryId); // inside the lock: the newest version
      if (current.category === category) return current;
      const prepared = this.#prepareAll(state, [
        {
          entryId: movedTo,
          category,
          kind: 'create',
          resourceText: current.current.resourceText,
          ...(current.current.source ? { source: current.current.source } : {}),
          ...(current.current.issues.length ? { issues: current.current.issues } : {}),
        },
        {
          entryId: fromHex(entryId),
          category: current.category,
          kind: 'retract',
          resourceText: null,
          supersedes: current.current.hash,
          movedTo: toHex(movedTo),
        },
      ]);
      await this.#commit(state, prepared);
      return this.#entryOf(state, toHex(movedTo));
    });
  }

  /**
   * Imports a FHIR file of any form a patient is handed (DESIGN §3; `@carekey/record`'s
   * importer): every resource becomes an entry, sealed and queued like any other. Re-importing
   * the same file adds nothing (an entry's ID is a keyed hash of its source identity); a changed
   * resource becomes a new version. A file about someone other than the record's patient is
   * refused unless the patient confirms it.
   *
   * @throws CarekeyError `bad-file` (with the importer's plain message) when the whole file is
   *   refused — nothing is changed; `different-patient` when unconfirmed
   */
  async importRecord(
    input: string | Uint8Array,
    options: {
      vault?: string;
      trustedIssuers?: readonly TrustedIssuer[];
      confirmDifferentPatient?: boolean;
      onProgress?: (progress: ImportProgress) => void;
    } = {},
  ): Promise<ImportReport> {
    const unlocked = this.#requireUnlocked();
    const state = this.#vault(options.vault);
    const progress = options.onProgress ?? (() => undefined);
    progress({ phase: 'reading', done: 0, total: 1 });
    let parsed: ParsedImport;
    try {
      parsed = await parseImport(input, {
        ...(options.trustedIssuers ? { trustedIssuers: options.trustedIssuers } : {}),
        onProgress: (done, total) => progress({ phase: 'checking', done, total }),
      });
    } catch (error) {
      if (error instanceof ImportError) throw new CarekeyError('bad-file', error.message, { cause: error });
      throw error;
    }

    const recordPatient = this.#recordPatient(state);
    let patient: ImportReport['patient'] = 'none';
    if (parsed.patients.length > 0) {
      if (!recordPatient) patient = 'set';
      else {
        const differences = [...new Set(parsed.patients.flatMap((p) => comparePatients(recordPatient.resource, p).differences))];
        if (differences.length === 0) patient = 'same';
        else if (options.confirmDifferentPatient) patient = 'confirmed-different';
        else {
          throw new CarekeyError(
            'different-patient',
            `This file seems to be about someone else: the ${plainList(differences.map((d) => PATIENT_FIELD_WORDS[d]))} in it ${differences.length === 1 ? 'differs' : 'differ'} from this record's.`,
          );
        }
      }
    }

    const importKey = unlocked.keyring.vault(state.vault)?.importKey;
    if (!importKey) throw new CarekeyError('forbidden', 'this account cannot import into this record');
    const me = unlocked.keyring.account;
    const card = parsed.card ? { issuer: parsed.card.issuer, verified: parsed.card.verified } : undefined;
    return this.#withWriteLock(async () => {
      let added = 0;
      let updated = 0;
      let unchanged = 0;
      const needsReview: Array<{ entryId: string; resourceType: string; reasons: string[] }> = [];
      const problems = [...parsed.problems];
      const total = parsed.candidates.length;
      let batch: PreparedVersion[] = [];
      const flush = async (done: number) => {
        await this.#commit(state, batch); // takes its versions back itself when saving fails
        batch = [];
        progress({ phase: 'saving', done, total });
        await new Promise((resolve) => setTimeout(resolve, 0)); // let the page paint the progress
      };
      // Versions are recorded in memory as they are prepared; any failure before they are saved
      // takes them back, so the screen never shows entries that are not stored.
      const prepare = (input: WriteInput): boolean => {
        try {
          batch.push(this.#prepare(state, input));
          return true;
        } catch (error) {
          if (!(error instanceof CarekeyError && error.code === 'envelope-too-large')) throw error;
          return false;
        }
      };
      try {
        for (const [index, candidate] of parsed.candidates.entries()) {
          const entryId = this.#followMoves(state, toHex(importEntryId(importKey, candidate.sourceIdentity)));
          const text = JSON.stringify(candidate.resource);
          const issues = candidate.issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`);
          const source = { ...(candidate.fullUrl ? { fullUrl: candidate.fullUrl } : {}), ...(card ? { card } : {}) };
          const common = {
            resourceText: text,
            resource: candidate.resource,
            ...(Object.keys(source).length ? { source } : {}),
            ...(issues.length ? { issues } : {}),
          };
          const existing = state.entries.get(entryId);
          const history = state.entries.history(entryId);
          const last = history.at(-1);
          let outcome: 'added' | 'updated' | 'unchanged';
          let saved = true;
          if (existing && existing.author.account === me) {
            if (existing.current.resourceText === text) outcome = 'unchanged';
            else {
              saved = prepare({
                entryId: fromHex(entryId),
                category: existing.category,
                kind: 'amend',
                supersedes: existing.current.hash,
                ...common,
              });
              outcome = 'updated';
            }
          } else if (existing || (last && history.findLast((v) => v.kind !== 'retract')?.resourceText === text)) {
            // Someone else's entry with this ID, or one the patient deleted and that has not changed
            // since: leave it as it is.
            outcome = 'unchanged';
          } else if (last) {
            // Deleted by the patient, but the source has changed since: it comes back as a new version.
            saved = prepare({ entryId: fromHex(entryId), category: last.category, kind: 'amend', supersedes: last.hash, ...common });
            outcome = 'updated';
          } else {
            saved = prepare({ entryId: fromHex(entryId), category: candidate.category, kind: 'create', ...common });
            outcome = 'added';
          }
          if (!saved) {
            problems.push({
              where: candidate.fullUrl ?? `${candidate.resource.resourceType} ${index + 1}`,
              message: `is too large to keep in Carekey (${plainFileSize(utf8(text).length)}; one item can be at most 960 KB), so it was not imported`,
            });
            continue;
          }
          if (outcome === 'added') added += 1;
          else if (outcome === 'updated') updated += 1;
          else unchanged += 1;
          const reasons = [...issues, ...(card && !card.verified ? ['from a health card whose signature could not be checked'] : [])];
          if (reasons.length > 0) needsReview.push({ entryId, resourceType: candidate.resource.resourceType, reasons });
          if (batch.length >= 250) await flush(index + 1);
        }
        await flush(total);
      } catch (error) {
        for (const p of batch) state.forget(p.hash);
        this.#emit();
        throw error;
      }
      return {
        format: parsed.format,
        byType: parsed.counts.byType,
        byCategory: parsed.counts.byCategory,
        added,
        updated,
        unchanged,
        needsReview,
        problems,
        patient,
        ...(parsed.notChecked ? { notChecked: parsed.notChecked } : {}),
        ...(parsed.card
          ? {
              card: {
                issuer: parsed.card.issuer,
                verified: parsed.card.verified,
                ...(parsed.card.reason ? { reason: parsed.card.reason } : {}),
              },
            }
          : {}),
      };
    });
  }

  /**
   * The record as a file: a FHIR R4 Bundle of every current entry (optionally only some
   * categories), or an International Patient Summary document. Resources are exported exactly as
   * stored; file-local IDs come from a per-record secret namespace, so an export cannot be matched
   * to the entry IDs the relay sees.
   */
  exportRecord(options: { format: 'fhir' | 'ips'; categories?: readonly Category[]; vault?: string }): ExportedBundle {
    const unlocked = this.#requireUnlocked();
    const state = this.#vault(options.vault);
    const entries = state.entries.list();
    const now = new Date(this.clock.now());
    const uuidNamespace = this.#exportNamespace(state);
    const categories = options.categories ? { categories: options.categories } : {};
    if (options.format === 'fhir') return exportBundle(entries, { now, uuidNamespace, ...categories });
    const author = { name: unlocked.keyring.bundle.name, role: unlocked.keyring.bundle.role };
    return exportIps(entries, { patient: this.patientOf(options.vault), now, author, uuidNamespace, ...categories });
  }

  /**
   * Shares the chosen categories (and the Patient) through a link for someone with no account
   * (share-links.ts): `{ linkId, url, expiresAt }`; the url's fragment is the key.
   */
  async createShareLink(options: ShareLinkOptions & { vault?: string }): Promise<CreatedShareLink> {
    const unlocked = this.#requireUnlocked();
    const bundle = (categories: readonly Category[]) =>
      sharedBundle(
        this.exportRecord({ format: 'fhir', categories, ...(options.vault ? { vault: options.vault } : {}) }),
        this.patientOf(options.vault),
      );
    return createShareLink({ transport: this.transport, session: unlocked.session, clock: this.clock, kdf: this.#kdf, bundle }, options);
  }

  /** This account's share links, each with its state and opens. */
  shareLinks(): Promise<ShareLinkView[]> {
    return listShareLinks({ transport: this.transport, session: this.#requireUnlocked().session });
  }

  /** Revokes one of this account's share links: it stops opening at once. */
  revokeShareLink(linkId: string): Promise<void> {
    return revokeShareLink({ transport: this.transport, session: this.#requireUnlocked().session }, linkId);
  }

  /** A one-page summary for a clinic visit (special categories only when named). */
  printableSummary(options: { categories?: readonly Category[]; vault?: string } = {}): PrintableSummary {
    const state = this.#vault(options.vault);
    return printableSummary(state.entries.list(), {
      patient: this.patientOf(options.vault),
      now: new Date(this.clock.now()),
      ...(options.categories ? { categories: options.categories } : {}),
    });
  }

  /**
   * The Patient resource the record is about: the first one imported, or — before any import —
   * one made from the name the person gave at sign-up.
   */
  patientOf(vault?: string): FhirResource {
    const state = this.#vault(vault);
    const recorded = this.#recordPatient(state);
    if (recorded) return recorded.resource;
    const name = this.#requireUnlocked().keyring.vault(state.vault)?.name ?? '';
    // No id: the vault ID is what the relay sees, and exports and share links must not carry it.
    return { resourceType: 'Patient', name: [{ text: name }] };
  }

  #exportNamespace(state: VaultState): string {
    const importKey = this.#requireUnlocked().keyring.vault(state.vault)?.importKey;
    if (!importKey) throw new CarekeyError('forbidden', 'no key for this record');
    const hex = toHex(importEntryId(importKey, 'ck-export-uuid-namespace'));
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  }

  /** The record's patient: the first Patient entry written to it (the first import sets it). */
  #recordPatient(state: VaultState): Entry | undefined {
    return state.entries
      .list()
      .filter((e) => e.resourceType === 'Patient')
      .sort((a, b) => (a.versions[0]!.hlc < b.versions[0]!.hlc ? -1 : 1))[0];
  }

  /** Follows retractions that moved an entry to its new place (DESIGN §3). */
  #followMoves(state: VaultState, entryId: string): string {
    let id = entryId;
    for (let hops = 0; hops < 16; hops += 1) {
      const last = state.entries.history(id).at(-1);
      if (!last || last.kind !== 'retract' || !last.movedTo) return id;
      id = last.movedTo;
    }
    return id;
  }

  #ownEntry(state: VaultState, entryId: string): Entry {
    const entry = state.entries.get(entryId);
    if (!entry) throw new CarekeyError('not-found', 'no such entry in this record');
    if (entry.author.account !== this.#requireUnlocked().keyring.account) {
      throw new CarekeyError('forbidden', 'only the account that wrote an entry can change it');
    }
    return entry;
  }

  #entryOf(state: VaultState, entryId: string): Entry {
    const entry = state.entries.get(entryId);
    if (!entry) throw new Error('the entry just written is not readable');
    return entry;
  }

  /** Writes one entry version (under the write lock). */
  #writeOne(state: VaultState, input: WriteInput): Promise<Entry> {
    return this.#withWriteLock(async () => {
      const prepared = this.#prepare(state, input);
      await this.#commit(state, [prepared]);
      return this.#entryOf(state, prepared.entryId);
    });
  }

  /**
   * Runs `work` alone: writes are serialised, so each reads its author-chain position and
   * records itself before the next starts, and two writes never claim the same place.
   */
  #withWriteLock<T>(work: () => Promise<T>): Promise<T> {
    this.#pendingWrites += 1;
    const run = this.#writes.then(work).finally(() => {
      this.#pendingWrites -= 1;
    });
    this.#writes = run.catch(() => undefined);
    return run;
  }

  /**
   * Seals one entry version and records it in memory (so the next one follows it in its author
   * chain). Nothing is stored until {@link commit}; a failed commit takes it back.
   */
  #prepare(state: VaultState, input: WriteInput): PreparedVersion {
    const unlocked = this.#requireUnlocked();
    const keyring = unlocked.keyring;
    const collectionKeys = keyring.vault(state.vault)?.byCategory.get(input.category);
    if (!collectionKeys) throw new CarekeyError('forbidden', `this account cannot write ${input.category}`);
    const month = monthOf(this.clock.now());
    // The epoch the verified history says is current: never a root left by a revocation that
    // did not reach the relay.
    const epoch = unlocked.logs.get(state.vault)?.collections.get(collectionKeys.collection)?.epoch ?? collectionKeys.epoch;
    const monthKey = keyring.monthKey(state.vault, collectionKeys.collection, epoch, month);
    if (!monthKey) throw new CarekeyError('forbidden', 'no key for this month');
    const head = state.head(keyring.device.id, collectionKeys.collection);
    const inner: EntryInner = {
      v: 1,
      kind: input.kind,
      category: input.category,
      author: { account: keyring.account, device: keyring.device.id },
      authorSeq: head.seq + 1,
      authorPrev: head.hash,
      hlc: unlocked.hlc.tick(),
      ...(input.supersedes ? { supersedes: input.supersedes } : {}),
      ...(input.movedTo ? { movedTo: input.movedTo } : {}),
      attachments: [],
      ...(input.source ? { source: input.source } : {}),
      ...(input.issues?.length ? { issues: input.issues.slice(0, 20).map((i) => i.slice(0, 500)) } : {}),
    };
    const content = input.resourceText === null ? new Uint8Array(0) : utf8(input.resourceText);
    if (content.length > MAX_BODY_LENGTH - 64 * 1024) {
      // Checked before sealing with room for the entry's own fields (at most ~12 KiB) and padding.
      throw new CarekeyError('envelope-too-large', 'this item is too large for one entry (at most 960 KiB)');
    }
    const bytes = sealEnvelope({
      vault: fromHex(state.vault),
      collection: fromHex(collectionKeys.collection),
      entry: input.entryId,
      epoch,
      month,
      signer: { deviceId: keyring.device.idBytes, secretKey: keyring.device.keys.secretKey },
      monthKey,
      inner,
      content,
    });
    const hashBytes = envelopeHash(bytes);
    const hash = toBase64Url(hashBytes);
    const entryId = toHex(input.entryId);
    state.record(collectionKeys.collection, toEntryVersion(entryId, hash, inner, input.resourceText, input.resource), inner);
    return {
      entryId,
      hash,
      writes: [
        { key: keys.envelope(state.vault, hash), value: bytes },
        { key: keys.mark(state.vault, hash), value: verifiedMark(keyring.markKey, parseEnvelope(bytes), hashBytes) },
        { key: keys.outboxItem(state.vault, inner.hlc.replace(/:/g, '.')), value: encodeJson({ hash }) },
      ],
    };
  }

  /** Prepares several versions, all or none: when one fails, those already recorded are taken back. */
  #prepareAll(state: VaultState, inputs: readonly WriteInput[]): PreparedVersion[] {
    const prepared: PreparedVersion[] = [];
    try {
      for (const input of inputs) prepared.push(this.#prepare(state, input));
    } catch (error) {
      for (const p of prepared) state.forget(p.hash);
      throw error;
    }
    return prepared;
  }

  /** Stores prepared versions in one batch and queues them for the relay; on failure takes them back. */
  async #commit(state: VaultState, prepared: readonly PreparedVersion[]): Promise<void> {
    if (prepared.length === 0) return;
    try {
      await this.storage.write(prepared.flatMap((p) => p.writes));
    } catch (error) {
      for (const p of prepared) state.forget(p.hash);
      throw error;
    }
    this.#sync.queued(state.vault, prepared.length);
    this.#sync.request();
    this.#emit();
    this.#scheduleSnapshot();
  }

  // --- Grants (the patient's side) ---------------------------------------------------------

  /** The verified control log of an owned record, as stored on this device. */
  async #controlLog(vault: string): Promise<{ statements: StatementWire[]; state: ControlLogState }> {
    const unlocked = this.#requireUnlocked();
    const statements = (await this.#readJson(keys.controlLog(vault), 'record history')) as StatementWire[];
    // The history this session already verified (at unlock, or as it appended or fetched more)
    // is not verified again: a long record's log costs a signature check per statement.
    const known = unlocked.logs.get(vault);
    const last = statements.at(-1);
    if (known && last && known.head.seq === statements.length && known.head.hash === statementWireHash(last)) {
      return { statements, state: known };
    }
    const state = applyControlLog(
      null,
      vault,
      { account: unlocked.keyring.account, identityKey: unlocked.keyring.identity.publicKey },
      statements,
    );
    return { statements, state };
  }

  /**
   * Brings an owned record's control log up to date with the relay (another of the patient's
   * devices may have granted or revoked): the relay must serve the history already verified
   * and then, maybe, more.
   */
  async #refreshControlLog(vault: string): Promise<{ statements: StatementWire[]; state: ControlLogState }> {
    const unlocked = this.#requireUnlocked();
    const local = await this.#controlLog(vault);
    const { statements: served } = await unlocked.session.call((token) => this.transport.getLog(vault, local.state.head.seq, token));
    if (served.length === 0) return local;
    const state = applyControlLog(
      local.state,
      vault,
      { account: unlocked.keyring.account, identityKey: unlocked.keyring.identity.publicKey },
      served,
    );
    const statements = [...local.statements, ...served];
    await this.#adoptNewRoots(vault, state);
    await this.storage.write([{ key: keys.controlLog(vault), value: encodeJson(statements) }]);
    unlocked.logs.set(vault, state);
    return { statements, state };
  }

  /** Takes new epochs' roots (written by another device of this account) into the keyring. */
  async #adoptNewRoots(vault: string, state: ControlLogState): Promise<void> {
    const unlocked = this.#requireUnlocked();
    const held = unlocked.keyring.vault(vault);
    const missing = [...state.collections.values()].some((c) => !held?.byCollection.get(c.id)?.roots.has(c.epoch));
    if (!missing) return;
    const { items } = await unlocked.session.call((token) => this.transport.getItems(unlocked.keyring.account, token));
    const { roots } = openAccountItems(unlocked.keyring.itemKey, unlocked.keyring.account, items);
    for (const root of roots) if (root.vault === vault) unlocked.keyring.addRoot(root);
    await this.storage.write(items.map((item) => ({ key: keys.accountItem(item.itemId), value: encodeJson(item) })));
    const lacking = () =>
      [...state.collections.values()].some((c) => !unlocked.keyring.vault(vault)?.byCollection.get(c.id)?.roots.has(c.epoch));
    if (lacking() && state.ownerPackages.size > 0) {
      // A co-owner moved the record to new keys: they sealed the roots to this account.
      const { packages } = await unlocked.session.call((token) => this.transport.getPackages(vault, token));
      const held = unlocked.keyring.vault(vault);
      const fromCoOwner = openOwnerRoots({
        box: unlocked.keyring.box,
        log: state,
        packages,
        categoryOf: (collection) => held?.byCollection.get(collection)?.category,
      }).filter((r) => !held?.byCollection.get(r.collection)?.roots.has(r.epoch));
      const sealed = fromCoOwner.map((root) => sealRoot(unlocked.keyring.itemKey, unlocked.keyring.account, root));
      // Kept with the account's own keys, so the next sign-in finds them like any other root.
      if (sealed.length > 0) await unlocked.session.call((token) => this.transport.appendItems(unlocked.keyring.account, sealed, token));
      await this.storage.write(sealed.map((item) => ({ key: keys.accountItem(item.itemId), value: encodeJson(item) })));
      for (const root of fromCoOwner) unlocked.keyring.addRoot(root);
    }
    for (const c of state.collections.values()) {
      // A root the patient's own devices made must be served; one a co-owner failed to seal
      // properly is left missing (writing there waits until the patient stops that co-owner).
      if (!unlocked.keyring.vault(vault)?.byCollection.get(c.id)?.roots.has(c.epoch) && !startedByCoOwner(state, c.id, c.epoch)) {
        throw new IntegrityError('decrypt', 'the keys of part of the record were not served');
      }
    }
  }

  /**
   * Brings every owned record's control log up to date before a sync pushes, so a revocation
   * made on another device (a new epoch) is taken in before anything more is sealed here.
   */
  async #refreshOwnedLogs(): Promise<void> {
    const unlocked = this.#requireUnlocked();
    for (const vault of unlocked.vaults.keys()) {
      await this.#refreshControlLog(vault);
      this.#logChecked.set(vault, this.clock.now());
    }
  }

  /**
   * Seals again, under the current epochs, every unsent version of a record when one of them was
   * sealed under an epoch the record has left (another device revoked someone meanwhile): the
   * relay would refuse it for good otherwise. All unsent versions are taken back newest first and
   * sealed again in order, so author chains stay whole and a version that supersedes another
   * unsent one names its new hash. Nothing sent is touched.
   */
  async #resealStale(vault: string): Promise<boolean> {
    const unlocked = this.#requireUnlocked();
    const log = unlocked.logs.get(vault);
    const state = unlocked.vaults.get(vault);
    if (!log || !state || [...log.collections.values()].every((c) => c.epoch === 1)) return false;
    return this.#withWriteLock(async () => {
      const items = await this.storage.list(keys.outbox(vault));
      const unsent: Array<{ key: StorageKey; hash: string }> = [];
      let stale = false;
      for (const item of items) {
        const { hash } = decodeJson(item.value) as { hash: string };
        const bytes = await this.storage.get(keys.envelope(vault, hash));
        if (!bytes) continue;
        const { header } = parseEnvelope(bytes);
        if (header.epoch !== log.collections.get(toHex(header.collection))?.epoch) stale = true;
        unsent.push({ key: item.key, hash });
      }
      if (!stale) return false;
      const recorded = unsent.map((u) => state.version(u.hash));
      for (const u of [...unsent].reverse()) state.forget(u.hash);
      const renamed = new Map<string, string>();
      const prepared: PreparedVersion[] = [];
      try {
        recorded.forEach((r, i) => {
          if (!r) return;
          const { version, inner } = r;
          const supersedes = version.supersedes === undefined ? undefined : (renamed.get(version.supersedes) ?? version.supersedes);
          const next = this.#prepare(state, {
            entryId: fromHex(version.entryId),
            category: version.category,
            kind: inner.kind,
            resourceText: version.resourceText,
            ...(supersedes ? { supersedes } : {}),
            ...(version.movedTo ? { movedTo: version.movedTo } : {}),
            ...(inner.source ? { source: inner.source } : {}),
            ...(version.issues.length ? { issues: version.issues } : {}),
          });
          renamed.set(unsent[i]!.hash, next.hash);
          prepared.push(next);
        });
        await this.storage.write([
          ...unsent.flatMap((u) => [
            { key: u.key, value: undefined },
            { key: keys.envelope(vault, u.hash), value: undefined },
            { key: keys.mark(vault, u.hash), value: undefined },
          ]),
          ...prepared.flatMap((p) => p.writes),
        ]);
      } catch (error) {
        // Nothing was saved: put the record in memory back as it is stored.
        for (const p of prepared) state.forget(p.hash);
        recorded.forEach((r) => r && state.record(r.collection, r.version, r.inner));
        throw error;
      }
      return true;
    });
  }

  /** The patient's notes of their grants (names and roles in their words), from local storage. */
  async #grantNotes(): Promise<Map<string, GrantNote>> {
    const unlocked = this.#requireUnlocked();
    const items = (await this.storage.list(keys.accountItems)).map((r) => decodeJson(r.value) as api.AccountItemWire);
    const { notes } = openAccountItems(unlocked.keyring.itemKey, unlocked.keyring.account, items);
    return new Map(notes.map((n) => [n.grant, n]));
  }

  /**
   * Appends owner statements to a record's control log (compare-and-set on the head this device
   * verified) with the key packages they list, then keeps them locally.
   */
  async #appendControl(
    vault: string,
    log: { statements: StatementWire[]; state: ControlLogState },
    statements: readonly StatementWire[],
    packages: ReadonlyArray<{ grant: string; data: string }>,
  ): Promise<ControlLogState> {
    const unlocked = this.#requireUnlocked();
    const state = applyControlLog(
      log.state,
      vault,
      { account: unlocked.keyring.account, identityKey: unlocked.keyring.identity.publicKey },
      statements,
    );
    await unlocked.session.call((token) =>
      this.transport.appendLog(
        vault,
        { prev: log.state.head.hash, statements: [...statements], packages: packages.map((p) => ({ grant: p.grant, data: p.data })) },
        token,
      ),
    );
    await this.storage.write([{ key: keys.controlLog(vault), value: encodeJson([...log.statements, ...statements]) }]);
    unlocked.logs.set(vault, state);
    return state;
  }

  #signControl(log: ControlLogState, statement: Record<string, unknown>): StatementWire {
    const unlocked = this.#requireUnlocked();
    return signControlStatement(
      {
        v: 1,
        vault: log.vault,
        seq: log.head.seq + 1,
        prev: log.head.hash,
        time: this.clock.now(),
        author: unlocked.keyring.account,
        ...statement,
      } as ControlStatement,
      unlocked.keyring.identity.secretKey,
    );
  }

  /**
   * Confirms, in the record's history, the entries people with access wrote that this device has
   * accepted, so everyone reading the record sees them as confirmed by the patient's record.
   * Best effort after each sync: a failure (offline, another device appending at the same
   * moment) is tried again at the next sync.
   */
  async #confirmOthersEntries(): Promise<void> {
    const unlocked = this.#requireUnlocked();
    for (const [vault, state] of unlocked.vaults) {
      const known = unlocked.logs.get(vault);
      if (!known) continue;
      const pending = state.writtenByOthers(unlocked.keyring.account).filter((hash) => !known.confirmed.has(hash));
      if (pending.length === 0) continue;
      await this.#withWriteLock(async () => {
        try {
          let log = await this.#refreshControlLog(vault);
          // Confirm only what the history at this head still allows: an entry by a writer whose
          // access was stopped counts only if the revocation listed it (a relay that hid the
          // revocation from this device for a while cannot get a forgery confirmed).
          const allowed = (hash: string): boolean => {
            const author = state.authorOf(hash);
            if (!author) return false;
            const grants = [...log.state.grants.values()].filter((g) => g.grantee === author && g.access === 'write');
            return grants.some((g) => g.revokedSeq === null || g.written.has(hash));
          };
          const valid = pending.filter(allowed);
          for (let i = 0; i < valid.length; i += MAX_REVOKED_WRITTEN) {
            const entries = valid.slice(i, i + MAX_REVOKED_WRITTEN).filter((hash) => !log.state.confirmed.has(hash));
            if (entries.length === 0) continue;
            const statement = this.#signControl(log.state, { type: 'entries-confirmed', entries });
            const state = await this.#appendControl(vault, log, [statement], []);
            log = { statements: [...log.statements, statement], state };
          }
        } catch (error) {
          if (!(error instanceof CarekeyError)) throw error;
        }
      });
    }
  }

  /**
   * Entries of a record written by someone with access whose current version the patient's
   * record has not confirmed yet ("not yet confirmed by the patient's record").
   */
  unconfirmed(vault?: string): ReadonlySet<string> {
    const unlocked = this.#requireUnlocked();
    const state = this.#vault(vault);
    const confirmed = unlocked.logs.get(state.vault)?.confirmed ?? new Set<string>();
    const out = new Set<string>();
    for (const entry of state.entries.list()) {
      const current = entry.current;
      if (current.author.account !== unlocked.keyring.account && !confirmed.has(current.hash)) out.add(entry.entryId);
    }
    return out;
  }

  /**
   * Gives a clinician or carer with an account access to chosen parts of the record, after the
   * patient compared their safety number (fingerprint). Needs the relay.
   *
   * @throws CarekeyError `fingerprint-mismatch` (nothing is shared), `bad-expiry`, `bad-request`,
   *   `not-found` (no such account), `offline`
   */
  async grant(options: GrantOptions & { vault?: string }): Promise<{ grantId: string; notAfter: number }> {
    const unlocked = this.#requireUnlocked();
    const to = normaliseAccountId(options.to);
    if (to === unlocked.keyring.account) throw new CarekeyError('bad-request', 'This is your own account');
    const state = this.#vault(options.vault);
    return this.#withWriteLock(async () => {
      const { card: cardWire } = await unlocked.session.call((token) => this.transport.getAccount(to, token));
      const card = openAccountCard(cardWire, to);
      checkGranteeCard(card, options.fingerprint);
      const log = await this.#refreshControlLog(state.vault);
      const prepared = prepareGrant({
        keyring: unlocked.keyring,
        log: log.state,
        card,
        patient: this.patientOf(state.vault),
        options: { ...options, to },
        now: this.clock.now(),
      });
      const noteItem = sealGrantNote(unlocked.keyring.itemKey, unlocked.keyring.account, prepared.note);
      await unlocked.session.call((token) => this.transport.appendItems(unlocked.keyring.account, [noteItem], token));
      await this.storage.write([{ key: keys.accountItem(noteItem.itemId), value: encodeJson(noteItem) }]);
      const statement = this.#signControl(log.state, { type: 'grant-issued', grant: prepared.clear });
      await this.#appendControl(state.vault, log, [statement], prepared.packages);
      return { grantId: prepared.clear.grant, notAfter: prepared.clear.notAfter };
    });
  }

  /**
   * Everyone the patient has given access to, newest first, with what they can see and until
   * when. Brings the list up to date when the relay can be reached; offline, shows what this
   * device knows.
   */
  async grants(vault?: string): Promise<GrantView[]> {
    const state = this.#vault(vault);
    let log: { state: ControlLogState };
    try {
      log = await this.#refreshControlLog(state.vault);
    } catch (error) {
      if (!(error instanceof CarekeyError && error.code === 'offline')) throw error;
      log = await this.#controlLog(state.vault);
    }
    const notes = await this.#grantNotes();
    const now = this.clock.now();
    const keyring = this.#requireUnlocked().keyring;
    return [...log.state.grants.values()]
      .map((g) => grantView(keyring, log.state, g, notes.get(g.grant), now))
      .sort((a, b) => b.issuedAt - a.issuedAt);
  }

  /**
   * Stops a grant at once: the relay stops serving that person, and every part of the record
   * they could see moves to new keys (re-sealed for everyone still granted), so nothing written
   * from now on can be read with the keys they hold. What they already saw cannot be unseen.
   * Needs the relay.
   *
   * @throws CarekeyError `not-found`, `conflict` (already stopped), `offline`
   */
  async revokeGrant(grantId: string, options: { vault?: string } = {}): Promise<void> {
    this.#requireUnlocked();
    const state = this.#vault(options.vault);
    for (let attempt = 1; ; attempt++) {
      // Everything the relay holds first, so the revoked writer's entries are all listed
      // (outside the write lock: a sync takes it itself to confirm what others wrote).
      await this.#sync.run().catch(() => undefined);
      try {
        await this.#revoke(state, grantId);
        return;
      } catch (error) {
        // The writer sent an entry after that pull, while the grant was still in force: the
        // relay refuses a revocation that does not list it (docs/protocol.md §5.2), and holds the
        // writer's appends to this record meanwhile. Pull again at once (no wait: nothing more
        // of theirs can arrive), and build the revocation again on top of what arrived.
        if (!isUnlistedWrites(error) || attempt >= REVOKE_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * A co-owner holds the record's roots, so, unlike an ordinary grant, the end of their grant
   * does not by itself keep later months from them: once it has passed, the patient's device
   * stops it (new keys for every part) at its next sync. Best effort, like confirming.
   */
  async #retireEndedCoOwners(): Promise<void> {
    const unlocked = this.#requireUnlocked();
    const now = this.clock.now();
    for (const [vault, log] of unlocked.logs) {
      const state = unlocked.vaults.get(vault);
      if (!state) continue;
      for (const g of log.grants.values()) {
        if (!g.coOwner || g.revokedSeq !== null || now <= g.notAfter) continue;
        // Refused too when the co-owner sent an entry after this sync pulled (`UNLISTED_WRITES`):
        // the next sync pulls it and tries again (a sync cannot start another from in here).
        await this.#revoke(state, g.grant).catch((error: unknown) => {
          if (!(error instanceof CarekeyError)) throw error;
        });
      }
    }
  }

  async #revoke(state: VaultState, grantId: string): Promise<void> {
    const unlocked = this.#requireUnlocked();
    await this.#withWriteLock(async () => {
      const log = await this.#refreshControlLog(state.vault);
      const grant = log.state.grants.get(grantId);
      const { roots, epochs } = prepareRevocation({ keyring: unlocked.keyring, log: log.state, grant: grantId });
      const written = await this.#revokedWritten(state, grant);
      const rootItems = roots.map((root) => sealRoot(unlocked.keyring.itemKey, unlocked.keyring.account, root));
      const fresh = rootItems.filter(
        (_, i) => !unlocked.keyring.vault(state.vault)?.byCollection.get(roots[i]!.collection)?.roots.has(roots[i]!.epoch),
      );
      if (fresh.length > 0) {
        await unlocked.session.call((token) => this.transport.appendItems(unlocked.keyring.account, fresh, token));
        await this.storage.write(fresh.map((item) => ({ key: keys.accountItem(item.itemId), value: encodeJson(item) })));
      }
      for (const root of roots) unlocked.keyring.addRoot(root);
      const resealed = resealForOthers({ keyring: unlocked.keyring, log: log.state, revoked: grantId, epochs, now: this.clock.now() });
      const statement = this.#signControl(log.state, {
        type: 'grant-revoked',
        grant: grantId,
        written,
        epochs,
        packages: resealed.map((r) => ({ grant: r.grant, hashes: r.packages.map((p) => p.hash) })),
      });
      await this.#appendControl(
        state.vault,
        log,
        [statement],
        resealed.flatMap((r) => r.packages),
      );
    });
  }

  /**
   * What a revocation of `grant` lists as its writer's: every entry of theirs this device
   * accepted, and every envelope from their devices in the grant's collections it pulled and
   * refused (see `revokedWritten`).
   */
  async #revokedWritten(state: VaultState, grant: GrantState | undefined): Promise<string[]> {
    if (!grant || grant.access !== 'write') return [];
    const accepted = state.writtenBy(grant.grantee);
    const refused: RefusedEnvelope[] = [];
    for (const record of await this.storage.list(keys.rejected(state.vault))) {
      const envelope = refusedEnvelope(decodeRejected(record.value).bytes);
      if (envelope && grant.collections.includes(envelope.collection) && !state.has(envelope.hash)) refused.push(envelope);
    }
    const devices = refused.length > 0 ? await this.#writerDevices(grant) : undefined;
    return revokedWritten(accepted, refused, grant, devices);
  }

  /**
   * The device log of `grant`'s grantee, when their keys are the ones the grant names: as this
   * session last read it, or from the relay.
   */
  async #writerDevices(grant: GrantState): Promise<DeviceLogState | undefined> {
    const unlocked = this.#requireUnlocked();
    const known = unlocked.writers.get(grant.grantee);
    if (known) return known;
    const account = await unlocked.session.call((token) => this.transport.getAccount(grant.grantee, token));
    if (openAccountCard(account.card, grant.grantee).identityKey !== toBase64Url(grant.granteeIdentityKey)) return undefined;
    const devices = applyDeviceLog(emptyDeviceLog(grant.grantee), grant.granteeIdentityKey, account.devices);
    unlocked.writers.set(grant.grantee, devices);
    return devices;
  }

  // --- Full re-encryption of the special categories -----------------------------------------

  /**
   * The older private entries (special categories) still under a key from before the latest
   * change of keys, which {@link reencryptPrivateEntries} would seal again. From this device's
   * own knowledge: sync first for an up-to-date answer.
   */
  async privateEntriesToReencrypt(vault?: string): Promise<number> {
    const state = this.#vault(vault);
    const log = await this.#controlLog(state.vault);
    const plan = await this.#reencryptionPlan(state, log.state);
    return plan.filter((p) => (p.wrap && !p.tooLarge) || (!p.wrap && (p.marker?.pending.length ?? 0) > 0)).length;
  }

  /**
   * Full re-encryption of the special categories (DESIGN §4 "Revocation and expiry"): after
   * someone's access was stopped, seals every older entry of the record's special categories
   * again under the current keys (see reencryption.ts), then has the relay delete the old
   * copies, so a person who once held the old keys cannot read them from the relay's store even
   * with a copy of it. Resumable: what was sealed again before is not sealed twice, and an
   * interrupted run finishes the removal next time.
   *
   * @throws CarekeyError `offline` (nothing was changed that is not finished next time),
   *   `conflict` (the keys changed meanwhile on another device: run it again)
   */
  async reencryptPrivateEntries(
    options: { vault?: string; onProgress?: (progress: { done: number; total: number }) => void } = {},
  ): Promise<ReencryptionReport> {
    const unlocked = this.#requireUnlocked();
    const state = this.#vault(options.vault);
    const vault = state.vault;
    // Everything this device wrote pushed and everything on the relay pulled, so no original is
    // left behind and no carrier made twice.
    const synced = await this.#sync.run();
    if (synced.offline) throw new CarekeyError('offline', 'Connect to the internet to lock older private entries with the new keys');
    if (synced.error) throw synced.error;
    const log = await this.#refreshControlLog(vault);
    const plan = await this.#reencryptionPlan(state, log.state);
    const keyring = unlocked.keyring;
    const signer = {
      account: keyring.account,
      deviceId: keyring.device.idBytes,
      deviceHex: keyring.device.id,
      secretKey: keyring.device.keys.secretKey,
    };
    const total = plan.filter((p) => p.wrap && !p.tooLarge).length;
    const currentOf = new Map(plan.map((p) => [p.hash, p.current]));
    let done = 0;
    let tooLarge = 0;
    options.onProgress?.({ done, total });
    // Pairs for the relay: each old copy, and the carrier that replaces it.
    const replaced: Array<{ original: string; envelope: string; by: string }> = [];
    const toSend: Array<{ data: string; original: string; marker: ReencryptionMarker }> = [];
    for (const item of plan) {
      if (!item.wrap) {
        for (const envelope of item.marker?.pending ?? []) replaced.push({ original: item.hash, envelope, by: item.marker!.wrapper });
        continue;
      }
      if (item.tooLarge) {
        tooLarge += 1;
        continue;
      }
      const monthKey = keyring.monthKey(vault, item.collection, item.current, item.parsed.header.month);
      if (!monthKey) throw new CarekeyError('forbidden', 'this device holds no current key for part of the record');
      const bytes = sealReencryption({
        original: item.parsed,
        hash: item.hash,
        epoch: item.current,
        monthKey,
        category: item.category,
        signer,
      });
      if (!bytes) {
        tooLarge += 1;
        continue;
      }
      const by = toBase64Url(envelopeHash(bytes));
      // The original goes, and so does anything older that still carries it.
      const marker = noteCarrier(item.hash, item.marker, { wrapper: by, epoch: item.current, mine: true });
      toSend.push({ data: toBase64Url(bytes), original: item.hash, marker });
      for (const envelope of marker.pending) replaced.push({ original: item.hash, envelope, by });
    }
    // Upload the carriers in batches the relay accepts, noting each batch once it is stored.
    for (let start = 0; start < toSend.length;) {
      const batch: typeof toSend = [];
      let chars = 0;
      while (start < toSend.length && batch.length < MAX_BATCH_ENVELOPES) {
        const next = toSend[start]!;
        if (batch.length > 0 && chars + next.data.length > MAX_BATCH_CHARS) break;
        batch.push(next);
        chars += next.data.length;
        start += 1;
      }
      await unlocked.session.call((token) =>
        this.transport.appendEnvelopes(
          vault,
          batch.map((b) => b.data),
          token,
        ),
      );
      await this.storage.write(batch.map((b) => ({ key: keys.reencryption(vault, b.original), value: encodeJson(b.marker) })));
      done += batch.length;
      options.onProgress?.({ done, total });
    }
    // Then the old copies, once each has its replacement on the relay. Noted as done only once
    // every batch went through: an original and an older carrier of it may fall in two batches,
    // and asking again for what is already gone is harmless.
    let removed: number;
    try {
      removed = await this.#removeReplaced(vault, replaced);
    } finally {
      // Whatever happened, the notes just written are for the next sync to look at.
      this.#reencryptionClean.delete(vault);
    }
    const writes: StorageWrite[] = [];
    for (const [original, by] of new Map(replaced.map((b) => [b.original, b.by]))) {
      const before = await this.#reencryptionMarker(vault, original);
      const marker: ReencryptionMarker = {
        wrapper: by,
        epoch: currentOf.get(original)!,
        pending: [],
        mine: before?.mine ?? true,
        twins: before?.wrapper === by ? before.twins : [],
      };
      writes.push({ key: keys.reencryption(vault, original), value: encodeJson(marker) });
    }
    await this.storage.write(writes);
    this.#emit();
    return { reencrypted: toSend.length, removed, tooLarge };
  }

  /**
   * After a sync: asks the relay to delete what this device knows is still left of re-encrypted
   * originals (a run cut off before the relay deleted them, here or on another of the patient's
   * devices) when their carrier is under the current epoch. Best effort, like confirming: it is
   * tried again after the next sync. Returns how many the relay deleted.
   */
  async #finishReencryption(): Promise<number> {
    const unlocked = this.#requireUnlocked();
    let removed = 0;
    for (const { vault } of unlocked.keyring.vaults) {
      const log = unlocked.logs.get(vault);
      if (!log || this.#reencryptionClean.has(vault)) continue;
      const pairs: Array<{ original: string; marker: ReencryptionMarker; envelope: string }> = [];
      let waiting = false;
      for (const record of await this.storage.list(keys.reencryptions(vault))) {
        const parsed = v.safeParse(ReencryptionMarkerSchema, decodeJson(record.value));
        if (!parsed.success || parsed.output.pending.length === 0) continue;
        const original = record.key[3] ?? '';
        const bytes = await this.storage.get(keys.envelope(vault, original));
        const collection = bytes ? toHex(parseEnvelope(bytes).header.collection) : undefined;
        if (collection === undefined || log.collections.get(collection)?.epoch !== parsed.output.epoch) {
          waiting = true; // under an older epoch: it needs a new carrier first (reencryptPrivateEntries)
          continue;
        }
        for (const envelope of parsed.output.pending) pairs.push({ original, marker: parsed.output, envelope });
      }
      if (pairs.length > 0) {
        try {
          removed += await this.#removeReplaced(
            vault,
            pairs.map((p) => ({ original: p.original, envelope: p.envelope, by: p.marker.wrapper })),
          );
        } catch (error) {
          if (error instanceof CarekeyError) continue;
          throw error;
        }
        // Read again: a newer carrier noted meanwhile keeps what it still has to delete.
        const writes: StorageWrite[] = [];
        for (const [original, sent] of new Map(pairs.map((p) => [p.original, p.marker]))) {
          const now = await this.#reencryptionMarker(vault, original);
          if (now?.wrapper !== sent.wrapper) continue;
          const deleted = new Set(sent.pending);
          writes.push({
            key: keys.reencryption(vault, original),
            value: encodeJson({ ...now, pending: now.pending.filter((h) => !deleted.has(h)) }),
          });
        }
        await this.storage.write(writes);
      }
      if (!waiting) this.#reencryptionClean.add(vault);
    }
    return removed;
  }

  /** Has the relay delete each `envelope` that `by` replaced, in batches; how many it deleted. */
  async #removeReplaced(vault: string, replaced: ReadonlyArray<{ envelope: string; by: string }>): Promise<number> {
    const unlocked = this.#requireUnlocked();
    let removed = 0;
    for (let start = 0; start < replaced.length; start += MAX_BATCH_ENVELOPES) {
      const batch = replaced.slice(start, start + MAX_BATCH_ENVELOPES);
      const reply = await unlocked.session.call((token) =>
        this.transport.removeReplaced(
          vault,
          batch.map((b) => ({ envelope: b.envelope, by: b.by })),
          token,
        ),
      );
      removed += reply.removed;
    }
    return removed;
  }

  /** Every special-category entry version of `state` not yet under its collection's current epoch. */
  async #reencryptionPlan(
    state: VaultState,
    log: ControlLogState,
  ): Promise<
    Array<{
      hash: string;
      parsed: ParsedEnvelope;
      collection: string;
      category: Category;
      current: number;
      marker: ReencryptionMarker | undefined;
      /** True when it needs a new carrier (false: at most the relay's removal is left to do). */
      wrap: boolean;
      /** Too large to carry: it stays as it is. */
      tooLarge: boolean;
    }>
  > {
    const keyring = this.#requireUnlocked().keyring;
    const special = new Map<string, Category>();
    for (const category of SPECIAL_CATEGORIES) {
      const held = keyring.vault(state.vault)?.byCategory.get(category);
      if (held) special.set(held.collection, category);
    }
    const plan = [];
    for (const { collection, version } of [...state.recorded()]) {
      const category = special.get(collection);
      const current = log.collections.get(collection)?.epoch;
      if (!category || current === undefined) continue;
      const bytes = await this.storage.get(keys.envelope(state.vault, version.hash));
      if (!bytes) continue;
      const parsed = parseEnvelope(bytes);
      if (parsed.header.epoch >= current) continue;
      const marker = await this.#reencryptionMarker(state.vault, version.hash);
      const wrap = !marker || marker.epoch < current;
      plan.push({ hash: version.hash, parsed, collection, category, current, marker, wrap, tooLarge: wrap && !canCarry(parsed, category) });
    }
    return plan;
  }

  /**
   * The record's access log in plain terms, newest first: grants given and stopped, each time
   * someone with access fetched or added to the record, attempts refused, and share-link opens.
   */
  async accessLog(vault?: string): Promise<AccessLogEntry[]> {
    const unlocked = this.#requireUnlocked();
    const state = this.#vault(vault);
    const [{ events }, links, log, notes] = await Promise.all([
      unlocked.session.call((token) => this.transport.getAccessLog(state.vault, token)),
      this.shareLinks(),
      this.#controlLog(state.vault),
      this.#grantNotes(),
    ]);
    const keyring = unlocked.keyring;
    const categoriesOf = (collections: readonly string[]): Category[] =>
      collections.map((c) => keyring.vault(state.vault)?.byCollection.get(c)?.category).filter((c): c is Category => c !== undefined);
    const nameOf = (account: string, grant: string | null): string => {
      const byGrant = grant ? notes.get(grant)?.name : undefined;
      if (byGrant) return byGrant;
      for (const g of log.state.grants.values()) if (g.grantee === account && notes.get(g.grant)?.name) return notes.get(g.grant)!.name;
      return account;
    };
    const out: AccessLogEntry[] = events.map((e) => ({
      at: e.at,
      kind: e.kind,
      who: nameOf(e.actor, e.grant),
      account: e.actor,
      grantId: e.grant,
      categories: categoriesOf(e.collections),
      count: e.count,
      reason: e.reason,
    }));
    for (const link of links) {
      for (const at of link.opens) {
        out.push({
          at,
          kind: 'link-opened',
          who: 'Someone with your link',
          account: null,
          grantId: null,
          categories: [],
          count: 0,
          reason: null,
          linkId: link.linkId,
        });
      }
    }
    return out.sort((a, b) => b.at - a.at);
  }

  /**
   * Emergency contacts' requests, for the patient's devices to show at once ("Sam has asked
   * for emergency access: it opens on Friday at 14:00 unless you refuse"). Needs the relay.
   */
  async emergencyRequests(vault?: string): Promise<EmergencyRequestView[]> {
    const unlocked = this.#requireUnlocked();
    const state = this.#vault(vault);
    const [{ grants }, notes] = await Promise.all([
      unlocked.session.call((token) => this.transport.getEmergency(state.vault, token)),
      this.#grantNotes(),
    ]);
    return grants.map((g) => ({
      grantId: g.grant,
      grantee: g.grantee,
      name: notes.get(g.grant)?.name || g.grantee,
      waitHours: g.emergency.waitHours,
      state: g.emergency.state,
      requestedAt: g.emergency.requestedAt,
      releasesAt: g.emergency.releasesAt,
      refusedAt: g.emergency.refusedAt,
    }));
  }

  /**
   * Refuses an emergency contact's pending request: nothing is released, and they would have
   * to ask again (and wait again). Needs the relay.
   *
   * @throws CarekeyError `conflict` when no request is waiting
   */
  async refuseEmergency(grantId: string, options: { vault?: string } = {}): Promise<void> {
    const unlocked = this.#requireUnlocked();
    const state = this.#vault(options.vault);
    await unlocked.session.call((token) => this.transport.refuseEmergency(state.vault, grantId, token));
  }

  // --- Records shared with this account (the grantee's side) -------------------------------

  #sharedDeps(): SharedDeps {
    const unlocked = this.#requireUnlocked();
    return {
      transport: this.transport,
      session: unlocked.session,
      storage: this.storage,
      keyring: unlocked.keyring,
      hlc: unlocked.hlc,
      now: () => this.clock.now(),
    };
  }

  /**
   * Marks the owner of a shared record as verified, after comparing their safety number
   * (fingerprint) in person, by phone or by QR code. Needs the relay.
   *
   * @throws CarekeyError `fingerprint-mismatch` (nothing is marked)
   */
  async verifyAccount(account: string, typedFingerprint: string): Promise<void> {
    await verifyOwner(this.#sharedDeps(), normaliseAccountId(account), typedFingerprint, fingerprintsMatch);
  }

  /** The records shared with this account now, with whose they are and what is shared. Needs the relay. */
  sharedWithMe(): Promise<SharedRecordView[]> {
    return listShared(this.#sharedDeps());
  }

  /**
   * Opens a record shared with this account: the granted parts only, every entry verified
   * against its writer's keys before it is decrypted. Needs the relay.
   *
   * @throws CarekeyError `access-ended`, `offline`
   */
  openSharedRecord(vault: string): Promise<SharedRecord> {
    return openShared(this.#sharedDeps(), vault);
  }

  /**
   * Adds an entry (a consultation note, a result, a medicine) to a record shared with write
   * access. The category is the resource's own unless given. Needs the relay.
   *
   * @throws CarekeyError `not-granted` (nothing is added), `access-ended`, `offline`;
   *   InvalidResourceError
   */
  async addSharedEntry(vault: string, resource: unknown, options: { category?: Category } = {}): Promise<Entry> {
    const checked = asEntryResource(resource);
    const category = options.category ?? categoryForResourceType(checked.resourceType);
    return addShared(this.#sharedDeps(), vault, { resourceText: JSON.stringify(checked), category, entryId: randomId() });
  }

  /**
   * For a co-owner: confirms the entries people with access wrote to the record this account
   * looks after, as the patient's own device would. Needs the relay.
   *
   * @returns how many entries were confirmed
   * @throws CarekeyError `forbidden` (not a co-owner), `not-verified`, `conflict`, `offline`
   */
  confirmSharedEntries(vault: string): Promise<number> {
    return confirmAsCoOwner(this.#sharedDeps(), vault);
  }

  /**
   * For a co-owner: everyone with access to the record this account looks after. Needs the relay.
   *
   * @throws CarekeyError `forbidden` (not a co-owner), `not-verified`, `offline`
   */
  sharedGrants(vault: string): Promise<GrantView[]> {
    return grantsAsCoOwner(this.#sharedDeps(), vault);
  }

  /**
   * For a co-owner: stops someone's access to the record this account looks after, moving what
   * they could see to new keys for everyone else, the patient included. Needs the relay.
   *
   * @throws CarekeyError `not-found`, `conflict`, `forbidden` (not a co-owner, or the person is a
   *   co-owner too), `not-verified`, `offline`
   */
  revokeSharedGrant(vault: string, grantId: string): Promise<void> {
    return revokeAsCoOwner(this.#sharedDeps(), vault, grantId);
  }

  /**
   * Asks for emergency access to a record whose owner named this account as an emergency
   * contact: the patient is told at once and can refuse; after the waiting period with no
   * refusal the relay releases the record. Needs the relay.
   *
   * @throws CarekeyError `not-found` (no emergency access to that record)
   */
  async requestEmergencyAccess(
    vault: string,
  ): Promise<{ grantId: string; state: 'idle' | 'waiting' | 'released'; releasesAt: number | null }> {
    const unlocked = this.#requireUnlocked();
    const { grants } = await unlocked.session.call((token) => this.transport.getShared(token));
    const grant = grants.find((g) => g.vault === vault && g.emergency !== undefined);
    if (!grant) throw new CarekeyError('not-found', 'You are not an emergency contact for that record');
    const { emergency } = await unlocked.session.call((token) => this.transport.requestEmergency(vault, grant.grant, token));
    return { grantId: grant.grant, state: emergency.state, releasesAt: emergency.releasesAt };
  }

  /**
   * Listens to the relay's realtime channel for the records this account owns (or `vaults`)
   * until `signal` aborts or the record is locked: `onEvent` hears `ready` on every (re)connection
   * — catch up then — and `envelopes`, `control` and `emergency` as they happen. Offline, it
   * retries with backoff and says nothing. See realtime.ts.
   */
  async events(options: {
    signal: AbortSignal;
    onEvent: (vault: string, event: RealtimeEvent) => void;
    vaults?: readonly string[];
  }): Promise<void> {
    const { session } = this.#requireUnlocked();
    const stop = new AbortController();
    const end = () => stop.abort();
    options.signal.addEventListener('abort', end, { once: true });
    this.#watching.add(stop);
    try {
      await Promise.all(
        (options.vaults ?? this.vaults.map((v) => v.vault)).map((vault) =>
          watchVault({
            open: (signal) => {
              if (!this.#unlocked) throw new CarekeyError('not-unlocked', 'the record was locked');
              return session.call((token) => this.transport.openEvents(vault, token, signal));
            },
            onEvent: (event) => options.onEvent(vault, event),
            signal: stop.signal,
          }),
        ),
      );
    } finally {
      stop.abort();
      this.#watching.delete(stop);
      options.signal.removeEventListener('abort', end);
    }
  }

  // --- Sync ---------------------------------------------------------------------------------

  /** Pushes this device's new entries, then pulls what other devices wrote. One attempt. */
  async sync(): Promise<SyncReport> {
    return this.#sync.run();
  }

  /** Keeps syncing in the background: after each change, periodically, and with backoff while offline. */
  startAutoSync(options?: { intervalMs?: number }): void {
    this.#sync.startAuto(options);
  }

  stopAutoSync(): void {
    this.#sync.stopAuto();
  }

  #requireUnlocked(): Unlocked {
    if (!this.#unlocked) throw new CarekeyError('not-unlocked', 'unlock first');
    return this.#unlocked;
  }
}

/**
 * Every collection and epoch a record's verified control log names must have its key among the
 * account items, and every key must belong to a collection of the log, one per category: the
 * relay cannot hide part of a record from a device, or slip in a key of its own.
 *
 * @throws IntegrityError
 */
function checkRootsAgainstLogs(
  account: string,
  identityKey: Uint8Array,
  bundle: Bundle,
  roots: readonly RootItem[],
  logs: ReadonlyMap<string, readonly StatementWire[]>,
): void {
  for (const vault of bundle.vaults) {
    const statements = logs.get(vault.vault);
    if (!statements) throw new IntegrityError('chain', 'the history of a record is missing');
    const log = applyControlLog(null, vault.vault, { account, identityKey }, statements);
    const held = roots.filter((r) => r.vault === vault.vault);
    for (const collection of log.collections.values()) {
      if (
        !held.some((r) => r.collection === collection.id && r.epoch === collection.epoch) &&
        !startedByCoOwner(log, collection.id, collection.epoch)
      ) {
        throw new IntegrityError('decrypt', 'the keys of part of the record were not served');
      }
    }
    const categories = new Set<string>();
    for (const root of held) {
      if (!log.collections.has(root.collection))
        throw new IntegrityError('context-mismatch', 'a key was served for a part of the record that does not exist');
      if (root.epoch === log.collections.get(root.collection)?.epoch) {
        if (categories.has(root.category)) throw new IntegrityError('context-mismatch', 'two parts of the record claim one category');
        categories.add(root.category);
      }
    }
  }
}

/** The content's UTF-8 text; invalid UTF-8 from an authentic device is malformed, not a crash. */
function decodeText(content: Uint8Array): string {
  try {
    return fromUtf8(content);
  } catch (cause) {
    throw new IntegrityError('malformed', 'the entry content is not UTF-8 text', { cause });
  }
}

/** Canonical form of an account ID as typed (case, spaces and dashes ignored, I/L→1, O→0). */
export function normaliseAccountId(typed: string): string {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(cleaned)) throw new CarekeyError('bad-format', 'An account ID is 26 letters and digits');
  return cleaned;
}

/** The least a passphrase must be: long enough that Argon2id and the Secret Key are not all that protect it. */
export function checkPassphrase(passphrase: string): void {
  if ([...passphrase.normalize('NFKC')].length < 10) throw new CarekeyError('bad-format', 'Choose a passphrase of at least 10 characters');
}

export type { RejectedEnvelope };

/** The patient details an import compares, as a person reads them. */
const PATIENT_FIELD_WORDS: Readonly<Record<string, string>> = {
  name: 'name',
  birthDate: 'date of birth',
  identifier: 'NHS or hospital number',
};

/** "a", "a and b", "a, b and c". */
function plainList(items: readonly (string | undefined)[]): string {
  const words = items.filter((w): w is string => w !== undefined);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}
