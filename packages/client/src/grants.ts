/**
 * Grants from the patient's side (DESIGN §4 "Grants", "Revocation and expiry"): building the
 * signed statement and the key packages for a grant, and the new epochs and re-sealed packages
 * for a revocation. Pure functions over the keyring and the verified control log; the client
 * does the storage and the relay calls.
 */
import * as v from 'valibot';
import {
  FormatError,
  IntegrityError,
  envelopeHash,
  fingerprint,
  fingerprintsMatch,
  fromBase64Url,
  generateCategoryRoot,
  monthOf,
  nextMonth,
  parseEnvelope,
  randomId,
  toBase64Url,
  toHex,
  type BoxKeyPair,
} from '@carekey/crypto';
import {
  CarekeyError,
  MAX_EMERGENCY_WAIT_HOURS,
  MAX_GRANT_LIFETIME_MS,
  MAX_GRANT_PACKAGES,
  MAX_KEY_PACKAGES,
  MAX_REVOKED_WRITTEN,
  endOfMonth,
  grantInForce,
  grantPackageHash,
  openGrantPackage,
  sealGrantPackage,
  type AccountCard,
  type CardPackage,
  type ControlLogState,
  type DeviceLogState,
  type GrantClear,
  type GrantPackage,
  type GrantState,
  type SealedGrantPackage,
} from '@carekey/protocol';
import { CATEGORIES, isCategory, type Category, type FhirResource } from '@carekey/record';
import type { CollectionKeys } from './keyring.ts';
import type { RootItem } from './account-data.ts';

/**
 * Whatever holds a record's category roots: the owner's keyring, or a co-owner's roots opened
 * from the packages sealed to them. Grants and revocations are built from it alike.
 */
export interface RootHolder {
  readonly account: string;
  vault(
    vault: string,
  ): { readonly byCollection: ReadonlyMap<string, CollectionKeys>; readonly byCategory: ReadonlyMap<Category, CollectionKeys> } | undefined;
  monthKey(vault: string, collection: string, epoch: number, month: number): Uint8Array | undefined;
}

export const GRANT_ROLES = ['clinician', 'carer', 'patient'] as const;
export type GrantRole = (typeof GRANT_ROLES)[number];

/** What the patient chooses for a grant. */
export interface GrantOptions {
  /** The grantee's account ID. */
  readonly to: string;
  /** The fingerprint the patient compared with the grantee's (in person, by phone or by QR code). */
  readonly fingerprint: string;
  readonly categories: readonly Category[];
  readonly access: 'read' | 'write';
  /** The grant ends at the end of this date's UTC month. */
  readonly until: Date | number;
  /** The first month shared (default: everything, from the record's first month). */
  readonly from?: Date | number;
  /** What the patient calls the grantee ("Dr Patel"); kept encrypted, for the patient's devices. */
  readonly name?: string;
  readonly role?: GrantRole;
  /**
   * An emergency contact: every key is sealed now, but the relay releases them only after the
   * person asks and this many hours pass with no refusal from the patient.
   */
  readonly emergency?: { readonly waitHours: number };
  /**
   * A co-owner: a carer who looks after the record for someone who will not use the app. They
   * get the whole record with write access and its roots, and can confirm entries and stop
   * others' access, so the record does not stall.
   */
  readonly coOwner?: boolean;
}

/** The patient's own note of a grant: the words the relay never sees. Stored as an account item. */
export const GrantNoteSchema = v.strictObject({
  v: v.literal(1),
  vault: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
  grant: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
  name: v.pipe(v.string(), v.maxLength(200)),
  role: v.picklist(GRANT_ROLES),
  categories: v.array(v.picklist(CATEGORIES)),
});
export type GrantNote = v.InferOutput<typeof GrantNoteSchema>;

export function grantItemId(grant: string): string {
  return `grant-${grant}`;
}

/** A grant as the patient sees it. */
export interface GrantView {
  readonly grantId: string;
  readonly vault: string;
  readonly grantee: string;
  readonly name: string;
  readonly role: GrantRole;
  readonly categories: readonly Category[];
  readonly access: 'read' | 'write';
  readonly notBefore: number;
  readonly notAfter: number;
  readonly issuedAt: number;
  readonly state: 'active' | 'revoked' | 'expired';
  readonly revokedAt: number | null;
  /** For an emergency contact: the waiting period before the relay releases the record. */
  readonly emergency: { readonly waitHours: number } | null;
  /** A co-owner, who looks after the record too. */
  readonly coOwner: boolean;
}

