/** Schemas for the encodings that appear everywhere on the wire. */
import * as v from 'valibot';
import { fromBase64Url, toBase64Url, type SignedStatement } from '@carekey/crypto';

/** base64url without padding. */
export const Base64Url = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/, 'base64url expected'));
/** A 16-byte ID (vault, collection, entry, device, grant) as 32 lowercase hex characters. */
export const HexId = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/, '16-byte hex ID expected'));
/** A 32-byte hash as 64 lowercase hex characters. */
export const HexHash = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, '32-byte hex hash expected'));
/** An account ID: 26 Crockford base32 characters (canonical uppercase form). */
export const AccountId = v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'account ID expected'));
/** Milliseconds since the epoch. */
export const Timestamp = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
/** A sequence number, starting at 1. */
export const Seq = v.pipe(v.number(), v.safeInteger(), v.minValue(1));
/** A month as yyyymm. */
export const Month = v.pipe(v.number(), v.safeInteger(), v.minValue(200001), v.maxValue(999912));

/** A signed statement as it travels: base64url payload and signature. */
export const StatementWire = v.strictObject({
  payload: v.pipe(Base64Url, v.maxLength(64 * 1024)),
  signature: v.pipe(Base64Url, v.length(86)),
});
export type StatementWire = v.InferOutput<typeof StatementWire>;

/** A signed statement to its wire form. */
export function statementToWire(statement: SignedStatement): StatementWire {
  return { payload: toBase64Url(statement.payload), signature: toBase64Url(statement.signature) };
}

/** A wire statement back to bytes (the schema has checked the alphabet). */
export function statementFromWire(wire: StatementWire): SignedStatement {
  return { payload: fromBase64Url(wire.payload, 'payload'), signature: fromBase64Url(wire.signature, 'signature') };
}
