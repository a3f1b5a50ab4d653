/**
 * What the relay may know of an envelope: the clear header fields it needs to enforce access
 * and to sync, as hex, plus the envelope hash. Parsing is the strict structural parse of
 * @carekey/crypto; nothing here decrypts.
 */
import { envelopeHash, parseEnvelope, toBase64Url, toHex, type ParsedEnvelope } from '@carekey/crypto';

export interface EnvelopeIndex {
  readonly vault: string;
  readonly collection: string;
  readonly entry: string;
  readonly epoch: number;
  readonly month: number;
  readonly signer: string;
  /** BLAKE2b-256 of the envelope, base64url: its identity for idempotent appends. */
  readonly hash: string;
  readonly size: number;
  readonly parsed: ParsedEnvelope;
}

/**
 * Parses an envelope and lists its clear fields.
 *
 * @throws IntegrityError for anything malformed, an unknown version or suite
 */
export function indexEnvelope(bytes: Uint8Array): EnvelopeIndex {
  const parsed = parseEnvelope(bytes);
  const h = parsed.header;
  return {
    vault: toHex(h.vault),
    collection: toHex(h.collection),
    entry: toHex(h.entry),
    epoch: h.epoch,
    month: h.month,
    signer: toHex(h.signer),
    hash: toBase64Url(envelopeHash(bytes)),
    size: bytes.length,
    parsed,
  };
}
