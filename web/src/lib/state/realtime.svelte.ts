/**
 * The realtime channel in the app (DESIGN §4 "Carers and emergency access": the patient's
 * devices are told through the realtime channel when online): while the record is unlocked, the
 * client watches the patient's own records; an `emergency` event asks the relay where the
 * emergency requests stand, so the alert appears on every open device without a reload, and
 * `envelopes` or `control` events sync. Every (re)connection (`ready`) does both, since events
 * may have been missed meanwhile.
 *
 * Being offline is normal: the client reconnects by itself and nothing is shown when the stream
 * drops; coming back online reconnects at once. Loaded with the client, after unlock
 * (carekey.svelte.ts), so the first screen stays light.
 */
import { CarekeyError, type RealtimeEvent } from '@carekey/client';
import { carekey } from './carekey.svelte.ts';
import { emergencyRequests } from './emergency.svelte.ts';

export class RealtimeChannel {
  #stop: AbortController | undefined;
  readonly #online = () => this.restart();

  constructor() {
    carekey.whenLocked(() => this.stop());
  }

  /** Starts watching the patient's own records (once), if the record is unlocked. */
  start(): void {
    if (this.#stop || carekey.phase !== 'unlocked') return;
    const stop = new AbortController();
    this.#stop = stop;
    addEventListener('online', this.#online);
    carekey
      .unlockedClient()
      .events({ signal: stop.signal, onEvent: (_vault, event) => this.#heard(event) })
      // Refused for good (the record was locked, the relay no longer knows this device): the
      // next unlock starts again. Nothing to tell the patient here.
      .catch(ignoreExpected)
      .finally(() => {
        if (this.#stop === stop) this.stop();
      });
  }

  stop(): void {
    removeEventListener('online', this.#online);
    this.#stop?.abort();
    this.#stop = undefined;
  }

  /** Reconnects now rather than after the backoff (back online). */
  restart(): void {
    this.stop();
    this.start();
  }

  #heard(event: RealtimeEvent): void {
    if (event.kind === 'ready' || event.kind === 'emergency') void emergencyRequests.refresh();
    if (event.kind !== 'emergency') carekey.syncNow().catch(ignoreExpected);
  }
}

/** Offline or refused: the client's sync status already says so; nothing more to show. */
function ignoreExpected(error: unknown): void {
  if (!(error instanceof CarekeyError)) throw error;
}

export const realtime = new RealtimeChannel();
