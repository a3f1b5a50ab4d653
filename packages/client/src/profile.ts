/**
 * This device's profile in local storage: which account and device it is, the relay, the
 * Secret Key (kept on the device like 1Password does, so only the passphrase is typed), the
 * cached passphrase slot (so unlocking works offline) and the device signing key sealed under a
 * key from the account key.
 */
import * as v from 'valibot';
import { fromUtf8, utf8 } from '@carekey/crypto';
import { StatementWire, api } from '@carekey/protocol';
import { LOCAL_LAYOUT_VERSION } from './local-keys.ts';

export const ProfileSchema = v.strictObject({
  v: v.literal(LOCAL_LAYOUT_VERSION),
  account: v.string(),
  device: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
  relay: v.string(),
  secretKey: v.string(),
  slot: api.PassphraseSlotSchema,
  deviceKey: v.strictObject({ nonce: v.string(), ciphertext: v.string() }),
  created: v.number(),
  /** This device's own device-log statement, when no relay has accepted it yet (after a restore). */
  pendingDevice: v.optional(StatementWire),
});
export type Profile = v.InferOutput<typeof ProfileSchema>;

export function encodeJson(value: unknown): Uint8Array {
  return utf8(JSON.stringify(value));
}

export function decodeJson(bytes: Uint8Array): unknown {
  return JSON.parse(fromUtf8(bytes)) as unknown;
}
