/**
 * Full re-encryption of the special categories (DESIGN §4 "Revocation and expiry",
 * docs/protocol.md "Re-encryption").
 *
 * Rotation never re-encrypts content: after someone's access is stopped, the entries written
 * before stay under the old epoch, whose month keys that person may hold. For the special
 * categories the patient can go further: a patient device seals each such envelope, whole and
 * unchanged, as the content of a new envelope under the collection's current epoch (same
 * collection, entry and month in the clear header), signed by the patient's device, and the
 * relay then deletes the original. A reader verifies the outer envelope (the patient's), opens
 * it, checks that the inner bytes are the envelope it names, and then treats those bytes exactly
 * as if the relay had served them: the original signature is verified against its own author's
 * device, so who wrote an entry stays provable, and the original's hash stays its identity (in
 * author chains, confirmations and revocations alike). The outer envelope is only transport: it
 * is never recorded, stored, snapshotted or backed up.
 */
import * as v from 'valibot';
import {
  IntegrityError,
  MAX_BODY_LENGTH,
  bytesEqual,
  canonicalBytes,
  envelopeHash,
  parseEnvelope,
  sealEnvelope,
  toBase64Url,
  type OpenedEnvelope,
  type ParsedEnvelope,
} from '@carekey/crypto';
import { CATEGORIES, type Category } from '@carekey/record';

/** The inner kind of a re-encryption envelope. */
export const REENCRYPTED_KIND = 'reencrypted';

/** The inner fields of a re-encryption envelope; its content is the original envelope's bytes. */
export const ReencryptedInnerSchema = v.strictObject({
  v: v.literal(1),
  kind: v.literal(REENCRYPTED_KIND),
  category: v.picklist(CATEGORIES),
  author: v.strictObject({
    account: v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
    device: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
  }),
  /** The original envelope's hash (base64url). */
  original: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
});
export type ReencryptedInner = v.InferOutput<typeof ReencryptedInnerSchema>;

/** True when an opened envelope's inner fields say it carries another envelope. */
export function isReencryption(opened: OpenedEnvelope): boolean {
  return opened.inner['kind'] === REENCRYPTED_KIND;
}

/**
 * The original envelope a verified and opened re-encryption envelope carries, after checking
 * that it is the envelope the inner fields name, for the same record, collection, entry and
 * month, under an older epoch. Its own signature is the caller's to verify, as for any envelope.
 *
 * @throws IntegrityError `malformed` (not a re-encryption, or its inner fields are not valid),
 *   `context-mismatch` (the carried envelope is not the one named, or belongs elsewhere)
 */
export function unwrapReencryption(
  outer: ParsedEnvelope,
  opened: OpenedEnvelope,
): { bytes: Uint8Array; hash: string; parsed: ParsedEnvelope } {
  const inner = v.safeParse(ReencryptedInnerSchema, opened.inner);
  if (!inner.success) throw new IntegrityError('malformed', 'the re-encrypted entry is not valid');
  const bytes = opened.content;
  const hash = toBase64Url(envelopeHash(bytes));
  if (hash !== inner.output.original) throw new IntegrityError('context-mismatch', 'the re-encrypted entry is not the one it names');
  const parsed = parseEnvelope(bytes);
  const a = outer.header;
  const b = parsed.header;
  if (
    !bytesEqual(a.vault, b.vault) ||
    !bytesEqual(a.collection, b.collection) ||
    !bytesEqual(a.entry, b.entry) ||
    a.month !== b.month ||
    b.epoch >= a.epoch
  ) {
    throw new IntegrityError('context-mismatch', 'the re-encrypted entry does not match the place it was re-encrypted into');
  }
  return { bytes, hash, parsed };
}

/** What {@link sealReencryption} needs. */
export interface ReencryptInput {
  readonly original: ParsedEnvelope;
  readonly hash: string;
  readonly epoch: number;
  readonly monthKey: Uint8Array;
  readonly category: Category;
  readonly signer: { readonly account: string; readonly deviceId: Uint8Array; readonly deviceHex: string; readonly secretKey: Uint8Array };
}

