/**
 * The sync engine: pushes the outbox (envelopes written on this device, in writing order, in
 * batches the relay accepts atomically and idempotently), then pulls every vault from its
 * cursor. Offline is a normal state: the outbox stays on the device and the engine retries with
 * exponential backoff and jitter.
 */
import { FormatError, IntegrityError, envelopeHash, fromBase64Url, fromUtf8, randomInt, toBase64Url, utf8 } from '@carekey/crypto';
import { CarekeyError, MAX_BATCH_ENVELOPES, MAX_PULL_ENVELOPES, MAX_REQUEST_BYTES, type ErrorCode, type api } from '@carekey/protocol';
import { InvalidResourceError } from '@carekey/record';
import type * as v from 'valibot';
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

type PullResponse = v.InferOutput<typeof api.PullResponse>;

export interface SyncReport {
  readonly pushed: number;
  /** Entries this device wrote that the relay refuses for good: set aside, kept, reported. */
  readonly stuck: number;
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
  /** Runs before each sync's push (e.g. publishing this device after a restore). */
  readonly beforeSync?: () => Promise<void>;
  /**
   * Before a record's outbox is sent: seals again what was sealed under an epoch the record has
   * since left (a revocation made on another device). True when the outbox changed.
   */
  readonly resealStale?: (vault: string) => Promise<boolean>;
  /** Runs after each sync's pull, when it went through (e.g. confirming what others wrote). */
  readonly afterSync?: () => Promise<void>;
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
export const MAX_BATCH_CHARS = Math.floor(MAX_REQUEST_BYTES * 0.9);

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
    const progress = { pushed: 0, pulled: 0, stuck: 0 };
    const rejected: RejectedEnvelope[] = [];
    const report = (offline: boolean, error: CarekeyError | null): SyncReport => ({
      ...progress,
      rejected,
      gaps: gapsOf(context),
      offline,
      error,
      pending: this.#status.pending,
    });
    try {
      await this.#o.beforeSync?.();
      for (const vault of context.vaults.keys()) await this.#push(context, vault, progress);
      for (const [vault, state] of context.vaults) progress.pulled += await this.#pull(context, vault, state, rejected);
      await this.#o.afterSync?.();
    } catch (error) {
      // Whatever went wrong, automatic sync keeps going: expected failures by their code, and
      // anything else (a bug) as `internal`, rethrown to the caller after rescheduling.
      const expected = error instanceof CarekeyError ? error : new CarekeyError('internal', 'sync failed unexpectedly', { cause: error });
      this.#failures += 1;
      const delay =
        expected.retryAfter !== undefined
          ? expected.retryAfter * 1000
          : backoffDelay(this.#failures - 1, this.#o.baseDelayMs ?? 1000, this.#o.maxDelayMs ?? 300_000);
      const offline = expected.code === 'offline';
      this.#set({
        state: offline ? 'offline' : 'error',
        lastError: expected.code,
        rejected: rejected.length,
        nextAttemptAt: this.#auto ? this.#o.clock.now() + delay : null,
      });
      this.#schedule(delay);
      if (!(error instanceof CarekeyError)) throw error;
      return report(offline, offline ? null : expected);
    }
    this.#failures = 0;
    this.#set({ state: 'idle', lastSyncedAt: this.#o.clock.now(), lastError: null, rejected: rejected.length });
    if (this.#auto) this.#schedule(this.#auto.intervalMs);
    return report(false, null);
  }

  /**
   * Sends the outbox in writing order. A batch the relay refuses for good (a malformed envelope,
   * a date it will never accept) is split to find the envelope at fault, which is set aside as
   * "stuck" — kept on the device and reported — so it cannot hold back everything after it.
   */
  async #push(context: SyncContext, vault: string, progress: { pushed: number; stuck: number }): Promise<void> {
    const { storage } = this.#o;
    await this.#o.resealStale?.(vault);
    const queue = await storage.list(keys.outbox(vault));
    let index = 0;
    while (index < queue.length) {
      const batch: OutboxItem[] = [];
      let chars = 0;
      while (index < queue.length && batch.length < MAX_BATCH_ENVELOPES) {
        const item = queue[index] as (typeof queue)[number];
        const { hash } = decodeJson(item.value) as { hash: string };
        const bytes = await storage.get(keys.envelope(vault, hash));
        if (!bytes) throw new Error(`outbox names an envelope that is not stored: ${hash}`);
        const data = toBase64Url(bytes);
        if (batch.length > 0 && chars + data.length > MAX_BATCH_CHARS) break;
        batch.push({ key: item.key, hash, data, value: item.value });
        chars += data.length;
        index += 1;
      }
      await this.#send(context, vault, batch, progress);
    }
  }

  async #send(
    context: SyncContext,
    vault: string,
    batch: readonly OutboxItem[],
    progress: { pushed: number; stuck: number },
  ): Promise<void> {
    const { storage, transport } = this.#o;
    try {
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
    } catch (error) {
      if (!(error instanceof CarekeyError) || !REFUSED_FOR_GOOD.has(error.code)) throw error;
      if (batch.length > 1) {
        const middle = Math.ceil(batch.length / 2);
        await this.#send(context, vault, batch.slice(0, middle), progress);
        await this.#send(context, vault, batch.slice(middle), progress);
        return;
      }
      const [only] = batch as [OutboxItem];
      const stamp = only.key[2] ?? only.hash;
      await storage.write([
        { key: only.key, value: undefined },
        { key: keys.stuckItem(vault, stamp), value: utf8(JSON.stringify({ hash: only.hash, code: error.code, message: error.message })) },
      ]);
      progress.stuck += 1;
      this.#set({ pending: Math.max(0, this.#status.pending - 1) });
      return;
    }
    await storage.write(batch.map((b) => ({ key: b.key, value: undefined })));
    progress.pushed += batch.length;
    this.#set({ pending: Math.max(0, this.#status.pending - batch.length) });
  }

  /**
   * Pulls a vault from its cursor. The relay's paging is checked (sequence numbers strictly
   * rising past the cursor, the cursor at the last one) before anything is saved, so a relay
   * cannot make this device skip envelopes or loop. Envelopes that fail verification are kept
   * with their reason; those that may verify later (a device or key that had not arrived) are
   * tried again at every sync.
   */
  async #pull(context: SyncContext, vault: string, state: VaultState, rejected: RejectedEnvelope[]): Promise<number> {
    const { storage, transport } = this.#o;
    let pulled = await this.#retryRejected(vault, state);
    const saved = await storage.get(keys.cursor(vault));
    let cursor = saved ? Number(fromUtf8(saved)) : 0;
    for (;;) {
      const page = await context.session.call((token) => transport.pullEnvelopes(vault, String(cursor), MAX_PULL_ENVELOPES, token));
      checkPage(cursor, page);
      const writes: StorageWrite[] = [];
      const accepted: string[] = [];
      try {
        for (const item of page.envelopes) {
          let bytes: Uint8Array | undefined;
          try {
            bytes = fromBase64Url(item.data, 'envelope');
            const result = await this.#o.ingest(vault, bytes);
            if (result) {
              writes.push(...result.writes);
              accepted.push(result.hash);
            }
          } catch (error) {
            const rejection = asRejection(vault, item.seq, error);
            if (!rejection) throw error;
            rejected.push(rejection);
            if (bytes)
              writes.push({ key: keys.rejectedItem(vault, rejectionKey(bytes, item.seq)), value: encodeRejected(bytes, rejection) });
          }
        }
        const last = page.envelopes.at(-1);
        writes.push({ key: keys.cursor(vault), value: utf8(String(last ? last.seq : cursor)) });
        await storage.write(writes);
      } catch (error) {
        // Nothing of this page was saved: let the next pull process it again.
        for (const hash of accepted) state.forget(hash);
        throw error;
      }
      pulled += accepted.length;
      cursor = page.envelopes.at(-1)?.seq ?? cursor;
      if (accepted.length > 0) this.#o.onChange();
      if (!page.more) return pulled;
    }
  }

  /** Tries again the kept envelopes whose failure may have been only "not yet". */
  async #retryRejected(vault: string, state: VaultState): Promise<number> {
    const { storage } = this.#o;
    let accepted = 0;
    for (const record of await storage.list(keys.rejected(vault))) {
      const kept = decodeRejected(record.value);
      if (!RETRY_REASONS.has(kept.reason)) continue;
      let result: { hash: string; writes: StorageWrite[] } | null = null;
      try {
        result = await this.#o.ingest(vault, kept.bytes);
        await storage.write([...(result?.writes ?? []), { key: record.key, value: undefined }]);
        if (result) accepted += 1;
      } catch (error) {
        // Nothing unsaved stays in memory: what ingest recorded (for a re-encryption envelope,
        // the original it carries) is forgotten, so the next pull processes it afresh.
        if (result) state.forget(result.hash);
        else if (error instanceof CarekeyError) state.forget(toBase64Url(envelopeHash(kept.bytes)));
        if (error instanceof CarekeyError || !asRejection(vault, null, error)) throw error;
      }
    }
    if (accepted > 0) this.#o.onChange();
    return accepted;
  }
}

