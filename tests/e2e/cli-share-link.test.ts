/**
 * Share links through the `carekey` command against a real relay process: the patient shares
 * chosen categories with and without a passcode; `carekey open` (no account, no home) prints
 * exactly those categories and the Patient; a wrong passcode says how many tries are left, and
 * after five the link is dead even with the right one; an expired or revoked link says so; each
 * open is listed by `carekey links`; and the link without its fragment reveals nothing — the
 * relay's database holds none of the record's words, no passcode and no key.
 * Runs against SQLite, and against PostgreSQL when DATABASE_URL is set.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deriveLinkPasscodeKey, ready } from '@carekey/crypto';
import { carekey, type CliResult } from '../support/cli-process.ts';
import { dumpPostgres, findMarkers, freshPostgresDatabase, readSqliteFiles } from '../support/plaintext-scan.ts';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.ts';

const PASSPHRASE = 'quartz meadow pelican 17 harbour';
const PASSCODE = 'Hospital-4921';
const ALLERGY = 'Penicillin anaphylaxis 1998';
const RESULT = 'HbA1c 48 mmol/mol share';
const VISIT = 'Follow-up for dizziness share';
const NAME = 'Beatriz Sharewell';
const resources = [
  { resourceType: 'AllergyIntolerance', code: { text: ALLERGY } },
  { resourceType: 'Observation', status: 'final', code: { text: RESULT } },
  { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, reasonCode: [{ text: VISIT }] },
];

interface Bundle {
  resourceType: string;
  entry: Array<{ resource: { resourceType: string; name?: Array<{ text?: string }> } }>;
}

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
      const db = await freshPostgresDatabase(baseUrl, `carekey_links_${process.pid}_${Date.now()}`);
      return { databaseUrl: db.url, cleanup: db.drop };
    },
  });
}

const linkIdOf = (url: string): string => /\/s\/([0-9a-f]{32})#/.exec(url)?.[1] ?? '';

describe.each(stores)('share links through the CLI, relay on $name', (store) => {
  let dir: string;
  let relay: RelayProcess;
  let databaseUrl: string | undefined;
  let cleanup: () => Promise<void>;
  const patientHome = () => join(dir, 'patient');
  const run = (args: string[], extra: Record<string, string> = {}): Promise<CliResult> =>
    carekey(args, { env: { CAREKEY_HOME: patientHome(), CAREKEY_RELAY: relay.url, CAREKEY_PASSPHRASE: PASSPHRASE, ...extra }, cwd: dir });
  /** The clinician: no home, no relay setting, no passphrase — only the link. */
  const clinician = (args: string[], extra: Record<string, string> = {}): Promise<CliResult> =>
    carekey(args, { env: { CAREKEY_HOME: join(dir, 'clinician-never-made'), ...extra }, cwd: dir });
  const until = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const made: string[] = [];
  const share = async (args: string[]): Promise<string> => {
    const result = await run(['share', ...args, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const link = (JSON.parse(result.stdout) as { link: string }).link;
    made.push(link);
    return link;
  };

  /** What an expired link looks like in the relay's store (the relay process runs on the wall clock). */
  async function expireInStore(linkId: string): Promise<void> {
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query('UPDATE share_links SET expires_at = 1 WHERE link = $1', [linkId]);
      await client.end();
    } else {
      const db = new DatabaseSync(join(relay.dataDir, 'relay.sqlite'));
      db.exec('PRAGMA busy_timeout = 5000');
      db.prepare('UPDATE share_links SET expires_at = 1 WHERE link = ?').run(linkId);
      db.close();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carekey-cli-links-'));
    const prepared = await store.prepare();
    databaseUrl = prepared.databaseUrl;
    cleanup = prepared.cleanup;
    relay = await startRelayProcess({ dataDir: join(dir, 'relay'), ...(databaseUrl ? { databaseUrl } : {}) });
    expect((await run(['init', '--name', NAME, '--json'])).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await relay?.stop();
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });

  test('setup: the record holds an allergy, a result and a visit', async () => {
    for (const resource of resources) {
      const added = await carekey(['add', '-'], {
        env: { CAREKEY_HOME: patientHome(), CAREKEY_RELAY: relay.url, CAREKEY_PASSPHRASE: PASSPHRASE },
        stdin: JSON.stringify(resource),
        cwd: dir,
      });
      expect(added.code).toBe(0);
    }
    expect((JSON.parse((await run(['list', '--json'])).stdout) as unknown[]).length).toBe(3);
  }, 60_000);

  test('without a passcode: open (no account) gives exactly the shared categories and the Patient; the open is listed', async () => {
    const link = await share(['--categories', 'results,encounters', '--until', until(7)]);
    expect(link.startsWith(`${relay.url}/s/`)).toBe(true);
    const opened = await clinician(['open', link]);
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    const bundle = JSON.parse(opened.stdout) as Bundle;
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.map((e) => e.resource.resourceType).sort()).toEqual(['Encounter', 'Observation', 'Patient']);
    expect(bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource.name?.[0]?.text).toBe(NAME);
    expect(opened.stdout).not.toContain(ALLERGY);
    expect(existsSync(join(dir, 'clinician-never-made'))).toBe(false);

    const links = JSON.parse((await run(['links', '--json'])).stdout) as Array<{ linkId: string; state: string; opens: number[] }>;
    const listed = links.find((l) => l.linkId === linkIdOf(link));
    expect(listed?.state).toBe('active');
    expect(listed?.opens).toHaveLength(1);
    const text = await run(['links']);
    expect(text.stdout).toContain(`${linkIdOf(link)}  active`);
    expect(text.stdout).toMatch(/opened 1 time, last \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  }, 60_000);

  test('as a SMART Health Link: --json gives both forms; open reads either; a passcode cannot go with it', async () => {
    const result = await run(['share', '--categories', 'results', '--until', until(7), '--smart-health-link', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { link, shlink } = JSON.parse(result.stdout) as { link: string; shlink: string };
    made.push(link);
    expect(shlink).toMatch(/^shlink:\/[A-Za-z0-9_-]+$/);
    for (const form of [shlink, link]) {
      const opened = await clinician(['open', form]);
      expect(opened.code, opened.stderr).toBe(0);
      const bundle = JSON.parse(opened.stdout) as Bundle;
      expect(bundle.entry.map((e) => e.resource.resourceType).sort()).toEqual(['Observation', 'Patient']);
    }
    const both = await run(['share', '--categories', 'results', '--until', until(7), '--smart-health-link', '--passcode', '1234']);
    expect(both.code).toBe(2);
  }, 60_000);

  test('with a passcode: asked for without it; CAREKEY_PASSCODE works; wrong ones say the tries left; after 5 the link is dead', async () => {
    const link = await share(['--categories', 'summary', '--until', until(30), '--passcode', PASSCODE]);
    const bare = await clinician(['open', link]);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/needs its passcode/);

    const opened = await clinician(['open', link], { CAREKEY_PASSCODE: PASSCODE });
    expect(opened.code).toBe(0);
    expect((JSON.parse(opened.stdout) as Bundle).entry.map((e) => e.resource.resourceType).sort()).toEqual([
      'AllergyIntolerance',
      'Patient',
    ]);

    const first = await clinician(['open', link, '--passcode', 'wrong-1']);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/passcode is not right\. 4 tries left/);
    expect(first.stdout).toBe('');
    for (const n of [2, 3, 4]) expect((await clinician(['open', link, '--passcode', `wrong-${n}`])).code).toBe(1);
    const last = await clinician(['open', link, '--passcode', 'wrong-5', '--json']);
    expect(JSON.parse(last.stderr)).toMatchObject({ error: { code: 'wrong-passcode', triesLeft: 0 } });

    const dead = await clinician(['open', link, '--passcode', PASSCODE]);
    expect(dead.code).toBe(1);
    expect(dead.stderr).toMatch(/closed/);
    expect(dead.stdout).toBe('');
    const links = JSON.parse((await run(['links', '--json'])).stdout) as Array<{ linkId: string; state: string; failedTries: number }>;
    expect(links.find((l) => l.linkId === linkIdOf(link))).toMatchObject({ state: 'locked', failedTries: 5 });
  }, 120_000);

  test('an expired link says so, and a revoked one says so', async () => {
    const expiring = await share(['--categories', 'summary', '--until', until(1)]);
    await expireInStore(linkIdOf(expiring));
    const expired = await clinician(['open', expiring, '--json']);
    expect(JSON.parse(expired.stderr)).toMatchObject({ error: { code: 'link-expired' } });
    expect((await clinician(['open', expiring])).stderr).toMatch(/expired/);

    const revoking = await share(['--categories', 'summary', '--until', until(3)]);
    expect((await clinician(['open', revoking])).code).toBe(0);
    const revoked = await run(['revoke-link', linkIdOf(revoking)]);
    expect(revoked.code).toBe(0);
    const refused = await clinician(['open', revoking]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/revoked/);
    const links = JSON.parse((await run(['links', '--json'])).stdout) as Array<{ linkId: string; state: string }>;
    expect(links.find((l) => l.linkId === linkIdOf(revoking))?.state).toBe('revoked');
  }, 60_000);

  test('bad input: a past or far date, an unknown category, a link without its fragment — each a clear message, nothing made', async () => {
    const before = (JSON.parse((await run(['links', '--json'])).stdout) as unknown[]).length;
    expect((await run(['share', '--categories', 'summary', '--until', '2020-01-01'])).stderr).toMatch(/end date must be in the future/);
    expect((await run(['share', '--categories', 'summary', '--until', until(800)])).stderr).toMatch(/at most a year/);
    expect((await run(['share', '--categories', 'gossip', '--until', until(3)])).code).toBe(2);
    expect((await run(['share', '--categories', 'summary', '--until', '31/12/2026'])).code).toBe(2);
    expect((JSON.parse((await run(['links', '--json'])).stdout) as unknown[]).length).toBe(before);

    const link = await share(['--categories', 'summary,results,encounters', '--until', until(2), '--passcode', PASSCODE]);
    const withoutFragment = link.slice(0, link.indexOf('#'));
    const bare = await clinician(['open', withoutFragment, '--passcode', PASSCODE]);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/everything after the #/);
    expect(bare.stdout).toBe('');
  }, 60_000);

  test('the relay never holds the record, the passcode or a key: its database has none of them', async () => {
    await relay.stop();
    const stored = databaseUrl ? await dumpPostgres(databaseUrl) : readSqliteFiles(relay.dataDir);
    expect(stored).toContain('0002-share-links');
    expect(made.length).toBeGreaterThanOrEqual(5);
    const fragments = made.map((link) => link.slice(link.indexOf('#') + 1));
    expect(findMarkers(stored, [ALLERGY, RESULT, VISIT, NAME, PASSCODE, ...fragments])).toEqual([]);
    for (const fragment of fragments) expect(stored).not.toContain(Buffer.from(fragment, 'base64url').toString('latin1'));
    // Nor p, the passcode's key, which the relay sees at an open but keeps only hashed.
    await ready();
    for (const link of made) {
      const linkId = /\/s\/([0-9a-f]{32})#/.exec(link)?.[1] ?? '';
      const p = deriveLinkPasscodeKey(PASSCODE, linkId);
      expect(stored).not.toContain(Buffer.from(p).toString('hex'));
      expect(stored).not.toContain(Buffer.from(p).toString('latin1'));
    }
    await relay.start();
  }, 60_000);
});
