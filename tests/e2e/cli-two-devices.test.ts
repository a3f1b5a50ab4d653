/**
 * The first complete path, through the `carekey` command and a real relay process: device A
 * creates a record and adds an allergy; device B logs in with the account ID, Secret Key and
 * passphrase and sees it; A adds a note while the relay is down and it arrives once the relay is
 * back; a tampered envelope is reported and never listed; and the relay's database holds none of
 * the plaintext. Runs against SQLite, and against PostgreSQL when DATABASE_URL is set.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { carekey, type CliResult } from '../support/cli-process.ts';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.ts';
import { dumpPostgres, findMarkers, freshPostgresDatabase, readSqliteFiles } from '../support/plaintext-scan.ts';

const ALLERGY = readFileSync(new URL('../fixtures/allergy-peanut.json', import.meta.url), 'utf8');
const NAME = 'Zebedee Quartermaine';
const PASSPHRASE = 'violet tractor umbrella 42 seaside';
const NOTE_TEXT = 'Dizzy after the new tablets, written offline';
const NOTE = JSON.stringify({
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] }],
  code: { text: 'Symptom diary' },
  valueString: NOTE_TEXT,
});

interface Store {
  readonly name: string;
  prepare(): Promise<{ databaseUrl?: string; cleanup: () => Promise<void> }>;
}

const stores: Store[] = [{ name: 'SQLite', prepare: async () => ({ cleanup: async () => undefined }) }];
const baseUrl = process.env.DATABASE_URL;
if (baseUrl) {
  stores.push({
    name: 'PostgreSQL',
    prepare: async () => {
      const db = await freshPostgresDatabase(baseUrl, `carekey_e2e_${process.pid}_${Date.now()}`);
      return { databaseUrl: db.url, cleanup: db.drop };
    },
  });
} else {
  console.info('cli-two-devices: DATABASE_URL is not set, so the PostgreSQL run is skipped (the SQLite run still happens).');
}

describe.each(stores)('two devices through the CLI, relay on $name', (store) => {
  let dir: string;
  let relay: RelayProcess;
  let databaseUrl: string | undefined;
  let cleanup: () => Promise<void>;
  let kit: { accountId: string; secretKey: string; recoveryCode: string; fingerprint: string };
  const homeA = () => join(dir, 'device-a');
  const homeB = () => join(dir, 'device-b');
  const envFor = (home: string, extra: Record<string, string> = {}) => ({
    CAREKEY_HOME: home,
    CAREKEY_RELAY: relay.url,
    CAREKEY_PASSPHRASE: PASSPHRASE,
    ...extra,
  });
  const run = (home: string, args: string[], extra?: Record<string, string>, stdin?: string): Promise<CliResult> =>
    carekey(args, { env: envFor(home, extra), ...(stdin === undefined ? {} : { stdin }), cwd: dir });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carekey-cli-e2e-'));
    const prepared = await store.prepare();
    databaseUrl = prepared.databaseUrl;
    cleanup = prepared.cleanup;
    relay = await startRelayProcess({ dataDir: join(dir, 'relay'), ...(databaseUrl ? { databaseUrl } : {}) });
  }, 60_000);

  afterAll(async () => {
    await relay?.stop();
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });

  test('device A creates a record and adds an allergy', async () => {
    const init = await run(homeA(), ['init', '--name', NAME, '--json']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    kit = JSON.parse(init.stdout) as typeof kit;
    expect(Object.keys(kit).sort()).toEqual(['accountId', 'fingerprint', 'recoveryCode', 'secretKey']);
    expect(kit.accountId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(kit.secretKey).toMatch(/^CK1-/);
    expect(kit.recoveryCode.split(' ')).toHaveLength(24);
    expect(kit.fingerprint).toMatch(/^\d{60}$/);

    writeFileSync(join(dir, 'allergy.json'), ALLERGY);
    const add = await run(homeA(), ['add', 'allergy.json']);
    expect(add.code).toBe(0);
    expect(add.stdout.trim()).toMatch(/^[0-9a-f]{32}$/);

    const who = await run(homeA(), ['whoami', '--json'], { CAREKEY_PASSPHRASE: '' });
    expect(JSON.parse(who.stdout)).toEqual({ accountId: kit.accountId, fingerprint: kit.fingerprint });
  });

  test('device B cannot log in with a wrong passphrase or Secret Key, and is told the same either way', async () => {
    const wrongPassphrase = await run(join(dir, 'device-x'), ['login', '--account', kit.accountId], {
      CAREKEY_SECRET_KEY: kit.secretKey,
      CAREKEY_PASSPHRASE: 'not the passphrase at all',
    });
    const otherKey = `CK1-${'A'.repeat(6)}-${'B'.repeat(5)}-${'C'.repeat(5)}-${'D'.repeat(5)}-${'E'.repeat(4)}0`;
    const wrongKey = await run(join(dir, 'device-y'), ['login', '--account', kit.accountId], { CAREKEY_SECRET_KEY: otherKey });
    for (const result of [wrongPassphrase, wrongKey]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('passphrase or Secret Key is not right');
    }
    expect(wrongPassphrase.stderr).toBe(wrongKey.stderr);
  });

  test('device B logs in with account ID, Secret Key and passphrase and sees the allergy', async () => {
    // The Secret Key comes from the environment, out of the process list.
    const login = await run(homeB(), ['login', '--account', kit.accountId.toLowerCase(), '--json'], { CAREKEY_SECRET_KEY: kit.secretKey });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(JSON.parse(login.stdout)).toEqual({ accountId: kit.accountId, fingerprint: kit.fingerprint, entries: 1 });

    const list = await run(homeB(), ['list', '--json']);
    expect(list.code).toBe(0);
    const entries = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(entries).toHaveLength(1);
    expect(Object.keys(entries[0]!).sort()).toEqual(['author', 'category', 'confirmed', 'entryId', 'resource', 'resourceType']);
    expect(entries[0]).toMatchObject({
      category: 'summary',
      resourceType: 'AllergyIntolerance',
      author: kit.accountId,
      resource: JSON.parse(ALLERGY),
    });
  });

  test('an entry A adds while the relay is down arrives once it is back', async () => {
    await relay.stop();
    const add = await run(homeA(), ['add', '-'], undefined, NOTE);
    expect(add.code).toBe(0);
    expect(add.stderr).toContain('Saved on this device');
    const offlineSync = await run(homeA(), ['sync']);
    expect(offlineSync.code).toBe(3);
    expect(offlineSync.stderr).toContain('1 change is kept on this device');
    const localList = JSON.parse((await run(homeA(), ['list', '--json'])).stdout) as unknown[];
    expect(localList).toHaveLength(2);

    await relay.start();
    const push = await run(homeA(), ['sync', '--json']);
    expect(push.code).toBe(0);
    expect(JSON.parse(push.stdout)).toMatchObject({ pushed: 1, pending: 0, offline: false, rejected: [], gaps: [] });

    const pull = await run(homeB(), ['sync', '--json']);
    expect(pull.code).toBe(0);
    expect(JSON.parse(pull.stdout)).toMatchObject({ pulled: 1, rejected: [] });
    const entries = JSON.parse((await run(homeB(), ['list', '--json'])).stdout) as Array<{
      resource: { valueString?: string };
      category: string;
    }>;
    expect(entries).toHaveLength(2);
    expect(entries.find((e) => e.resource.valueString === NOTE_TEXT)?.category).toBe('results');
  });

  test('a wrong passphrase on a device that has the account is refused and changes nothing', async () => {
    const result = await run(homeB(), ['list'], { CAREKEY_PASSPHRASE: 'wrong wrong wrong' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('passphrase or Secret Key is not right');
    expect(JSON.parse((await run(homeB(), ['list', '--json'])).stdout)).toHaveLength(2);
  });

  test('an envelope tampered with on the relay is reported and never listed', async () => {
    await relay.stop();
    await tamperNewestEnvelope(relay.dataDir, databaseUrl);
    await relay.start();
    const homeC = join(dir, 'device-c');
    const login = await run(homeC, ['login', '--account', kit.accountId], { CAREKEY_SECRET_KEY: kit.secretKey });
    expect(login.code).toBe(4);
    expect(login.stderr).toMatch(/refused an entry from the relay .*signature/);
    const entries = JSON.parse((await run(homeC, ['list', '--json'])).stdout) as unknown[];
    expect(entries).toHaveLength(1);
    const sync = await run(homeC, ['sync', '--json']);
    expect(sync.code).toBe(0); // reported once, when it arrived; the cursor has moved past it
  });

  test('the relay database holds none of the plaintext', async () => {
    await relay.stop();
    const stored = databaseUrl ? await dumpPostgres(databaseUrl) : readSqliteFiles(relay.dataDir);
    expect(stored.length).toBeGreaterThan(1000);
    // The scan itself must be able to fail: the account ID is stored in clear and is found.
    expect(findMarkers(stored, [kit.accountId])).toEqual([kit.accountId]);
    const markers = [
      NAME,
      'Zebedee',
      'Quartermaine',
      PASSPHRASE,
      kit.secretKey,
      kit.secretKey.replace(/-/g, '').slice(3),
      kit.recoveryCode,
      kit.recoveryCode.split(' ').slice(0, 3).join(' '),
      'Peanut allergy',
      'Allergy to peanut',
      'Anaphylaxis',
      '91935009',
      'AllergyIntolerance',
      NOTE_TEXT,
      'Symptom diary',
      'summary',
      'mental-health',
    ];
    expect(findMarkers(stored, markers)).toEqual([]);
  });
});

/** Flips one byte inside the body of the relay's newest envelope, in place. */
async function tamperNewestEnvelope(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const flip = (data: Uint8Array): Uint8Array => {
    const copy = Uint8Array.from(data);
    copy[200] = (copy[200] ?? 0) ^ 0x01;
    return copy;
  };
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const row = await client.query<{ vault: string; seq: string; data: Buffer }>(
        'SELECT vault, seq, data FROM envelopes ORDER BY seq DESC LIMIT 1',
      );
      const newest = row.rows[0];
      if (!newest) throw new Error('no envelope to tamper with');
      await client.query('UPDATE envelopes SET data = $1 WHERE vault = $2 AND seq = $3', [
        Buffer.from(flip(newest.data)),
        newest.vault,
        newest.seq,
      ]);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new DatabaseSync(join(dataDir, 'relay.sqlite'));
  try {
    const newest = db.prepare('SELECT vault, seq, data FROM envelopes ORDER BY seq DESC LIMIT 1').get() as
      { vault: string; seq: number; data: Uint8Array } | undefined;
    if (!newest) throw new Error('no envelope to tamper with');
    db.prepare('UPDATE envelopes SET data = ? WHERE vault = ? AND seq = ?').run(flip(newest.data), newest.vault, newest.seq);
  } finally {
    db.close();
  }
}
