import { expect, test } from 'vitest';
import { testRelay } from '../test-app.ts';

test("GET /healthz answers ok, the version and the relay's time", async () => {
  const relay = testRelay();
  relay.clock.set(Date.UTC(2026, 5, 1));
  const res = await relay.app.request('/healthz');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true, version: relay.config.version, time: Date.UTC(2026, 5, 1) });
  expect(res.headers.get('Cache-Control')).toBe('no-store');
});