/** Whether the body holding `inner` and the carried envelope, padded, stays within the limit. */
function fits(original: ParsedEnvelope, inner: ReencryptedInner): boolean {
  const length = 4 + canonicalBytes(inner).length + original.bytes.length + 1;
  return Math.ceil(length / 256) * 256 + 16 <= MAX_BODY_LENGTH;
}

/**
 * Whether `original` can be carried at all (the inner fields are of fixed size but for the
 * category name): one within a few hundred bytes of the 1 MiB body limit cannot.
 */
export function canCarry(original: ParsedEnvelope, category: Category): boolean {
  const sample: ReencryptedInner = {
    v: 1,
    kind: REENCRYPTED_KIND,
    category,
    author: { account: '0'.repeat(26), device: '0'.repeat(32) },
    original: '0'.repeat(43),
  };
  return fits(original, sample);
}

/**
 * Seals an original envelope into a re-encryption envelope under `epoch`, or returns null when
 * it is too large to carry (an entry within a few hundred bytes of the 1 MiB limit): such an
 * entry stays as it is, and is reported.
 */
export function sealReencryption(input: ReencryptInput): Uint8Array | null {
  const { original, signer } = input;
  const inner: ReencryptedInner = {
    v: 1,
    kind: REENCRYPTED_KIND,
    category: input.category,
    author: { account: signer.account, device: signer.deviceHex },
    original: input.hash,
  };
  if (!fits(original, inner)) return null;
  return sealEnvelope({
    vault: original.header.vault,
    collection: original.header.collection,
    entry: original.header.entry,
    epoch: input.epoch,
    month: original.header.month,
    signer: { deviceId: signer.deviceId, secretKey: signer.secretKey },
    monthKey: input.monthKey,
    inner,
    content: original.bytes,
  });
}

/** What a device remembers of an original that was re-encrypted (a local record, never sent). */
export interface ReencryptionMarker {
  /** The newest re-encryption envelope carrying it. */
  readonly wrapper: string;
  /** Its epoch. */
  readonly epoch: number;
  /**
   * What the relay may still hold of it under an older epoch and has not confirmed deleted: the
   * original, and any older carrier of it. Empty once done.
   */
  readonly pending: readonly string[];
  /** True when this device made the carrier (so finishing the removal is its job). */
  readonly mine: boolean;
  /**
   * Other carriers of it under the same epoch (two devices re-encrypting at once): they go when
   * a later epoch's carrier replaces this one.
   */
  readonly twins: readonly string[];
}

export const ReencryptionMarkerSchema = v.strictObject({
  wrapper: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
  epoch: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  pending: v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/))),
  mine: v.boolean(),
  twins: v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/))),
});

/**
 * The marker once `carrier` is known to carry `original`. A newer carrier takes over: everything
 * the relay may still hold of the original under an older epoch becomes pending — the original,
 * what was pending before, the carrier before and its twins. A carrier under the same epoch is a
 * twin (two devices re-encrypting at once), kept until a later one replaces both; an older one
 * is pending.
 */
export function noteCarrier(
  original: string,
  before: ReencryptionMarker | undefined,
  carrier: { readonly wrapper: string; readonly epoch: number; readonly mine: boolean },
): ReencryptionMarker {
  if (before && carrier.wrapper === before.wrapper) return before;
  if (before && carrier.epoch === before.epoch) return { ...before, twins: [...new Set([...before.twins, carrier.wrapper])] };
  if (before && carrier.epoch < before.epoch) return { ...before, pending: [...new Set([...before.pending, carrier.wrapper])] };
  const pending = new Set([original, ...(before?.pending ?? []), ...(before ? [before.wrapper, ...before.twins] : [])]);
  pending.delete(carrier.wrapper);
  return { wrapper: carrier.wrapper, epoch: carrier.epoch, pending: [...pending], mine: carrier.mine, twins: [] };
}

/** What a re-encryption did. */
export interface ReencryptionReport {
  /** Older private entries sealed again under the current key. */
  readonly reencrypted: number;
  /** Old copies the relay deleted. */
  readonly removed: number;
  /** Entries too large to carry, left as they were. */
  readonly tooLarge: number;
}