/** An emergency contact's request, as the patient's devices see it. */
export interface EmergencyRequestView {
  readonly grantId: string;
  readonly grantee: string;
  readonly name: string;
  readonly waitHours: number;
  readonly state: 'idle' | 'waiting' | 'released';
  readonly requestedAt: number | null;
  readonly releasesAt: number | null;
  readonly refusedAt: number | null;
}

/** One line of the patient's access log. */
export interface AccessLogEntry {
  readonly at: number;
  readonly kind:
    'grant-issued' | 'grant-revoked' | 'fetch' | 'write' | 'refused' | 'emergency-requested' | 'emergency-refused' | 'link-opened';
  /** The person's name as the patient gave it, else their account ID. */
  readonly who: string;
  readonly account: string | null;
  readonly grantId: string | null;
  readonly categories: readonly Category[];
  /** Entries fetched or written. */
  readonly count: number;
  /** Why an attempt was refused. */
  readonly reason: string | null;
  readonly linkId?: string;
}

/** The months from `from` to `to` (yyyymm, inclusive). */
export function monthsBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

function time(value: Date | number): number {
  return typeof value === 'number' ? value : value.getTime();
}

/** The grant's category of each collection, from the keyring. */
function categoriesOf(keyring: RootHolder, vault: string, collections: readonly string[]): Category[] {
  const keys = keyring.vault(vault);
  return collections.map((c) => keys?.byCollection.get(c)?.category).filter((c): c is Category => c !== undefined);
}

/**
 * Checks the grantee's account card against the fingerprint the patient compared.
 *
 * @throws CarekeyError `fingerprint-mismatch`
 */
export function checkGranteeCard(card: AccountCard, typed: string): void {
  const actual = fingerprint(fromBase64Url(card.identityKey, 'identityKey'), fromBase64Url(card.boxKey, 'boxKey'));
  if (!fingerprintsMatch(actual, typed)) {
    throw new CarekeyError(
      'fingerprint-mismatch',
      "The safety number does not match this person's account. Check the account ID and compare the number again; nothing was shared.",
    );
  }
}

/** The key packages of `grant` for every epoch held of each of its collections, months `from`..`to`. */
function keyPackages(
  keyring: RootHolder,
  vault: string,
  grant: string,
  collections: readonly string[],
  granteeBoxKey: Uint8Array,
  months: readonly number[],
  epochs: 'all' | ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): SealedGrantPackage[] {
  const packages: SealedGrantPackage[] = [];
  const keys = keyring.vault(vault);
  for (const collection of collections) {
    const held = keys?.byCollection.get(collection);
    if (!held) throw new CarekeyError('forbidden', 'this account holds no key for part of the record');
    // Every epoch the verified history has reached, never a root beyond it (one left by a
    // revocation that did not reach the relay, which may yet become a revocation's new epoch).
    const wanted = epochs === 'all' ? [...held.roots.keys()].filter((e) => e <= (current.get(collection) ?? 0)) : [epochs.get(collection)!];
    for (const epoch of wanted) {
      const pairs = months.map((month): [number, string] => {
        const key = keyring.monthKey(vault, collection, epoch, month);
        if (!key) throw new CarekeyError('forbidden', 'this account holds no key for part of the record');
        return [month, toBase64Url(key)];
      });
      packages.push(
        sealGrantPackage({ v: 1, kind: 'keys', grant, vault, collection, category: held.category, epoch, months: pairs }, granteeBoxKey),
      );
    }
  }
  return packages;
}

/**
 * The roots packages of a co-owner grant (or of the owner, when `grant` is the vault's own ID):
 * for each collection, the roots of the epochs `epochs` names ('all': every epoch the verified
 * history reached).
 */
