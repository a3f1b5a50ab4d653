/**
 * The set-up the client-against-relay integration tests share: one in-process relay per test on a
 * clock the test moves, people signing up against it (each with the kit a second device logs in
 * with), a network that can drop chosen paths, and the relay's store read back as text to look
 * for plaintext in.
 */
import { expect } from 'vitest';
import { CarekeyClient, CarekeyError, MemoryStorage, type Clock, type FetchLike } from '@carekey/client';
import { ownKeysForTests, type OwnKeys } from '@carekey/client/testing';
import { startRelay, type RunningRelay, type TestStoreKind } from '@carekey/server/testing';
import { dirname } from 'node:path';
import { dumpPostgres, readSqliteFiles } from './plaintext-scan.ts';

/** The stores the relay's data can be scanned on: SQLite always, PostgreSQL when DATABASE_URL is set. */
export const SCANNABLE_STORES: readonly TestStoreKind[] = ['sqlite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])];

export interface LoginKit {
  readonly accountId: string;
  readonly secretKey: string;
  readonly passphrase: string;
}

export class RelayWorld {
  /** How far the test clock runs ahead of the real one (ms). */
  offset = 0;
  /** Request paths the network drops, as if the relay could not be reached for them. */
  unreachable: RegExp | null = null;
  readonly clock: Clock = { now: () => Date.now() + this.offset };
  readonly fetch: FetchLike = async (input, init) => {
    const path = new URL(input).pathname;
    if (this.unreachable?.test(path)) throw new TypeError('fetch failed');
    const response = await this.relay.app.request(input, init);
    const hook = this.#afterAnswer;
    // Not while the hook itself runs: what it does may make matching requests too.
    if (hook && !this.#hookRunning && hook.method === (init?.method ?? 'GET') && hook.path.test(path)) {
      if (hook.once) this.#afterAnswer = null;
      this.#hookRunning = true;
      try {
        await hook.run();
      } finally {
        this.#hookRunning = false;
      }
    }
    return response;
  };
  /** Runs between the relay's answer to a matching request and the caller reading it: once, or every time. */
  #afterAnswer: { method: string; path: RegExp; run: () => Promise<void>; once: boolean } | null = null;
  #hookRunning = false;
  readonly #passphrase: string;
  readonly #kits = new Map<CarekeyClient, LoginKit>();
  readonly #storages = new Map<CarekeyClient, MemoryStorage>();
  #relay: RunningRelay | undefined;

  constructor(passphrase: string) {
    this.#passphrase = passphrase;
  }

  get relay(): RunningRelay {
    if (!this.#relay) throw new Error('the relay is not started: call start() in beforeEach');
    return this.#relay;
  }

  /** A fresh relay on `store`, the clock back to now and the network whole. */
  async start(store: TestStoreKind = 'memory'): Promise<RunningRelay> {
    this.offset = 0;
    this.unreachable = null;
    this.#afterAnswer = null;
    this.#hookRunning = false;
    this.#kits.clear();
    this.#storages.clear();
    this.#relay = await startRelay({ store, clock: this.clock });
    return this.#relay;
  }

  async close(): Promise<void> {
    await this.#relay?.close();
    this.#relay = undefined;
  }

  /** Someone who signed up on their own phone. */
  async person(name: string, role: 'patient' | 'clinician' | 'carer'): Promise<CarekeyClient> {
    const storage = new MemoryStorage();
    const client = await CarekeyClient.open({ storage, relay: this.relay.url, fetch: this.fetch, clock: this.clock });
    const kit = await client.signUp({ name, passphrase: this.#passphrase, role });
    this.#kits.set(client, { accountId: kit.accountId, secretKey: kit.secretKey, passphrase: this.#passphrase });
    this.#storages.set(client, storage);
    return client;
  }

  /**
   * Once the relay has answered the next `method` request whose path matches, runs `run` before
   * the caller reads the answer: something that happens on the relay just after, say, a pull
   * (the answer no longer holds everything). Whoever makes that request, once.
   */
  afterNextAnswer(method: string, path: RegExp, run: () => Promise<void>): void {
    this.#afterAnswer = { method, path, run, once: true };
  }

  /**
   * The same as {@link afterNextAnswer}, but after every matching answer until `stop` is called
   * (not for the requests `run` itself makes).
   */
  afterEveryAnswer(method: string, path: RegExp, run: () => Promise<void>): { readonly stop: () => void } {
    const hook = { method, path, run, once: false };
    this.#afterAnswer = hook;
    return {
      stop: () => {
        if (this.#afterAnswer === hook) this.#afterAnswer = null;
      },
    };
  }

  /** The keys `client`'s own device holds (for a test that plays them misusing those keys). */
  async ownKeys(client: CarekeyClient): Promise<OwnKeys> {
    const storage = this.#storages.get(client);
    if (!storage) throw new Error('not someone who signed up in this world');
    return ownKeysForTests(storage, this.#passphrase);
  }

  /** What `client`'s person logs in with on another device. */
  kit(client: CarekeyClient): LoginKit {
    const kit = this.#kits.get(client);
    if (!kit) throw new Error('not someone who signed up in this world');
    return kit;
  }

  /** Another phone of the same person, logged in (nothing synced yet). */
  async newDevice(of: CarekeyClient): Promise<CarekeyClient> {
    const client = await CarekeyClient.open({ storage: new MemoryStorage(), relay: this.relay.url, fetch: this.fetch, clock: this.clock });
    await client.logIn(this.kit(of));
    return client;
  }

  /** Everything the relay stored, as text (SQLite files or a PostgreSQL dump). */
  async stored(): Promise<string> {
    const storage = this.relay.storage;
    if (storage.kind === 'sqlite') return readSqliteFiles(dirname(storage.path));
    if (storage.kind === 'postgres') return dumpPostgres(storage.databaseUrl);
    throw new Error('a memory store cannot be scanned');
  }
}

/** The CarekeyError `promise` fails with (the test fails when it succeeds or fails otherwise). */
export async function failure(promise: Promise<unknown>): Promise<CarekeyError> {
  const error = await promise.then(
    () => expect.fail('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarekeyError);
  return error as CarekeyError;
}
