/**
 * The relay process (STYLE habit 2: the composition root): read the configuration, open and
 * migrate the store, listen, and shut down gracefully on SIGINT/SIGTERM.
 *
 * Run with `pnpm --filter @carekey/server start`, or `node server/src/main.ts` from the
 * repository root.
 */
import { ready } from '@carekey/crypto';
import { createApp } from './app.ts';
import { FileOffsetClock, systemClock, type Clock } from './clock.ts';
import { ConfigError, parseTestClockOffset, readConfig, TEST_CLOCK_VARIABLE, type RelayConfig } from './config.ts';
import { consoleLogger } from './context.ts';
import { listen, type Listening } from './listen.ts';
import { InProcessHub, type RealtimeHub } from './realtime/hub.ts';
import { PostgresHub } from './realtime/postgres.ts';
import { openStore } from './store/open.ts';

/** How often expired challenges and sessions are deleted. */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

function configOrExit(): RelayConfig {
  try {
    return readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Carekey relay: ${error.message}`);
    process.exit(1);
  }
}

/**
 * The wall clock, or — only when `CAREKEY_TEST_CLOCK_FILE` is set, which `readConfig` refuses in
 * production — the test-only clock moved by that file's offset, announced loudly.
 */
function clockOrExit(config: RelayConfig): Clock {
  const file = config.testClockFile;
  if (file === null) return systemClock;
  const warn = (message: string) => console.warn(`Carekey relay: WARNING: ${message}`);
  warn(`${TEST_CLOCK_VARIABLE} is set: this relay runs on a TEST CLOCK moved by ${file}. Never use this setting in production.`);
  try {
    return FileOffsetClock.open(file, {
      parse: parseTestClockOffset,
      events: {
        changed: (offset) => warn(`test clock offset is now ${offset} ms (relay time ${new Date(Date.now() + offset).toISOString()})`),
        unreadable: (error) =>
          warn(`test clock file unreadable, keeping the last offset: ${error instanceof Error ? error.message : String(error)}`),
      },
    });
  } catch (error) {
    const reason = error instanceof ConfigError ? error.message : `cannot read ${TEST_CLOCK_VARIABLE} file ${file}: ${String(error)}`;
    console.error(`Carekey relay: ${reason}`);
    process.exit(1);
  }
}

await ready();
const config = configOrExit();
const clock = clockOrExit(config);
const { store, description } = await openStore(config);
// Realtime events reach the streams of every relay process on one PostgreSQL database.
let hub: RealtimeHub;
try {
  hub = config.databaseUrl === null ? new InProcessHub() : await PostgresHub.open(config.databaseUrl, { logger: consoleLogger });
} catch (error) {
  console.error(`Carekey relay: cannot listen for realtime events: ${error instanceof Error ? error.message : String(error)}`);
  await store.close();
  process.exit(1);
}
const app = createApp({ store, clock, config, logger: consoleLogger, realtime: { hub } });

const sweeper = setInterval(() => {
  store.sweepExpired(clock.now()).catch((error: unknown) => consoleLogger.error('sweeping expired sessions failed', { error }));
}, SWEEP_INTERVAL_MS);
sweeper.unref();

let server: Listening;
try {
  server = await listen((request, env) => app.fetch(request, env), config.host, config.port);
} catch (error) {
  console.error(`Carekey relay: cannot listen on ${config.host}:${config.port}: ${error instanceof Error ? error.message : String(error)}`);
  await hub.close();
  await store.close();
  process.exit(1);
}
console.log(
  `Carekey relay listening on ${config.publicOrigin} (store: ${description})${config.testClockFile === null ? '' : ' — ON A TEST CLOCK'}`,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`Carekey relay: ${signal}, shutting down`);
  clearInterval(sweeper);
  // Open realtime streams end first (clients reconnect elsewhere), so closing does not wait on them.
  await hub.close();
  await server.close();
  await store.close();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        consoleLogger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  });
}