function rootPackages(
  keyring: RootHolder,
  vault: string,
  grant: string,
  collections: readonly string[],
  boxKey: Uint8Array,
  epochs: 'all' | ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): SealedGrantPackage[] {
  const keys = keyring.vault(vault);
  return collections.map((collection) => {
    const held = keys?.byCollection.get(collection);
    if (!held) throw new CarekeyError('forbidden', 'this account holds no key for part of the record');
    const wanted = epochs === 'all' ? [...held.roots.keys()].filter((e) => e <= (current.get(collection) ?? 0)) : [epochs.get(collection)!];
    const roots = wanted.map((epoch): [number, string] => {
      const root = held.roots.get(epoch);
      if (!root) throw new CarekeyError('forbidden', 'this account holds no key for part of the record');
      return [epoch, toBase64Url(root)];
    });
    return sealGrantPackage({ v: 1, kind: 'roots', grant, vault, collection, category: held.category, roots }, boxKey);
  });
}

/** What a new grant adds: the statement's clear part, its packages and the patient's note. */
export interface PreparedGrant {
  readonly clear: GrantClear;
  readonly packages: readonly SealedGrantPackage[];
  readonly note: GrantNote;
}

/**
 * Builds a grant: the collections of the chosen categories, an end at the end of a month, and
 * the month keys of every month from the first shared through the end, sealed now to the
 * grantee's box key — so the grant keeps working even if the patient never opens the app again,
 * and no key for a month after the end ever exists for the grantee.
 *
 * @throws CarekeyError `bad-request` (no categories), `bad-expiry` (in the past, or too far)
 */
export function prepareGrant(input: {
  keyring: RootHolder;
  log: ControlLogState;
  card: AccountCard;
  patient: FhirResource;
  options: GrantOptions;
  now: number;
}): PreparedGrant {
  const { keyring, log, card, now } = input;
  const vault = log.vault;
  const coOwner = input.options.coOwner === true;
  if (coOwner && input.options.emergency) throw new CarekeyError('bad-request', 'A co-owner cannot also be an emergency contact');
  // A co-owner looks after the whole record, from its start, and can add to it.
  const options: GrantOptions = coOwner
    ? { ...input.options, categories: [...(keyring.vault(vault)?.byCategory.keys() ?? [])], access: 'write', from: log.created }
    : input.options;
  const categories = [...new Set(options.categories)];
  const wait = options.emergency?.waitHours;
  if (wait !== undefined && (!Number.isSafeInteger(wait) || wait < 1 || wait > MAX_EMERGENCY_WAIT_HOURS)) {
    throw new CarekeyError('bad-request', `The waiting period is from 1 hour to ${MAX_EMERGENCY_WAIT_HOURS / 24} days, in whole hours`);
  }
  if (categories.length === 0 || !categories.every(isCategory))
    throw new CarekeyError('bad-request', 'Choose at least one part of the record to share');
  const until = time(options.until);
  if (!Number.isFinite(until)) throw new CarekeyError('bad-expiry', 'Choose an end date');
  // Access ends at the end of the chosen date's month: any date in this month or later will do.
  const lastMonth = monthOf(until);
  const notAfter = endOfMonth(lastMonth);
  if (notAfter < now) throw new CarekeyError('bad-expiry', 'Choose an end date in the future');
  if (until - now > MAX_GRANT_LIFETIME_MS)
    throw new CarekeyError('bad-expiry', 'Access can last at most ten years; choose an earlier end date');
  const firstMonth = monthOf(log.created);
  const notBefore = options.from === undefined ? firstMonth : Math.max(firstMonth, monthOf(time(options.from)));
  if (notBefore > lastMonth) throw new CarekeyError('bad-expiry', 'The first month shared is after the end date');
  const months = monthsBetween(notBefore, lastMonth);
  const keys = keyring.vault(vault);
  const collections = categories.map((category) => {
    const held = keys?.byCategory.get(category);
    if (!held) throw new CarekeyError('forbidden', `this account holds no key for ${category}`);
    return held.collection;
  });
  const grant = toHex(randomId());
  const granteeBoxKey = fromBase64Url(card.boxKey, 'boxKey');
  const current = new Map([...log.collections.values()].map((c) => [c.id, c.epoch]));
  const packages = coOwner
    ? rootPackages(keyring, vault, grant, collections, granteeBoxKey, 'all', current)
    : keyPackages(keyring, vault, grant, collections, granteeBoxKey, months, 'all', current);
  const cardPackage = sealGrantPackage(
    identityCard({ grant, vault, owner: keyring.account, patient: input.patient, options }),
    granteeBoxKey,
  );
  const all = [...packages, cardPackage];
  if (all.length > MAX_GRANT_PACKAGES) throw new CarekeyError('bad-request', 'too many parts of the record in one grant');
  const clear: GrantClear = {
    grant,
    grantee: card.account,
    granteeIdentityKey: card.identityKey,
    granteeBoxKey: card.boxKey,
    collections,
    access: options.access,
    notBefore,
    notAfter,
    card: cardPackage.hash,
    packages: all.map((p) => p.hash),
    ...(options.emergency ? { emergency: { waitHours: options.emergency.waitHours } } : {}),
    ...(coOwner ? { coOwner: true as const } : {}),
  };
  const note: GrantNote = {
    v: 1,
    vault,
    grant,
    name: (options.name ?? '').trim().slice(0, 200),
    role: options.role ?? 'clinician',
    categories,
  };
  return { clear, packages: all, note };
}

