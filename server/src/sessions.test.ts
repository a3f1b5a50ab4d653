import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { SESSION_TTL_MS } from '@carekey/protocol';
import { ManualClock } from './clock.ts';
import { hashToken, issueSession } from './sessions.ts';
import { MemoryRelayStore } from './store/memory.ts';

test('a session token is random, and only its SHA-256 is stored', async () => {
  const store = new MemoryRelayStore();
  const clock = new ManualClock(1000);
  const one = await issueSession({ store, clock }, 'ACCOUNT', 'ab'.repeat(16));
  const two = await issueSession({ store, clock }, 'ACCOUNT', null);
  expect(one.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(one.token).not.toBe(two.token);
  expect(one.expiresAt).toBe(1000 + SESSION_TTL_MS);
  expect(hashToken(one.token)).toBe(createHash('sha256').update(one.token).digest('base64url'));
  expect(await store.getSession(one.token)).toBeUndefined();
  expect(await store.getSession(hashToken(one.token))).toEqual({
    tokenHash: hashToken(one.token),
    account: 'ACCOUNT',
    device: 'ab'.repeat(16),
    expiresAt: one.expiresAt,
  });
  expect((await store.getSession(hashToken(two.token)))?.device).toBeNull();
});
