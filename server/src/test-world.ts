/**
 * A patient, a clinician and a relay on each store, for the relay's grant stories
 * (`routes/grants.test.ts`, `routes/emergency.test.ts`): the stores to run them on — memory,
 * SQLite and (when DATABASE_URL is set) PostgreSQL — and small helpers to publish the owner's
 * control-log appends, send and pull envelopes and read the access log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';
import * as v from 'valibot';
import { monthOf, toBase64Url } from '@carekey/crypto';
import { api, statementWireHash } from '@carekey/protocol';
import { MemoryRelayStore } from './store/memory.ts';
import { createScratchSchema, openPostgresStore } from './store/postgres.ts';
import { openSqliteStore } from './store/sqlite.ts';
import type { RelayStore } from './store/types.ts';
import { TestPatient, type TestLogAppend, type TestVault } from './test-actors.ts';
import { call, register, testRelay, type Reply, type TestRelay } from './test-app.ts';

/**
 * The stores to run a test file's stories on, each opened fresh by its factory and closed after
 * each test. Call it once, at the top level of a test file (it registers the hooks that close
 * the stores and remove the SQLite files).
 */
export function testStores(name: string): Array<[string, () => Promise<RelayStore>]> {
  const url = process.env.DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), `carekey-${name}-`));
  const closing: Array<() => Promise<void>> = [];
  let opened = 0;
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const stores: Array<[string, () => Promise<RelayStore>]> = [
    ['memory', async () => new MemoryRelayStore()],
    [
      'SQLite',
      async () => {
        const store = await openSqliteStore(join(dir, `relay-${++opened}.sqlite`));
        closing.push(() => store.close());
        return store;
      },
    ],
  ];
  if (url) {
    stores.push([
      'PostgreSQL',
      async () => {
        const scratch = await createScratchSchema(url);
        const store = await openPostgresStore(url, { schema: scratch.schema });
        closing.push(async () => {
          await store.close();
          await scratch.drop();
        });
        return store;
      },
    ]);
  }
  return stores;
}

/** A relay, a patient who owns a vault, and a clinician (or carer) with an account. */
export interface World {
  readonly relay: TestRelay;
  readonly owner: TestPatient;
  ownerToken: string;
  /** The vault as the owner holds it, kept up to date by {@link publish}. */
  vault: TestVault;
  readonly clinician: TestPatient;
  clinicianToken: string;
  /** The relay clock's month at the start. */
  readonly month: number;
}

/** A world on `store`: the owner's vault has two collections; both accounts hold device sessions. */
export async function makeWorld(store: RelayStore, options: Omit<Parameters<typeof testRelay>[0], 'store'> = {}): Promise<World> {
  const relay = testRelay({ ...options, store });
  const owner = TestPatient.create();
  const vault = owner.newVault(2);
  const ownerToken = await register(relay, owner, { vault });
  const clinician = TestPatient.create();
  const clinicianToken = await register(relay, clinician);
  return { relay, owner, ownerToken, vault, clinician, clinicianToken, month: monthOf(relay.clock.now()) };
}

/** Sends an owner's control-log append (with its packages, or the ones given) and keeps the new vault on success. */
export async function publish(w: World, append: TestLogAppend, packages: readonly api.KeyPackageWire[] = append.packages): Promise<Reply> {
  const prev = statementWireHash(append.vault.log.at(-2)!);
  const reply = await call(w.relay.app, 'POST', `/v1/vaults/${w.vault.id}/log`, {
    token: w.ownerToken,
    body: { prev, statements: [append.statement], packages },
  });
  if (reply.status === 200) w.vault = append.vault;
  return reply;
}

/** Appends envelopes to the world's vault with `token`. */
export function appendEnvelopes(w: World, token: string, envelopes: readonly Uint8Array[]): Promise<Reply> {
  return call(w.relay.app, 'POST', `/v1/vaults/${w.vault.id}/envelopes`, { token, body: { envelopes: envelopes.map(toBase64Url) } });
}

/** GETs `path`, with `:vault` standing for the world's vault. */
export function get(w: World, token: string, path: string): Promise<Reply> {
  return call(w.relay.app, 'GET', path.replace(':vault', w.vault.id), { token });
}

/** The vault's access log as its owner reads it, newest first. */
export async function accessLog(w: World, query = ''): Promise<api.AccessEvent[]> {
  const reply = await get(w, w.ownerToken, `/v1/vaults/:vault/access-log${query}`);
  expect(reply.status).toBe(200);
  return v.parse(api.AccessLogResponse, reply.body).events;
}

/** The seqs of every envelope the store holds for the world's vault. */
export async function storedSeqs(w: World): Promise<number[]> {
  const page = await w.relay.store.pullEnvelopes(w.vault.id, { after: 0, limit: 1000, maxBytes: 1 << 30 });
  return page.envelopes.map((e) => e.seq);
}

/** Key packages in a stable order, to compare sets. */
export function sortedByData(packages: readonly api.KeyPackageWire[]): api.KeyPackageWire[] {
  return [...packages].sort((a, b) => (a.data < b.data ? -1 : 1));
}

/** Expects an error reply with this status and code. */
export function expectError(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.body.error?.code }).toEqual({ status, code });
}
