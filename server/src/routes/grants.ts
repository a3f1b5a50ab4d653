/**
 * Grants as the grantee and the patient see them on the relay (DESIGN §4 "Grants",
 * "Transparency"):
 *
 * ```
 * GET /v1/shared                             the grants in force to the caller, with each vault's owner
 *                                            (and, for an emergency grant, where it stands)
 * GET /v1/vaults/:vault/packages             key packages: all (owner), or those of the caller's
 *                                            grants in force (grantee; an emergency grant's only
 *                                            once released, else `emergency-waiting`)
 * GET /v1/vaults/:vault/access-log?limit=N   the vault's access log, newest first (owner; N ≤ 500)
 * ```
 *
 * What the relay lists here is a hint: a grantee trusts a grant and a key package only once
 * the owner-signed control log (GET /v1/vaults/:vault/log) lists it.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { toBase64Url } from '@carekey/crypto';
import { parseWith, type api } from '@carekey/protocol';
import type { RelayDeps, RelayEnv } from '../context.ts';
import { requireSession } from '../middleware/session.ts';
import { emergencyState } from '../emergency.ts';
import { grantInForce, requireOwnedVault, servingGrants, vaultAccess } from '../permissions.ts';
import { vaultParam } from '../request.ts';

/** The most access-log events one read returns (and the default). */
export const MAX_ACCESS_LOG_EVENTS = 500;

const AccessLogQuery = v.object({
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,4}$/),
      v.transform(Number),
      v.minValue(1, 'limit: at least 1'),
      v.transform((n) => Math.min(n, MAX_ACCESS_LOG_EVENTS)),
    ),
    String(MAX_ACCESS_LOG_EVENTS),
  ),
});

/** The grant routes, to mount under `/v1`. */
export function grantRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const { store, clock } = deps;
  const session = requireSession(deps);
  const routes = new Hono<RelayEnv>();

  routes.get('/shared', session, async (c) => {
    const now = clock.now();
    const grants = await store.grantsTo(c.var.session.account);
    const body: v.InferOutput<typeof api.SharedResponse> = {
      grants: grants
        .filter((g) => grantInForce(g, now))
        .map((g) => ({
          vault: g.vault,
          owner: g.owner,
          grant: g.grant,
          collections: [...g.collections],
          access: g.access,
          notAfter: g.notAfter,
          ...(g.emergency ? { emergency: emergencyState(g.emergency, now) } : {}),
        })),
    };
    return c.json(body);
  });

  routes.get('/vaults/:vault/packages', session, async (c) => {
    const caller = c.var.session;
    const now = clock.now();
    const access = await vaultAccess(store, caller, vaultParam(c), now);
    const grants =
      access.role === 'grantee'
        ? await servingGrants(store, access, caller.account, { now, reason: 'read before emergency access was released' })
        : undefined;
    const packages = await store.listKeyPackages(
      access.vault.vault,
      grants?.map((g) => g.grant),
    );
    const body: v.InferOutput<typeof api.PackagesResponse> = {
      packages: packages.map((p) => ({ grant: p.grant, data: toBase64Url(p.data) })),
    };
    return c.json(body);
  });

  routes.get('/vaults/:vault/access-log', session, async (c) => {
    const now = clock.now();
    const vault = await requireOwnedVault(store, c.var.session, vaultParam(c), { now, reason: 'a grantee tried to read the access log' });
    const { limit } = parseWith(AccessLogQuery, c.req.query());
    const events = await store.readAccessLog(vault.vault, limit);
    const body: v.InferOutput<typeof api.AccessLogResponse> = { events: events.map((e) => ({ ...e, collections: [...e.collections] })) };
    return c.json(body);
  });

  return routes;
}
