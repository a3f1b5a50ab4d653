/**
 * The few rules every store adapter applies the same way, kept in one place so the memory,
 * SQLite and PostgreSQL adapters cannot drift apart.
 */
import { CarekeyError, UNLISTED_WRITES, WRITE_HELD_MESSAGE, type api } from '@carekey/protocol';
import type { EnvelopeRange, RevokedWriter } from './types.ts';

/** True when two account items have the same contents (an idempotent re-append). */
export function sameItem(a: api.AccountItemWire, b: api.AccountItemWire): boolean {
  return a.itemId === b.itemId && a.kind === b.kind && a.nonce === b.nonce && a.ciphertext === b.ciphertext;
}

/** The error for an item ID that already holds different contents. */
export function itemConflict(itemId: string): CarekeyError {
  return new CarekeyError('conflict', `account item ${itemId} already exists with different contents`);
}

/** The error for a device-log append whose `prev` is no longer the head. */
export function deviceLogMoved(): CarekeyError {
  return new CarekeyError('conflict', 'the device log has moved on; read it and retry');
}

/** The error for a write that expected a control-log head that is no longer the head. */
export function controlLogMoved(): CarekeyError {
  return new CarekeyError('conflict', 'the control log has moved on; read it and retry');
}

/** An envelope append refused while a write hold on its writer lasts (docs/protocol.md §5.2). */
export function writeHeld(): CarekeyError {
  return new CarekeyError('conflict', WRITE_HELD_MESSAGE);
}

/** True when a hold lasting until `until` (if any) still holds at `at`. */
export function holdLasts(until: number | undefined | null, at: number): boolean {
  return until !== undefined && until !== null && at < until;
}

/**
 * Refuses a control-log append that revokes a writer without listing every envelope the vault
 * holds from them (`held` reads them, inside the adapter's transaction).
 *
 * @throws CarekeyError `conflict`, its message starting with `UNLISTED_WRITES`
 */
export async function checkRevokedWriters(
  writers: readonly RevokedWriter[],
  held: (collections: readonly string[], signers: readonly string[]) => Promise<readonly string[]>,
): Promise<void> {
  for (const writer of writers) {
    if (writer.collections.length === 0 || writer.signers.length === 0) continue;
    const listed = new Set(writer.written);
    const unlisted = (await held(writer.collections, writer.signers)).filter((hash) => !listed.has(hash)).length;
    if (unlisted > 0) {
      throw new CarekeyError(
        'conflict',
        `${UNLISTED_WRITES} the relay holds ${unlisted} entr${unlisted === 1 ? 'y' : 'ies'} from the person whose access this stops ` +
          'that the revocation does not list; pull, then build the revocation again',
      );
    }
  }
}

/**
 * The items of one request with repeats removed (a request may carry the same item twice).
 *
 * @throws CarekeyError `conflict` when one ID carries two different contents
 */
export function uniqueItems(items: readonly api.AccountItemWire[]): api.AccountItemWire[] {
  const byId = new Map<string, api.AccountItemWire>();
  for (const item of items) {
    const seen = byId.get(item.itemId);
    if (seen && !sameItem(seen, item)) throw itemConflict(item.itemId);
    byId.set(item.itemId, item);
  }
  return [...byId.values()];
}

/**
 * Cuts a pull page: at most `limit` rows, and stops before the total `size` would pass
 * `maxBytes` — except that the first row is always taken, so one envelope larger than the
 * budget cannot stall a reader. Give it up to `limit + 1` rows so it can tell whether more
 * exist.
 *
 * @example
 * pageWithinBudget([{ size: 5 }, { size: 5 }, { size: 5 }], 10, 12); // two rows, more: true
 */
export function pageWithinBudget<T extends { readonly size: number }>(
  rows: readonly T[],
  limit: number,
  maxBytes: number,
): { rows: T[]; more: boolean } {
  const taken: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (taken.length >= limit) break;
    if (taken.length > 0 && bytes + row.size > maxBytes) break;
    taken.push(row);
    bytes += row.size;
  }
  return { rows: taken, more: taken.length < rows.length };
}

/**
 * Whether a share link may be opened now, in the order every adapter checks: revoked, then
 * dead of wrong passcodes, then expired. Null when it is alive.
 */
export function shareLinkRefusal(
  link: { readonly revokedAt: number | null; readonly failedTries: number; readonly maxTries: number; readonly expiresAt: number },
  at: number,
): 'revoked' | 'locked' | 'expired' | null {
  if (link.revokedAt !== null) return 'revoked';
  if (link.failedTries >= link.maxTries) return 'locked';
  if (link.expiresAt <= at) return 'expired';
  return null;
}

/** True when an envelope's collection and month fall inside one of `ranges`. */
export function inRanges(envelope: { readonly collection: string; readonly month: number }, ranges: readonly EnvelopeRange[]): boolean {
  return ranges.some((r) => r.collection === envelope.collection && r.fromMonth <= envelope.month && envelope.month <= r.toMonth);
}

/** The order key packages are listed in: by grant, then by hash. */
export function byGrantAndHash(
  a: { readonly grant: string; readonly hash: string },
  b: { readonly grant: string; readonly hash: string },
): number {
  if (a.grant !== b.grant) return a.grant < b.grant ? -1 : 1;
  return a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
}

/** The order grants are listed in: oldest issued first, then by grant ID. */
export function byIssued(
  a: { readonly issuedAt: number; readonly grant: string },
  b: { readonly issuedAt: number; readonly grant: string },
): number {
  return a.issuedAt - b.issuedAt || (a.grant < b.grant ? -1 : a.grant > b.grant ? 1 : 0);
}
