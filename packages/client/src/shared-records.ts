/**
 * Records shared with this account (DESIGN §4 "Grants"): the grantee's side. The grantee reads
 * the owner's control log with the owner's pinned identity key, finds its grant there, opens the
 * key packages the grant lists (only listed hashes count) and the patient's identity card, then
 * verifies every envelope's signer against the owner's — or another granted writer's — verified
 * device log before decrypting it. The owner's key is "not verified" until the grantee compared
 * the owner's safety number (fingerprint), and says so everywhere.
 */
import * as v from 'valibot';
import {
  IntegrityError,
  deriveMonthKey,
  envelopeHash,
  fingerprint,
  fromBase64Url,
  fromHex,
  fromUtf8,
  monthOf,
  openEnvelope,
  parseEnvelope,
  sealEnvelope,
  toBase64Url,
  toHex,
  utf8,
  verifyEnvelope,
  type ParsedEnvelope,
} from '@carekey/crypto';
import {
  CarekeyError,
  isUnlistedWrites,
  activeDeviceKey,
  applyControlLog,
  applyDeviceLog,
  emptyDeviceLog,
  grantInForce,
  grantPackageHash,
  openAccountCard,
  openGrantPackage,
  signControlStatement,
  MAX_REVOKED_WRITTEN,
  type AccountCard,
  type CardPackage,
  type ControlLogState,
  type ControlStatement,
  type DeviceLogState,
  type StatementWire,
  type GrantState,
  type api,
} from '@carekey/protocol';
import {
  CATEGORIES,
  EntryInnerSchema,
  isCategory,
  toEntryVersion,
  type Category,
  type Entry,
  type EntryInner,
  type HybridClock,
} from '@carekey/record';
import type { Keyring } from './keyring.ts';
import type { RelaySession } from './relay-session.ts';
import type { StorageAdapter } from './storage/types.ts';
import type { RelayTransport } from './transport/http.ts';
import {
  grantView,
  prepareRevocation,
  refusedEnvelope,
  resealForOthers,
  revokedWritten,
  rootsForOwner,
  writeRefusal,
  REVOKE_ATTEMPTS,
  type GrantView,
  type RefusedEnvelope,
  type RootHolder,
} from './grants.ts';
import type { CollectionKeys } from './keyring.ts';
import { decodeJson, encodeJson } from './profile.ts';
import { isReencryption, unwrapReencryption } from './reencryption.ts';
import { toRejection, type RejectedEnvelope } from './rejection.ts';
import { VaultState } from './vault-state.ts';

/** Where a grantee keeps the keys it pinned for the people whose records it reads. */
export const pinKey = (account: string): string[] => ['pin', account];

/** An owner's keys as this grantee pinned them, and whether the fingerprint was compared. */
const PinSchema = v.strictObject({
  v: v.literal(1),
  account: v.string(),
  identityKey: v.string(),
  boxKey: v.string(),
  verified: v.boolean(),
  at: v.number(),
});
type Pin = v.InferOutput<typeof PinSchema>;

/** A record shared with this account, as listed. */
export interface SharedRecordView {
  readonly vault: string;
  readonly owner: string;
  /** Whose record it is, from the identity card the patient sealed to this account. */
  readonly name: string;
  readonly birthDate?: string;
  readonly identifiers: ReadonlyArray<{ readonly system: string; readonly value: string }>;
  readonly grantId: string;
  readonly categories: readonly Category[];
  readonly access: 'read' | 'write';
  readonly notAfter: number;
  /** True once this account compared the owner's safety number. */
  readonly ownerVerified: boolean;
  /** This account is a co-owner: it looks after the record and may confirm entries and stop others' access. */
  readonly coOwner: boolean;
  /**
   * When this account is the owner's emergency contact and that is all it holds: where the
   * request stands. Until `released`, whose record it is and what it holds stay sealed.
   */
  readonly emergency?: {
    readonly state: 'idle' | 'waiting' | 'released';
    readonly waitHours: number;
    readonly requestedAt: number | null;
    readonly releasesAt: number | null;
  };
}

