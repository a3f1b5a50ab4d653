/**
 * The composition root of the app (STYLE habit 2): the client over Dexie, talking to the relay
 * that served the app, with Argon2id in a Web Worker. Loaded lazily, after the first screen is
 * painted, because it brings libsodium (~190 KiB).
 */
import { CarekeyClient, CarekeyError, HttpTransport, openShareLink, ready, workerKdf, type SharedBundle } from '@carekey/client';
import { DexieStorage } from './storage/dexie-storage.ts';

const kdf = workerKdf(() => new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module' }));

/** Starts a key-derivation worker now, so it has loaded libsodium before it is needed. */
export function prepareKdf(): void {
  kdf.prepare();
}

async function openStorage(): Promise<DexieStorage> {
  try {
    return await DexieStorage.open('carekey');
  } catch (cause) {
    // Private browsing or storage switched off: nothing can be kept on this device.
    throw new CarekeyError('storage-denied', 'IndexedDB is not available', { cause });
  }
}

export async function openCarekey(): Promise<CarekeyClient> {
  const storage = await openStorage();
  await ready();
  return CarekeyClient.open({
    storage,
    relay: location.origin,
    derivePassphraseKey: kdf,
  });
}

/**
 * Restores a record from a backup file onto this device (which has no account yet), without
 * needing the relay: the client that results is unlocked.
 */
export async function restoreCarekey(input: {
  backup: Uint8Array;
  secretKey: string;
  passphrase: string;
}): Promise<{ client: CarekeyClient; restored: number; rejected: number }> {
  const storage = await openStorage();
  await ready();
  const { client, restored, rejected } = await CarekeyClient.restore({
    storage,
    relay: location.origin,
    derivePassphraseKey: kdf,
    ...input,
  });
  return { client, restored, rejected: rejected.length };
}

/**
 * Opens a share link with no account and no storage on this computer: the passcode's Argon2id
 * runs in the worker. Returns the shared Bundle and when the link stops working.
 */
export async function openSharedRecord(url: string, passcode: string | undefined): Promise<{ bundle: SharedBundle; expiresAt: number }> {
  await ready();
  const http = new HttpTransport({ baseUrl: new URL(url).origin });
  let expiresAt = 0;
  const bundle = await openShareLink(url, {
    ...(passcode ? { passcode } : {}),
    derivePasscodeKey: kdf,
    transport: {
      openLink: async (link, auth) => {
        const opened = await http.openLink(link, auth);
        expiresAt = opened.expiresAt;
        return opened;
      },
    },
  });
  return { bundle, expiresAt };
}
