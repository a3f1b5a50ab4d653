/**
 * The sync engine: pushes the outbox (envelopes written on this device, in writing order, in
 * batches the relay accepts atomically and idempotently), then pulls every vault from its
 * cursor. Offline is a normal state: the outbox stays on the device and the engine retries with
 * exponential backoff and jitter.
 */
import { IntegrityError, fromBase64Url, fromUtf8, randomInt, toBase64Url, utf8 } from '@carekey/crypto';
import { CarekeyError, MAX_BATCH_ENVELOPES, MAX_PULL_ENVELOPES, MAX_REQUEST_BYTES, type ErrorCode } from '@carekey/protocol';
import { InvalidResourceError } from '@carekey/record';
import type { Clock } from './clock.ts';
import { keys } from './local-keys.ts';
import { decodeJson } from './profile.ts';
import type { RelaySession } from './relay-session.ts';
import type { StorageAdapter, StorageWrite } from './storage/types.ts';
import type { RelayTransport } from './transport/http.ts';
import type { ChainGap, VaultState } from './vault-state.ts';
import { toRejection, type RejectedEnvelope } from './rejection.ts';

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  readonly state: SyncState;
  /** Entries saved on this device and not yet on the relay. */
  readonly pending: number;
  readonly lastSyncedAt: number | null;
  readonly lastError: ErrorCode | null;
  /** Envelopes refused in the last sync because they failed verification. */
  readonly rejected: number;
  /** When the next automatic attempt is due, while retrying. */
  readonly nextAttemptAt: number | null;
}

export interface SyncReport {
  readonly pushed: number;
  readonly pulled: number;
  readonly rejected: readonly RejectedEnvelope[];
  readonly gaps: readonly ChainGap[];
  /** The relay could not be reached; nothing was lost and the outbox is kept. */
  readonly offline: boolean;
  /** Another expected failure (refused by the relay), or null. */
  readonly error: CarekeyError | null;
  readonly pending: number;
}

/** What the engine needs of an unlocked session. */
export interface SyncContext {
  readonly session: RelaySession;
  readonly vaults: ReadonlyMap<string, VaultState>;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const defaultTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SyncEngineOptions {
  readonly storage: StorageAdapter;
  readonly transport: RelayTransport;
  readonly clock: Clock;
  readonly context: () => SyncContext;
  /** Verifies, decrypts and records one pulled envelope; null when it was already known. */
  readonly ingest: (vault: string, bytes: Uint8Array) => Promise<{ hash: string; writes: StorageWrite[] } | null>;
  readonly onChange: () => void;
  readonly timers?: Timers;
  /** First retry delay (default 1 s), doubled per failure up to `maxDelayMs` (default 5 min). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** The delay before retry number `attempt` (0-based): exponential, capped, with ±50 % jitter. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, jitter: (bound: number) => number = randomInt): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + jitter(Math.max(1, Math.round(ceiling / 2))));
}

// Headroom under the relay's request limit for JSON framing.
const MAX_BATCH_CHARS = Math.floor(MAX_REQUEST_BYTES * 0.9);

export class SyncEngine {
  readonly #o: SyncEngineOptions;
  readonly #timers: Timers;
  #status: SyncStatus = { state: 'idle', pending: 0, lastSyncedAt: null, lastError: null, rejected: 0, nextAttemptAt: null };
  #running: Promise<SyncReport> | undefined;
  #again = false;
  #auto: { intervalMs: number } | undefined;
  #timer: unknown;
  #failures = 0;

  constructor(options: SyncEngineOptions) {
    this.#o = options;
    this.#timers = options.timers ?? defaultTimers;
  }

  get status(): SyncStatus {
    return this.#status;
  }

  #set(change: Partial<SyncStatus>): void {
    this.#status = { ...this.#status, ...change };
    this.#o.onChange();
  }

  /** Counts the outbox (at open, before unlock). */
  async loadPending(_account?: string): Promise<void> {
    const pending = (await this.#o.storage.list(keys.outboxAll)).length;
    this.#set({ pending });
  }

  /** Notes that `count` envelopes were queued for `vault`. */
  queued(_vault: string, count: number): void {
    this.#set({ pending: this.#status.pending + count });
  }

  /** Asks for a sync soon when automatic sync is on. */
  request(): void {
    if (this.#auto) this.#schedule(0);
  }

  startAuto(options: { intervalMs?: number } = {}): void {
    this.#auto = { intervalMs: options.intervalMs ?? 30_000 };
    this.#schedule(0);
  }

  stopAuto(): void {
    this.#auto = undefined;
    if (this.#timer !== undefined) this.#timers.clear(this.#timer);
    this.#timer = undefined;
    if (this.#status.nextAttemptAt !== null) this.#set({ nextAttemptAt: null });
  }

  #schedule(delayMs: number): void {
    if (!this.#auto) return;
    if (this.#timer !== undefined) this.#timers.clear(this.#timer);
    this.#timer = this.#timers.set(() => {
      this.#timer = undefined;
      void this.run().catch(() => undefined);
    }, delayMs);
  }

  /**
   * One sync: push then pull. Concurrent calls share the running attempt and one more run
   * follows it. Expected failures are in the report; bugs throw.
   */
  run(): Promise<SyncReport> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#attempt().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.request();
      }
    });
    return this.#running;
  }

