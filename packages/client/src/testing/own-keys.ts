/**
 * What one account's device holds, opened from that device's storage with its passphrase, the
 * way unlocking does: for security tests that play someone misusing the keys they legitimately
 * hold (a write grantee, or the patient's own device, sealing envelopes by hand). Test-only: it
 * is exported from `@carekey/client/testing`, never from the package itself.
 */
import * as v from 'valibot';
import {
  deriveAccountItemKey,
  deriveLocalKey,
  derivePassphraseKey,
  fromHex,
  openLocalItem,
  openPassphraseSlot,
  parseSecretKey,
  signingKeyPairFromSeed,
  type SigningKeyPair,
} from '@carekey/crypto';
import type { api } from '@carekey/protocol';
import { openAccountItems, type RootItem } from '../account-data.ts';
import { keys } from '../local-keys.ts';
import { ProfileSchema, decodeJson } from '../profile.ts';
import type { StorageAdapter } from '../storage/types.ts';

export interface OwnKeys {
  readonly account: string;
  readonly device: { readonly id: string; readonly idBytes: Uint8Array; readonly keys: SigningKeyPair };
  /** The category roots this device holds for the account's own records. */
  readonly roots: readonly RootItem[];
}

export async function ownKeysForTests(storage: StorageAdapter, passphrase: string): Promise<OwnKeys> {
  const raw = await storage.get(keys.profile);
  if (!raw) throw new Error('no account on this device');
  const profile = v.parse(ProfileSchema, decodeJson(raw));
  const accountKey = openPassphraseSlot(profile.slot, {
    accountId: profile.account,
    passphraseKey: derivePassphraseKey(passphrase, profile.slot.kdf),
    secretKey: parseSecretKey(profile.secretKey),
  });
  const seed = openLocalItem(deriveLocalKey(accountKey), profile.account, `device-${profile.device}`, profile.deviceKey);
  const items = (await storage.list(keys.accountItems)).map((r) => decodeJson(r.value) as api.AccountItemWire);
  const { roots } = openAccountItems(deriveAccountItemKey(accountKey), profile.account, items);
  return {
    account: profile.account,
    device: { id: profile.device, idBytes: fromHex(profile.device), keys: signingKeyPairFromSeed(seed) },
    roots,
  };
}
