/**
 * Vaults and their control logs (DESIGN §4 "The control log", "Grants", "Revocation and expiry"):
 *
 * ```
 * POST /v1/vaults                  create a vault from its genesis statement (device session)
 * GET  /v1/vaults/:vault/log       read the control log after a seq (owner, or grantee in force)
 * POST /v1/vaults/:vault/log       append, compare-and-set on prev (owner or co-owner, device
 *                                  session), with the key packages the new statements list
 * ```
 *
 * Every statement is verified with the owner's identity key from the stored, verified account
 * card; an append is verified on top of the whole stored log. From the verified state the
 * relay stores, in the same transaction as the statements, the grants it enforces, the key
 * packages (exactly those the new statements list by hash, each once) and the access-log
 * events of grants issued and revoked. A former grantee reading the log gets `access-ended`.
 */
import { Hono } from 'hono';
import type * as v from 'valibot';
import { bytesEqual } from '@carekey/crypto';
import {
  CarekeyError,
  LOGIN_CLOCK_SKEW_MS,
  MAX_REVOKED_WRITTEN,
  WRITE_HOLD_MS,
  api,
  applyControlLog,
  coOwnerGrant,
  isUnlistedWrites,
  parseWith,
  type ControlLogState,
  type ControlStatement,
} from '@carekey/protocol';
import type { RelayDeps, RelayEnv } from '../context.ts';
import { admitKeyPackages, grantEvents, grantRecords, verifiedStatements } from '../grant-log.ts';
import { toStored, verifyNewVault } from '../log-statements.ts';
import { requireSession } from '../middleware/session.ts';
import { loadAccount } from '../account-state.ts';
import type { AuthenticatedSession } from '../context.ts';
import { grantInForce, requireDevice, requireOwnedVault, vaultAccess } from '../permissions.ts';
import type { RevokedWriter, VaultRecord } from '../store/types.ts';
import { readJson, vaultParam } from '../request.ts';

/** A writer a revocation stops, and whose account it is (to hold their writes). */
type HeldWriter = RevokedWriter & { readonly grantee: string };

