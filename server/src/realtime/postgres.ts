/**
 * Realtime events between relay processes on one PostgreSQL database (DESIGN §5 "Scale-out"):
 * each process holds one dedicated connection that `LISTEN`s on the relay's channel; publishing
 * is a `NOTIFY` on that channel, and every process — the publisher too — hands what it hears to
 * its own {@link InProcessHub}. So the event a request on process A publishes reaches a stream
 * open on process B, and each process delivers every event exactly once.
 *
 * The payload is the {@link VaultEvent} as JSON (vault, kind, seq, the collections and months
 * touched): nothing the relay's tables do not already hold. A relay using a schema of its own
 * (tests) uses a channel of its own, so relays on different schemas of one database never hear
 * each other.
 *
 * If the connection is lost, every open stream is ended (clients reconnect and catch up, since
 * events may have been missed) and the hub connects again with backoff; once listening again it
 * ends the streams once more, for the same reason.
 */
import pg from 'pg';
import * as v from 'valibot';
import type { RelayLogger } from '../context.ts';
import { InProcessHub, type RealtimeHub, type VaultEvent, type VaultListener } from './hub.ts';

/** NOTIFY payloads must stay under 8,000 bytes. */
const MAX_PAYLOAD = 7000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

const Id = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));
const Int = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const EventPayload = v.variant('kind', [
  v.object({
    vault: Id,
    kind: v.literal('envelopes'),
    seq: Int,
    touched: v.nullable(v.array(v.object({ collection: Id, fromMonth: Int, toMonth: Int }))),
  }),
  v.object({ vault: Id, kind: v.literal('control'), seq: Int }),
  v.object({ vault: Id, kind: v.literal('emergency') }),
]);

/** The NOTIFY channel of a relay on `schema` (or the default schema). */
export function channelFor(schema?: string): string {
  return schema === undefined ? 'carekey_events' : `carekey_events_${schema}`.slice(0, 63);
}

/** Options of {@link PostgresHub.open}. */
export interface PostgresHubOptions {
  /** The relay's schema, when it uses one of its own (tests): its events get their own channel. */
  readonly schema?: string;
  readonly logger: RelayLogger;
}

/**
 * @example
 * const hub = await PostgresHub.open(process.env.DATABASE_URL, { logger: consoleLogger });
 * const app = createApp({ store, clock, config, realtime: { hub } });
 */
export class PostgresHub implements RealtimeHub {
  readonly #local = new InProcessHub();
  readonly #connectionString: string;
  readonly #channel: string;
  readonly #logger: RelayLogger;
  #client: pg.Client | undefined;
  #closed = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;

  private constructor(connectionString: string, options: PostgresHubOptions) {
    this.#connectionString = connectionString;
    this.#channel = channelFor(options.schema);
    this.#logger = options.logger;
  }

  /** Connects and starts listening; rejects if the first connection fails. */
  static async open(connectionString: string, options: PostgresHubOptions): Promise<PostgresHub> {
    const hub = new PostgresHub(connectionString, options);
    await hub.#connect();
    return hub;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#connectionString });
    client.on('notification', (message) => {
      if (message.channel === this.#channel && message.payload !== undefined) this.#deliver(message.payload);
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, null));
    await client.connect();
    try {
      await client.query(`LISTEN "${this.#channel}"`);
    } catch (error) {
      await client.end();
      throw error;
    }
    if (this.#closed) {
      await client.end();
      return;
    }
    this.#client = client;
    this.#failures = 0;
  }

  #deliver(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch (error) {
      this.#logger.error('realtime: a notification was not JSON', { error });
      return;
    }
    const event = v.safeParse(EventPayload, parsed);
    if (!event.success) {
      this.#logger.error('realtime: a notification was not an event');
      return;
    }
    this.#local.publish(event.output);
  }

  /** The listening connection is gone: end the streams (they may miss events) and connect again. */
  #lost(client: pg.Client, error: Error | null): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.#closed) return;
    this.#logger.error('realtime: the PostgreSQL listener connection was lost; reconnecting', { error: error?.message ?? 'ended' });
    this.#local.endAll();
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(this.#failures, 10));
    this.#failures += 1;
    this.#retryTimer = setTimeout(() => {
      this.#connect().then(
        // Events published while no one listened are lost: streams reconnect and catch up.
        () => this.#local.endAll(),
        (error: unknown) => {
          this.#logger.error('realtime: reconnecting to PostgreSQL failed', { error: error instanceof Error ? error.message : 'unknown' });
          if (!this.#closed) this.#scheduleReconnect();
        },
      );
    }, delay);
    this.#retryTimer.unref();
  }

  publish(event: VaultEvent): void {
    let payload = JSON.stringify(event);
    if (payload.length > MAX_PAYLOAD && event.kind === 'envelopes') payload = JSON.stringify({ ...event, touched: null });
    const client = this.#client;
    if (!client) {
      // Not listening: the other processes cannot be told; this one's streams can.
      this.#local.publish(event);
      return;
    }
    client.query('SELECT pg_notify($1, $2)', [this.#channel, payload]).catch((error: unknown) => {
      this.#logger.error('realtime: publishing failed', { error: error instanceof Error ? error.message : 'unknown' });
      this.#local.publish(event);
    });
  }

  subscribe(vault: string, listener: VaultListener): () => void {
    return this.#local.subscribe(vault, listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#local.endAll();
    const client = this.#client;
    this.#client = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end();
    }
  }
}
