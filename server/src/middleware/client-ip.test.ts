import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import type { RelayEnv } from '../context.ts';
import { NO_SOCKET, clientIp, perIpKey } from './client-ip.ts';

function appTrusting(trustProxy: boolean) {
  const app = new Hono<RelayEnv>();
  app.get('/ip', (c) => c.text(clientIp(c, trustProxy)));
  return app;
}

describe('clientIp', () => {
  test('without a socket, a fixed key', async () => {
    expect(await (await appTrusting(false).request('/ip')).text()).toBe(NO_SOCKET);
  });

  test('X-Forwarded-For is ignored unless the proxy is trusted', async () => {
    const headers = { 'X-Forwarded-For': '198.51.100.1' };
    expect(await (await appTrusting(false).request('/ip', { headers })).text()).toBe(NO_SOCKET);
    expect(await (await appTrusting(true).request('/ip', { headers })).text()).toBe('198.51.100.1');
  });

  test('behind a trusted proxy, the entry the proxy appended counts, not what the client forged', async () => {
    const headers = { 'X-Forwarded-For': '10.0.0.1, 203.0.113.7' };
    expect(await (await appTrusting(true).request('/ip', { headers })).text()).toBe('203.0.113.7');
  });

  test('uses the socket address when there is one', async () => {
    const app = appTrusting(false);
    const incoming = { socket: { remoteAddress: '192.0.2.9', remotePort: 5000, remoteFamily: 'IPv4' } };
    const res = await app.request('/ip', {}, { incoming });
    expect(await res.text()).toBe('192.0.2.9');
  });

  test('perIpKey keys rate limits by address', async () => {
    const app = new Hono<RelayEnv>();
    app.get('/key', (c) => c.text(perIpKey(true)(c)));
    expect(await (await app.request('/key', { headers: { 'X-Forwarded-For': '203.0.113.7' } })).text()).toBe('ip:203.0.113.7');
  });
});
