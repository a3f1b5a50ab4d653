/**
 * The real relay in-process on an ephemeral port, for other packages' tests (the client's sync
 * engine, the CLI, end-to-end stories): `import { startRelay } from '@carekey/server/testing'`.
 *
 * Rate limits are raised far above the defaults (a test suite signs up many accounts from one
 * address); pass `config` to test them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { ready } from '@carekey/crypto';
import { createApp } from './app.ts';
import { systemClock, type Clock } from './clock.ts';
import { readConfig, type RelayConfig } from './config.ts';
import { consoleLogger, type RelayEnv, type RelayLogger } from './context.ts';
import { listen, type Listening } from './listen.ts';
import { InProcessHub, type RealtimeHub } from './realtime/hub.ts';
import { PostgresHub } from './realtime/postgres.ts';
import { MemoryRelayStore } from './store/memory.ts';
import { sqlitePath } from './store/open.ts';
import { createScratchSchema, openPostgresStore } from './store/postgres.ts';
import { openSqliteStore } from './store/sqlite.ts';
import type { RelayStore } from './store/types.ts';

/** Which store a test relay runs on. */
export type TestStoreKind = 'memory' | 'sqlite' | 'postgres';

/** Options of {@link startRelay}. */
export interface StartRelayOptions {
  /** Default `memory`. `postgres` needs `DATABASE_URL` (or `databaseUrl`) and uses a fresh schema. */
  readonly store?: TestStoreKind;
  /** For `sqlite`: where `relay.sqlite` goes (default: a temporary directory, removed on close). */
  readonly dataDir?: string;
  /** For `postgres`: the database (default: `DATABASE_URL`). */
  readonly databaseUrl?: string;
  /** Default: the system clock. Pass a `ManualClock` to move time in tests. */
  readonly clock?: Clock;
  /** Overrides of the configuration (the origin is always the relay's own URL). */
  readonly config?: Partial<Omit<RelayConfig, 'publicOrigin' | 'port' | 'host'>>;
  /** Where failures are reported (default: the console). */
  readonly logger?: RelayLogger;
  /** The realtime channel's heartbeat interval and per-account stream cap (benchmarks raise the cap). */
  readonly realtime?: { readonly heartbeatMs?: number; readonly maxStreamsPerAccount?: number };
}

/** Where a test relay keeps its data, for tests that inspect it. */
export type TestStorage =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly databaseUrl: string; readonly schema: string };

/** A relay listening on 127.0.0.1. */
export interface RunningRelay {
  /** The relay's origin, e.g. `http://127.0.0.1:41234` (also its PUBLIC_ORIGIN). */
  readonly url: string;
  readonly app: Hono<RelayEnv>;
  readonly store: RelayStore;
  readonly clock: Clock;
  readonly config: RelayConfig;
  readonly storage: TestStorage;
  /** The realtime hub (a PostgreSQL LISTEN/NOTIFY hub on the `postgres` store). */
  readonly hub: RealtimeHub;
  /** Stops listening, closes the store and removes what `startRelay` created. */
  close(): Promise<void>;
}

const GENEROUS = 1_000_000;

/**
 * Starts the real relay app on an ephemeral port.
 *
 * @example
 * const relay = await startRelay({ store: 'sqlite' });
 * const res = await fetch(`${relay.url}/healthz`);
 * await relay.close();
 */
export async function startRelay(options: StartRelayOptions = {}): Promise<RunningRelay> {
  await ready();
  const cleanups: Array<() => Promise<void>> = [];
  const { store, storage } = await openTestStore(options, cleanups);
  // The app needs the port for its origin, so it is built once the server listens.
  const started: { app?: Hono<RelayEnv> } = {};
  let server: Listening;
  try {
    server = await listen(
      (request, env) => (started.app ? started.app.fetch(request, env) : new Response('starting', { status: 503 })),
      '127.0.0.1',
      0,
    );
  } catch (error) {
    await store.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
    throw error;
  }
  const url = `http://127.0.0.1:${server.port}`;
  const base = readConfig({}, tmpdir());
  const config: RelayConfig = {
    ...base,
    rateLimits: {
      ...base.rateLimits,
      slotsPerIp: GENEROUS,
      slotsPerAccount: GENEROUS,
      registerPerIp: GENEROUS,
      loginPerIp: GENEROUS,
      linkOpenPerIp: GENEROUS,
      linkOpenPerLink: GENEROUS,
    },
    ...options.config,
    host: '127.0.0.1',
    port: server.port,
    publicOrigin: url,
  };
  const clock = options.clock ?? systemClock;
  let hub: RealtimeHub;
  try {
    hub =
      storage.kind === 'postgres'
        ? await PostgresHub.open(storage.databaseUrl, { schema: storage.schema, logger: options.logger ?? consoleLogger })
        : new InProcessHub();
  } catch (error) {
    await server.close();
    await store.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
    throw error;
  }
  const app = createApp({
    store,
    clock,
    config,
    realtime: { hub, ...options.realtime },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  started.app = app;
  return {
    url,
    app,
    store,
    clock,
    config,
    storage,
    hub,
    close: async () => {
      // Ending the realtime streams first lets the server close without waiting for them.
      await hub.close();
      await server.close();
      await store.close();
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}

async function openTestStore(
  options: StartRelayOptions,
  cleanups: Array<() => Promise<void>>,
): Promise<{ store: RelayStore; storage: TestStorage }> {
  switch (options.store ?? 'memory') {
    case 'memory':
      return { store: new MemoryRelayStore(), storage: { kind: 'memory' } };
    case 'sqlite': {
      let dataDir = options.dataDir;
      if (dataDir === undefined) {
        const made = await mkdtemp(join(tmpdir(), 'carekey-relay-'));
        cleanups.push(() => rm(made, { recursive: true, force: true }));
        dataDir = made;
      }
      const path = sqlitePath(dataDir);
      return { store: await openSqliteStore(path), storage: { kind: 'sqlite', path } };
    }
    case 'postgres': {
      const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'];
      if (!databaseUrl) throw new Error('startRelay({ store: "postgres" }) needs DATABASE_URL');
      const scratch = await createScratchSchema(databaseUrl);
      cleanups.push(() => scratch.drop());
      try {
        return {
          store: await openPostgresStore(databaseUrl, { schema: scratch.schema }),
          storage: { kind: 'postgres', databaseUrl, schema: scratch.schema },
        };
      } catch (error) {
        await scratch.drop();
        throw error;
      }
    }
  }
}
