/**
 * The relay app (DESIGN §5): a Hono app built from its dependencies — store, clock, config,
 * logger — that never listens (STYLE habit 2). `main.ts` listens; tests drive it in-process
 * with `app.request()` (STYLE habit 10).
 *
 * Routes (the API is the contract in `@carekey/protocol`'s `api.ts`):
 * ```
 * GET  /healthz
 * POST /v1/accounts                       register an account, its first device and vault
 * GET  /v1/accounts/:account/slots        unlock slots (no session; rate-limited)
 * POST /v1/auth/challenge                 a login challenge
 * POST /v1/auth/session                   a signed challenge → a session token
 * GET  /v1/accounts/:account              the account card and device log
 * POST /v1/accounts/:account/devices      append device-log statements
 * GET  /v1/accounts/:account/items        the encrypted account items
 * POST /v1/accounts/:account/items        append encrypted account items
 * POST /v1/vaults                         create a vault (its first control statement)
 * GET  /v1/vaults/:vault/log?after=SEQ    read the control log (owner, grantee in force)
 * POST /v1/vaults/:vault/log              append to the control log (compare-and-set on prev),
 *                                         with the key packages the new statements list
 * POST /v1/vaults/:vault/envelopes        append envelopes (idempotent, all or nothing; a
 *                                         grantee with write access to their collections)
 * GET  /v1/vaults/:vault/envelopes?after=CURSOR&limit=N   pull (a grantee: their collections and months)
 * GET  /v1/vaults/:vault/packages         key packages (owner: all; grantee: their grants in force,
 *                                         an emergency grant's once released)
 * GET  /v1/vaults/:vault/access-log?limit=N   the access log, newest first (owner)
 * GET  /v1/shared                         the grants in force to the caller, with each vault's owner
 * GET  /v1/vaults/:vault/emergency        the emergency grants in force and where each stands (owner)
 * POST /v1/vaults/:vault/emergency/:grant/request   the grantee asks; the wait starts
 * POST /v1/vaults/:vault/emergency/:grant/refuse    the owner refuses a waiting request
 * GET  /v1/vaults/:vault/events           the realtime channel: server-sent events (owner, grantee)
 * POST /v1/links                          create a share link (device session)
 * GET  /v1/links                          the caller's share links with their opens
 * POST /v1/links/:link/revoke             revoke a share link (its owner)
 * POST /v1/links/:link/open               open a share link (no session; passcode tries counted)
 * GET  *                                  the web app (when built), SPA fallback
 * ```
 *
 * Every response carries the security headers; API responses are never cached; bodies over
 * MAX_REQUEST_BYTES are refused with 413 before they are read in full.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { API_PREFIX, CarekeyError, MAX_EVENT_STREAMS_PER_ACCOUNT, MAX_REQUEST_BYTES, REALTIME_HEARTBEAT_MS } from '@carekey/protocol';
import type { Clock } from './clock.ts';
import type { RelayConfig } from './config.ts';
import { consoleLogger, type RelayEnv, type RelayLogger } from './context.ts';
import { contentSecurityPolicy } from './middleware/csp.ts';
import { relayErrorHandler, relayNotFound } from './middleware/error-response.ts';
import { noStore } from './middleware/no-store.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { accountRoutes } from './routes/accounts.ts';
import { authRoutes } from './routes/auth.ts';
import { emergencyRoutes } from './routes/emergency.ts';
import { envelopeRoutes } from './routes/envelopes.ts';
import { eventRoutes } from './routes/events.ts';
import { grantRoutes } from './routes/grants.ts';
import { healthRoutes } from './routes/health.ts';
import { linkRoutes } from './routes/links.ts';
import { vaultRoutes } from './routes/vaults.ts';
import { loadWebBuild, webRoutes } from './routes/web.ts';
import { InProcessHub, type RealtimeHub } from './realtime/hub.ts';
import type { RelayStore } from './store/types.ts';

export type { RelayEnv, RelayLogger } from './context.ts';
export type { RelayConfig } from './config.ts';
export type { Clock } from './clock.ts';
export type { RelayStore } from './store/types.ts';
export type { RealtimeHub } from './realtime/hub.ts';

/** What {@link createApp} is built from. */
export interface CreateAppOptions {
  readonly store: RelayStore;
  readonly clock: Clock;
  readonly config: RelayConfig;
  /** Where failures are reported (default: the console). */
  readonly logger?: RelayLogger;
  /**
   * The realtime channel: the hub events fan out through (default: one for this process alone;
   * a `PostgresHub` to reach streams on other processes), the heartbeat interval and the cap on
   * each account's open streams. Close the hub before the server, so open streams end.
   */
  readonly realtime?: { readonly hub?: RealtimeHub; readonly heartbeatMs?: number; readonly maxStreamsPerAccount?: number };
}

/**
 * Builds the relay app. Reads the web build (if any) once, here, to hash its inline scripts
 * into the CSP.
 *
 * @example
 * await ready();
 * const app = createApp({ store: new MemoryRelayStore(), clock: systemClock, config: readConfig() });
 * const res = await app.request('/healthz');
 */
export function createApp(options: CreateAppOptions): Hono<RelayEnv> {
  const deps = {
    store: options.store,
    clock: options.clock,
    config: options.config,
    logger: options.logger ?? consoleLogger,
    realtime: {
      hub: options.realtime?.hub ?? new InProcessHub(),
      heartbeatMs: options.realtime?.heartbeatMs ?? REALTIME_HEARTBEAT_MS,
      maxStreamsPerAccount: options.realtime?.maxStreamsPerAccount ?? MAX_EVENT_STREAMS_PER_ACCOUNT,
    },
  };
  const build = loadWebBuild(deps.config.webBuildDir);

  const app = new Hono<RelayEnv>();
  app.onError(relayErrorHandler(deps.logger));
  app.notFound(relayNotFound);

  app.use('*', securityHeaders(contentSecurityPolicy(build?.scriptHashes)));
  app.use(`${API_PREFIX}/*`, noStore());
  app.use(
    `${API_PREFIX}/*`,
    bodyLimit({
      maxSize: MAX_REQUEST_BYTES,
      onError: () => {
        throw new CarekeyError('payload-too-large', `the request body is larger than ${MAX_REQUEST_BYTES} bytes`);
      },
    }),
  );

  app.route('/', healthRoutes(deps));
  app.route(API_PREFIX, accountRoutes(deps));
  app.route(API_PREFIX, authRoutes(deps));
  app.route(API_PREFIX, vaultRoutes(deps));
  app.route(API_PREFIX, envelopeRoutes(deps));
  app.route(API_PREFIX, grantRoutes(deps));
  app.route(API_PREFIX, emergencyRoutes(deps));
  app.route(API_PREFIX, eventRoutes(deps));
  app.route(API_PREFIX, linkRoutes(deps));
  app.route('/', webRoutes(build));
  return app;
}
