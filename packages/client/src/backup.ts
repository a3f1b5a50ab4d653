/**
 * Backup files (docs/protocol.md §4 "Backup files"): the whole record, sealed under a key from
 * the account key, with the passphrase slot beside it so the passphrase and the Secret Key open
 * it on a fresh install — no relay needed.
 */
import * as v from 'valibot';
import { IntegrityError, canonicalBytes, decodeCanonical, fromUtf8, openAccountItem, sealAccountItem, utf8 } from '@carekey/crypto';
import { CarekeyError, StatementWire, api } from '@carekey/protocol';

export const BACKUP_VERSION = 1;

const BackupFileSchema = v.strictObject({
  carekeyBackup: v.literal(BACKUP_VERSION),
  account: v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
  slot: api.PassphraseSlotSchema,
  created: v.number(),
  nonce: v.string(),
  ciphertext: v.string(),
});
export type BackupFile = v.InferOutput<typeof BackupFileSchema>;

const BackupContentsSchema = v.strictObject({
  v: v.literal(1),
  card: StatementWire,
  devices: v.array(StatementWire),
  items: v.array(api.AccountItemSchema),
  logs: v.record(v.string(), v.array(StatementWire)),
  envelopes: v.record(v.string(), v.array(v.string())),
});
export type BackupContents = v.InferOutput<typeof BackupContentsSchema>;

/** Seals the contents into a backup file (UTF-8 JSON). */
export function sealBackup(input: {
  account: string;
  slot: api.PassphraseSlotWire;
  created: number;
  backupKey: Uint8Array;
  contents: BackupContents;
}): Uint8Array {
  const sealed = sealAccountItem(input.backupKey, input.account, 'backup', 'backup', canonicalBytes(input.contents));
  const file: BackupFile = { carekeyBackup: BACKUP_VERSION, account: input.account, slot: input.slot, created: input.created, ...sealed };
  return utf8(JSON.stringify(file));
}

/**
 * Reads a backup file's clear part.
 *
 * @throws CarekeyError `bad-file` when it is not a Carekey backup
 */
export function readBackupFile(bytes: Uint8Array): BackupFile {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch (cause) {
    throw new CarekeyError('bad-file', 'This file is not a Carekey backup (it is not readable JSON).', { cause });
  }
  const parsed = v.safeParse(BackupFileSchema, value);
  if (!parsed.success)
    throw new CarekeyError('bad-file', 'This file is not a Carekey backup, or it was made by a newer version of Carekey.');
  return parsed.output;
}

/**
 * Opens a backup's contents with the backup key.
 *
 * @throws IntegrityError when the file was changed or belongs to another account
 */
export function openBackup(file: BackupFile, backupKey: Uint8Array): BackupContents {
  const plain = openAccountItem(backupKey, file.account, 'backup', 'backup', { nonce: file.nonce, ciphertext: file.ciphertext });
  const parsed = v.safeParse(BackupContentsSchema, decodeCanonical(plain, 'backup'));
  if (!parsed.success) throw new IntegrityError('malformed', 'the backup contents are not valid');
  return parsed.output;
}
