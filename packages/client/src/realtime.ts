/**
 * The realtime channel, client side (DESIGN §4 "Carers and emergency access", §5): a stream of
 * server-sent events per record (`GET /v1/vaults/:vault/events`), read with a streaming fetch
 * through the transport (so the session token goes in a header, never in a URL), parsed here,
 * and reopened with backoff whenever it drops. An event holds no content, only what kind of
 * thing changed: the caller syncs, or reads the emergency requests, through the ordinary calls.
 *
 * Being offline is normal: the stream is simply reopened later, and every (re)opening is told as
 * `ready` — events may have been missed meanwhile, so the caller catches up then. A relay that
 * goes quiet for longer than a few heartbeats is taken as gone and the stream reopened. Only a
 * refusal that retrying cannot change (`forbidden`, `access-ended`, `not-found`, locked) ends it.
 */
import { randomInt } from '@carekey/crypto';
import { CarekeyError, REALTIME_HEARTBEAT_MS, api, type ErrorCode } from '@carekey/protocol';
import * as v from 'valibot';
import { backoffDelay, type Timers } from './sync.ts';

/** An event of the realtime channel (protocol `RealtimeEventSchema`). */
export type RealtimeEvent = api.RealtimeEvent;

/** One server-sent event as the stream framed it (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface SseMessage {
  /** The `event:` field, `message` when absent. */
  readonly event: string;
  /** The `data:` lines, joined with newlines. */
  readonly data: string;
}

/**
 * An incremental parser of `text/event-stream`, as the HTML standard describes it: lines end in
 * CRLF, LF or CR; a blank line dispatches; `:` starts a comment; one space after the colon is
 * dropped; `id` and `retry` are ignored (this channel does not resume by ID).
 *
 * @example
 * const parser = new SseParser();
 * parser.push('event: control\ndata: {"kind":"control","seq":4}\n'); // []
 * parser.push('\n'); // [{ event: 'control', data: '{"kind":"control","seq":4}' }]
 */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  /** A CR ended the last chunk: an LF starting the next belongs to it. */
  #skipLf = false;

  /** Feeds decoded text; returns the messages it completed. */
  push(text: string): SseMessage[] {
    let chunk = text;
    if (this.#skipLf && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.#skipLf = false;
    this.#buffer += chunk;
    const out: SseMessage[] = [];
    let start = 0;
    for (let i = 0; i < this.#buffer.length; i += 1) {
      const c = this.#buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = this.#buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 === this.#buffer.length) this.#skipLf = true;
        else if (this.#buffer[i + 1] === '\n') i += 1;
      }
      start = i + 1;
      const message = this.#line(line);
      if (message) out.push(message);
    }
    this.#buffer = this.#buffer.slice(start);
    return out;
  }

  #line(line: string): SseMessage | null {
    if (line === '') {
      const message = this.#data.length > 0 ? { event: this.#event || 'message', data: this.#data.join('\n') } : null;
      this.#event = '';
      this.#data = [];
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
    return null;
  }
}

/** The realtime event a message carries, or null for one this client does not know. */
export function realtimeEvent(message: SseMessage): RealtimeEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  const parsed = v.safeParse(api.RealtimeEventSchema, data);
  return parsed.success && parsed.output.kind === message.event ? parsed.output : null;
}

/** Where one record's stream stands. */
export type RealtimeState = 'connecting' | 'open' | 'waiting';

/** Refusals that retrying cannot change: the stream ends for good. */
const FINAL: ReadonlySet<ErrorCode> = new Set(['forbidden', 'access-ended', 'not-found', 'bad-request', 'not-unlocked', 'unknown-device']);

export interface WatchVaultOptions {
  /** Opens one stream (the session and transport are the caller's); aborting `signal` closes it. */
  readonly open: (signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>;
  readonly onEvent: (event: RealtimeEvent) => void;
  /** Ends the watch: the stream closes and no retry is made. */
  readonly signal: AbortSignal;
  readonly onState?: (state: RealtimeState) => void;
  readonly timers?: Timers;
  /** First retry delay (default 1 s), doubled per failure up to `maxDelayMs` (default 1 min). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Random integer in [0, bound), for the retry jitter (default: libsodium's). */
  readonly jitter?: (bound: number) => number;
  /** Silence after which the relay is taken as gone (default: two and a half heartbeats). */
  readonly stallMs?: number;
}

const defaultTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Watches one record's realtime channel until `signal` aborts (resolves) or the relay refuses
 * for good (rejects with that CarekeyError). Every (re)opening delivers `ready` first.
 *
 * @example
 * const stop = new AbortController();
 * void watchVault({ open: (signal) => transport.openEvents(vault, token, signal), onEvent: console.log, signal: stop.signal });
 */
export async function watchVault(options: WatchVaultOptions): Promise<void> {
  const timers = options.timers ?? defaultTimers;
  const base = options.baseDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 60_000;
  const stallMs = options.stallMs ?? REALTIME_HEARTBEAT_MS * 2.5;
  const { signal } = options;
  let failures = 0;
  while (!signal.aborted) {
    options.onState?.('connecting');
    let wait: number | undefined;
    try {
      const opened = await readStream(options, timers, stallMs);
      if (opened) failures = 0;
    } catch (error) {
      if (signal.aborted) break;
      if (!(error instanceof CarekeyError)) throw error;
      if (FINAL.has(error.code)) throw error;
      if (error.code === 'rate-limited' && error.retryAfter !== undefined) wait = error.retryAfter * 1000;
    }
    if (signal.aborted) break;
    options.onState?.('waiting');
    const delay = Math.max(wait ?? 0, backoffDelay(failures, base, max, options.jitter ?? randomInt));
    failures += 1;
    await sleep(delay, signal, timers);
  }
}

/** Opens the stream once and reads it to its end. True when it opened (the relay said `ready`). */
async function readStream(options: WatchVaultOptions, timers: Timers, stallMs: number): Promise<boolean> {
  const connection = new AbortController();
  const stop = () => connection.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  let stall: unknown;
  const restartStall = () => {
    timers.clear(stall);
    stall = timers.set(() => connection.abort(), stallMs);
  };
  let ready = false;
  try {
    const body = await options.open(connection.signal);
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    const cancel = () => void reader.cancel().catch(() => undefined);
    connection.signal.addEventListener('abort', cancel, { once: true });
    restartStall();
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        // The connection broke (or was cancelled): read as offline, and reopened.
        if (connection.signal.aborted) return ready;
        throw new CarekeyError('offline', 'the realtime stream broke', { cause });
      }
      if (chunk.done) return ready;
      restartStall();
      for (const message of parser.push(decoder.decode(chunk.value, { stream: true }))) {
        const event = realtimeEvent(message);
        if (!event) continue;
        if (event.kind === 'ready') {
          ready = true;
          options.onState?.('open');
        }
        options.onEvent(event);
      }
    }
  } finally {
    timers.clear(stall);
    options.signal.removeEventListener('abort', stop);
    connection.abort();
  }
}

function sleep(ms: number, signal: AbortSignal, timers: Timers): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      timers.clear(handle);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const handle = timers.set(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
