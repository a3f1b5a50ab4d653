/**
 * The realtime channel in-process for tests: opens `GET /v1/vaults/:vault/events` with
 * `app.request()` and reads its server-sent events frame by frame.
 */
import type { TestRelay } from './test-app.ts';

/** One parsed SSE frame. */
export interface Frame {
  readonly event: string;
  readonly data: string;
}

/** An open event stream, read frame by frame (comments are kept apart). */
export interface EventStream {
  readonly status: number;
  readonly contentType: string | null;
  /** The next event frame; rejects when the stream ends first. */
  next(): Promise<Frame>;
  /** The heartbeat comments seen so far. */
  readonly comments: string[];
  /** Reads until a comment arrives; rejects when the stream ends first. */
  comment(): Promise<string>;
  /** Resolves when the relay ends the stream. */
  ended(): Promise<void>;
  close(): Promise<void>;
}

/** Opens `GET /v1/vaults/:vault/events` in-process; for an error reply, the reply's error code as `status`/`error`. */
export async function openStream(relay: Pick<TestRelay, 'app'>, vault: string, token?: string): Promise<EventStream & { error?: string }> {
  const controller = new AbortController();
  const res = await relay.app.request(`/v1/vaults/${vault}/events`, {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const contentType = res.headers.get('Content-Type');
  if (!res.ok) {
    const body = (await res.json()) as { error: { code: string } };
    const fail = () => Promise.reject(new Error('no stream'));
    return {
      status: res.status,
      contentType,
      error: body.error.code,
      next: fail,
      comment: fail,
      comments: [],
      ended: fail,
      close: async () => undefined,
    };
  }
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const comments: string[] = [];
  const frames: Frame[] = [];
  let buffer = '';
  let done = false;
  const pull = async (): Promise<void> => {
    const chunk = await reader.read();
    if (chunk.done) {
      done = true;
      return;
    }
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith(':')) comments.push(block);
      else {
        const fields = Object.fromEntries(
          block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
        );
        frames.push({ event: fields['event'] ?? '', data: fields['data'] ?? '' });
      }
    }
  };
  return {
    status: res.status,
    contentType,
    comments,
    async next() {
      while (frames.length === 0) {
        if (done) throw new Error('the stream ended');
        await pull();
      }
      return frames.shift()!;
    },
    async comment() {
      const seen = comments.length;
      while (comments.length === seen) {
        if (done) throw new Error('the stream ended');
        await pull();
      }
      return comments.at(-1)!;
    },
    async ended() {
      while (!done) await pull();
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}
