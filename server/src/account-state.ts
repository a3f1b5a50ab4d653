/**
 * An account as the relay reads it back from its store: the card and the device log,
 * verified again on every read. The relay does not trust its own database any more than a
 * client does: a device key comes from a verified, identity-signed log or not at all.
 */
import {
  applyDeviceLog,
  emptyDeviceLog,
  openAccountCard,
  type AccountCard,
  type DeviceLogState,
  type LogHead,
  type StatementWire,
} from '@carekey/protocol';
import { fromBase64Url } from '@carekey/crypto';
import type { RelayStore } from './store/types.ts';

/** A verified account. */
export interface AccountState {
  readonly account: string;
  readonly card: AccountCard;
  readonly cardWire: StatementWire;
  readonly identityKey: Uint8Array;
  readonly authKey: Uint8Array;
  /** The devices the log leads to; `head` is never null (registration stores statement 1). */
  readonly devices: DeviceLogState & { readonly head: LogHead };
  /** The device-log statements in order, as stored. */
  readonly deviceLog: readonly StatementWire[];
}

/**
 * Reads and verifies an account.
 *
 * @returns undefined for an unknown account
 * @throws Error when the stored records fail verification: the database was tampered with or
 *   corrupted, which is the operator's problem (a 500), not the caller's
 */
export async function loadAccount(store: RelayStore, account: string): Promise<AccountState | undefined> {
  const [cardWire, log] = await Promise.all([store.getAccountCard(account), store.readDeviceLog(account)]);
  if (!cardWire) return undefined;
  const deviceLog = log.map((s) => s.statement);
  try {
    const card = openAccountCard(cardWire, account);
    const identityKey = fromBase64Url(card.identityKey, 'identityKey');
    const devices = applyDeviceLog(emptyDeviceLog(account), identityKey, deviceLog);
    const head = devices.head;
    if (!head) throw new Error('the device log is empty');
    return {
      account,
      card,
      cardWire,
      identityKey,
      authKey: fromBase64Url(card.authKey, 'authKey'),
      devices: { ...devices, head },
      deviceLog,
    };
  } catch (cause) {
    throw new Error(`the stored records of account ${account} fail verification`, { cause });
  }
}
