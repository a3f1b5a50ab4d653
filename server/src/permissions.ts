/**
 * Who may do what, in this version of the protocol (DESIGN §4, §5): an account reads and
 * writes its own items and device log; a vault is read and written by its owner only (grants
 * come later); writing a vault needs a registered device, because envelopes and log
 * statements are signed by devices. A session of the account auth key (a device that is not
 * registered yet) may read its account, its items and register a device, nothing more.
 */
import { CarekeyError } from '@carekey/protocol';
import type { AuthenticatedSession } from './context.ts';
import type { RelayStore, VaultRecord } from './store/types.ts';

/** @throws CarekeyError `forbidden` unless the session is of `account` */
export function requireOwnAccount(session: AuthenticatedSession, account: string): void {
  if (session.account !== account) throw new CarekeyError('forbidden', 'this belongs to another account');
}

/**
 * The session's device.
 *
 * @throws CarekeyError `forbidden` for an auth-key session
 */
export function requireDevice(session: AuthenticatedSession): string {
  if (session.device === null) throw new CarekeyError('forbidden', 'register this device and sign in with its key first');
  return session.device;
}

/**
 * The vault, if the session's account owns it.
 *
 * @throws CarekeyError `not-found` for an unknown vault; `forbidden` for anyone but the owner
 */
export async function requireOwnedVault(store: RelayStore, session: AuthenticatedSession, vault: string): Promise<VaultRecord> {
  const record = await store.getVault(vault);
  if (!record) throw new CarekeyError('not-found', 'no such vault');
  if (record.owner !== session.account) throw new CarekeyError('forbidden', 'only the owner of this vault may do this');
  return record;
}