interface OutboxItem {
  readonly key: readonly string[];
  readonly hash: string;
  readonly data: string;
  readonly value: Uint8Array;
}

/** Relay refusals that sending again will not change. */
const REFUSED_FOR_GOOD: ReadonlySet<string> = new Set(['bad-request', 'integrity', 'envelope-too-large']);

/** Reasons an envelope may verify later, once a device statement or a key has arrived. */
const RETRY_REASONS: ReadonlySet<string> = new Set(['certificate', 'decrypt', 'context-mismatch']);

/** A relay's pull page must move strictly forward from the cursor and say where it ends. */
function checkPage(after: number, page: PullResponse): void {
  let previous = after;
  for (const item of page.envelopes) {
    if (item.seq <= previous) throw new CarekeyError('relay-error', 'the relay served envelopes out of order or from before the cursor');
    previous = item.seq;
  }
  if (Number(page.cursor) !== previous) throw new CarekeyError('relay-error', 'the relay moved the cursor somewhere it did not serve');
  if (page.more && page.envelopes.length === 0) throw new CarekeyError('relay-error', 'the relay said there is more but served nothing');
}

function asRejection(vault: string, seq: number | null, error: unknown): RejectedEnvelope | null {
  if (error instanceof FormatError) return { vault, hash: null, seq, reason: 'malformed', message: error.message };
  if (error instanceof IntegrityError || error instanceof InvalidResourceError) return toRejection(vault, null, seq, error);
  return null;
}

function rejectionKey(bytes: Uint8Array, seq: number): string {
  try {
    return toBase64Url(envelopeHash(bytes));
  } catch {
    return `seq-${seq}`;
  }
}

function encodeRejected(bytes: Uint8Array, rejection: RejectedEnvelope): Uint8Array {
  return utf8(JSON.stringify({ reason: rejection.reason, message: rejection.message, seq: rejection.seq, data: toBase64Url(bytes) }));
}

/** A kept rejection as stored: why, where, and the envelope's bytes. */
export function decodeRejected(value: Uint8Array): { reason: string; message: string; seq: number | null; bytes: Uint8Array } {
  const raw = decodeJson(value) as { reason: string; message: string; seq: number | null; data: string };
  return { reason: raw.reason, message: raw.message, seq: raw.seq, bytes: fromBase64Url(raw.data, 'envelope') };
}

function gapsOf(context: SyncContext): ChainGap[] {
  return [...context.vaults.values()].flatMap((state) => state.gaps().map((gap) => ({ ...gap })));
}