/** The patient's identity card for a grantee: name, date of birth and identifiers (such as the NHS number). */
function identityCard(input: { grant: string; vault: string; owner: string; patient: FhirResource; options: GrantOptions }): CardPackage {
  const patient = input.patient as {
    name?: Array<{ text?: string; given?: string[]; family?: string }>;
    birthDate?: string;
    identifier?: Array<{ system?: string; value?: string }>;
  };
  const first = patient.name?.[0];
  const name = (first?.text ?? [...(first?.given ?? []), first?.family ?? ''].join(' ')).trim().slice(0, 200);
  const identifiers = (patient.identifier ?? [])
    .filter((i): i is { system: string; value: string } => typeof i.system === 'string' && typeof i.value === 'string')
    .slice(0, 8)
    .map((i) => ({ system: i.system.slice(0, 200), value: i.value.slice(0, 100) }));
  return {
    v: 1,
    kind: 'card',
    grant: input.grant,
    vault: input.vault,
    owner: input.owner,
    name,
    ...(typeof patient.birthDate === 'string' ? { birthDate: patient.birthDate.slice(0, 10) } : {}),
    identifiers,
    grantee: { name: (input.options.name ?? '').trim().slice(0, 200), role: input.options.role ?? 'clinician' },
  };
}

/** What a revocation adds: the new roots (the next epoch of each collection the grant covered). */
export interface PreparedRevocation {
  readonly roots: readonly RootItem[];
  readonly epochs: ReadonlyArray<{ id: string; epoch: number }>;
}

/**
 * Builds a revocation: a new category root (the next epoch) for every collection the grant
 * covered, and for every other grant in force that covers one of them, the new epoch's month
 * keys from its first month through its end. A root left by a revocation that never reached the
 * relay is used again rather than a second one made for the same epoch.
 *
 * @throws CarekeyError `not-found` (no such grant), `conflict` (already ended)
 */
export function prepareRevocation(input: { keyring: RootHolder; log: ControlLogState; grant: string }): PreparedRevocation {
  const { keyring, log } = input;
  const grant = log.grants.get(input.grant);
  if (!grant) throw new CarekeyError('not-found', 'There is no such access to stop');
  if (grant.revokedSeq !== null) throw new CarekeyError('conflict', 'This access was already stopped');
  const vaultKeys = keyring.vault(log.vault);
  const roots: RootItem[] = [];
  const epochs: Array<{ id: string; epoch: number }> = [];
  for (const collection of grant.collections) {
    const current = log.collections.get(collection)!;
    const held = vaultKeys?.byCollection.get(collection);
    if (!held) throw new CarekeyError('forbidden', 'this account holds no key for part of the record');
    const epoch = current.epoch + 1;
    const existing = held.roots.get(epoch);
    roots.push({
      v: 1,
      vault: log.vault,
      collection,
      category: held.category,
      epoch,
      root: toBase64Url(existing ?? generateCategoryRoot()),
    });
    epochs.push({ id: collection, epoch });
  }
  return { roots, epochs };
}

