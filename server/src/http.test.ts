/**
 * The relay as a real server over real HTTP (DESIGN §7 "Relay integration"), against SQLite and
 * — when DATABASE_URL is set — PostgreSQL: one patient's whole first session through `fetch`,
 * then a look at everything the relay stored, which must not contain a single plaintext byte.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { monthOf, ready, toBase64Url } from '@carekey/crypto';
import { TestPatient } from './test-actors.ts';
import { startRelay, type RunningRelay } from './testing.ts';

await ready();

interface Story {
  /** Strings that exist only inside encrypted payloads. */
  readonly markers: readonly string[];
  /** Strings the relay must store in clear (IDs): proves the dump really shows the data. */
  readonly clearIds: readonly string[];
}

async function api(
  relay: RunningRelay,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${relay.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Register → challenge → session → create a vault → append → pull, all over HTTP. */
async function firstSession(relay: RunningRelay): Promise<Story> {
  const tag = randomBytes(6).toString('hex');
  const markers = [`ENTRY-PLAINTEXT-${tag}`, `SECOND-ENTRY-${tag}`, `BUNDLE-PLAINTEXT-${tag}`, 'correct horse battery staple'];
  const patient = TestPatient.create();

  const registered = await api(
    relay,
    'POST',
    '/v1/accounts',
    patient.registration({ items: [patient.item('bundle', markers[2]!, 'bundle')] }),
  );
  expect(registered.status).toBe(201);

  const challenge = await api(relay, 'POST', '/v1/auth/challenge', { account: patient.account });
  expect(challenge.json['origin']).toBe(relay.url);
  const login = patient.login(
    { origin: relay.url, challenge: challenge.json['challenge'] as string, time: Date.now() },
    patient.firstDevice,
  );
  const session = await api(relay, 'POST', '/v1/auth/session', { login });
  expect(session.status).toBe(200);
  const token = session.json['token'] as string;

  const vault = patient.newVault();
  expect((await api(relay, 'POST', '/v1/vaults', { id: vault.id, log: vault.log }, token)).status).toBe(201);

  const month = monthOf(Date.now());
  const sealed = [
    patient.seal(vault, { month, marker: markers[0]! }),
    patient.seal(vault, { month, marker: markers[1]!, collection: vault.collections[1]! }),
  ];
  const envelopes = sealed.map(toBase64Url);
  const appended = await api(relay, 'POST', `/v1/vaults/${vault.id}/envelopes`, { envelopes }, token);
  expect(appended.status).toBe(200);
  expect((appended.json['results'] as Array<{ seq: number }>).map((r) => r.seq)).toEqual([1, 2]);

  const pulled = await api(relay, 'GET', `/v1/vaults/${vault.id}/envelopes?after=0`, undefined, token);
  expect(pulled.json).toEqual({ envelopes: envelopes.map((data, i) => ({ seq: i + 1, data })), cursor: '2', more: false });
  return { markers, clearIds: [patient.account, vault.id, vault.collections[0]!.id] };
}

function expectNoPlaintext(stored: Buffer, story: Story): void {
  for (const id of story.clearIds) expect(stored.includes(id), `the dump should show ${id}`).toBe(true);
  for (const marker of story.markers) expect(stored.includes(marker), `plaintext "${marker}" is in the store`).toBe(false);
}

describe('over HTTP against SQLite', () => {
  test('a first session works, and the database holds no plaintext', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'carekey-http-'));
    try {
      const relay = await startRelay({ store: 'sqlite', dataDir });
      const story = await firstSession(relay);
      await relay.close();
      const files = (await readdir(dataDir)).filter((name) => name.startsWith('relay.sqlite'));
      expect(files).toContain('relay.sqlite');
      const bytes = Buffer.concat(await Promise.all(files.map((name) => readFile(join(dataDir, name)))));
      expectNoPlaintext(bytes, story);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.info('http.test.ts: DATABASE_URL is not set, so the PostgreSQL run was skipped');

describe.runIf(databaseUrl)('over HTTP against PostgreSQL', () => {
  let relay: RunningRelay | undefined;
  afterAll(async () => {
    await relay?.close();
  });

  /** Every row of every table of the relay's schema; bytes as bytes, the rest as text. */
  async function dump(url: string, schema: string): Promise<Buffer> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [schema],
      );
      expect(tables.rows.map((t) => t.table_name)).toContain('envelopes');
      const parts: Buffer[] = [];
      for (const { table_name } of tables.rows) {
        const rows = await client.query<Record<string, unknown>>(`SELECT * FROM ${schema}.${table_name}`);
        for (const row of rows.rows) {
          for (const value of Object.values(row)) parts.push(Buffer.isBuffer(value) ? value : Buffer.from(String(value)));
        }
      }
      return Buffer.concat(parts);
    } finally {
      await client.end();
    }
  }

  test('a first session works, and the database holds no plaintext', async () => {
    relay = await startRelay({ store: 'postgres', databaseUrl: databaseUrl! });
    const story = await firstSession(relay);
    if (relay.storage.kind !== 'postgres') throw new Error('expected a postgres relay');
    expectNoPlaintext(await dump(databaseUrl!, relay.storage.schema), story);
  });
});
