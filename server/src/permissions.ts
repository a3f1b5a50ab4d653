/**
 * Who may do what (DESIGN §4 "Grants", "Revocation and expiry", §5): an account reads and
 * writes its own items and device log; a vault is read and written by its owner, and by the
 * grantees of grants in force — reading the control log, their key packages and the envelopes
 * of their collections and months, and with write access appending to those. A grant is in
 * force until it is revoked or passes its `notAfter`; after that its grantee is told plainly
 * that their access has ended (`access-ended`), and the refusal goes into the vault's access
 * log so the patient sees it. A stranger is simply `forbidden`, and nothing is logged for them.
 *
 * An emergency grant (DESIGN §4 "Carers and emergency access") in force lets its grantee read
 * the control log, to check the grant, but serves nothing of the record — no key package, no
 * envelope, no write — until its grantee has asked and the waiting period has passed with no
 * refusal (`emergency-waiting`, logged as refused). Released, it is an ordinary grant until its
 * `notAfter` or its revocation. The same grantee's ordinary grants work as ever meanwhile.
 *
 * Writing needs a registered device, because envelopes and log statements are signed by
 * devices. A session of the account auth key (a device that is not registered yet) may read
 * its account, its items and register a device, and read what its account may read.
 */
import { monthOf } from '@carekey/crypto';
import { CarekeyError } from '@carekey/protocol';
import type { AuthenticatedSession } from './context.ts';
import { emergencyState } from './emergency.ts';
import type { AccessEventRecord, EnvelopeRange, GrantRecord, RelayStore, StoredGrantRecord, VaultRecord } from './store/types.ts';

/** @throws CarekeyError `forbidden` unless the session is of `account` */
export function requireOwnAccount(session: AuthenticatedSession, account: string): void {
  if (session.account !== account) throw new CarekeyError('forbidden', 'this belongs to another account');
}

/**
 * The session's device.
 *
 * @throws CarekeyError `forbidden` for an auth-key session
 */
export function requireDevice(session: AuthenticatedSession): string {
  if (session.device === null) throw new CarekeyError('forbidden', 'register this device and sign in with its key first');
  return session.device;
}

/** True while `grant` is in force at `now`: not revoked, and not past the end of its last month. */
export function grantInForce(grant: GrantRecord, now: number): boolean {
  return grant.revokedAt === null && now <= grant.notAfter;
}

/** The collections and months `grants` cover: each collection from `notBefore` through the month of `notAfter`. */
export function grantRanges(grants: readonly GrantRecord[]): EnvelopeRange[] {
  return grants.flatMap((g) => g.collections.map((collection) => ({ collection, fromMonth: g.notBefore, toMonth: monthOf(g.notAfter) })));
}

/** What a caller may do in a vault now. */
export type VaultAccess =
  | { readonly role: 'owner'; readonly vault: VaultRecord }
  | {
      readonly role: 'grantee';
      readonly vault: VaultRecord;
      /** The caller's grants in force (at least one), oldest first, emergency grants whatever their state. */
      readonly grants: readonly StoredGrantRecord[];
    };

/** What a grantee's grants in force serve now: those not held back, and the emergency grants held back. */
export function partitionGrants(
  grants: readonly StoredGrantRecord[],
  now: number,
): { serving: StoredGrantRecord[]; held: StoredGrantRecord[] } {
  const serving: StoredGrantRecord[] = [];
  const held: StoredGrantRecord[] = [];
  for (const g of grants) (g.emergency === null || emergencyState(g.emergency, now).state === 'released' ? serving : held).push(g);
  return { serving, held };
}

/** Plain words for a grantee whose emergency grants are all held back: when one releases, or to ask first. */
function waitingMessage(held: readonly StoredGrantRecord[], now: number): string {
  const releases = held
    .map((g) => emergencyState(g.emergency!, now))
    .filter((e) => e.state === 'waiting')
    .map((e) => e.releasesAt!);
  if (releases.length > 0) {
    const at = new Date(Math.min(...releases)).toISOString();
    return `emergency access to this record is released at ${at}, unless the patient refuses it before then`;
  }
  const hours = Math.min(...held.map((g) => g.emergency!.waitHours));
  return `this is emergency access: ask for it first; it is released ${hours} hours after you ask, unless the patient refuses it`;
}

