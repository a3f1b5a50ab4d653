/**
 * Emergency access (DESIGN §4 "Carers and emergency access"; the threat model says plainly
 * that the relay enforces the wait):
 *
 * ```
 * GET  /v1/vaults/:vault/emergency                  every emergency grant in force and where it
 *                                                   stands (owner): the patient's devices read it
 *                                                   at open to say "X has asked for emergency access"
 * POST /v1/vaults/:vault/emergency/:grant/request   its grantee asks (device session): the wait
 *                                                   starts, or goes on if it already has
 * POST /v1/vaults/:vault/emergency/:grant/refuse    the owner refuses a waiting request (device session)
 * ```
 *
 * A request that starts a wait and a refusal are published on the realtime channel (`emergency`,
 * to the owner's devices), so every open device of the patient's is told at once.
 *
 * The grant itself is made in advance in the control log with all its keys sealed; until it is
 * released the relay serves none of them (permissions.ts). A request that starts a wait and a
 * refusal each go into the vault's access log (`emergency-requested`, `emergency-refused`,
 * about the grantee), in the same transaction as the change.
 */
import { Hono } from 'hono';
import type * as v from 'valibot';
import { CarekeyError, type api } from '@carekey/protocol';
import type { RelayDeps, RelayEnv } from '../context.ts';
import { emergencyState } from '../emergency.ts';
import { requireSession } from '../middleware/session.ts';
import { grantInForce, logRefusal, requireDevice, requireOwnedVault, vaultAccess } from '../permissions.ts';
import { grantParam, vaultParam } from '../request.ts';
import type { AccessEventRecord, EmergencyRecord, GrantRecord } from '../store/types.ts';

/** The access event of a request or refusal of `grant` at `at`. */
function emergencyEvent(grant: GrantRecord, kind: 'emergency-requested' | 'emergency-refused', at: number): AccessEventRecord {
  return { at, kind, actor: grant.grantee, grant: grant.grant, collections: [...grant.collections], count: 0, reason: null };
}

function emergencyResponse(grant: string, emergency: EmergencyRecord, now: number): v.InferOutput<typeof api.EmergencyResponse> {
  return { grant, emergency: emergencyState(emergency, now) };
}

/** The emergency routes, to mount under `/v1`. */
export function emergencyRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const { store, clock, realtime } = deps;
  const session = requireSession(deps);
  const routes = new Hono<RelayEnv>();

  routes.get('/vaults/:vault/emergency', session, async (c) => {
    const now = clock.now();
    const vault = await requireOwnedVault(store, c.var.session, vaultParam(c), {
      now,
      reason: 'a grantee tried to read the emergency requests',
    });
    const grants = await store.listGrants(vault.vault);
    const body: v.InferOutput<typeof api.EmergencyListResponse> = {
      grants: grants.flatMap((g) =>
        g.emergency && grantInForce(g, now) ? [{ grant: g.grant, grantee: g.grantee, emergency: emergencyState(g.emergency, now) }] : [],
      ),
    };
    return c.json(body);
  });

  routes.post('/vaults/:vault/emergency/:grant/request', session, async (c) => {
    const caller = c.var.session;
    requireDevice(caller);
    const now = clock.now();
    const access = await vaultAccess(store, caller, vaultParam(c), now);
    const grantId = grantParam(c);
    if (access.role === 'owner') throw new CarekeyError('forbidden', 'only the grantee of an emergency grant asks for it');
    const grant = access.grants.find((g) => g.grant === grantId);
    if (!grant) {
      const ended = (await store.listGrants(access.vault.vault, caller.account)).find((g) => g.grant === grantId);
      if (!ended) throw new CarekeyError('not-found', 'no such grant to you in this record');
      await logRefusal(store, access.vault.vault, {
        actor: caller.account,
        grant: ended.grant,
        reason: 'asked for emergency access on a grant that has ended',
        at: now,
      });
      throw new CarekeyError('access-ended', 'this emergency access has ended: it was revoked or has passed its end');
    }
    if (!grant.emergency)
      throw new CarekeyError('bad-request', 'this is an ordinary grant, not emergency access: there is nothing to ask for');
    const { emergency, started } = await store.requestEmergency(
      access.vault.vault,
      grant.grant,
      now,
      emergencyEvent(grant, 'emergency-requested', now),
    );
    // The patient's open devices are told at once (DESIGN §4); asking again while waiting tells no one.
    if (started) realtime.hub.publish({ vault: access.vault.vault, kind: 'emergency' });
    return c.json(emergencyResponse(grant.grant, emergency, now));
  });

  routes.post('/vaults/:vault/emergency/:grant/refuse', session, async (c) => {
    const caller = c.var.session;
    requireDevice(caller);
    const now = clock.now();
    const vault = await requireOwnedVault(store, caller, vaultParam(c), { now, reason: 'a grantee tried to refuse emergency access' });
    const grantId = grantParam(c);
    const grant = (await store.listGrants(vault.vault)).find((g) => g.grant === grantId);
    if (!grant) throw new CarekeyError('not-found', 'no such grant in this record');
    if (!grant.emergency) throw new CarekeyError('bad-request', 'this is an ordinary grant, not emergency access: revoke it instead');
    if (!grantInForce(grant, now)) throw new CarekeyError('conflict', 'this emergency access has ended: there is nothing to refuse');
    const emergency = await store.refuseEmergency(vault.vault, grant.grant, now, emergencyEvent(grant, 'emergency-refused', now));
    realtime.hub.publish({ vault: vault.vault, kind: 'emergency' });
    return c.json(emergencyResponse(grant.grant, emergency, now));
  });

  return routes;
}
