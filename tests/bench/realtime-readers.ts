/**
 * The subscribers of the realtime benchmark, in a worker thread of their own so reading 1,000
 * streams does not share an event loop with the relay: `count` streams of `url` over node:http
 * (one connection each), parsed with the client's SSE parser. Posts `{ ready }` once every
 * stream has said `ready`, then `{ arrivals }` (absolute times, ms) each time every stream has
 * received one more event.
 */
import { request, Agent } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { SseParser } from '@carekey/client';

const { url, token, count } = workerData as { url: string; token: string; count: number };
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
const now = () => performance.timeOrigin + performance.now();
let ready = 0;
let arrivals: number[] = [];

for (let i = 0; i < count; i += 1) {
  const parser = new SseParser();
  request(url, { agent, headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (text: string) => {
      for (const message of parser.push(text)) {
        if (message.event === 'ready') {
          ready += 1;
          if (ready === count) parentPort!.postMessage({ ready });
        } else {
          arrivals.push(now());
          if (arrivals.length === count) {
            parentPort!.postMessage({ arrivals });
            arrivals = [];
          }
        }
      }
    });
  })
    .on('error', () => undefined)
    .end();
}

parentPort!.on('message', (message: string) => {
  if (message === 'stop') {
    agent.destroy();
    process.exit(0);
  }
});
