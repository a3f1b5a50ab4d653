/**
 * Envelopes (DESIGN §4 "Envelope", "Grants", "Transparency", §5):
 *
 * ```
 * POST /v1/vaults/:vault/envelopes                      append a batch (idempotent, all or nothing)
 * GET  /v1/vaults/:vault/envelopes?after=SEQ&limit=N    pull after a cursor
 * POST /v1/vaults/:vault/envelopes/replaced             remove originals a re-encryption replaced (owner only)
 * ```
 *
 * The owner reads and writes the whole vault. A grantee with grants in force pulls only the
 * envelopes of their granted collections, from each grant's `notBefore` month through the
 * month of its `notAfter` (the cursor is the last envelope returned, or `after` when none);
 * with a `write` grant in force they append to those collections and months, signed by an
 * active device of their own account, else the whole batch is refused. Every grantee's pull
 * that returns envelopes, every batch of theirs that stores new ones and every refusal goes
 * into the vault's access log. Writing needs a registered device. An emergency grant serves
 * neither until it is released (`emergency-waiting`, see permissions.ts). While a write hold
 * on a grantee lasts (the owner or a co-owner is stopping their access, docs/protocol.md §5.2)
 * their batches are refused with 409 `conflict` (`WRITE_HELD`), logged, and nothing stored.
 *
 * Only the owner, from a registered device, removes the envelopes a re-encryption replaced
 * (see replacements.ts for what is checked); a grantee who tries, co-owner or not, is refused
 * and logged. The removal is all or nothing, and repeating it removes nothing more.
 */
import { Hono } from 'hono';
import type * as v from 'valibot';
import { toBase64Url } from '@carekey/crypto';
import { CarekeyError, MAX_PULL_BYTES, MAX_PULL_ENVELOPES, api, isWriteHeld, parseWith } from '@carekey/protocol';
import type { RelayDeps, RelayEnv } from '../context.ts';
import { admitEnvelopes, checkBatchLimits } from '../envelope-batch.ts';
import { requireSession } from '../middleware/session.ts';
import { grantRanges, logRefusal, requireDevice, requireOwnedVault, servingGrants, vaultAccess } from '../permissions.ts';
import { touchedRanges } from '../realtime/hub.ts';
import { checkReplacedLimits, checkReplacements } from '../replacements.ts';
import { readJson, vaultParam } from '../request.ts';
import { inRanges } from '../store/rules.ts';
import type { GrantRecord } from '../store/types.ts';

/** The access log's reason for a write refused while the grantee's access is being stopped. */
export const WRITE_HELD_REASON = 'write while their access was being changed';

/** The distinct collections of `envelopes`, in order of first appearance. */
function collectionsOf(envelopes: readonly { readonly collection: string }[]): string[] {
  return [...new Set(envelopes.map((e) => e.collection))];
}

/** The one grant of `grants` that covers any of `collections`, or null when none or several do. */
function grantFor(grants: readonly GrantRecord[], collections: readonly string[]): string | null {
  const covering = grants.filter((g) => g.collections.some((c) => collections.includes(c)));
  return covering.length === 1 ? covering[0]!.grant : null;
}

