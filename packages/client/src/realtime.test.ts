/**
 * The realtime channel's client side: the SSE parser as the HTML standard frames events, and
 * the watch — `ready` on every (re)opening, backoff with injected jitter while the relay cannot
 * be reached, a reopening when the relay goes quiet, and an end on a refusal retrying cannot
 * change or on abort.
 */
import { describe, expect, test } from 'vitest';
import { CarekeyError } from '@carekey/protocol';
import { SseParser, realtimeEvent, watchVault, type RealtimeEvent } from './realtime.ts';
import type { Timers } from './sync.ts';

describe('SseParser', () => {
  test('frames events across chunk boundaries, with every line ending, comments and multi-line data', () => {
    const parser = new SseParser();
    const text =
      'event: control\r\ndata: {"kind":"control",\r\ndata:"seq":4}\r\n\r\n: heartbeat\n\nevent: ready\rdata: {"kind":"ready"}\r\r';
    const messages = [];
    for (const char of text) messages.push(...parser.push(char));
    expect(messages).toEqual([
      { event: 'control', data: '{"kind":"control",\n"seq":4}' },
      { event: 'ready', data: '{"kind":"ready"}' },
    ]);
    expect(realtimeEvent(messages[0]!)).toEqual({ kind: 'control', seq: 4 });
  });

  test('a message without data dispatches nothing; unknown fields are ignored; no event name is "message"', () => {
    const parser = new SseParser();
    expect(parser.push('event: envelopes\n\nid: 7\nretry: 10\nfoo\ndata\n\n')).toEqual([{ event: 'message', data: '' }]);
  });

  test('events this client does not know, or whose name and kind differ, are skipped', () => {
    expect(realtimeEvent({ event: 'envelopes', data: '{"kind":"envelopes","cursor":"12"}' })).toEqual({ kind: 'envelopes', cursor: '12' });
    expect(realtimeEvent({ event: 'control', data: '{"kind":"envelopes","cursor":"12"}' })).toBeNull();
    expect(realtimeEvent({ event: 'weather', data: '{"kind":"weather"}' })).toBeNull();
    expect(realtimeEvent({ event: 'control', data: 'not json' })).toBeNull();
  });
});

/** Timers run by hand: what was set, and for how long. */
class HandTimers implements Timers {
  readonly pending = new Map<number, { run: () => void; ms: number }>();
  #next = 0;
  set(run: () => void, ms: number): unknown {
    this.#next += 1;
    this.pending.set(this.#next, { run, ms });
    return this.#next;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Runs the timer set for `ms` (there must be exactly one). */
  fire(ms: number): void {
    const found = [...this.pending].filter(([, t]) => t.ms === ms);
    expect(found).toHaveLength(1);
    this.pending.delete(found[0]![0]);
    found[0]![1].run();
  }
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }
}

/** A stream the test writes SSE text into and ends. */
function sseStream(): { stream: ReadableStream<Uint8Array>; write(text: string): void; end(): void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
  return { stream, write: (text) => controller.enqueue(new TextEncoder().encode(text)), end: () => controller.close() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('watchVault', () => {
  test('reopens with backoff while offline, says ready on every opening, and stops on abort', async () => {
    const timers = new HandTimers();
    const stop = new AbortController();
    const events: RealtimeEvent[] = [];
    const states: string[] = [];
    const streams: Array<ReturnType<typeof sseStream>> = [];
    let opens = 0;
    const watching = watchVault({
      open: async () => {
        opens += 1;
        if (opens <= 2) throw new CarekeyError('offline', 'no network');
        const s = sseStream();
        streams.push(s);
        return s.stream;
      },
      onEvent: (e) => events.push(e),
      onState: (s) => states.push(s),
      signal: stop.signal,
      timers,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      jitter: (bound) => bound - 1, // the top of the jitter range, every time
      stallMs: 60_000,
    });
    await tick();
    expect(timers.delays()).toEqual([999]); // attempt 0: half of 1 s plus jitter
    timers.fire(999);
    await tick();
    expect(timers.delays()).toEqual([1999]); // attempt 1: half of 2 s plus jitter
    timers.fire(1999);
    await tick();
    streams[0]!.write('event: ready\ndata: {"kind":"ready"}\n\n: heartbeat\n\nevent: emergency\ndata: {"kind":"emergency"}\n\n');
    await tick();
    expect(events).toEqual([{ kind: 'ready' }, { kind: 'emergency' }]);
    // The relay ends the stream: it is reopened after the first delay again, since it had opened.
    streams[0]!.end();
    await tick();
    expect(timers.delays()).toEqual([999]);
    timers.fire(999);
    await tick();
    streams[1]!.write('event: ready\ndata: {"kind":"ready"}\n\n');
    await tick();
    expect(events.at(-1)).toEqual({ kind: 'ready' });
    stop.abort();
    await watching;
    expect(states).toEqual(['connecting', 'waiting', 'connecting', 'waiting', 'connecting', 'open', 'waiting', 'connecting', 'open']);
    expect(opens).toBe(4);
  });

  test('a relay that goes quiet is taken as gone, and the stream reopened', async () => {
    const timers = new HandTimers();
    const stop = new AbortController();
    const signals: AbortSignal[] = [];
    const watching = watchVault({
      open: async (signal) => {
        signals.push(signal);
        const s = sseStream();
        s.write('event: ready\ndata: {"kind":"ready"}\n\n');
        return s.stream;
      },
      onEvent: () => undefined,
      signal: stop.signal,
      timers,
      jitter: () => 0,
      stallMs: 62_500,
    });
    await tick();
    timers.fire(62_500);
    await tick();
    expect(signals[0]!.aborted).toBe(true);
    expect(timers.delays()).toEqual([500]);
    timers.fire(500);
    await tick();
    expect(signals).toHaveLength(2);
    stop.abort();
    await watching;
    expect(signals[1]!.aborted).toBe(true);
  });

  test('a refusal retrying cannot change ends the watch; rate-limited waits as long as the relay asks', async () => {
    const timers = new HandTimers();
    const refused = watchVault({
      open: () => Promise.reject(new CarekeyError('access-ended', 'revoked')),
      onEvent: () => undefined,
      signal: new AbortController().signal,
      timers,
    });
    await expect(refused).rejects.toMatchObject({ code: 'access-ended' });

    const stop = new AbortController();
    const limited = watchVault({
      open: () => Promise.reject(new CarekeyError('rate-limited', 'too many', { retryAfter: 25 })),
      onEvent: () => undefined,
      signal: stop.signal,
      timers,
      jitter: () => 0,
    });
    await tick();
    expect(timers.delays()).toEqual([25_000]);
    stop.abort();
    await limited;
    expect(timers.delays()).toEqual([]);
  });
});
