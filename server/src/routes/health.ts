/**
 * `GET /healthz`: for load balancers and operators. Says the process is up and which version
 * runs; it does not touch the store, so a slow database does not take every process out of a
 * load balancer at once.
 */
import { Hono } from 'hono';
import type { RelayDeps, RelayEnv } from '../context.ts';

/** The health route, to mount at `/`. */
export function healthRoutes(deps: Pick<RelayDeps, 'clock' | 'config'>): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  routes.get('/healthz', (c) =>
    c.json({ ok: true, version: deps.config.version, time: deps.clock.now() }, 200, { 'Cache-Control': 'no-store' }),
  );
  return routes;
}
