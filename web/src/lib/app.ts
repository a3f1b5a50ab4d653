/**
 * The composition root of the app (STYLE habit 2): the client over Dexie, talking to the relay
 * that served the app, with Argon2id in a Web Worker. Loaded lazily, after the first screen is
 * painted, because it brings libsodium (~190 KiB).
 */
import { CarekeyClient, CarekeyError, ready, workerKdf } from '@carekey/client';
import { DexieStorage } from './storage/dexie-storage.ts';

const kdf = workerKdf(() => new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module' }));

/** Starts a key-derivation worker now, so it has loaded libsodium before it is needed. */
export function prepareKdf(): void {
  kdf.prepare();
}

export async function openCarekey(): Promise<CarekeyClient> {
  let storage: DexieStorage;
  try {
    storage = await DexieStorage.open('carekey');
  } catch (cause) {
    // Private browsing or storage switched off: nothing can be kept on this device.
    throw new CarekeyError('storage-denied', 'IndexedDB is not available', { cause });
  }
  await ready();
  return CarekeyClient.open({
    storage,
    relay: location.origin,
    derivePassphraseKey: kdf,
  });
}