/** A shared record opened: the granted parts, verified and decrypted. */
export interface SharedRecord extends SharedRecordView {
  readonly entries: readonly Entry[];
  /**
   * Entries written by someone other than the patient whose current version the patient's
   * record has not confirmed yet: shown as "not yet confirmed by the patient's record".
   */
  readonly unconfirmed: ReadonlySet<string>;
  /** Envelopes that failed a check (never shown as entries). */
  readonly problems: readonly RejectedEnvelope[];
}

export interface SharedDeps {
  readonly transport: RelayTransport;
  readonly session: RelaySession;
  readonly storage: StorageAdapter;
  readonly keyring: Keyring;
  readonly hlc: HybridClock;
  readonly now: () => number;
}

/** The owner's account card, checked against the pin (pinned on first use when there is none). */
async function ownerCard(deps: SharedDeps, owner: string): Promise<{ card: AccountCard; devices: DeviceLogState; pin: Pin }> {
  const served = await deps.session.call((token) => deps.transport.getAccount(owner, token));
  const card = openAccountCard(served.card, owner);
  const raw = await deps.storage.get(pinKey(owner));
  let pin: Pin | undefined;
  if (raw) {
    const parsed = v.safeParse(PinSchema, decodeJson(raw));
    if (!parsed.success) throw new IntegrityError('malformed', 'a saved key of someone you care for is damaged');
    pin = parsed.output;
    if (pin.identityKey !== card.identityKey || pin.boxKey !== card.boxKey) {
      throw new IntegrityError(
        'certificate',
        "this person's keys have changed since you last opened their record; compare their safety number again",
      );
    }
  } else {
    pin = { v: 1, account: owner, identityKey: card.identityKey, boxKey: card.boxKey, verified: false, at: deps.now() };
    await deps.storage.write([{ key: pinKey(owner), value: encodeJson(pin) }]);
  }
  const devices = applyDeviceLog(emptyDeviceLog(owner), fromBase64Url(card.identityKey, 'identityKey'), served.devices);
  return { card, devices, pin };
}

/**
 * Marks an owner's key as verified after the grantee compared the safety number. A pinned key
 * that differs is replaced only by a matching comparison.
 *
 * @throws CarekeyError `fingerprint-mismatch`
 */
export async function verifyOwner(
  deps: SharedDeps,
  account: string,
  typed: string,
  matches: (a: string, b: string) => boolean,
): Promise<void> {
  const served = await deps.session.call((token) => deps.transport.getAccount(account, token));
  const card = openAccountCard(served.card, account);
  const actual = fingerprint(fromBase64Url(card.identityKey, 'identityKey'), fromBase64Url(card.boxKey, 'boxKey'));
  if (!matches(actual, typed)) {
    throw new CarekeyError(
      'fingerprint-mismatch',
      "The safety number does not match this person's account. Nothing was marked as verified.",
    );
  }
  const pin: Pin = { v: 1, account, identityKey: card.identityKey, boxKey: card.boxKey, verified: true, at: deps.now() };
  await deps.storage.write([{ key: pinKey(account), value: encodeJson(pin) }]);
}

interface OpenedGrant {
  readonly view: SharedRecordView;
  readonly log: ControlLogState;
  readonly grants: readonly GrantState[];
  readonly ownerCard: AccountCard;
  readonly ownerDevices: DeviceLogState;
  /** `${collection}:${epoch}:${month}` → month key. */
  readonly monthKeys: Map<string, Uint8Array>;
  /** For a co-owner: the roots sealed to them, from which any month's key derives. */
  readonly roots: SharedRoots;
  readonly categories: Map<string, Category>;
}