/**
 * The grants that serve a grantee's read or write now: in force, and not an emergency grant
 * held back.
 *
 * @throws CarekeyError `emergency-waiting` (logged as refused with `reason`) when every grant
 *   in force is an emergency grant not released yet
 */
export async function servingGrants(
  store: RelayStore,
  access: Extract<VaultAccess, { role: 'grantee' }>,
  actor: string,
  refusal: { readonly now: number; readonly reason: string },
): Promise<StoredGrantRecord[]> {
  const { serving, held } = partitionGrants(access.grants, refusal.now);
  if (serving.length > 0) return serving;
  const latest = held.at(-1)!;
  await logRefusal(store, access.vault.vault, {
    actor,
    grant: latest.grant,
    collections: latest.collections,
    reason: refusal.reason,
    at: refusal.now,
  });
  throw new CarekeyError('emergency-waiting', waitingMessage(held, refusal.now));
}

/** A refusal of a (former or current) grantee, for the vault's access log. */
export interface Refusal {
  readonly actor: string;
  readonly grant: string | null;
  readonly collections?: readonly string[];
  /** Plain words: what was refused. */
  readonly reason: string;
  readonly at: number;
}

/** Logs a grantee's refused attempt in the vault's access log. */
export async function logRefusal(store: RelayStore, vault: string, refusal: Refusal): Promise<void> {
  const event: AccessEventRecord = {
    at: refusal.at,
    kind: 'refused',
    actor: refusal.actor,
    grant: refusal.grant,
    collections: [...(refusal.collections ?? [])],
    count: 0,
    reason: refusal.reason,
  };
  await store.appendAccessEvents(vault, [event]);
}

/** The grant that ended last of `grants` (all ended), and how it ended. */
function lastEnded(grants: readonly GrantRecord[]): { grant: GrantRecord; revoked: boolean } {
  const endOf = (g: GrantRecord) => g.revokedAt ?? g.notAfter;
  const grant = grants.reduce((a, b) => (endOf(b) >= endOf(a) ? b : a));
  return { grant, revoked: grant.revokedAt !== null };
}

/**
 * The caller's access to `vault` at `now`: its owner, or a grantee with grants in force.
 *
 * @throws CarekeyError `not-found` for an unknown vault; `access-ended` (logged as refused)
 *   when every grant the caller held to this vault was revoked or has ended; `forbidden` for
 *   anyone else
 */
export async function vaultAccess(store: RelayStore, session: AuthenticatedSession, vault: string, now: number): Promise<VaultAccess> {
  const record = await store.getVault(vault);
  if (!record) throw new CarekeyError('not-found', 'no such vault');
  if (record.owner === session.account) return { role: 'owner', vault: record };
  const grants = await store.listGrants(vault, session.account);
  const inForce = grants.filter((g) => grantInForce(g, now));
  if (inForce.length > 0) return { role: 'grantee', vault: record, grants: inForce };
  if (grants.length === 0) throw new CarekeyError('forbidden', 'this record is not shared with you');
  const { grant, revoked } = lastEnded(grants);
  await logRefusal(store, vault, {
    actor: session.account,
    grant: grant.grant,
    reason: revoked ? 'grant revoked' : 'grant ended',
    at: now,
  });
  throw new CarekeyError(
    'access-ended',
    revoked
      ? 'the patient has stopped sharing this record with you'
      : `sharing of this record with you ended on ${new Date(grant.notAfter).toISOString().slice(0, 10)}`,
  );
}

/**
 * The vault, if the session's account owns it. A grantee (current or former) who tries is
 * refused in the access log with `reason`.
 *
 * @throws CarekeyError `not-found` for an unknown vault; `forbidden` for anyone but the owner
 */
export async function requireOwnedVault(
  store: RelayStore,
  session: AuthenticatedSession,
  vault: string,
  refusal: { readonly now: number; readonly reason: string },
): Promise<VaultRecord> {
  const record = await store.getVault(vault);
  if (!record) throw new CarekeyError('not-found', 'no such vault');
  if (record.owner === session.account) return record;
  const grants = await store.listGrants(vault, session.account);
  if (grants.length > 0) {
    const current = grants.filter((g) => grantInForce(g, refusal.now)).at(-1) ?? grants.at(-1)!;
    await logRefusal(store, vault, { actor: session.account, grant: current.grant, reason: refusal.reason, at: refusal.now });
  }
  throw new CarekeyError('forbidden', 'only the owner of this record may do this');
}
