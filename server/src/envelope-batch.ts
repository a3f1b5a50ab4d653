/**
 * Admitting a batch of envelopes (DESIGN §4 "Envelope", §5 "Limits"). The relay cannot read an
 * envelope, but it checks everything it can see before storing one: the size, the structure,
 * that the clear header names this vault, one of its collections and that collection's
 * current epoch, that the signer is an active device of the writer's account, and the
 * signature. The whole batch is checked before anything is stored, so one bad envelope
 * refuses the batch and nothing is half-applied.
 */
import { FormatError, IntegrityError, fromBase64Url, monthOf, nextMonth, verifyEnvelope } from '@carekey/crypto';
import {
  CarekeyError,
  MAX_BATCH_ENVELOPES,
  MAX_ENVELOPE_BYTES,
  activeDeviceKey,
  indexEnvelope,
  type DeviceLogState,
} from '@carekey/protocol';
import type { NewEnvelope, VaultRecord } from './store/types.ts';

/** The longest base64url text an envelope of MAX_ENVELOPE_BYTES can be. */
export const MAX_ENVELOPE_TEXT = Math.ceil((MAX_ENVELOPE_BYTES * 4) / 3);

/**
 * The size limits, checked on the raw body before schema validation so that they answer their
 * own codes (`batch-too-large`, `envelope-too-large`: 413) rather than a generic bad request,
 * and before any envelope is decoded.
 *
 * @throws CarekeyError `batch-too-large`, `envelope-too-large`
 */
export function checkBatchLimits(body: unknown): void {
  if (typeof body !== 'object' || body === null || !('envelopes' in body) || !Array.isArray(body.envelopes)) return;
  const envelopes: unknown[] = body.envelopes;
  if (envelopes.length > MAX_BATCH_ENVELOPES) {
    throw new CarekeyError('batch-too-large', `at most ${MAX_BATCH_ENVELOPES} envelopes per batch, got ${envelopes.length}`);
  }
  envelopes.forEach((text, i) => {
    if (typeof text === 'string' && text.length > MAX_ENVELOPE_TEXT) {
      throw new CarekeyError('envelope-too-large', `envelope ${i} is larger than ${MAX_ENVELOPE_BYTES} bytes`);
    }
  });
}

/** What a batch is checked against. */
export interface BatchContext {
  /** The vault named by the route, with its collections' current epochs. */
  readonly vault: VaultRecord;
  /** The verified device log of the writer's account. */
  readonly devices: DeviceLogState;
  /** The relay's clock. */
  readonly now: number;
}

function integrity(i: number, error: IntegrityError): CarekeyError {
  return new CarekeyError('integrity', `envelope ${i}: ${error.message}`, { cause: error });
}

/**
 * Checks every envelope of a batch and describes what to store, in order.
 *
 * @throws CarekeyError naming the envelope's index: `bad-request` (not base64url, dated after
 *   next month), `integrity` (malformed, another vault, unknown collection, bad signature),
 *   `conflict` (not the collection's current epoch), `unknown-device` (the signer is not an
 *   active device of the writer's account)
 */
export function admitEnvelopes(texts: readonly string[], context: BatchContext): NewEnvelope[] {
  const collections = new Map(context.vault.collections.map((c) => [c.id, c.epoch]));
  const latestMonth = nextMonth(monthOf(context.now));
  return texts.map((text, i) => {
    let bytes: Uint8Array;
    try {
      bytes = fromBase64Url(text, `envelope ${i}`);
    } catch (error) {
      if (error instanceof FormatError) throw new CarekeyError('bad-request', error.message, { cause: error });
      throw error;
    }
    let index: ReturnType<typeof indexEnvelope>;
    try {
      index = indexEnvelope(bytes);
    } catch (error) {
      if (error instanceof IntegrityError) throw integrity(i, error);
      throw error;
    }
    if (index.vault !== context.vault.vault) throw new CarekeyError('integrity', `envelope ${i} is for another vault`);
    const epoch = collections.get(index.collection);
    if (epoch === undefined) throw new CarekeyError('integrity', `envelope ${i} names a collection this vault does not have`);
    if (index.epoch !== epoch) {
      throw new CarekeyError('conflict', `envelope ${i} is sealed under epoch ${index.epoch}; the collection is at epoch ${epoch}`);
    }
    const key = activeDeviceKey(context.devices, index.signer);
    if (!key) throw new CarekeyError('unknown-device', `envelope ${i} is signed by a device that is not an active device of this account`);
    try {
      verifyEnvelope(index.parsed, key);
    } catch (error) {
      if (error instanceof IntegrityError) throw integrity(i, error);
      throw error;
    }
    if (index.month > latestMonth) throw new CarekeyError('bad-request', `envelope ${i} is dated ${index.month}, after next month`);
    return {
      hash: index.hash,
      collection: index.collection,
      entry: index.entry,
      epoch: index.epoch,
      month: index.month,
      signer: index.signer,
      size: index.size,
      data: bytes,
    };
  });
}