/** The month key of an opened grant: sealed to it for that month, or derived from a root held. */
function monthKeyOf(opened: OpenedGrant, collection: string, epoch: number, month: number): Uint8Array | undefined {
  return opened.monthKeys.get(`${collection}:${epoch}:${month}`) ?? opened.roots.monthKey(opened.log.vault, collection, epoch, month);
}

/**
 * A co-owner's roots of one record, as a {@link RootHolder}: what grants and revocations are
 * built from, as the owner's keyring is on the owner's devices.
 */
class SharedRoots implements RootHolder {
  readonly account: string;
  readonly #vault: string;
  readonly #byCollection = new Map<string, CollectionKeys>();
  readonly #byCategory = new Map<Category, CollectionKeys>();

  constructor(account: string, vault: string) {
    this.account = account;
    this.#vault = vault;
  }

  /** Adds a root; the first one held for an epoch stays (a later package cannot swap it). */
  add(collection: string, category: Category, epoch: number, root: Uint8Array): void {
    const existing = this.#byCollection.get(collection);
    if (existing?.roots.has(epoch)) return;
    const roots = new Map(existing?.roots ?? []);
    roots.set(epoch, root);
    const keys: CollectionKeys = { collection, category, roots, epoch: Math.max(epoch, existing?.epoch ?? 0) };
    this.#byCollection.set(collection, keys);
    this.#byCategory.set(category, keys);
  }

