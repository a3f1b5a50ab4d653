/**
 * Vaults and their control logs (DESIGN §4 "The control log"):
 *
 * ```
 * POST /v1/vaults                  create a vault from its genesis statement (device session)
 * GET  /v1/vaults/:vault/log       read the control log after a seq (owner)
 * POST /v1/vaults/:vault/log       append, compare-and-set on prev (owner, device session)
 * ```
 *
 * Every statement is verified with the owner's identity key from the stored, verified account
 * card; an append is verified on top of the whole stored log.
 */
import { Hono } from 'hono';
import { CarekeyError, api, applyControlLog, parseWith } from '@carekey/protocol';
import type { RelayDeps, RelayEnv } from '../context.ts';
import { toStored, verifyNewVault } from '../log-statements.ts';
import { requireSession } from '../middleware/session.ts';
import { requireDevice, requireOwnedVault } from '../permissions.ts';
import { readJson, vaultParam } from '../request.ts';

/** The vault routes, to mount under `/v1`. */
export function vaultRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const { store, clock } = deps;
  const session = requireSession(deps);
  const routes = new Hono<RelayEnv>();

  routes.post('/vaults', session, async (c) => {
    const caller = c.var.session;
    requireDevice(caller);
    const { id, log } = parseWith(api.CreateVaultRequest, await readJson(c));
    const vault = verifyNewVault(id, log, { account: caller.account, identityKey: caller.holder.identityKey }, clock.now());
    await store.createVault(vault);
    const head = vault.log.at(-1)!;
    return c.json({ head: { seq: head.seq, hash: head.hash } }, 201);
  });

  routes.get('/vaults/:vault/log', session, async (c) => {
    const vault = await requireOwnedVault(store, c.var.session, vaultParam(c));
    const { after } = parseWith(api.LogQuery, c.req.query());
    const statements = await store.readControlLog(vault.vault, Number(after));
    return c.json({ statements: statements.map((s) => s.statement), head: vault.head });
  });

  routes.post('/vaults/:vault/log', session, async (c) => {
    const caller = c.var.session;
    requireDevice(caller);
    const vault = await requireOwnedVault(store, caller, vaultParam(c));
    const { prev, statements } = parseWith(api.AppendLogRequest, await readJson(c));
    if (prev !== vault.head.hash) throw new CarekeyError('conflict', `the control log is at ${vault.head.seq}; read it and append on top`);
    const stored = await store.readControlLog(vault.vault, 0);
    const owner = { account: caller.account, identityKey: caller.holder.identityKey };
    const state = applyControlLog(null, vault.vault, owner, [...stored.map((s) => s.statement), ...statements]);
    await store.appendControlLog(vault.vault, {
      prev,
      statements: toStored(statements, vault.head.seq + 1),
      collections: [...state.collections.values()],
    });
    return c.json({ head: state.head });
  });

  return routes;
}
