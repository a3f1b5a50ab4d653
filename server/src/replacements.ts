/**
 * Removing the envelopes a re-encryption replaced (DESIGN §4 "Revocation and expiry"). After a
 * revocation the patient's device wraps each old-epoch envelope of a special category in a new
 * envelope it signs under the collection's current epoch — same collection, entry and month —
 * stores it with an ordinary append, then asks the relay to delete the original, so that someone
 * who kept the old keys and later gets a copy of the relay's database cannot read it there.
 *
 * The relay cannot open the replacement to see that it carries the original, so it checks what
 * it can see in the clear headers it indexed, for every pair before removing anything: the
 * replacement is stored, under its collection's current epoch, signed by an active device of the
 * record's owner (never a grantee's); the original is a different envelope of the same collection,
 * entry and month, under an earlier epoch. An envelope of the current epoch is never removed.
 */
import { CarekeyError, MAX_BATCH_ENVELOPES, activeDeviceKey, type DeviceLogState } from '@carekey/protocol';
import type { StoredEnvelopeIndex, VaultRecord } from './store/types.ts';

/**
 * The count limit, checked on the raw body before schema validation so that it answers its own
 * code (`batch-too-large`, 413) as an append does.
 *
 * @throws CarekeyError `batch-too-large`
 */
export function checkReplacedLimits(body: unknown): void {
  if (typeof body !== 'object' || body === null || !('replaced' in body) || !Array.isArray(body.replaced)) return;
  if (body.replaced.length > MAX_BATCH_ENVELOPES) {
    throw new CarekeyError('batch-too-large', `at most ${MAX_BATCH_ENVELOPES} replaced envelopes per request, got ${body.replaced.length}`);
  }
}

/** One original and the envelope that replaced it, by hash. */
export interface Replacement {
  readonly envelope: string;
  readonly by: string;
}

/** What a removal is checked against. */
export interface ReplacementContext {
  /** The vault, with its collections' current epochs and the control-log head the check holds for. */
  readonly vault: VaultRecord;
  /** The verified device log of the vault's owner. */
  readonly ownerDevices: DeviceLogState;
  /** The clear index of every envelope the pairs name that the vault holds, by hash. */
  readonly index: ReadonlyMap<string, StoredEnvelopeIndex>;
}

/**
 * Checks every pair and returns the hashes to remove: the originals still stored (one already
 * gone counts as done, so a repeated request removes nothing more).
 *
 * @throws CarekeyError naming the pair's index: `bad-request` (the replacement is the original,
 *   is not stored, or is not signed by an active device of the owner; the original lies in
 *   another collection, entry or month, or is under the current epoch), `conflict` (the
 *   replacement is not under its collection's current epoch: the collection has moved on)
 */
export function checkReplacements(pairs: readonly Replacement[], context: ReplacementContext): string[] {
  const epochs = new Map(context.vault.collections.map((c) => [c.id, c.epoch]));
  const remove: string[] = [];
  pairs.forEach(({ envelope, by }, i) => {
    if (envelope === by) throw new CarekeyError('bad-request', `pair ${i}: an envelope cannot replace itself`);
    const replacement = context.index.get(by);
    if (!replacement) throw new CarekeyError('bad-request', `pair ${i}: the re-encrypted envelope ${by} is not stored in this record`);
    const current = epochs.get(replacement.collection);
    if (replacement.epoch !== current) {
      throw new CarekeyError(
        'conflict',
        `pair ${i}: the re-encrypted envelope ${by} is sealed under epoch ${replacement.epoch}; its collection is at epoch ${current ?? 'none'}`,
      );
    }
    if (!activeDeviceKey(context.ownerDevices, replacement.signer)) {
      throw new CarekeyError(
        'bad-request',
        `pair ${i}: the re-encrypted envelope ${by} is not signed by an active device of the record's owner`,
      );
    }
    const original = context.index.get(envelope);
    if (!original) return;
    if (original.collection !== replacement.collection || original.entry !== replacement.entry || original.month !== replacement.month) {
      throw new CarekeyError(
        'bad-request',
        `pair ${i}: envelope ${envelope} is not of the same collection, entry and month as the envelope that replaces it`,
      );
    }
    if (original.epoch >= current) {
      throw new CarekeyError(
        'bad-request',
        `pair ${i}: envelope ${envelope} is under its collection's current epoch; only envelopes of an earlier epoch are removed`,
      );
    }
    remove.push(envelope);
  });
  return remove;
}