/**
 * The packages of the new epochs for the grants still in force, once the new roots are in the
 * keyring.
 */
export function resealForOthers(input: {
  keyring: RootHolder;
  log: ControlLogState;
  revoked: string;
  epochs: ReadonlyArray<{ id: string; epoch: number }>;
  now: number;
}): Array<{ grant: string; packages: SealedGrantPackage[] }> {
  const { keyring, log, now } = input;
  const newEpochs = new Map(input.epochs.map((e) => [e.id, e.epoch]));
  const out: Array<{ grant: string; packages: SealedGrantPackage[] }> = [];
  let count = 0;
  for (const g of log.grants.values()) {
    if (g.grant === input.revoked || !grantInForce(g, now)) continue;
    const affected = g.collections.filter((c) => newEpochs.has(c));
    if (affected.length === 0) continue;
    // From the grant's first month, not from now: the special categories' older entries may be
    // re-encrypted under the new epoch (reencryption.ts), and they must stay readable.
    const months = monthsBetween(g.notBefore, monthOf(g.notAfter));
    const packages = g.coOwner
      ? rootPackages(keyring, log.vault, g.grant, affected, g.granteeBoxKey, newEpochs, newEpochs)
      : keyPackages(keyring, log.vault, g.grant, affected, g.granteeBoxKey, months, newEpochs, newEpochs);
    count += packages.length;
    out.push({ grant: g.grant, packages });
  }
  if (count > MAX_KEY_PACKAGES) throw new CarekeyError('bad-request', 'too many people hold access to re-seal in one step');
  return out;
}

/**
 * The new epochs' roots sealed to the record's owner, for a revocation a co-owner makes: the
 * owner's devices take them in from these (they cannot read the co-owner's account items).
 */
export function rootsForOwner(input: {
  keyring: RootHolder;
  log: ControlLogState;
  ownerBoxKey: Uint8Array;
  epochs: ReadonlyArray<{ id: string; epoch: number }>;
}): SealedGrantPackage[] {
  const newEpochs = new Map(input.epochs.map((e) => [e.id, e.epoch]));
  return rootPackages(input.keyring, input.log.vault, input.log.vault, [...newEpochs.keys()], input.ownerBoxKey, newEpochs, newEpochs);
}

/**
 * The roots a co-owner sealed to the owner (new epochs after a revocation they made), opened by
 * one of the owner's devices. Only packages the verified log lists for the owner count, and each
 * only for the collections and epochs of the revocation that listed it, under the category the
 * owner's keys know. Nothing here throws: a package that does not open, or two that disagree
 * about one epoch's root, are left out (that epoch then has no root on this device, which the
 * patient mends by stopping the co-owner's access) — a bad co-owner or relay cannot lock the
 * patient out of their record or out of stopping them.
 */
export function openOwnerRoots(input: {
  box: BoxKeyPair;
  log: ControlLogState;
  packages: ReadonlyArray<{ grant: string; data: string }>;
  categoryOf: (collection: string) => Category | undefined;
}): RootItem[] {
  const { log } = input;
  const found = new Map<string, RootItem | null>();
  for (const p of input.packages) {
    if (p.grant !== log.vault) continue;
    const allowed = log.ownerPackages.get(grantPackageHash(p.data));
    if (!allowed) continue;
    let opened: GrantPackage;
    try {
      opened = openGrantPackage(p.data, input.box, { grant: log.vault, vault: log.vault });
    } catch (error) {
      if (error instanceof IntegrityError || error instanceof FormatError) continue;
      throw error;
    }
    if (opened.kind !== 'roots' || !isCategory(opened.category)) continue;
    const category = input.categoryOf(opened.collection);
    if (category !== undefined && category !== opened.category) continue;
    for (const [epoch, root] of opened.roots) {
      if (!allowed.some((e) => e.id === opened.collection && e.epoch === epoch)) continue;
      const key = `${opened.collection}:${epoch}`;
      const item: RootItem = { v: 1, vault: log.vault, collection: opened.collection, category: opened.category, epoch, root };
      const before = found.get(key);
      // Two roots for one epoch: neither can be trusted.
      found.set(key, before === undefined ? item : before !== null && before.root === root ? before : null);
    }
  }
  return [...found.values()].filter((r): r is RootItem => r !== null);
}

