/**
 * The relay's configuration, read from the environment once at start-up (DESIGN §5). Every
 * value is validated here so a typo fails fast with a message naming the variable, instead of
 * surfacing later as a confusing runtime error.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | `PORT` | `8080` | TCP port to listen on (0 = any free port) |
 * | `HOST` | `localhost` | interface to bind |
 * | `DATA_DIR` | `./data` | where the SQLite store lives, resolved against the working directory |
 * | `DATABASE_URL` | — | `postgres://…`: use PostgreSQL instead of SQLite |
 * | `PUBLIC_ORIGIN` | `http://HOST:PORT` | the origin clients see; bound into login challenges |
 * | `WEB_BUILD_DIR` | `web/build` of this repository | the built app to serve |
 * | `TRUST_PROXY` | off | take the client IP from `X-Forwarded-For` (only behind a proxy you run) |
 * | `RATE_LIMIT_WINDOW_MS` | `60000` | length of a rate-limit window |
 * | `RATE_LIMIT_SLOTS_PER_IP` | `20` | slot fetches per IP per window |
 * | `RATE_LIMIT_SLOTS_PER_ACCOUNT` | `10` | slot fetches per account per window |
 * | `RATE_LIMIT_REGISTER_PER_IP` | `10` | registrations per IP per window |
 * | `RATE_LIMIT_LOGIN_PER_IP` | `60` | login challenges and answers per IP per window |
 * | `RATE_LIMIT_LINK_OPEN_PER_IP` | `30` | share-link opens (and SMART manifests) per IP per window |
 * | `RATE_LIMIT_LINK_OPEN_PER_LINK` | `20` | opens of one share link per window, from anywhere |
 * | `CAREKEY_TEST_CLOCK_FILE` | — | **tests only**: an absolute path to a file holding an offset in ms added to the relay's clock |
 *
 * `CAREKEY_TEST_CLOCK_FILE` lets end-to-end stories move the relay's time (grant expiry, month
 * rollover, emergency waits) without sleeping and without any HTTP endpoint (DESIGN §5). It is
 * refused with `NODE_ENV=production` and with an `https:` public origin, the two marks of a real
 * deployment, and the relay warns loudly at start-up whenever it is on.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };

/** How many requests a key may make per window, for each rate-limited concern. */
export interface RateLimitConfig {
  readonly windowMs: number;
  readonly slotsPerIp: number;
  readonly slotsPerAccount: number;
  readonly registerPerIp: number;
  /** Share-link opens per IP: slows anyone trying link IDs or passcodes. */
  readonly linkOpenPerIp: number;
  /** Opens of one link from anywhere: a link being hammered from many addresses. */
  readonly linkOpenPerLink: number;
  readonly loginPerIp: number;
}

/** Everything the relay reads from its environment. */
export interface RelayConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the data directory (SQLite lives at `dataDir/relay.sqlite`). */
  readonly dataDir: string;
  /** A PostgreSQL connection string, or null for the embedded SQLite store. */
  readonly databaseUrl: string | null;
  /** The origin clients reach the relay at, without a trailing slash (e.g. `https://carekey.example`). */
  readonly publicOrigin: string;
  /** Absolute path of the web app's static build. */
  readonly webBuildDir: string;
  /** Whether a proxy in front of the relay sets `X-Forwarded-For`. */
  readonly trustProxy: boolean;
  readonly rateLimits: RateLimitConfig;
  /** The relay's version, from package.json (reported by `/healthz`). */
  readonly version: string;
  /**
   * Tests only: the file whose offset (ms) moves the relay's clock, or null for the wall clock.
   * Never set in production (see {@link readConfig}).
   */
  readonly testClockFile: string | null;
}

/** A configuration value is missing or malformed. The message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The web build beside this package: `<repository>/web/build`. */
const DEFAULT_WEB_BUILD_DIR = fileURLToPath(new URL('../../web/build', import.meta.url));

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new ConfigError(`${name} must be true or false, got "${env[name] ?? ''}"`);
}

function text(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function origin(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new ConfigError(`${name} must be an origin such as https://carekey.example, got "${raw}" (${String(cause)})`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== raw.replace(/\/$/, '')) {
    throw new ConfigError(`${name} must be an http(s) origin with no path, query or credentials, got "${raw}"`);
  }
  return url.origin;
}

function databaseUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  return raw;
}

