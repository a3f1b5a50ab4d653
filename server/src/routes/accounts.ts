/**
 * Accounts (DESIGN §4 "Identities", "The account key and its slots", "Relay login"):
 *
 * ```
 * POST /v1/accounts                    register an account, its first device and vault
 * GET  /v1/accounts/:account/slots     unlock slots (no session; rate-limited per IP and account)
 * GET  /v1/accounts/:account           the account card and device log (any session)
 * POST /v1/accounts/:account/devices   append device-log statements (own account)
 * GET  /v1/accounts/:account/items     the encrypted account items (own account)
 * POST /v1/accounts/:account/items     append encrypted account items (own account)
 * ```
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { WeakKdfParametersError, checkKdfParams, fromBase64Url } from '@carekey/crypto';
import {
  CarekeyError,
  DeviceStatement,
  api,
  applyDeviceLog,
  emptyDeviceLog,
  openAccountCard,
  parseWith,
  peekStatement,
  type StatementWire,
} from '@carekey/protocol';
import { loadAccount, type AccountState } from '../account-state.ts';
import type { RelayDeps, RelayEnv } from '../context.ts';
import { toStored, verifyNewVault } from '../log-statements.ts';
import { perIpKey } from '../middleware/client-ip.ts';
import { RateLimiter, rateLimit } from '../middleware/rate-limit.ts';
import { requireSession } from '../middleware/session.ts';
import { requireDevice, requireOwnAccount } from '../permissions.ts';
import { accountParam, readJson } from '../request.ts';
import { issueSession } from '../sessions.ts';

/**
 * Checks the unlock slots of a registration: at least one passphrase slot, unique slot IDs,
 * and Argon2id parameters no client would refuse (DESIGN §4: clients hard-code the floors).
 *
 * @throws CarekeyError `bad-request`
 */
function checkSlots(slots: readonly api.UnlockSlotWire[]): void {
  if (!slots.some((slot) => slot.type === 'passphrase')) {
    throw new CarekeyError('bad-request', 'slots: at least one passphrase slot is required');
  }
  const ids = new Set<string>();
  for (const slot of slots) {
    if (ids.has(slot.slotId)) throw new CarekeyError('bad-request', `slots: slot ID ${slot.slotId} is used twice`);
    ids.add(slot.slotId);
    if (slot.type !== 'passphrase') continue;
    try {
      checkKdfParams(slot.kdf);
    } catch (error) {
      if (error instanceof WeakKdfParametersError) {
        throw new CarekeyError('bad-request', `slots: ${slot.slotId}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
}

/**
 * Refuses device statements that do not continue the stored log with `conflict` (another
 * device appended first: read and retry), before the full verification.
 */
function checkFollowsHead(holder: AccountState, first: StatementWire): void {
  const peeked = v.safeParse(DeviceStatement, peekStatement(first));
  // A statement that does not even parse is left to the verifier, which names the problem.
  if (!peeked.success) return;
  const head = holder.devices.head;
  if (peeked.output.seq !== head.seq + 1 || peeked.output.prev !== head.hash) {
    throw new CarekeyError('conflict', `the device log is at ${head.seq}; read it and append on top`);
  }
}

/** The account routes, to mount under `/v1`. */
export function accountRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const { store, clock, config } = deps;
  const limits = config.rateLimits;
  const ipKey = perIpKey(config.trustProxy);
  const registerPerIp = new RateLimiter({ limit: limits.registerPerIp, windowMs: limits.windowMs, clock });
  const slotsPerIp = new RateLimiter({ limit: limits.slotsPerIp, windowMs: limits.windowMs, clock });
  const slotsPerAccount = new RateLimiter({ limit: limits.slotsPerAccount, windowMs: limits.windowMs, clock });
  const session = requireSession(deps);

  const routes = new Hono<RelayEnv>();

  routes.post('/accounts', rateLimit(registerPerIp, ipKey), async (c) => {
    const body = parseWith(api.RegisterRequest, await readJson(c));
    const card = openAccountCard(body.card);
    const identityKey = fromBase64Url(card.identityKey, 'identityKey');
    const devices = applyDeviceLog(emptyDeviceLog(card.account), identityKey, [body.device]);
    const [first] = devices.devices.keys();
    if (first === undefined) throw new CarekeyError('bad-request', 'device: the first device statement must add a device');
    checkSlots(body.slots);
    const now = clock.now();
    const vault = body.vault ? verifyNewVault(body.vault.id, body.vault.log, { account: card.account, identityKey }, now) : undefined;
    const [device] = toStored([body.device], 1);
    await store.createAccount({
      account: card.account,
      card: body.card,
      slots: body.slots,
      items: body.items,
      device: device!,
      ...(vault ? { vault } : {}),
      created: now,
    });
    return c.json({ account: card.account, session: await issueSession(deps, card.account, first) }, 201);
  });

  routes.get(
    '/accounts/:account/slots',
    rateLimit(slotsPerIp, ipKey),
    rateLimit(slotsPerAccount, (c) => `account:${c.req.param('account') ?? ''}`),
    async (c) => {
      const slots = await store.getSlots(accountParam(c));
      if (!slots) throw new CarekeyError('not-found', 'no such account');
      return c.json({ slots });
    },
  );

  routes.get('/accounts/:account', session, async (c) => {
    const account = accountParam(c);
    const holder = account === c.var.session.account ? c.var.session.holder : await loadAccount(store, account);
    if (!holder) throw new CarekeyError('not-found', 'no such account');
    return c.json({ card: holder.cardWire, devices: holder.deviceLog });
  });

  routes.post('/accounts/:account/devices', session, async (c) => {
    const account = accountParam(c);
    requireOwnAccount(c.var.session, account);
    const { statements } = parseWith(api.AppendDevicesRequest, await readJson(c));
    const holder = c.var.session.holder;
    checkFollowsHead(holder, statements[0]!);
    const next = applyDeviceLog(holder.devices, holder.identityKey, statements);
    await store.appendDeviceLog(account, holder.devices.head.hash, toStored(statements, holder.devices.head.seq + 1));
    return c.json({ head: next.head });
  });

  routes.get('/accounts/:account/items', session, async (c) => {
    const account = accountParam(c);
    requireOwnAccount(c.var.session, account);
    return c.json({ items: await store.listItems(account) });
  });

  routes.post('/accounts/:account/items', session, async (c) => {
    const account = accountParam(c);
    requireOwnAccount(c.var.session, account);
    // Writing keys is for a registered device, not a device still proving it knows the passphrase.
    requireDevice(c.var.session);
    const { items } = parseWith(api.AppendItemsRequest, await readJson(c));
    await store.appendItems(account, items);
    return c.json({ ok: true });
  });

  return routes;
}