/** Whether a co-owner's revocation started `epoch` of `collection` (its root reaches the owner as a package). */
export function startedByCoOwner(log: ControlLogState, collection: string, epoch: number): boolean {
  return [...log.ownerPackages.values()].some((epochs) => epochs.some((e) => e.id === collection && e.epoch === epoch));
}

/** A grant of the verified log, in the patient's words. */
export function grantView(keyring: RootHolder, log: ControlLogState, g: GrantState, note: GrantNote | undefined, now: number): GrantView {
  return {
    grantId: g.grant,
    vault: log.vault,
    grantee: g.grantee,
    name: note?.name || g.grantee,
    role: note?.role ?? 'clinician',
    categories: note?.categories ?? categoriesOf(keyring, log.vault, g.collections),
    access: g.access,
    notBefore: g.notBefore,
    notAfter: g.notAfter,
    issuedAt: g.issuedAt,
    state: g.revokedSeq !== null ? 'revoked' : grantInForce(g, now) ? 'active' : 'expired',
    revokedAt: g.revokedAt,
    emergency: g.emergency,
    coOwner: g.coOwner,
  };
}

/**
 * How many times a revocation is built again when the relay answers that it leaves out an entry
 * the writer sent since this device last pulled (`UNLISTED_WRITES`): each time after a pull. The
 * relay then holds the writer's appends for a while (`WRITE_HOLD_MS`), so the second try goes
 * through unless a pull already under way when the first was refused is the one it reads.
 */
export const REVOKE_ATTEMPTS = 3;

/** An envelope this device pulled but refused, by its clear header. */
export interface RefusedEnvelope {
  readonly hash: string;
  readonly signer: string;
  readonly collection: string;
}

/**
 * The `written` of a revocation (docs/protocol.md §5.2): every envelope of the writer this device
 * accepted, then every one it pulled from the writer's devices in the grant's collections but
 * refused, at most {@link MAX_REVOKED_WRITTEN}. The relay takes the revocation only when it lists
 * everything it holds from the writer, so an envelope no reader accepts (a forged carrier,
 * a fork) must be listed too, or a writer could keep their own access from being stopped; listing
 * it changes nothing for readers, who still refuse it for what it is.
 */
export function revokedWritten(
  accepted: readonly string[],
  refused: Iterable<RefusedEnvelope>,
  grant: GrantState | undefined,
  devices: DeviceLogState | undefined,
): string[] {
  if (!grant) return [];
  const written = new Set(accepted);
  const collections = new Set(grant.collections);
  for (const r of refused) {
    if (collections.has(r.collection) && devices?.devices.has(r.signer)) written.add(r.hash);
  }
  return [...written].slice(0, MAX_REVOKED_WRITTEN);
}

/**
 * The clear header of an envelope this device refused, or undefined for bytes that are not an
 * envelope at all (the relay admits none such, so no revocation needs to list them).
 */
export function refusedEnvelope(bytes: Uint8Array): RefusedEnvelope | undefined {
  try {
    const { header } = parseEnvelope(bytes);
    return { hash: toBase64Url(envelopeHash(bytes)), signer: toHex(header.signer), collection: toHex(header.collection) };
  } catch (error) {
    if (error instanceof IntegrityError || error instanceof FormatError) return undefined;
    throw error;
  }
}

/**
 * Why `grant` does not let its grantee have written an entry of `month` with envelope `hash`, or
 * undefined when it does: the month lies in the grant, and a revoked grant's entry counts only
 * if the revocation listed it or a patient device confirmed it (it confirms only what the
 * history allowed). One rule for the patient's devices and the grantees' views.
 */
export function writeRefusal(
  grant: GrantState,
  month: number,
  hash: string,
  confirmed: ReadonlySet<string> | undefined,
): string | undefined {
  if (month < grant.notBefore || month > monthOf(grant.notAfter)) return 'the entry is dated outside the months its writer was granted';
  if (grant.revokedSeq !== null && !grant.written.has(hash) && !confirmed?.has(hash)) {
    return "the entry was not among its writer's entries when their access was stopped";
  }
  return undefined;
}
