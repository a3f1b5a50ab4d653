/**
 * The relay app in-process for tests (STYLE habit 10): a memory store, a manual clock, a test
 * configuration, and small helpers to call the API and sign in.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { ManualClock } from './clock.ts';
import { readConfig, type RelayConfig } from './config.ts';
import type { RelayEnv, RelayLogger } from './context.ts';
import { InProcessHub, type RealtimeHub } from './realtime/hub.ts';
import { MemoryRelayStore } from './store/memory.ts';
import type { RelayStore } from './store/types.ts';
import type { TestDevice, TestPatient } from './test-actors.ts';

/** The origin test relays are configured with. */
export const TEST_ORIGIN = 'https://relay.test';

/**
 * A configuration for tests: the given origin, generous rate limits, and a web build
 * directory that does not exist (so tests never depend on whether `web/` was built).
 */
export function testConfig(overrides: Partial<RelayConfig> = {}): RelayConfig {
  const base = readConfig({}, tmpdir());
  return {
    ...base,
    publicOrigin: TEST_ORIGIN,
    webBuildDir: join(tmpdir(), `carekey-no-web-build-${randomBytes(6).toString('hex')}`),
    rateLimits: {
      ...base.rateLimits,
      registerPerIp: 1000,
      loginPerIp: 1000,
      slotsPerIp: 1000,
      slotsPerAccount: 1000,
      linkOpenPerIp: 1000,
      linkOpenPerLink: 1000,
    },
    ...overrides,
  };
}

/** An in-process relay. */
export interface TestRelay {
  readonly app: Hono<RelayEnv>;
  readonly store: RelayStore;
  readonly clock: ManualClock;
  readonly config: RelayConfig;
  /** What the relay logged as errors. */
  readonly errors: unknown[];
  /** The realtime hub events fan out through (an {@link InProcessHub} unless one was given). */
  readonly hub: RealtimeHub;
}

/** Builds an in-process relay over a memory store (or the one given). */
export function testRelay(
  options: {
    store?: RelayStore;
    config?: Partial<RelayConfig>;
    hub?: RealtimeHub;
    heartbeatMs?: number;
    maxStreamsPerAccount?: number;
  } = {},
): TestRelay {
  const store = options.store ?? new MemoryRelayStore();
  const clock = new ManualClock();
  const config = testConfig(options.config);
  const errors: unknown[] = [];
  const logger: RelayLogger = { info: () => undefined, error: (message, fields) => errors.push({ message, ...fields }) };
  const hub = options.hub ?? new InProcessHub();
  const realtime = {
    hub,
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    ...(options.maxStreamsPerAccount === undefined ? {} : { maxStreamsPerAccount: options.maxStreamsPerAccount }),
  };
  return { app: createApp({ store, clock, config, logger, realtime }), store, clock, config, errors, hub };
}

/** A response, with its JSON (or text) body read. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // Tests look into bodies freely; the schemas are tested elsewhere.
  readonly body: Record<string, unknown> & { error?: { code: string; message: string } };
  readonly text: string;
}

/** Calls the app with an optional JSON body and bearer token. */
export async function call(
  app: Hono<RelayEnv>,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`;
  const res = await app.request(path, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await res.text();
  const isJson = res.headers.get('Content-Type')?.startsWith('application/json') ?? false;
  return { status: res.status, headers: res.headers, body: isJson ? (JSON.parse(text) as Reply['body']) : {}, text };
}

/** Registers a patient (optionally with a vault) and returns the first device's session token. */
export async function register(
  relay: TestRelay,
  patient: TestPatient,
  options: Parameters<TestPatient['registration']>[0] = {},
): Promise<string> {
  const reply = await call(relay.app, 'POST', '/v1/accounts', { body: patient.registration(options) });
  if (reply.status !== 201) throw new Error(`registration failed: ${reply.status} ${reply.text}`);
  return (reply.body['session'] as { token: string }).token;
}

/** Asks for a challenge and answers it with the auth key or a device key; returns the reply. */
export async function answerChallenge(relay: TestRelay, patient: TestPatient, key: 'auth' | TestDevice): Promise<Reply> {
  const challenge = await call(relay.app, 'POST', '/v1/auth/challenge', { body: { account: patient.account } });
  const login = patient.login({ origin: TEST_ORIGIN, challenge: challenge.body['challenge'] as string, time: relay.clock.now() }, key);
  return call(relay.app, 'POST', '/v1/auth/session', { body: { login } });
}

/** Signs in and returns the session token. */
export async function signIn(relay: TestRelay, patient: TestPatient, key: 'auth' | TestDevice): Promise<string> {
  const reply = await answerChallenge(relay, patient, key);
  if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.status} ${reply.text}`);
  return reply.body['token'] as string;
}