  vault(
    vault: string,
  ): { byCollection: ReadonlyMap<string, CollectionKeys>; byCategory: ReadonlyMap<Category, CollectionKeys> } | undefined {
    return vault === this.#vault && this.#byCollection.size > 0
      ? { byCollection: this.#byCollection, byCategory: this.#byCategory }
      : undefined;
  }

  monthKey(vault: string, collection: string, epoch: number, month: number): Uint8Array | undefined {
    const root = vault === this.#vault ? this.#byCollection.get(collection)?.roots.get(epoch) : undefined;
    return root ? deriveMonthKey(root, month) : undefined;
  }
}

/**
 * Opens this account's grants to one record: the owner's log, the grants in force to this
 * account's keys, their listed packages and the identity card.
 *
 * @throws CarekeyError `access-ended` (the relay's answer), `not-found`; IntegrityError
 */
async function openGrant(deps: SharedDeps, vault: string, owner: string, withheld: ReadonlySet<string> = new Set()): Promise<OpenedGrant> {
  const { card, devices, pin } = await ownerCard(deps, owner);
  const { statements } = await deps.session.call((token) => deps.transport.getLog(vault, 0, token));
  const log = applyControlLog(null, vault, { account: owner, identityKey: fromBase64Url(card.identityKey, 'identityKey') }, statements);
  const now = deps.now();
  const mine = [...log.grants.values()].filter(
    (g) =>
      g.grantee === deps.keyring.account &&
      toBase64Url(g.granteeBoxKey) === toBase64Url(deps.keyring.box.publicKey) &&
      toBase64Url(g.granteeIdentityKey) === toBase64Url(deps.keyring.identity.publicKey) &&
      grantInForce(g, now) &&
      // An emergency grant the relay has not released yet holds nothing to open.
      !withheld.has(g.grant),
  );
  if (mine.length === 0) throw new CarekeyError('access-ended', 'Your access to this record has ended');
  const { packages } = await deps.session.call((token) => deps.transport.getPackages(vault, token));
  const monthKeys = new Map<string, Uint8Array>();
  const roots = new SharedRoots(deps.keyring.account, vault);
  const categories = new Map<string, Category>();
  let identity: CardPackage | undefined;
  for (const p of packages) {
    const grant = mine.find((g) => g.grant === p.grant);
    if (!grant) continue;
    // Only packages the owner's signed statements list count: the relay cannot add keys.
    if (!grant.packages.has(grantPackageHash(p.data))) continue;
    const opened = openGrantPackage(p.data, deps.keyring.box, { grant: grant.grant, vault });
    if (opened.kind === 'card') {
      if (opened.owner !== owner) throw new IntegrityError('context-mismatch', "the identity card names someone else's account");
      identity = opened;
      continue;
    }
    if (!grant.collections.includes(opened.collection) || !isCategory(opened.category)) continue;
    categories.set(opened.collection, opened.category);
    if (opened.kind === 'roots') {
      if (!grant.coOwner) continue;
      for (const [epoch, root] of opened.roots) roots.add(opened.collection, opened.category, epoch, fromBase64Url(root, 'root'));
      continue;
    }
    for (const [month, key] of opened.months)
      monthKeys.set(`${opened.collection}:${opened.epoch}:${month}`, fromBase64Url(key, 'month key'));
  }
  const latest = mine.reduce((a, b) => (b.notAfter > a.notAfter ? b : a));
  const writable = mine.some((g) => g.access === 'write');
  const view: SharedRecordView = {
    vault,
    owner,
    name: identity?.name ?? owner,
    ...(identity?.birthDate ? { birthDate: identity.birthDate } : {}),
    identifiers: identity?.identifiers ?? [],
    grantId: latest.grant,
    // In the record's own order, whatever order the relay served the packages in.
    categories: CATEGORIES.filter((c) => [...categories.values()].includes(c)),
    access: writable ? 'write' : 'read',
    notAfter: latest.notAfter,
    ownerVerified: pin.verified,
    coOwner: mine.some((g) => g.coOwner),
  };
  return { view, log, grants: mine, ownerCard: card, ownerDevices: devices, monthKeys, roots, categories };
}

/** The records shared with this account, in force now. */
export async function listShared(deps: SharedDeps): Promise<SharedRecordView[]> {
  const { grants } = await deps.session.call((token) => deps.transport.getShared(token));
  const out: SharedRecordView[] = [];
  for (const vault of new Set(grants.map((g) => g.vault))) {
    const of = grants.filter((g) => g.vault === vault);
    const withheld = new Set(of.filter((g) => g.emergency && g.emergency.state !== 'released').map((g) => g.grant));
    const emergency = of.find((g) => g.emergency)?.emergency;
    const owner = of[0]!.owner;
    if (withheld.size === of.length) {
      // Only an emergency grant not yet released: nothing can be opened, so say what is known.
      const pin = await ownerCard(deps, owner);
      const latest = of.reduce((a, b) => (b.notAfter > a.notAfter ? b : a));
      out.push({
        vault,
        owner,
        name: owner,
        identifiers: [],
        grantId: latest.grant,
        categories: [],
        access: latest.access,
        notAfter: latest.notAfter,
        ownerVerified: pin.pin.verified,
        coOwner: false,
        ...(emergency ? { emergency: emergencyView(emergency) } : {}),
      });
      continue;
    }
    // One record whose access has just ended (this phone's clock a little ahead of the relay's at
    // a month's end) leaves the others listed.
    const opened = await openGrant(deps, vault, owner, withheld).catch((error: unknown) => {
      if (error instanceof CarekeyError && error.code === 'access-ended') return null;
      throw error;
    });
    if (!opened) continue;
    const { view } = opened;
    out.push(emergency ? { ...view, emergency: emergencyView(emergency) } : view);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function emergencyView(e: api.EmergencyState): NonNullable<SharedRecordView['emergency']> {
  return { state: e.state, waitHours: e.waitHours, requestedAt: e.requestedAt, releasesAt: e.releasesAt };
}

/** The grants the relay has not released yet (emergency grants not asked for, or still waiting). */
async function withheldGrants(deps: SharedDeps, vault: string): Promise<Set<string>> {
  const { grants } = await deps.session.call((token) => deps.transport.getShared(token));
  return new Set(grants.filter((g) => g.vault === vault && g.emergency && g.emergency.state !== 'released').map((g) => g.grant));
}

/** The owner of a shared record, from the relay's list of grants to this account. */
async function ownerOf(deps: SharedDeps, vault: string): Promise<string> {
  const { grants } = await deps.session.call((token) => deps.transport.getShared(token));
  const owner = grants.find((g) => g.vault === vault)?.owner;
  if (owner) return owner;
  // Ask the record itself: the relay answers a former grantee with why (and notes the attempt
  // in the patient's access log); anyone else is told it is not theirs.
  await deps.session.call((token) => deps.transport.getLog(vault, 0, token));
  throw new CarekeyError('access-ended', 'No record with that ID is shared with you now');
}

/** The verified device key of a writer of the record: the owner, or someone granted write. */
async function writerKey(
  deps: SharedDeps,
  opened: OpenedGrant,
  writers: Map<string, DeviceLogState>,
  parsed: ParsedEnvelope,
  hash: string,
): Promise<{ account: string; key: Uint8Array }> {
  const signer = toHex(parsed.header.signer);
  const ownerKey = activeDeviceKey(opened.ownerDevices, signer);
  if (ownerKey) return { account: opened.log.owner, key: ownerKey };
  const collection = toHex(parsed.header.collection);
  let refusal: string | undefined;
  for (const grant of opened.log.grants.values()) {
    if (grant.access !== 'write' || !grant.collections.includes(collection)) continue;
    let devices = writers.get(grant.grantee);
    if (!devices) {
      const served = await deps.session.call((token) => deps.transport.getAccount(grant.grantee, token));
      const card = openAccountCard(served.card, grant.grantee);
      if (card.identityKey !== toBase64Url(grant.granteeIdentityKey)) continue;
      devices = applyDeviceLog(emptyDeviceLog(grant.grantee), grant.granteeIdentityKey, served.devices);
      writers.set(grant.grantee, devices);
    }
    const key = activeDeviceKey(devices, signer);
    if (!key) continue;
    // Another grant to the same person may allow what this one does not.
    refusal = writeRefusal(grant, parsed.header.month, hash, opened.log.confirmed);
    if (refusal) continue;
    return { account: grant.grantee, key };
  }
  if (refusal) throw new IntegrityError('not-granted', refusal);
  throw new IntegrityError('certificate', 'the entry is signed by a device no one with access to this record holds');
}

/** Reads every granted envelope of a shared record into a fresh state. */
async function readShared(
  deps: SharedDeps,
  opened: OpenedGrant,
): Promise<{
  state: VaultState;
  problems: RejectedEnvelope[];
  /** The envelopes refused, by their clear header (a revocation lists a writer's). */
  refused: RefusedEnvelope[];
  /** The device logs of the writers read, by account. */
  writers: ReadonlyMap<string, DeviceLogState>;
}> {
  const vault = opened.log.vault;
  const state = new VaultState(vault);
  const problems: RejectedEnvelope[] = [];
  const refused: RefusedEnvelope[] = [];
  const writers = new Map<string, DeviceLogState>();
  /** Verifies, opens and records one envelope; a re-encryption envelope, by what it carries. */
  const readOne = async (bytes: Uint8Array, hash: string, carried: boolean): Promise<void> => {
    if (state.has(hash)) return;
    const parsed = parseEnvelope(bytes);
    if (toHex(parsed.header.vault) !== vault) throw new IntegrityError('context-mismatch', 'the entry belongs to another record');
    const collection = toHex(parsed.header.collection);
    const category = opened.categories.get(collection);
    const monthKey = monthKeyOf(opened, collection, parsed.header.epoch, parsed.header.month);
    if (!category || !monthKey) throw new IntegrityError('decrypt', 'no key is held for this entry');
    const writer = await writerKey(deps, opened, writers, parsed, hash);
    const verified = verifyEnvelope(parsed, writer.key);
    const sealed = openEnvelope(verified, monthKey, { account: writer.account, category });
    if (isReencryption(sealed)) {
      // Only the owner re-encrypts, and never an envelope that is itself carried.
      if (carried || writer.account !== opened.log.owner)
        throw new IntegrityError('not-granted', "only the record's owner re-encrypts entries");
      const original = unwrapReencryption(parsed, sealed);
      return readOne(original.bytes, original.hash, true);
    }
    const parsedInner = v.safeParse(EntryInnerSchema, sealed.inner);
    if (!parsedInner.success) throw new IntegrityError('malformed', 'the entry inside is not valid');
    const inner = parsedInner.output;
    const text = inner.kind === 'retract' ? null : fromUtf8(sealed.content);
    state.checkChain(collection, hash, inner);
    deps.hlc.observe(inner.hlc);
    state.record(collection, toEntryVersion(toHex(parsed.header.entry), hash, inner, text), inner);
  };
  let after = '0';
  for (;;) {
    const page = await deps.session.call((token) => deps.transport.pullEnvelopes(vault, after, 1000, token));
    for (const item of page.envelopes) {
      let hash = '';
      let bytes: Uint8Array | undefined;
      try {
        bytes = fromBase64Url(item.data, 'envelope');
        hash = toBase64Url(envelopeHash(bytes));
        await readOne(bytes, hash, false);
      } catch (error) {
        problems.push(toRejection(vault, hash, item.seq, error));
        const envelope = bytes && refusedEnvelope(bytes);
        if (envelope) refused.push(envelope);
      }
    }
    after = page.cursor;
    if (!page.more) break;
  }
  return { state, problems, refused, writers };
}

/**
 * Opens a record shared with this account: only the granted parts, each entry verified.
 *
 * @throws CarekeyError `access-ended`, `offline`; IntegrityError for a record whose history or
 *   owner's keys do not check out
 */
export async function openShared(deps: SharedDeps, vault: string): Promise<SharedRecord> {
  const owner = await ownerOf(deps, vault);
  const withheld = await withheldGrants(deps, vault);
  const opened = await openGrant(deps, vault, owner, withheld).catch(async (error: unknown) => {
    // Only an emergency grant not released yet: let the relay say how long is left.
    if (error instanceof CarekeyError && error.code === 'access-ended' && withheld.size > 0) {
      await deps.session.call((token) => deps.transport.getPackages(vault, token));
    }
    throw error;
  });
  const { state, problems } = await readShared(deps, opened);
  const entries = state.entries.list();
  const unconfirmed = new Set(
    entries.filter((e) => e.current.author.account !== opened.log.owner && !opened.log.confirmed.has(e.current.hash)).map((e) => e.entryId),
  );
  return { ...opened.view, entries, unconfirmed, problems };
}

/**
 * Adds an entry to a record shared with write access: sealed under the granted month key of
 * the collection's current epoch, signed by this device, sent at once (a grantee's entries need
 * the relay). The patient sees it with this account as its author.
 *
 * @throws CarekeyError `not-granted` (a category not granted for writing), `access-ended`,
 *   `offline`, and the relay's refusals
 */
export async function addShared(
  deps: SharedDeps,
  vault: string,
  input: { resourceText: string; category: Category; entryId: Uint8Array },
): Promise<Entry> {
  const opened = await openGrant(deps, vault, await ownerOf(deps, vault), await withheldGrants(deps, vault));
  // Writing into a record whose owner is only "not verified" could put a clinician's words under
  // keys someone else holds: compare the patient's safety number first.
  if (!opened.view.ownerVerified) {
    throw new CarekeyError(
      'not-verified',
      "Compare this patient's safety number with them before adding to their record. Nothing was added.",
    );
  }
  const collection = [...opened.categories].find(([, c]) => c === input.category)?.[0];
  const grant = collection ? opened.grants.find((g) => g.access === 'write' && g.collections.includes(collection)) : undefined;
  if (!collection || !grant) {
    const allowed = [
      ...new Set(opened.grants.filter((g) => g.access === 'write').flatMap((g) => g.collections.map((c) => opened.categories.get(c)))),
    ]
      .filter((c): c is Category => c !== undefined)
      .join(', ');
    throw new CarekeyError(
      'not-granted',
      allowed
        ? `You can add to ${allowed} in this record, not ${input.category}. Nothing was added.`
        : 'You can read this record but not add to it. Nothing was added.',
    );
  }
  const { state } = await readShared(deps, opened);
  const epoch = opened.log.collections.get(collection)!.epoch;
  const month = monthOf(deps.now());
  const monthKey = monthKeyOf(opened, collection, epoch, month);
  if (!monthKey) throw new CarekeyError('not-granted', 'Your access does not cover this month. Nothing was added.');
  const head = state.head(deps.keyring.device.id, collection);
  const inner: EntryInner = {
    v: 1,
    kind: 'create',
    category: input.category,
    author: { account: deps.keyring.account, device: deps.keyring.device.id },
    authorSeq: head.seq + 1,
    authorPrev: head.hash,
    hlc: deps.hlc.tick(),
    attachments: [],
  };
  const bytes = sealEnvelope({
    vault: fromHex(vault),
    collection: fromHex(collection),
    entry: input.entryId,
    epoch,
    month,
    signer: { deviceId: deps.keyring.device.idBytes, secretKey: deps.keyring.device.keys.secretKey },
    monthKey,
    inner,
    content: utf8(input.resourceText),
  });
  await deps.session.call((token) => deps.transport.appendEnvelopes(vault, [toBase64Url(bytes)], token));
  const hash = toBase64Url(envelopeHash(bytes));
  const version = toEntryVersion(toHex(input.entryId), hash, inner, input.resourceText);
  state.record(collection, version, inner);
  const entry = state.entries.get(toHex(input.entryId));
  if (!entry) throw new Error('the entry just written is not readable');
  return entry;
}

/**
 * Opens a record this account looks after as a co-owner, having compared the owner's safety
 * number: what a co-owner signs or seals to the owner needs the owner's verified keys.
 *
 * @throws CarekeyError `forbidden` (not a co-owner), `not-verified`, `access-ended`, `offline`
 */
async function openAsCoOwner(deps: SharedDeps, vault: string): Promise<OpenedGrant> {
  const opened = await openGrant(deps, vault, await ownerOf(deps, vault), await withheldGrants(deps, vault));
  if (!opened.view.coOwner) throw new CarekeyError('forbidden', 'Only the patient or a co-owner of this record can do this');
  if (!opened.view.ownerVerified) {
    throw new CarekeyError('not-verified', "Compare this person's safety number with them before looking after their record.");
  }
  return opened;
}

/** Signs a control statement as this co-owner, on top of the verified head. */
function signAsCoOwner(deps: SharedDeps, log: ControlLogState, statement: Record<string, unknown>): StatementWire {
  return signControlStatement(
    {
      v: 1,
      vault: log.vault,
      seq: log.head.seq + 1,
      prev: log.head.hash,
      // Never before the statement it follows (readers refuse a co-owner's back-dated statement).
      time: Math.max(deps.now(), log.time),
      author: deps.keyring.account,
      ...statement,
    } as ControlStatement,
    deps.keyring.identity.secretKey,
  );
}

/**
 * Confirms, as a co-owner, the entries people with access wrote that this account has read and
 * verified: the same statement a patient device makes after each sync, so a record whose
 * patient never opens the app does not stay "not yet confirmed" for ever.
 *
 * @returns how many entries were confirmed
 * @throws CarekeyError `forbidden`, `not-verified`, `conflict` (the history moved on: try again),
 *   `offline`
 */
export async function confirmAsCoOwner(deps: SharedDeps, vault: string): Promise<number> {
  const opened = await openAsCoOwner(deps, vault);
  const { state } = await readShared(deps, opened);
  const log = opened.log;
  const allowed = (hash: string): boolean => {
    const author = state.authorOf(hash);
    if (!author) return false;
    return [...log.grants.values()].some(
      (g) => g.grantee === author && g.access === 'write' && (g.revokedSeq === null || g.written.has(hash)),
    );
  };
  const pending = state
    .writtenByOthers(log.owner)
    .filter((hash) => !log.confirmed.has(hash))
    .filter(allowed)
    .slice(0, MAX_REVOKED_WRITTEN);
  if (pending.length === 0) return 0;
  const statement = signAsCoOwner(deps, log, { type: 'entries-confirmed', entries: pending });
  await deps.session.call((token) =>
    deps.transport.appendLog(vault, { prev: log.head.hash, statements: [statement], packages: [] }, token),
  );
  return pending.length;
}

/**
 * Everyone with access to a record this account looks after, as the co-owner sees them: what
 * the verified history says (names are the patient's own words, kept on the patient's devices,
 * so each person shows as their account ID).
 */
export async function grantsAsCoOwner(deps: SharedDeps, vault: string): Promise<GrantView[]> {
  const opened = await openAsCoOwner(deps, vault);
  const now = deps.now();
  return [...opened.log.grants.values()]
    .map((g) => grantView(opened.roots, opened.log, g, undefined, now))
    .sort((a, b) => b.issuedAt - a.issuedAt);
}

/**
 * Stops someone's access to a record this account looks after, as the patient would: the relay
 * stops serving them, every part they could see moves to new keys, sealed again for everyone
 * still granted — this co-owner among them — and for the patient. A co-owner cannot stop
 * another co-owner; only the patient can.
 *
 * @throws CarekeyError `not-found`, `conflict` (already stopped), `forbidden`, `not-verified`,
 *   `offline`
 */
export async function revokeAsCoOwner(deps: SharedDeps, vault: string, grantId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await revokeOnceAsCoOwner(deps, vault, grantId);
      return;
    } catch (error) {
      // The writer sent an entry after this read, while the grant was still in force: the relay
      // refuses a revocation that does not list it (docs/protocol.md §5.2), and holds the
      // writer's appends meanwhile. Read the record again at once and build the revocation
      // again on top of it.
      if (!isUnlistedWrites(error) || attempt >= REVOKE_ATTEMPTS) throw error;
    }
  }
}

async function revokeOnceAsCoOwner(deps: SharedDeps, vault: string, grantId: string): Promise<void> {
  const opened = await openAsCoOwner(deps, vault);
  const log = opened.log;
  const target = log.grants.get(grantId);
  if (target?.coOwner) throw new CarekeyError('forbidden', 'Only the patient can stop a co-owner’s access');
  const { state, refused, writers } = await readShared(deps, opened);
  const { roots, epochs } = prepareRevocation({ keyring: opened.roots, log, grant: grantId });
  for (const root of roots) opened.roots.add(root.collection, root.category, root.epoch, fromBase64Url(root.root, 'root'));
  const now = deps.now();
  const resealed = resealForOthers({ keyring: opened.roots, log, revoked: grantId, epochs, now });
  const forOwner = rootsForOwner({
    keyring: opened.roots,
    log,
    ownerBoxKey: fromBase64Url(opened.ownerCard.boxKey, 'boxKey'),
    epochs,
  });
  const written =
    target?.access === 'write' ? revokedWritten(state.writtenBy(target.grantee), refused, target, writers.get(target.grantee)) : [];
  const statement = signAsCoOwner(deps, log, {
    type: 'grant-revoked',
    grant: grantId,
    written,
    epochs,
    packages: resealed.map((r) => ({ grant: r.grant, hashes: r.packages.map((p) => p.hash) })),
    owner: forOwner.map((p) => p.hash),
  });
  const packages = [...resealed.flatMap((r) => r.packages), ...forOwner].map((p) => ({ grant: p.grant, data: p.data }));
  await deps.session.call((token) => deps.transport.appendLog(vault, { prev: log.head.hash, statements: [statement], packages }, token));
}