/** The vault routes, to mount under `/v1`. */
export function vaultRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const { store, clock, realtime } = deps;
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
    const { vault } = await vaultAccess(store, c.var.session, vaultParam(c), clock.now());
    const { after } = parseWith(api.LogQuery, c.req.query());
    const statements = await store.readControlLog(vault.vault, Number(after));
    const body: v.InferOutput<typeof api.LogResponse> = { statements: statements.map((s) => s.statement), head: vault.head };
    return c.json(body);
  });

  routes.post('/vaults/:vault/log', session, async (c) => {
    const caller = c.var.session;
    requireDevice(caller);
    const now = clock.now();
    const vault = await controlWriter(caller, vaultParam(c), now);
    const { prev, statements, packages = [] } = parseWith(api.AppendLogRequest, await readJson(c));
    const stored = await store.readControlLog(vault.vault, 0);
    const ownerState = vault.owner === caller.account ? caller.holder : await loadAccount(store, vault.owner);
    if (!ownerState) throw new Error('a vault whose owner is not known');
    const owner = { account: vault.owner, identityKey: ownerState.identityKey };
    const before = applyControlLog(
      null,
      vault.vault,
      owner,
      stored.map((s) => s.statement),
    );
    const coOwner = vault.owner !== caller.account;
    if (coOwner && !coOwnerGrant(before, caller.account, now)) {
      // A grantee who is no co-owner: refused and logged as any grantee is.
      await requireOwnedVault(store, caller, vault.vault, { now, reason: 'a grantee tried to change the control log' });
    }
    if (prev !== vault.head.hash) throw new CarekeyError('conflict', `the control log is at ${vault.head.seq}; read it and append on top`);
    const state = applyControlLog(before, vault.vault, owner, statements);
    if (coOwner) {
      for (const s of verifiedStatements(statements)) {
        // A co-owner signs only their own statements, dated by a clock that agrees with the
        // relay's: readers judge a co-owner's authority by the date a statement claims.
        if (s.author !== caller.account) throw new CarekeyError('forbidden', 'send only statements you signed yourself');
        if (Math.abs(s.time - now) > LOGIN_CLOCK_SKEW_MS) {
          throw new CarekeyError('bad-request', "the statement's time is too far from the relay's clock; check this device's clock");
        }
      }
    }
    const added = verifiedStatements(statements);
    const writers = await revokedWriters(added, before);
    try {
      await store.appendControlLog(vault.vault, {
        prev,
        statements: toStored(statements, vault.head.seq + 1),
        collections: [...state.collections.values()],
        grants: grantRecords(state),
        packages: admitKeyPackages(added, packages),
        events: grantEvents(added, state, now),
        revokedWriters: writers,
      });
    } catch (error) {
      if (isUnlistedWrites(error)) await holdUnlistedWriters(vault.vault, writers, now);
      throw error;
    }
    if (state.head) realtime.hub.publish({ vault: vault.vault, kind: 'control', seq: state.head.seq });
    const body: v.InferOutput<typeof api.AppendLogResponse> = { head: state.head };
    return c.json(body);
  });

  /**
   * The writers the new statements revoke, for the store to check (in the append's transaction)
   * that each revocation's `written` lists every envelope the relay holds from them in the
   * grant's collections (docs/protocol.md §5.2): otherwise an entry sent after the revoking
   * device last pulled, while the grant was still in force, would be refused by every reader for
   * ever. Only the writer's active devices count, as readers accept no other; a read-only grant
   * wrote nothing; a `written` already at {@link MAX_REVOKED_WRITTEN} cannot list more.
   */
  async function revokedWriters(added: readonly ControlStatement[], before: ControlLogState): Promise<HeldWriter[]> {
    const writers: HeldWriter[] = [];
    for (const s of added) {
      if (s.type !== 'grant-revoked' || s.written.length >= MAX_REVOKED_WRITTEN) continue;
      const grant = before.grants.get(s.grant);
      if (!grant || grant.access !== 'write') continue;
      const grantee = await loadAccount(store, grant.grantee);
      // A grantee whose keys are not the ones the grant names: readers accept nothing of theirs.
      if (!grantee || !bytesEqual(grantee.identityKey, grant.granteeIdentityKey)) continue;
      const signers = [...grantee.devices.devices.values()].filter((d) => d.removedSeq === null).map((d) => d.device);
      writers.push({ grantee: grant.grantee, collections: grant.collections, signers, written: s.written });
    }
    return writers;
  }

  /**
   * After a revocation was refused for leaving out an envelope its writer sent (the statements
   * verified as the owner's or a co-owner's in force, so only they can cause this), holds that
   * writer's envelope appends to the vault for {@link WRITE_HOLD_MS} (docs/protocol.md §5.2):
   * a writer who keeps sending cannot make every retry meet a new envelope, and so keep their
   * access from being stopped. Set in its own write, the refused append having left nothing.
   */
  async function holdUnlistedWriters(vault: string, writers: readonly HeldWriter[], now: number): Promise<void> {
    for (const writer of writers) {
      const listed = new Set(writer.written);
      const held = await store.envelopesSignedBy(vault, writer.collections, writer.signers);
      if (held.some((hash) => !listed.has(hash))) await store.holdWrites(vault, writer.grantee, now + WRITE_HOLD_MS);
    }
  }

  /**
   * Who may append to a vault's control log: its owner, or a grantee who may be a co-owner (the
   * verified log decides, and the verifier then holds them to what a co-owner may sign). Anyone
   * else is refused as `requireOwnedVault` refuses them.
   */
  async function controlWriter(caller: AuthenticatedSession, vaultId: string, now: number): Promise<VaultRecord> {
    const record = await store.getVault(vaultId);
    if (record && record.owner !== caller.account) {
      const grants = await store.listGrants(vaultId, caller.account);
      if (grants.some((g) => g.access === 'write' && grantInForce(g, now))) return record;
    }
    return requireOwnedVault(store, caller, vaultId, { now, reason: 'a grantee tried to change the control log' });
  }

  return routes;
}
