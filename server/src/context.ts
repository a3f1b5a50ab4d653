/**
 * What every part of the relay app is built from (STYLE habit 2: storage, clock and config
 * reach the app as parameters), and the typed Hono environment its handlers share.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Clock } from './clock.ts';
import type { RelayConfig } from './config.ts';
import type { AccountState } from './account-state.ts';
import type { RealtimeHub } from './realtime/hub.ts';
import type { RelayStore } from './store/types.ts';

/**
 * Where the relay reports what an operator needs to see. Never given request bodies, tokens,
 * keys or ciphertext.
 */
export interface RelayLogger {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** A logger writing to the console. */
export const consoleLogger: RelayLogger = {
  info: (message, fields) => console.info(message, ...(fields ? [fields] : [])),
  error: (message, fields) => console.error(message, ...(fields ? [fields] : [])),
};

/** The relay app's dependencies. */
export interface RelayDeps {
  readonly store: RelayStore;
  readonly clock: Clock;
  readonly config: RelayConfig;
  readonly logger: RelayLogger;
  readonly realtime: RealtimeDeps;
}

/** The realtime channel's fan-out and limits. */
export interface RealtimeDeps {
  readonly hub: RealtimeHub;
  /** How often a stream sends a heartbeat and checks that its session and access still stand. */
  readonly heartbeatMs: number;
  /** Most streams one account may hold open on this process. */
  readonly maxStreamsPerAccount: number;
}

/** The signed-in caller of a request, set by the session middleware. */
export interface AuthenticatedSession {
  readonly account: string;
  /** The device that logged in; null when the account auth key did (a device not yet registered). */
  readonly device: string | null;
  /** The caller's account, read and verified for this request. */
  readonly holder: AccountState;
  /** The hash the session is stored under (for a long-lived request to check it again). */
  readonly tokenHash: string;
  /** When the session ends. */
  readonly expiresAt: number;
}

/**
 * The Hono environment of the relay: `session` is set on routes behind the session
 * middleware; the Node bindings are absent when the app is driven with `app.request()`.
 */
export interface RelayEnv {
  Bindings: Partial<HttpBindings>;
  Variables: { session: AuthenticatedSession };
}
