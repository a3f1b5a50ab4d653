/**
 * Realtime figure (DESIGN §8 "realtime: 1,000 subscribers, one push — p99 delivery ≤ 100 ms"):
 * 1,000 streams of the patient's record open on the real relay over HTTP, read in a worker thread
 * (`realtime-readers.ts`: node:http, the client's SSE parser); the patient's device pushes one new
 * entry and each subscriber notes when its `envelopes` event arrived. Delivery is timed from the
 * moment the push (the append request) starts, so it includes the relay verifying and storing
 * the envelope. Five pushes; the percentiles are over all 5,000 deliveries.
 *
 * Beside it, in the same run: a bare node:http server writing one SSE frame to 1,000 streams
 * read the same way — the floor of fan-out on this machine, which also runs the readers.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { CarekeyClient, MemoryStorage, type FetchLike } from '@carekey/client';
import { startRelay } from '@carekey/server/testing';
import type { Figure } from './harness.ts';

const SUBSCRIBERS = 1000;
const PUSHES = 5;

const now = () => performance.timeOrigin + performance.now();

/** The value at percentile `p` (0–100) of `values`. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** 1,000 readers of `url` in a worker: wait for all to be open, then time pushes. */
async function withReaders(url: string, token: string, pushes: (delivered: () => Promise<number[]>) => Promise<void>): Promise<void> {
  const worker = new Worker(new URL('./realtime-readers.ts', import.meta.url), { workerData: { url, token, count: SUBSCRIBERS } });
  const queue: Array<(arrivals: number[]) => void> = [];
  let opened!: () => void;
  const allOpen = new Promise<void>((resolve) => (opened = resolve));
  worker.on('message', (message: { ready?: number; arrivals?: number[] }) => {
    if (message.ready !== undefined) opened();
    if (message.arrivals) queue.shift()?.(message.arrivals);
  });
  try {
    await allOpen;
    await pushes(() => new Promise((resolve) => queue.push(resolve)));
  } finally {
    worker.postMessage('stop');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

async function relayLatencies(): Promise<number[]> {
  const relay = await startRelay({ store: 'memory', realtime: { maxStreamsPerAccount: SUBSCRIBERS + 10 } });
  try {
    // The readers use this device's session token, read off the client's own requests.
    let token = '';
    const fetchWatching: FetchLike = (input, init) => {
      const auth = new Headers(init.headers).get('authorization');
      if (auth) token = auth.slice('Bearer '.length);
      return fetch(input, init);
    };
    const client = await CarekeyClient.open({ storage: new MemoryStorage(), relay: relay.url, fetch: fetchWatching });
    await client.signUp({ name: 'Bench Realtime', passphrase: 'benchmark passphrase for realtime' });
    await client.sync();
    const vault = client.vaults[0]!.vault;
    const latencies: number[] = [];
    await withReaders(`${relay.url}/v1/vaults/${vault}/events`, token, async (delivered) => {
      for (let push = 0; push < PUSHES; push += 1) {
        await client.addEntry({ resourceType: 'Observation', status: 'final', code: { text: `Reading ${push}` } });
        const arrived = delivered();
        const start = now();
        await client.sync();
        latencies.push(...(await arrived).map((t) => t - start));
        await settle();
      }
    });
    await client.close();
    return latencies;
  } finally {
    await relay.close();
  }
}

async function bareLatencies(): Promise<number[]> {
  const streams = new Set<ServerResponse>();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    res.write('event: ready\ndata: {"kind":"ready"}\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const latencies: number[] = [];
  try {
    await withReaders(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, 'none', async (delivered) => {
      for (let push = 0; push < PUSHES; push += 1) {
        const arrived = delivered();
        const start = now();
        for (const res of streams) res.write(`event: envelopes\ndata: {"kind":"envelopes","cursor":"${push + 1}"}\n\n`);
        latencies.push(...(await arrived).map((t) => t - start));
        await settle();
      }
    });
    return latencies;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export async function realtimeFigures(): Promise<Figure[]> {
  const bare = await bareLatencies();
  const ours = await relayLatencies();
  const p99 = percentile(ours, 99);
  return [
    {
      name: 'realtime: 1,000 subscribers, one push — p99 delivery',
      value: p99,
      unit: 'ms',
      target: '≤ 100 ms',
      pass: p99 <= 100,
      note:
        `from the start of the append request to each subscriber's parsed event, ${PUSHES} pushes: ` +
        `p50 ${percentile(ours, 50).toFixed(1)} ms, max ${Math.max(...ours).toFixed(1)} ms; ` +
        `${(p99 / percentile(bare, 99)).toFixed(2)}× the bare server's p99 in the same run`,
    },
    {
      name: 'realtime: bare node:http SSE, 1,000 streams — p99 delivery',
      value: percentile(bare, 99),
      unit: 'ms',
      note: `the floor in this run: one frame written to 1,000 streams, read the same way (p50 ${percentile(bare, 50).toFixed(1)} ms)`,
    },
  ];
}

// `node tests/bench/realtime.ts` measures this figure alone.
if (import.meta.main) {
  const { report } = await import('./harness.ts');
  const { ready } = await import('@carekey/crypto');
  await ready();
  report(await realtimeFigures());
}
