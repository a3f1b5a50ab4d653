/**
 * Envelopes (DESIGN §4 "Envelope", §5):
 *
 * ```
 * POST /v1/vaults/:vault/envelopes                      append a batch (idempotent, all or nothing)
 * GET  /v1/vaults/:vault/envelopes?after=SEQ&limit=N    pull after a cursor
 * ```
 *
 * For now only the vault's owner reads and writes (grants come later), and writing needs a
 * registered device.
 */
import { Hono } from 'hono';
import { toBase64Url } from '@carekey/crypto';
import { CarekeyError, MAX_PULL_BYTES, MAX_PULL_ENVELOPES, api, parseWith } from '@carekey/protocol';
import type { RelayDeps, RelayEnv } from '../context.ts';
import { admitEnvelopes, checkBatchLimits } from '../envelope-batch.ts';
import { requireSession } from '../middleware/session.ts';
import { requireDevice, requireOwnedVault } from '../permissions.ts';
import { readJson, vaultParam } from '../request.ts';

/** The envelope routes, to mount under `/v1`. */
export function envelopeRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const { store, clock } = deps;
  const session = requireSession(deps);
  const routes = new Hono<RelayEnv>();

  routes.post('/vaults/:vault/envelopes', session, async (c) => {
    const caller = c.var.session;
    requireDevice(caller);
    const vault = await requireOwnedVault(store, caller, vaultParam(c));
    const body = await readJson(c);
    checkBatchLimits(body);
    const { envelopes } = parseWith(api.AppendEnvelopesRequest, body);
    const now = clock.now();
    const admitted = admitEnvelopes(envelopes, { vault, devices: caller.holder.devices, now });
    const results = await store.appendEnvelopes(vault.vault, admitted, { received: now, controlHead: vault.head.hash });
    return c.json({ results });
  });

  routes.get('/vaults/:vault/envelopes', session, async (c) => {
    const vault = await requireOwnedVault(store, c.var.session, vaultParam(c));
    const query = parseWith(api.PullQuery, c.req.query());
    const after = Number(query.after);
    const limit = Math.min(Number(query.limit), MAX_PULL_ENVELOPES);
    if (limit < 1) throw new CarekeyError('bad-request', 'limit: at least 1');
    const page = await store.pullEnvelopes(vault.vault, { after, limit, maxBytes: MAX_PULL_BYTES });
    const last = page.envelopes.at(-1);
    return c.json({
      envelopes: page.envelopes.map((e) => ({ seq: e.seq, data: toBase64Url(e.data) })),
      cursor: String(last ? last.seq : after),
      more: page.more,
    });
  });

  return routes;
}
