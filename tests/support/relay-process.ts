/**
 * The relay as a real process (`node server/src/main.ts`), as an operator runs it: for stories
 * that must survive the relay going down and coming back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { RELAY_MAIN, ROOT } from './paths.ts';

export interface RelayProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly output: () => string;
  stop(): Promise<void>;
  /** Starts it again on the same port and data, optionally serving another build of the app. */
  start(options?: { webBuildDir?: string }): Promise<void>;
}

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
  return { url, port, dataDir: options.dataDir, output: () => log, stop, start };
}
