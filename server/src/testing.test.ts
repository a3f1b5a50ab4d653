import { expect, test } from 'vitest';
import { ManualClock } from './clock.ts';
import { startRelay } from './testing.ts';

test('startRelay serves the real app on an ephemeral port, with the given clock, until closed', async () => {
  const clock = new ManualClock(Date.UTC(2030, 0, 1));
  const relay = await startRelay({ clock });
  expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(relay.config.publicOrigin).toBe(relay.url);
  const res = await fetch(`${relay.url}/healthz`);
  expect(await res.json()).toMatchObject({ ok: true, time: Date.UTC(2030, 0, 1) });
  await relay.close();
  await expect(fetch(`${relay.url}/healthz`)).rejects.toThrow();
});
