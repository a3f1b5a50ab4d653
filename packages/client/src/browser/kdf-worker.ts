/**
 * The Argon2id step in a Web Worker, so the page stays responsive while it runs (≈ 0.5–1 s on a
 * phone) and its 64 MiB are released when the worker ends. The web app's worker file imports
 * this module; the page calls {@link deriveInWorker}.
 *
 * ```ts
 * // web/src/lib/kdf.worker.ts
 * import '@carekey/client/kdf-worker';
 * ```
 */
import { derivePassphraseKey, ready, WeakKdfParametersError, type KdfParams } from '@carekey/crypto';

interface KdfRequest {
  readonly passphrase: string;
  readonly params: KdfParams;
}

type KdfResponse =
  { readonly ok: true; readonly key: Uint8Array } | { readonly ok: false; readonly code: string; readonly message: string };

interface WorkerScope {
  onmessage: ((event: { data: KdfRequest }) => void) | null;
  postMessage(message: KdfResponse): void;
}

declare const self: WorkerScope;

// Compile libsodium as soon as the worker starts: a worker made ahead of time is then ready.
const loading = ready();

self.onmessage = (event) => {
  void (async () => {
    try {
      await loading;
      const key = derivePassphraseKey(event.data.passphrase, event.data.params);
      self.postMessage({ ok: true, key });
    } catch (error) {
      const code = error instanceof WeakKdfParametersError ? error.code : 'internal';
      self.postMessage({ ok: false, code, message: error instanceof Error ? error.message : String(error) });
    }
  })();
};