/** The envelope routes, to mount under `/v1`. */
export function envelopeRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const { store, clock, realtime } = deps;
  const session = requireSession(deps);
  const routes = new Hono<RelayEnv>();

  routes.post('/vaults/:vault/envelopes', session, async (c) => {
    const caller = c.var.session;
    requireDevice(caller);
    const now = clock.now();
    const access = await vaultAccess(store, caller, vaultParam(c), now);
    const { vault } = access;
    const grants =
      access.role === 'grantee'
        ? await servingGrants(store, access, caller.account, { now, reason: 'write before emergency access was released' })
        : [];
    const body = await readJson(c);
    checkBatchLimits(body);
    const { envelopes } = parseWith(api.AppendEnvelopesRequest, body);
    const writeGrants = grants.filter((g) => g.access === 'write');
    if (access.role === 'grantee' && writeGrants.length === 0) {
      await logRefusal(store, vault.vault, {
        actor: caller.account,
        grant: grants.at(-1)!.grant,
        reason: 'write with a read-only grant',
        at: now,
      });
      throw new CarekeyError('forbidden', 'this record is shared with you to read, not to add to');
    }
    // The signer must be an active device of the caller's own account, owner or grantee.
    const admitted = admitEnvelopes(envelopes, { vault, devices: caller.holder.devices, now });
    if (access.role === 'grantee') {
      const ranges = grantRanges(writeGrants);
      const outside = admitted.filter((e) => !inRanges(e, ranges));
      if (outside.length > 0) {
        const granted = new Set(writeGrants.flatMap((g) => g.collections));
        const notGranted = outside.some((e) => !granted.has(e.collection));
        const collections = collectionsOf(outside);
        await logRefusal(store, vault.vault, {
          actor: caller.account,
          grant: grantFor(writeGrants, collections),
          collections,
          reason: notGranted ? 'write to a collection not granted' : 'write to a month outside the grant',
          at: now,
        });
        throw new CarekeyError(
          'forbidden',
          notGranted
            ? 'this batch writes to a part of the record not shared with you'
            : 'this batch writes to months outside what is shared with you',
        );
      }
    }
    const grantee = access.role === 'grantee' ? { writer: caller.account } : {};
    const results = await store
      .appendEnvelopes(vault.vault, admitted, { received: now, controlHead: vault.head.hash, ...grantee })
      .catch(async (error: unknown) => {
        // The owner (or a co-owner) is stopping this grantee's access: see vaults.ts.
        if (isWriteHeld(error)) {
          const collections = collectionsOf(admitted);
          await logRefusal(store, vault.vault, {
            actor: caller.account,
            grant: grantFor(writeGrants, collections),
            collections,
            reason: WRITE_HELD_REASON,
            at: now,
          });
        }
        throw error;
      });
    const written = admitted.filter((_, i) => !results[i]!.duplicate);
    if (written.length > 0) {
      const seq = Math.max(...results.filter((r) => !r.duplicate).map((r) => r.seq));
      realtime.hub.publish({ vault: vault.vault, kind: 'envelopes', seq, touched: touchedRanges(written) });
    }
    if (access.role === 'grantee') {
      if (written.length > 0) {
        const collections = collectionsOf(written);
        await store.appendAccessEvents(vault.vault, [
          {
            at: now,
            kind: 'write',
            actor: caller.account,
            grant: grantFor(writeGrants, collections),
            collections,
            count: written.length,
            reason: null,
          },
        ]);
      }
    }
    const reply: v.InferOutput<typeof api.AppendEnvelopesResponse> = { results };
    return c.json(reply);
  });

  routes.post('/vaults/:vault/envelopes/replaced', session, async (c) => {
    const caller = c.var.session;
    requireDevice(caller);
    const now = clock.now();
    const vault = await requireOwnedVault(store, caller, vaultParam(c), { now, reason: 'a grantee tried to remove envelopes' });
    const body = await readJson(c);
    checkReplacedLimits(body);
    const { replaced } = parseWith(api.RemoveReplacedRequest, body);
    const index = await store.readEnvelopeIndex(vault.vault, [...replaced.map((r) => r.envelope), ...replaced.map((r) => r.by)]);
    // The caller is the owner, so the session's verified device log is the owner's.
    const remove = checkReplacements(replaced, { vault, ownerDevices: caller.holder.devices, index });
    const removed = remove.length === 0 ? 0 : await store.removeEnvelopes(vault.vault, remove, { controlHead: vault.head.hash });
    const reply: v.InferOutput<typeof api.RemoveReplacedResponse> = { removed };
    return c.json(reply);
  });

  routes.get('/vaults/:vault/envelopes', session, async (c) => {
    const caller = c.var.session;
    const now = clock.now();
    const access = await vaultAccess(store, caller, vaultParam(c), now);
    const { vault } = access;
    const grants =
      access.role === 'grantee'
        ? await servingGrants(store, access, caller.account, { now, reason: 'read before emergency access was released' })
        : [];
    const query = parseWith(api.PullQuery, c.req.query());
    const after = Number(query.after);
    const limit = Math.min(Number(query.limit), MAX_PULL_ENVELOPES);
    if (limit < 1) throw new CarekeyError('bad-request', 'limit: at least 1');
    const page = await store.pullEnvelopes(vault.vault, {
      after,
      limit,
      maxBytes: MAX_PULL_BYTES,
      ...(access.role === 'grantee' ? { only: grantRanges(grants) } : {}),
    });
    if (access.role === 'grantee' && page.envelopes.length > 0) {
      const collections = collectionsOf(page.envelopes);
      await store.appendAccessEvents(vault.vault, [
        {
          at: now,
          kind: 'fetch',
          actor: caller.account,
          grant: grantFor(grants, collections),
          collections,
          count: page.envelopes.length,
          reason: null,
        },
      ]);
    }
    const last = page.envelopes.at(-1);
    const reply: v.InferOutput<typeof api.PullResponse> = {
      envelopes: page.envelopes.map((e) => ({ seq: e.seq, data: toBase64Url(e.data) })),
      cursor: String(last ? last.seq : after),
      more: page.more,
    };
    return c.json(reply);
  });

  return routes;
}
