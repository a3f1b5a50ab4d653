import { expect, test } from 'vitest';
import { listen } from './listen.ts';

test('listens on a free port and closes gracefully, letting a request in flight finish', async () => {
  let arrived: () => void = () => undefined;
  const slowArrived = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = await listen(
    async (request) => {
      if (new URL(request.url).pathname === '/slow') {
        arrived();
        await gate;
      }
      return new Response('done');
    },
    '127.0.0.1',
    0,
  );
  expect(server.port).toBeGreaterThan(0);
  const url = `http://127.0.0.1:${server.port}`;
  expect(await (await fetch(`${url}/fast`)).text()).toBe('done');
  const slow = fetch(`${url}/slow`);
  await slowArrived;
  const closed = server.close();
  release();
  expect(await (await slow).text()).toBe('done');
  await closed;
  await expect(fetch(`${url}/fast`)).rejects.toThrow();
});

test('a port in use is an error', async () => {
  const first = await listen(() => new Response('a'), '127.0.0.1', 0);
  await expect(listen(() => new Response('b'), '127.0.0.1', first.port)).rejects.toThrow(/EADDRINUSE/);
  await first.close();
});
