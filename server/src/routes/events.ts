/**
 * The realtime channel (DESIGN §4 "Carers and emergency access", §5):
 *
 * ```
 * GET /v1/vaults/:vault/events    server-sent events (owner, or grantee in force)
 * ```
 *
 * Authenticated like every route (`Authorization: Bearer`; clients read it with a streaming
 * fetch, not EventSource, so the header works). The stream opens with `ready`, then carries
 * `envelopes`, `control` and — to the owner's devices only — `emergency` events as the vault
 * changes, and a heartbeat comment every `heartbeatMs`. An event holds no content: its kind and
 * a sequence number (protocol `RealtimeEventSchema`); the client reads what changed through the
 * ordinary routes, which enforce access as ever.
 *
 * A grantee hears of the control log (which it may read, even while an emergency grant waits)
 * and of envelope batches touching the collections and months its grants serve now; never of
 * emergency requests. Every heartbeat, and every control-log change for a grantee, checks again
 * that the session is live, its device still active and the access still in force; the stream
 * closes when they are not, and when the session expires. A stream whose reader stops reading
 * is closed rather than buffered without end. Each account may hold `maxStreamsPerAccount`
 * streams open on one relay process (`rate-limited` beyond).
 */
import { Hono } from 'hono';
import { CarekeyError, activeDeviceKey, type api } from '@carekey/protocol';
import { loadAccount } from '../account-state.ts';
import type { AuthenticatedSession, RelayDeps, RelayEnv } from '../context.ts';
import { requireSession } from '../middleware/session.ts';
import { grantInForce, grantRanges, partitionGrants, vaultAccess } from '../permissions.ts';
import type { VaultEvent } from '../realtime/hub.ts';
import { vaultParam } from '../request.ts';
import type { EnvelopeRange, RelayStore } from '../store/types.ts';

/** Who is listening, and so what they may hear. */
type Audience = { readonly role: 'owner' } | { readonly role: 'grantee'; readonly ranges: readonly EnvelopeRange[] };

/** Chunks a stream may have queued, unread, before it is closed (heartbeats and events are tiny). */
const MAX_QUEUED_CHUNKS = 256;
/** Longest a timer may be set for (setTimeout's limit is 2^31 − 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What `audience` may hear of `event`, as it goes on the wire, or null. */
export function eventFor(audience: Audience, event: VaultEvent): api.RealtimeEvent | null {
  switch (event.kind) {
    case 'emergency':
      return audience.role === 'owner' ? { kind: 'emergency' } : null;
    case 'control':
      return { kind: 'control', seq: event.seq };
    case 'envelopes': {
      const wire: api.RealtimeEvent = { kind: 'envelopes', cursor: String(event.seq) };
      if (audience.role === 'owner') return wire;
      if (event.touched === null) return audience.ranges.length > 0 ? wire : null;
      const heard = event.touched.some((t) =>
        audience.ranges.some((r) => r.collection === t.collection && r.fromMonth <= t.toMonth && t.fromMonth <= r.toMonth),
      );
      return heard ? wire : null;
    }
  }
}

/**
 * The caller's audience at `now`, or null when the session, its device or the access no longer
 * stand. Logs nothing: the stream just ends, and the client's reconnect meets the usual refusal.
 */
async function currentAudience(store: RelayStore, caller: AuthenticatedSession, vault: string, now: number): Promise<Audience | null> {
  const session = await store.getSession(caller.tokenHash);
  if (!session || session.expiresAt <= now) return null;
  if (caller.device !== null) {
    const holder = await loadAccount(store, caller.account);
    if (!holder || !activeDeviceKey(holder.devices, caller.device)) return null;
  }
  const record = await store.getVault(vault);
  if (!record) return null;
  if (record.owner === caller.account) return { role: 'owner' };
  const inForce = (await store.listGrants(vault, caller.account)).filter((g) => grantInForce(g, now));
  if (inForce.length === 0) return null;
  return { role: 'grantee', ranges: grantRanges(partitionGrants(inForce, now).serving) };
}

/** One SSE frame. */
function frame(event: api.RealtimeEvent): string {
  return `event: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The realtime route, to mount under `/v1`. */
export function eventRoutes(deps: RelayDeps): Hono<RelayEnv> {
  const { store, clock, logger } = deps;
  const { hub, heartbeatMs, maxStreamsPerAccount } = deps.realtime;
  const session = requireSession(deps);
  const routes = new Hono<RelayEnv>();
  const openStreams = new Map<string, number>();

  routes.get('/vaults/:vault/events', session, async (c) => {
    const caller = c.var.session;
    const now = clock.now();
    const access = await vaultAccess(store, caller, vaultParam(c), now);
    const vault = access.vault.vault;
    let audience: Audience =
      access.role === 'owner' ? { role: 'owner' } : { role: 'grantee', ranges: grantRanges(partitionGrants(access.grants, now).serving) };
    const open = openStreams.get(caller.account) ?? 0;
    if (open >= maxStreamsPerAccount) {
      throw new CarekeyError('rate-limited', `at most ${maxStreamsPerAccount} realtime streams may be open at once for one account`, {
        retryAfter: Math.ceil(heartbeatMs / 1000),
      });
    }
    openStreams.set(caller.account, open + 1);

    const encoder = new TextEncoder();
    const signal = c.req.raw.signal;
    let finish: (cancelled?: boolean) => void = () => undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let closed = false;
        let checking = false;
        const send = (text: string): void => {
          if (closed) return;
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHUNKS) {
            finish();
            return;
          }
          controller.enqueue(encoder.encode(text));
        };
        /** Checks the session and access again; ends the stream when they no longer stand. */
        const recheck = (): void => {
          if (checking || closed) return;
          checking = true;
          currentAudience(store, caller, vault, clock.now()).then(
            (next) => {
              checking = false;
              if (next === null) finish();
              else audience = next;
            },
            (error: unknown) => {
              checking = false;
              logger.error('realtime: checking a stream failed', { error });
              finish();
            },
          );
        };
        const unsubscribe = hub.subscribe(vault, {
          event: (event) => {
            const wire = eventFor(audience, event);
            if (wire) send(frame(wire));
            if (event.kind === 'control' && audience.role === 'grantee') recheck();
          },
          ended: () => finish(),
        });
        const heartbeat = setInterval(() => {
          send(': heartbeat\n\n');
          recheck();
        }, heartbeatMs);
        const expiry = setTimeout(() => finish(), Math.min(MAX_TIMER_MS, Math.max(0, caller.expiresAt - clock.now())));
        const onAbort = (): void => finish();
        finish = (cancelled = false) => {
          if (closed) return;
          closed = true;
          unsubscribe();
          clearInterval(heartbeat);
          clearTimeout(expiry);
          signal.removeEventListener('abort', onAbort);
          const left = (openStreams.get(caller.account) ?? 1) - 1;
          if (left > 0) openStreams.set(caller.account, left);
          else openStreams.delete(caller.account);
          // A cancelled stream (the reader went away) is closed already.
          if (!cancelled) controller.close();
        };
        signal.addEventListener('abort', onAbort);
        send(frame({ kind: 'ready' }));
        if (signal.aborted) finish();
      },
      cancel() {
        finish(true);
      },
    });
    return new Response(body, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        // Proxies such as nginx must pass events on at once rather than buffer them.
        'X-Accel-Buffering': 'no',
      },
    });
  });

  return routes;
}