/** The variable that turns the test-only clock on. */
export const TEST_CLOCK_VARIABLE = 'CAREKEY_TEST_CLOCK_FILE';

/** Larger offsets than this (about 100 years) are surely a mistake. */
const MAX_TEST_CLOCK_OFFSET_MS = 100 * 366 * 24 * 60 * 60 * 1000;

function testClockFile(env: Env, publicOrigin: string): string | null {
  const raw = text(env, TEST_CLOCK_VARIABLE);
  if (raw === undefined) return null;
  if (env.NODE_ENV?.trim() === 'production') {
    throw new ConfigError(`${TEST_CLOCK_VARIABLE} is a test-only setting and is refused when NODE_ENV=production: remove it`);
  }
  if (publicOrigin.startsWith('https:')) {
    throw new ConfigError(`${TEST_CLOCK_VARIABLE} is a test-only setting and is refused for a relay served over https (${publicOrigin})`);
  }
  if (!isAbsolute(raw)) throw new ConfigError(`${TEST_CLOCK_VARIABLE} must be an absolute path, got "${raw}"`);
  return raw;
}

/**
 * Reads the test clock's offset from the text of its file: a whole number of milliseconds,
 * optionally negative, with surrounding white space allowed ("2678400000\n").
 *
 * @throws ConfigError naming the file when the text is anything else
 * @example
 * parseTestClockOffset('86400000\n', '/tmp/clock'); // 86400000 — one day ahead
 */
export function parseTestClockOffset(content: string, file: string): number {
  const raw = content.trim();
  if (!/^-?\d{1,16}$/.test(raw)) {
    throw new ConfigError(`${TEST_CLOCK_VARIABLE} file ${file} must hold a whole number of milliseconds, got "${raw.slice(0, 40)}"`);
  }
  const offset = Number(raw);
  if (Math.abs(offset) > MAX_TEST_CLOCK_OFFSET_MS) {
    throw new ConfigError(`${TEST_CLOCK_VARIABLE} file ${file} holds an offset of more than 100 years: ${raw}`);
  }
  return offset === 0 ? 0 : offset; // never -0
}

/**
 * Reads and validates the configuration.
 *
 * @param env the environment (defaults to `process.env`)
 * @param cwd what relative paths are resolved against (defaults to the working directory)
 * @throws ConfigError naming the offending variable
 * @example
 * const config = readConfig({ PORT: '9000', DATA_DIR: '/var/lib/carekey' });
 * config.publicOrigin; // 'http://localhost:9000'
 */
export function readConfig(env: Env = process.env, cwd: string = process.cwd()): RelayConfig {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const host = text(env, 'HOST') ?? 'localhost';
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const publicOriginRaw = text(env, 'PUBLIC_ORIGIN');
  const windowMs = integer(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1, 24 * 60 * 60 * 1000);
  const publicOrigin =
    publicOriginRaw === undefined ? origin('HOST/PORT', `http://${hostInUrl}:${port}`) : origin('PUBLIC_ORIGIN', publicOriginRaw);
  return {
    port,
    host,
    dataDir: resolve(cwd, text(env, 'DATA_DIR') ?? './data'),
    databaseUrl: databaseUrl(text(env, 'DATABASE_URL')),
    publicOrigin,
    webBuildDir: resolve(cwd, text(env, 'WEB_BUILD_DIR') ?? DEFAULT_WEB_BUILD_DIR),
    trustProxy: flag(env, 'TRUST_PROXY'),
    rateLimits: {
      windowMs,
      slotsPerIp: integer(env, 'RATE_LIMIT_SLOTS_PER_IP', 20, 1, 1_000_000),
      slotsPerAccount: integer(env, 'RATE_LIMIT_SLOTS_PER_ACCOUNT', 10, 1, 1_000_000),
      registerPerIp: integer(env, 'RATE_LIMIT_REGISTER_PER_IP', 10, 1, 1_000_000),
      loginPerIp: integer(env, 'RATE_LIMIT_LOGIN_PER_IP', 60, 1, 1_000_000),
      linkOpenPerIp: integer(env, 'RATE_LIMIT_LINK_OPEN_PER_IP', 30, 1, 1_000_000),
      linkOpenPerLink: integer(env, 'RATE_LIMIT_LINK_OPEN_PER_LINK', 20, 1, 1_000_000),
    },
    version: pkg.version,
    testClockFile: testClockFile(env, publicOrigin),
  };
}
