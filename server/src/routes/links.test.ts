import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { linkAuthHash, ready, toHex } from '@carekey/crypto';
import { MAX_LINK_LIFETIME_MS } from '@carekey/protocol';
import { TestPatient } from '../test-actors.ts';
import { call, register, signIn, testConfig, testRelay } from '../test-app.ts';

await ready();

const DAY = 24 * 60 * 60 * 1000;

async function patientWithToken() {
  const relay = testRelay();
  const patient = TestPatient.create();
  const token = await register(relay, patient);
  return { relay, patient, token };
}

function newLink(now: number, options: { p?: Uint8Array; maxTries?: number } = {}) {
  return {
    link: randomBytes(16).toString('hex'),
    payload: randomBytes(300).toString('base64url'),
    expiresAt: now + 7 * DAY,
    ...(options.p ? { authHash: toHex(linkAuthHash(options.p)) } : {}),
    ...(options.maxTries ? { maxTries: options.maxTries } : {}),
  };
}

describe('share links', () => {
  test('a link without a passcode opens with no session and gives back the sealed payload; each open is listed', async () => {
    const { relay, token } = await patientWithToken();
    const link = newLink(relay.clock.now());
    const created = await call(relay.app, 'POST', '/v1/links', { token, body: link });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ link: link.link, expiresAt: link.expiresAt });
    const opened = await call(relay.app, 'POST', `/v1/links/${link.link}/open`, { body: {} });
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({ link: link.link, payload: link.payload, expiresAt: link.expiresAt });
    relay.clock.advance(60_000);
    await call(relay.app, 'POST', `/v1/links/${link.link}/open`, { body: {} });
    const listed = await call(relay.app, 'GET', '/v1/links', { token });
    expect(listed.body['links']).toEqual([
      {
        link: link.link,
        created: relay.clock.now() - 60_000,
        expiresAt: link.expiresAt,
        passcode: false,
        maxTries: 5,
        failedTries: 0,
        revokedAt: null,
        state: 'active',
        opens: [{ at: relay.clock.now() - 60_000 }, { at: relay.clock.now() }],
      },
    ]);
  });

  test('a passcode link: no passcode costs no try; wrong ones say the tries left; after the limit the right one is refused too', async () => {
    const { relay, token } = await patientWithToken();
    const p = randomBytes(32);
    const link = newLink(relay.clock.now(), { p, maxTries: 5 });
    expect((await call(relay.app, 'POST', '/v1/links', { token, body: link })).status).toBe(201);
    const open = (auth?: Uint8Array) => call(relay.app, 'POST', `/v1/links/${link.link}/open`, { body: auth ? { auth: toHex(auth) } : {} });

    const bare = await open();
    expect(bare.status).toBe(401);
    expect(bare.body.error?.code).toBe('passcode-required');
    expect((await open(p)).body['payload']).toBe(link.payload);

    for (let left = 4; left >= 0; left -= 1) {
      const wrong = await open(randomBytes(32));
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toMatchObject({ code: 'wrong-passcode', triesLeft: left });
    }
    const dead = await open(p);
    expect(dead.status).toBe(410);
    expect(dead.body.error?.code).toBe('link-revoked');
    const listed = (await call(relay.app, 'GET', '/v1/links', { token })).body['links'] as Array<Record<string, unknown>>;
    expect(listed[0]).toMatchObject({ state: 'locked', failedTries: 5, passcode: true });
    expect((listed[0]?.['opens'] as unknown[]).length).toBe(1);
  });

  test('the relay keeps the hash of p, never p', async () => {
    const { relay, token } = await patientWithToken();
    const p = randomBytes(32);
    const link = newLink(relay.clock.now(), { p });
    await call(relay.app, 'POST', '/v1/links', { token, body: link });
    await call(relay.app, 'POST', `/v1/links/${link.link}/open`, { body: { auth: toHex(p) } });
    const stored = await relay.store.getShareLink(link.link);
    expect(stored?.authHash).toBe(toHex(linkAuthHash(p)));
    expect(JSON.stringify(stored)).not.toContain(toHex(p));
  });

  test('expiry follows the relay clock: at expiresAt the link is expired (410) and that try is not logged', async () => {
    const { relay, token } = await patientWithToken();
    const link = newLink(relay.clock.now());
    await call(relay.app, 'POST', '/v1/links', { token, body: link });
    relay.clock.set(link.expiresAt);
    const reply = await call(relay.app, 'POST', `/v1/links/${link.link}/open`, { body: {} });
    expect(reply.status).toBe(410);
    expect(reply.body.error?.code).toBe('link-expired');
    expect((await relay.store.getShareLink(link.link))?.opens).toEqual([]);
    relay.clock.set(link.expiresAt - 1);
    expect((await call(relay.app, 'POST', `/v1/links/${link.link}/open`, { body: {} })).status).toBe(200);
  });

  test('only the owner revokes; a revoked link answers link-revoked', async () => {
    const { relay, token } = await patientWithToken();
    const other = TestPatient.create();
    const otherToken = await register(relay, other);
    const link = newLink(relay.clock.now());
    await call(relay.app, 'POST', '/v1/links', { token, body: link });
    const theirs = await call(relay.app, 'POST', `/v1/links/${link.link}/revoke`, { token: otherToken });
    expect(theirs.body.error?.code).toBe('not-found');
    expect((await call(relay.app, 'GET', '/v1/links', { token: otherToken })).body['links']).toEqual([]);
    expect((await call(relay.app, 'POST', `/v1/links/${link.link}/revoke`, { token })).body).toEqual({ ok: true });
    const reply = await call(relay.app, 'POST', `/v1/links/${link.link}/open`, { body: {} });
    expect(reply.status).toBe(410);
    expect(reply.body.error?.code).toBe('link-revoked');
  });

  test('refused: no session, an auth-key session, an expiry in the past or over a year ahead, a link ID used twice, an unknown link', async () => {
    const { relay, patient, token } = await patientWithToken();
    const now = relay.clock.now();
    expect((await call(relay.app, 'POST', '/v1/links', { body: newLink(now) })).body.error?.code).toBe('unauthorized');
    const authToken = await signIn(relay, patient, 'auth');
    expect((await call(relay.app, 'POST', '/v1/links', { token: authToken, body: newLink(now) })).body.error?.code).toBe('forbidden');
    const past = { ...newLink(now), expiresAt: now };
    expect((await call(relay.app, 'POST', '/v1/links', { token, body: past })).body.error?.code).toBe('bad-request');
    const far = { ...newLink(now), expiresAt: now + MAX_LINK_LIFETIME_MS + 1 };
    expect((await call(relay.app, 'POST', '/v1/links', { token, body: far })).body.error?.code).toBe('bad-request');
    const tooManyTries = { ...newLink(now), maxTries: 11 };
    expect((await call(relay.app, 'POST', '/v1/links', { token, body: tooManyTries })).body.error?.code).toBe('bad-request');
    const link = newLink(now);
    await call(relay.app, 'POST', '/v1/links', { token, body: link });
    expect((await call(relay.app, 'POST', '/v1/links', { token, body: link })).body.error?.code).toBe('conflict');
    const unknown = await call(relay.app, 'POST', `/v1/links/${randomBytes(16).toString('hex')}/open`, { body: {} });
    expect(unknown.status).toBe(404);
    expect((await call(relay.app, 'POST', '/v1/links/not-hex/open', { body: {} })).body.error?.code).toBe('bad-request');
  });

  test('opening is rate-limited per IP and per link: 429 with Retry-After, then fine after the window', async () => {
    const relay = testRelay({
      config: { rateLimits: { ...testConfig().rateLimits, windowMs: 60_000, linkOpenPerIp: 3, linkOpenPerLink: 1000 } },
    });
    const patient = TestPatient.create();
    const token = await register(relay, patient);
    const link = newLink(relay.clock.now());
    await call(relay.app, 'POST', '/v1/links', { token, body: link });
    for (let i = 0; i < 3; i += 1) expect((await call(relay.app, 'POST', `/v1/links/${link.link}/open`, { body: {} })).status).toBe(200);
    const refused = await call(relay.app, 'POST', `/v1/links/${link.link}/open`, { body: {} });
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('rate-limited');
    // Probing other link IDs from the same address counts too.
    expect((await call(relay.app, 'POST', `/v1/links/${'0'.repeat(32)}/open`, { body: {} })).status).toBe(429);
    relay.clock.advance(60_001);
    expect((await call(relay.app, 'POST', `/v1/links/${link.link}/open`, { body: {} })).status).toBe(200);

    const perLink = testRelay({
      config: { rateLimits: { ...testConfig().rateLimits, windowMs: 60_000, linkOpenPerIp: 1000, linkOpenPerLink: 2 } },
    });
    const token2 = await register(perLink, TestPatient.create());
    const other = newLink(perLink.clock.now());
    await call(perLink.app, 'POST', '/v1/links', { token: token2, body: other });
    await call(perLink.app, 'POST', `/v1/links/${other.link}/open`, { body: {} });
    await call(perLink.app, 'POST', `/v1/links/${other.link}/open`, { body: {} });
    expect((await call(perLink.app, 'POST', `/v1/links/${other.link}/open`, { body: {} })).status).toBe(429);
  });

  test('a SMART Health Links viewer on another origin can read every answer of the manifest route, a refusal too', async () => {
    const relay = testRelay({
      config: { rateLimits: { ...testConfig().rateLimits, windowMs: 60_000, linkOpenPerIp: 1, linkOpenPerLink: 1000 } },
    });
    const unknown = `/v1/links/${'0'.repeat(32)}/shl`;
    const first = await call(relay.app, 'POST', unknown, { body: { recipient: 'A viewer' } });
    expect(first.status).toBe(404);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const limited = await call(relay.app, 'POST', unknown, { body: { recipient: 'A viewer' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBe('*');
  });
});