  async #attempt(): Promise<SyncReport> {
    const context = this.#o.context();
    this.#set({ state: 'syncing', nextAttemptAt: null });
    let pushed = 0;
    let pulled = 0;
    const rejected: RejectedEnvelope[] = [];
    try {
      for (const vault of context.vaults.keys()) pushed += await this.#push(context, vault);
      for (const [vault, state] of context.vaults) pulled += await this.#pull(context, vault, state, rejected);
    } catch (error) {
      if (!(error instanceof CarekeyError)) throw error;
      this.#failures += 1;
      const delay =
        error.retryAfter !== undefined
          ? error.retryAfter * 1000
          : backoffDelay(this.#failures - 1, this.#o.baseDelayMs ?? 1000, this.#o.maxDelayMs ?? 300_000);
      const offline = error.code === 'offline';
      this.#set({
        state: offline ? 'offline' : 'error',
        lastError: error.code,
        rejected: rejected.length,
        nextAttemptAt: this.#auto ? this.#o.clock.now() + delay : null,
      });
      this.#schedule(delay);
      return { pushed, pulled, rejected, gaps: gapsOf(context), offline, error: offline ? null : error, pending: this.#status.pending };
    }
    this.#failures = 0;
    this.#set({ state: 'idle', lastSyncedAt: this.#o.clock.now(), lastError: null, rejected: rejected.length });
    if (this.#auto) this.#schedule(this.#auto.intervalMs);
    return { pushed, pulled, rejected, gaps: gapsOf(context), offline: false, error: null, pending: this.#status.pending };
  }

  async #push(context: SyncContext, vault: string): Promise<number> {
    const { storage, transport } = this.#o;
    const queue = await storage.list(keys.outbox(vault));
    let pushed = 0;
    let index = 0;
    while (index < queue.length) {
      const batch: Array<{ key: readonly string[]; hash: string; data: string }> = [];
      let chars = 0;
      while (index < queue.length && batch.length < MAX_BATCH_ENVELOPES) {
        const item = queue[index] as (typeof queue)[number];
        const { hash } = decodeJson(item.value) as { hash: string };
        const bytes = await storage.get(keys.envelope(vault, hash));
        if (!bytes) throw new Error(`outbox names an envelope that is not stored: ${hash}`);
        const data = toBase64Url(bytes);
        if (batch.length > 0 && chars + data.length > MAX_BATCH_CHARS) break;
        batch.push({ key: item.key, hash, data });
        chars += data.length;
        index += 1;
      }
      const { results } = await context.session.call((token) =>
        transport.appendEnvelopes(
          vault,
          batch.map((b) => b.data),
          token,
        ),
      );
      if (results.length !== batch.length || results.some((r, i) => r.hash !== batch[i]?.hash)) {
        throw new CarekeyError('relay-error', 'the relay acknowledged different envelopes than were sent');
      }
      await storage.write(batch.map((b) => ({ key: b.key, value: undefined })));
      pushed += batch.length;
      this.#set({ pending: Math.max(0, this.#status.pending - batch.length) });
    }
    return pushed;
  }

  async #pull(context: SyncContext, vault: string, state: VaultState, rejected: RejectedEnvelope[]): Promise<number> {
    const { storage, transport } = this.#o;
    const saved = await storage.get(keys.cursor(vault));
    let cursor = saved ? fromUtf8(saved) : '0';
    let pulled = 0;
    for (;;) {
      const page = await context.session.call((token) => transport.pullEnvelopes(vault, cursor, MAX_PULL_ENVELOPES, token));
      const writes: StorageWrite[] = [];
      const accepted: string[] = [];
      try {
        for (const item of page.envelopes) {
          try {
            const result = await this.#o.ingest(vault, fromBase64Url(item.data, 'envelope'));
            if (result) {
              writes.push(...result.writes);
              accepted.push(result.hash);
            }
          } catch (error) {
            if (error instanceof IntegrityError || error instanceof InvalidResourceError)
              rejected.push(toRejection(vault, null, item.seq, error));
            else throw error;
          }
        }
        writes.push({ key: keys.cursor(vault), value: utf8(page.cursor) });
        await storage.write(writes);
      } catch (error) {
        // Nothing of this page was saved: let the next pull process it again.
        for (const hash of accepted) state.forget(hash);
        throw error;
      }
      pulled += accepted.length;
      cursor = page.cursor;
      if (accepted.length > 0) this.#o.onChange();
      if (!page.more) return pulled;
    }
  }
}

function gapsOf(context: SyncContext): ChainGap[] {
  return [...context.vaults.values()].flatMap((state) => state.gaps().map((gap) => ({ ...gap })));
}
