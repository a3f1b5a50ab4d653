/**
 * Runs Argon2id in a throwaway Web Worker (see kdf-worker.ts): one worker per derivation,
 * terminated afterwards so its memory is returned at once.
 */
import { WeakKdfParametersError, type KdfParams } from '@carekey/crypto';
import type { PassphraseKdf } from '../client.ts';

/** The part of a Web Worker this module uses. */
interface WorkerLike {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  postMessage(message: unknown): void;
  terminate(): void;
}

/** A {@link PassphraseKdf} that can start its next worker ahead of time. */
export interface WorkerKdf extends PassphraseKdf {
  /** Starts the worker for the next derivation now, so its code is loaded when needed. */
  prepare(): void;
}

/**
 * A {@link PassphraseKdf} that derives in a fresh worker made by `createWorker`.
 *
 * @example
 * const kdf = workerKdf(() => new Worker(new URL('./kdf.worker.ts', import.meta.url), { type: 'module' }));
 * kdf.prepare(); // while the person types
 */
export function workerKdf(createWorker: () => WorkerLike): WorkerKdf {
  let next: WorkerLike | undefined;
  const derive = (passphrase: string, params: KdfParams) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const worker = next ?? createWorker();
      next = undefined;
      worker.addEventListener('message', (event) => {
        worker.terminate();
        const data = event.data as { ok: true; key: Uint8Array } | { ok: false; code: string; message: string };
        if (data.ok) resolve(data.key);
        else if (data.code === 'weak-kdf-parameters') reject(new WeakKdfParametersError(data.message));
        else reject(new Error(`key derivation failed: ${data.message}`));
      });
      worker.addEventListener('error', (event) => {
        worker.terminate();
        reject(new Error(`the key derivation worker failed: ${event.message ?? 'unknown error'}`));
      });
      worker.postMessage({ passphrase, params });
    });
  return Object.assign(derive, {
    prepare: () => {
      next ??= createWorker();
    },
  });
}
