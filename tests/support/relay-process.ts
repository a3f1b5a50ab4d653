/**
 * The relay as a real process (`node server/src/main.ts`), as an operator runs it: for stories
 * that must survive the relay going down and coming back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { RELAY_MAIN, ROOT } from './paths.ts';

export interface RelayProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly output: () => string;
  stop(): Promise<void>;
  /** Starts it again on the same port and data, optionally serving another build of the app. */
  start(options?: { webBuildDir?: string }): Promise<void>;
  /**
   * The relay's time now (ms since the epoch): the wall clock plus the test clock's offset
   * (the wall clock when it was started without `testClock`).
   */
  now(): number;
  /** The test clock's offset from the wall clock, in ms. */
  clockOffset(): number;
  /**
   * Moves the relay's test clock forward by `ms` and waits until the relay has read it.
   *
   * @throws Error when the relay was started without `testClock`
   */
  advanceClock(ms: number): Promise<void>;
  /** Sets the relay's test clock to `offsetMs` from the wall clock and waits until the relay has read it. */
  setClockOffset(offsetMs: number): Promise<void>;
}

/** How long the relay may take to notice a new offset: it re-reads the file every 100 ms. */
const TEST_CLOCK_SETTLE_MS = 250;

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the relay on a free port with its data in `dataDir` (SQLite) or in `databaseUrl`
 * (PostgreSQL), and waits until it answers /healthz.
 */
export async function startRelayProcess(options: {
  dataDir: string;
  databaseUrl?: string;
  webBuildDir?: string;
  /** More settings for the relay (e.g. a higher rate limit for a story of many CLI logins). */
  env?: Readonly<Record<string, string>>;
  /**
   * Runs the relay on its test-only clock (`CAREKEY_TEST_CLOCK_FILE`, a file in `dataDir`), so
   * the story can move its time with {@link RelayProcess.advanceClock}; `startAt` puts the
   * relay's "now" at that moment (ms since the epoch) from the start.
   */
  testClock?: { startAt?: number };
}): Promise<RelayProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_ORIGIN: url,
    DATA_DIR: options.dataDir,
    WEB_BUILD_DIR: options.webBuildDir ?? `${options.dataDir}/no-web-build`,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };

  let offset = 0;
  const clockFile = options.testClock ? join(options.dataDir, 'test-clock-offset') : undefined;
  /** Replaces the offset file atomically, so the relay never reads half a number. */
  const writeOffset = (value: number): void => {
    if (!clockFile) throw new Error('this relay was started without testClock: its clock cannot be moved');
    const next = `${clockFile}.next`;
    writeFileSync(next, `${Math.round(value)}\n`);
    renameSync(next, clockFile);
    offset = Math.round(value);
  };
  if (clockFile) {
    mkdirSync(options.dataDir, { recursive: true });
    writeOffset(options.testClock?.startAt === undefined ? 0 : options.testClock.startAt - Date.now());
    env.CAREKEY_TEST_CLOCK_FILE = clockFile;
  }
  const setClockOffset = async (offsetMs: number): Promise<void> => {
    writeOffset(offsetMs);
    await new Promise((resolve) => setTimeout(resolve, TEST_CLOCK_SETTLE_MS));
  };

  const start = async (restart?: { webBuildDir?: string }): Promise<void> => {
    if (restart?.webBuildDir) env.WEB_BUILD_DIR = restart.webBuildDir;
    const proc = spawn(process.execPath, [RELAY_MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`relay exited with ${code}:\n${log}`))));
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const response = await Promise.race([fetch(`${url}/healthz`), exited]);
        if (response.ok) return;
      } catch (error) {
        if (String(error).includes('relay exited')) throw error;
      }
      if (Date.now() > deadline) throw new Error(`relay did not start:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  };

  await start();
  return {
    url,
    port,
    dataDir: options.dataDir,
    output: () => log,
    stop,
    start,
    now: () => Date.now() + offset,
    clockOffset: () => offset,
    advanceClock: (ms) => setClockOffset(offset + ms),
    setClockOffset,
  };
}
