/**
 * The plaintext of the unlock snapshot (docs/protocol.md §4 "Unlock snapshot"): every verified
 * entry version of one vault as the session holds it, so the next unlock rebuilds the record
 * from one value instead of reading, hashing, MAC-checking and decrypting every envelope.
 * `@carekey/crypto` seals it (`sealSnapshot`); this module only lays the bytes out.
 *
 * ```
 * plaintext = u32(len(meta)) ‖ meta ‖ texts
 * meta      = UTF-8 JSON { "v": 1, "vault": "<hex>",
 *                          "versions": [[hash, collection, entryId, inner, textLength], …] }
 * texts     = UTF-8 of every version's resource text, concatenated in the order of `versions`
 * ```
 *
 * `textLength` counts UTF-16 code units of the text (−1 for a retraction, which has none), so
 * the texts are decoded with one call and cut with `slice`; keeping them out of the JSON spares
 * escaping every quote of every resource and parsing it twice.
 */
import { IntegrityError, readU32 } from '@carekey/crypto';
import type { EntryInner, EntryVersion } from '@carekey/record';

export const SNAPSHOT_LAYOUT_VERSION = 1;

/** One version as the snapshot holds it. */
export interface SnapshotVersion {
  readonly hash: string;
  readonly collection: string;
  readonly entryId: string;
  readonly inner: EntryInner;
  readonly resourceText: string | null;
}

type Row = [hash: string, collection: string, entryId: string, inner: EntryInner, textLength: number];

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Lays out a vault's versions (in recording order) as snapshot plaintext. */
export function encodeSnapshot(
  vault: string,
  versions: Iterable<{ readonly collection: string; readonly version: EntryVersion; readonly inner: EntryInner }>,
): Uint8Array {
  const rows: Row[] = [];
  const texts: string[] = [];
  for (const { collection, version, inner } of versions) {
    const text = version.resourceText;
    rows.push([version.hash, collection, version.entryId, inner, text === null ? -1 : text.length]);
    if (text !== null) texts.push(text);
  }
  const meta = encoder.encode(JSON.stringify({ v: SNAPSHOT_LAYOUT_VERSION, vault, versions: rows }));
  const body = encoder.encode(texts.join(''));
  const out = new Uint8Array(4 + meta.length + body.length);
  new DataView(out.buffer).setUint32(0, meta.length, false);
  out.set(meta, 4);
  out.set(body, 4 + meta.length);
  return out;
}

/**
 * Reads snapshot plaintext back. The plaintext was authenticated by the AEAD that sealed it, so
 * only its shape is checked here; anything unexpected is an error, and the caller then rebuilds
 * the record from the envelopes.
 *
 * @throws IntegrityError `malformed` (or a SyntaxError from a damaged JSON part)
 */
export function decodeSnapshot(vault: string, plaintext: Uint8Array): SnapshotVersion[] {
  if (plaintext.length < 4) throw new IntegrityError('malformed', 'the unlock snapshot is truncated');
  const metaLength = readU32(plaintext, 0);
  if (4 + metaLength > plaintext.length) throw new IntegrityError('malformed', 'the unlock snapshot is truncated');
  const meta = JSON.parse(decoder.decode(plaintext.subarray(4, 4 + metaLength))) as { v?: unknown; vault?: unknown; versions?: unknown };
  if (meta.v !== SNAPSHOT_LAYOUT_VERSION || meta.vault !== vault || !Array.isArray(meta.versions)) {
    throw new IntegrityError('malformed', 'the unlock snapshot is not one of this record');
  }
  const texts = decoder.decode(plaintext.subarray(4 + metaLength));
  const out: SnapshotVersion[] = [];
  let at = 0;
  for (const row of meta.versions as unknown[]) {
    if (!Array.isArray(row) || row.length !== 5) throw new IntegrityError('malformed', 'an unlock snapshot row is damaged');
    const [hash, collection, entryId, inner, textLength] = row as Row;
    if (
      typeof hash !== 'string' ||
      typeof collection !== 'string' ||
      typeof entryId !== 'string' ||
      inner === null ||
      typeof inner !== 'object' ||
      !Number.isSafeInteger(textLength) ||
      textLength < -1 ||
      at + Math.max(textLength, 0) > texts.length
    ) {
      throw new IntegrityError('malformed', 'an unlock snapshot row is damaged');
    }
    const resourceText = textLength === -1 ? null : texts.slice(at, at + textLength);
    at += Math.max(textLength, 0);
    out.push({ hash, collection, entryId, inner, resourceText });
  }
  if (at !== texts.length) throw new IntegrityError('malformed', 'the unlock snapshot has trailing text');
  return out;
}
