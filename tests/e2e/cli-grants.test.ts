/**
 * Grants through the `carekey` command against a real relay process, three people each with
 * their own home: a patient, a clinician and a carer. The patient grants after comparing safety
 * numbers (a wrong one is refused); the clinician lists what is shared, is told the owner is not
 * verified until `carekey verify`, reads only the granted parts and writes back a result (not an
 * allergy, which was not granted); the patient sees it; revoking ends the clinician's access
 * while the carer keeps theirs; the access log says all of it; and the relay's database holds
 * none of the record's words, names or grantee names.
 * Runs against SQLite, and against PostgreSQL when DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { carekey, type CliResult } from '../support/cli-process.ts';
import { dumpPostgres, findMarkers, freshPostgresDatabase, readSqliteFiles } from '../support/plaintext-scan.ts';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.ts';

const PASSPHRASE = 'lantern orchard 42 ferry granite';
const ALLERGY = 'Penicillin rash grant test';
const RESULT = 'HbA1c 51 mmol/mol grant test';
const MOOD = 'Low mood grant test';
const WRITTEN = 'Blood pressure 131/84 written back';
const PATIENT = 'Olwen Grantley';
const CLINICIAN_LABEL = 'Dr Ifeoma Okafor';
const SON = 'Bryn Grantley-Jones';
const CO_OWNER_RESULT = 'Creatinine 88 umol/L co-owner test';

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
      const db = await freshPostgresDatabase(baseUrl, `carekey_grants_${process.pid}_${Date.now()}`);
      return { databaseUrl: db.url, cleanup: db.drop };
    },
  });
}

interface Whoami {
  accountId: string;
  fingerprint: string;
}

describe.each(stores)('grants through the CLI, relay on $name', (store) => {
  let dir: string;
  let relay: RelayProcess;
  let databaseUrl: string | undefined;
  let cleanup: () => Promise<void>;
  const as =
    (who: string) =>
    (args: string[], stdin?: string): Promise<CliResult> =>
      carekey(args, {
        env: { CAREKEY_HOME: join(dir, who), CAREKEY_RELAY: relay.url, CAREKEY_PASSPHRASE: PASSPHRASE },
        cwd: dir,
        ...(stdin === undefined ? {} : { stdin }),
      });
  const patient = (args: string[], stdin?: string) => as('patient')(args, stdin);
  const clinician = (args: string[], stdin?: string) => as('clinician')(args, stdin);
  const carer = (args: string[], stdin?: string) => as('carer')(args, stdin);
  let p: Whoami;
  let c: Whoami;
  let k: Whoami;
  let vault: string;
  let clinicianGrant: string;
  const until = new Date(Date.now() + 90 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

  const ok = (result: CliResult): string => {
    expect(result.stderr === '' || !result.stderr.includes('"error"'), result.stderr).toBe(true);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carekey-cli-grants-'));
    const prepared = await store.prepare();
    databaseUrl = prepared.databaseUrl;
    cleanup = prepared.cleanup;
    // Every command is a new process that logs in: three people's story makes more than the
    // 60 logins a minute one address is allowed in production.
    relay = await startRelayProcess({
      dataDir: join(dir, 'relay'),
      ...(databaseUrl ? { databaseUrl } : {}),
      env: { RATE_LIMIT_LOGIN_PER_IP: '100000' },
    });
    ok(await patient(['init', '--name', PATIENT, '--role', 'patient', '--json']));
    ok(await clinician(['init', '--name', 'Ifeoma Okafor', '--role', 'clinician', '--json']));
    ok(await carer(['init', '--name', 'Rhys Grantley', '--role', 'carer', '--json']));
    p = JSON.parse(ok(await patient(['whoami', '--json']))) as Whoami;
    c = JSON.parse(ok(await clinician(['whoami', '--json']))) as Whoami;
    k = JSON.parse(ok(await carer(['whoami', '--json']))) as Whoami;
    expect(Object.keys(c).sort()).toEqual(['accountId', 'fingerprint']);
    expect(c.fingerprint).toMatch(/^\d{60}$/);
    ok(await patient(['add', '-'], JSON.stringify({ resourceType: 'AllergyIntolerance', code: { text: ALLERGY } })));
    ok(await patient(['add', '-'], JSON.stringify({ resourceType: 'Observation', status: 'final', code: { text: RESULT } })));
    ok(await patient(['add', '--category', 'mental-health', '-'], JSON.stringify({ resourceType: 'Condition', code: { text: MOOD } })));
  }, 180_000);

  afterAll(async () => {
    await relay?.stop();
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a fingerprint that does not match the account is refused, and nothing is shared', async () => {
    const result = await patient([
      'grant',
      '--to',
      c.accountId,
      '--fingerprint',
      k.fingerprint,
      '--categories',
      'results',
      '--access',
      'read',
      '--until',
      until,
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: 'fingerprint-mismatch' } });
    expect(JSON.parse(ok(await patient(['grants', '--json'])))).toEqual([]);
    expect(JSON.parse(ok(await clinician(['shared-with-me', '--json'])))).toEqual([]);
  }, 60_000);

  test('grants: every grant has an end; the answer is the grant ID', async () => {
    const noEnd = await patient([
      'grant',
      '--to',
      c.accountId,
      '--fingerprint',
      c.fingerprint,
      '--categories',
      'results',
      '--access',
      'read',
    ]);
    expect(noEnd.code).toBe(2);
    const spaced = c.fingerprint.replace(/(\d{5})/g, '$1 ').trim();
    const granted = JSON.parse(
      ok(
        await patient([
          'grant',
          '--to',
          c.accountId,
          '--fingerprint',
          spaced,
          '--categories',
          'results,summary',
          '--access',
          'write',
          '--until',
          until,
          '--name',
          CLINICIAN_LABEL,
          '--json',
        ]),
      ),
    ) as { grantId: string };
    expect(Object.keys(granted)).toEqual(['grantId']);
    clinicianGrant = granted.grantId;
    ok(
      await patient([
        'grant',
        '--to',
        k.accountId,
        '--fingerprint',
        k.fingerprint,
        '--categories',
        'summary',
        '--access',
        'read',
        '--until',
        until,
        '--role',
        'carer',
        '--json',
      ]),
    );
    const grants = JSON.parse(ok(await patient(['grants', '--json']))) as Array<Record<string, unknown>>;
    expect(grants).toHaveLength(2);
    expect(grants.find((g) => g.grantId === clinicianGrant)).toMatchObject({
      grantee: c.accountId,
      name: CLINICIAN_LABEL,
      categories: ['results', 'summary'],
      access: 'write',
      state: 'active',
    });
    // The end is the last day of the month of --until.
    const end = new Date(`${String(grants[0]!.until)}T00:00:00Z`);
    expect(new Date(end.getTime() + 24 * 60 * 60 * 1000).getUTCDate()).toBe(1);
  }, 60_000);

  test('the clinician sees whose record it is, only the granted parts, and that the owner is not verified until compared', async () => {
    const shared = JSON.parse(ok(await clinician(['shared-with-me', '--json']))) as Array<Record<string, unknown>>;
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatchObject({
      owner: p.accountId,
      name: PATIENT,
      categories: ['summary', 'results'],
      access: 'write',
      ownerVerified: false,
    });
    for (const key of ['vault', 'owner', 'categories', 'access', 'until']) expect(shared[0]).toHaveProperty(key);
    vault = String(shared[0]!.vault);

    const unverified = await clinician(['list', '--vault', vault, '--json']);
    expect(unverified.code).toBe(0);
    expect(unverified.stderr).toContain('not verified');
    const entries = JSON.parse(unverified.stdout) as Array<{ resource: unknown }>;
    const text = JSON.stringify(entries);
    expect(text).toContain(ALLERGY);
    expect(text).toContain(RESULT);
    expect(text).not.toContain(MOOD);

    const wrong = await clinician(['verify', p.accountId, '--fingerprint', k.fingerprint, '--json']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stderr)).toMatchObject({ error: { code: 'fingerprint-mismatch' } });
    expect(JSON.parse(ok(await clinician(['verify', p.accountId, '--fingerprint', p.fingerprint, '--json'])))).toEqual({
      verified: p.accountId,
    });
    const verified = await clinician(['list', '--vault', vault]);
    expect(verified.code).toBe(0);
    expect(verified.stderr).not.toContain('not verified');
  }, 60_000);

  test('the clinician writes back a result; a category not granted for writing is refused with nothing added', async () => {
    const added = JSON.parse(
      ok(
        await clinician(
          ['add', '--vault', vault, '-', '--json'],
          JSON.stringify({ resourceType: 'Observation', status: 'final', code: { text: WRITTEN } }),
        ),
      ),
    ) as { entryId: string };
    expect(added.entryId).toMatch(/^[0-9a-f]{32}$/);
    const refused = await clinician(
      ['add', '--vault', vault, '--category', 'mental-health', '-', '--json'],
      JSON.stringify({ resourceType: 'Condition', code: { text: 'not granted' } }),
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'not-granted' } });

    ok(await patient(['sync']));
    const list = JSON.parse(ok(await patient(['list', '--json']))) as Array<{ entryId: string; author: string; resource: unknown }>;
    const written = list.find((e) => e.entryId === added.entryId);
    expect(written?.author).toBe(c.accountId);
    expect(JSON.stringify(list)).not.toContain('not granted');
  }, 60_000);

  test('revoking stops the clinician at once; the carer keeps reading, including what is added after', async () => {
    expect(JSON.parse(ok(await patient(['revoke', clinicianGrant, '--json'])))).toEqual({ revoked: clinicianGrant });
    const ended = await clinician(['list', '--vault', vault, '--json']);
    expect(ended.code).toBe(1);
    expect(JSON.parse(ended.stderr)).toMatchObject({ error: { code: 'access-ended' } });
    const again = await patient(['revoke', clinicianGrant]);
    expect(again.code).not.toBe(0);

    ok(await patient(['add', '-'], JSON.stringify({ resourceType: 'AllergyIntolerance', code: { text: 'Latex after revocation' } })));
    const carerView = JSON.stringify(JSON.parse(ok(await carer(['list', '--vault', vault, '--json']))));
    expect(carerView).toContain('Latex after revocation');
    expect(carerView).not.toContain(RESULT);
    const grants = JSON.parse(ok(await patient(['grants', '--json']))) as Array<{ grantId: string; state: string }>;
    expect(grants.find((g) => g.grantId === clinicianGrant)?.state).toBe('revoked');
    // The patient still sees the clinician's entry accepted before the revocation.
    expect(ok(await patient(['list', '--json']))).toContain(WRITTEN);
  }, 60_000);

  test('the access log says who was given access, who looked, who added and who was refused, newest first', async () => {
    const log = JSON.parse(ok(await patient(['access-log', '--json']))) as Array<{
      at: string;
      kind: string;
      who: string;
      categories: string[];
    }>;
    const kinds = log.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['grant-issued', 'fetch', 'write', 'grant-revoked', 'refused']));
    expect(log.find((e) => e.kind === 'write')).toMatchObject({ who: CLINICIAN_LABEL, categories: ['results'] });
    for (let i = 1; i < log.length; i += 1) expect(log[i - 1]!.at >= log[i]!.at).toBe(true);
    const text = ok(await patient(['access-log']));
    expect(text).toContain(`${CLINICIAN_LABEL} viewed`);
  }, 60_000);

  test('emergency access: set, asked, refused, asked again; after the wait the contact reads the record', async () => {
    const set = await patient([
      'emergency',
      'set',
      '--to',
      k.accountId,
      '--fingerprint',
      k.fingerprint,
      '--wait-hours',
      '24',
      '--until',
      until,
      '--name',
      'Rhys',
      '--json',
    ]);
    const { grantId } = JSON.parse(ok(set)) as { grantId: string };
    const before = await carer(['list', '--vault', vault, '--json']);
    expect(before.code).toBe(0); // the carer's ordinary summary grant still works meanwhile
    const asked = JSON.parse(ok(await carer(['emergency', 'request', vault, '--json']))) as {
      grantId: string;
      state: string;
      releasesAt: number;
    };
    expect(asked).toMatchObject({ grantId, state: 'waiting' });
    expect(asked.releasesAt).toBeGreaterThan(Date.now() + 23 * 60 * 60 * 1000);
    const status = JSON.parse(ok(await patient(['emergency', 'status', '--json']))) as Array<{
      grantId: string;
      name: string;
      state: string;
    }>;
    expect(status).toEqual([expect.objectContaining({ grantId, name: 'Rhys', state: 'waiting' })]);
    expect(ok(await patient(['emergency', 'status']))).toContain('ASKED for emergency access');
    expect(JSON.parse(ok(await patient(['emergency', 'refuse', grantId, '--json'])))).toEqual({ refused: grantId });
    const again = await patient(['emergency', 'refuse', grantId, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr)).toMatchObject({ error: { code: 'conflict' } });

    ok(await carer(['emergency', 'request', vault]));
    await passTheWait(grantId);
    const shared = JSON.parse(ok(await carer(['shared-with-me', '--json']))) as Array<{ vault: string; categories: string[] }>;
    // The emergency grant adds the other non-private parts to what the carer's summary grant gave.
    expect(shared.find((r) => r.vault === vault)?.categories).toEqual(['summary', 'results', 'encounters', 'documents', 'notes']);
    const text = ok(await carer(['list', '--vault', vault, '--json']));
    expect(text).toContain(RESULT);
    expect(text).not.toContain(MOOD);
    const log = JSON.parse(ok(await patient(['access-log', '--json']))) as Array<{ kind: string }>;
    expect(log.map((e) => e.kind)).toEqual(expect.arrayContaining(['emergency-requested', 'emergency-refused']));
  }, 90_000);

  /**
   * The relay process runs on the wall clock: move the request (and the refusal before it, which
   * must stay before it) back past the wait in its database.
   */
  async function passTheWait(grantId: string): Promise<void> {
    const back = 25 * 60 * 60 * 1000;
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query('UPDATE grants SET requested_at = requested_at - $1, refused_at = refused_at - 2 * $1 WHERE grant_id = $2', [
        back,
        grantId,
      ]);
      await client.end();
    } else {
      const db = new DatabaseSync(join(relay.dataDir, 'relay.sqlite'));
      db.exec('PRAGMA busy_timeout = 5000');
      db.prepare('UPDATE grants SET requested_at = requested_at - ?, refused_at = refused_at - 2 * ? WHERE grant_id = ?').run(
        back,
        back,
        grantId,
      );
      db.close();
    }
  }

  test("a co-owner: named by the patient, confirms what a clinician added and stops the clinician's access", async () => {
    const son = as('son');
    ok(await son(['init', '--name', SON, '--role', 'carer', '--json']));
    const s = JSON.parse(ok(await son(['whoami', '--json']))) as Whoami;
    const mixed = await patient([
      'grant',
      '--to',
      s.accountId,
      '--fingerprint',
      s.fingerprint,
      '--co-owner',
      '--categories',
      'summary',
      '--until',
      until,
    ]);
    expect(mixed.code).toBe(2);
    const { grantId: coOwnerGrant } = JSON.parse(
      ok(
        await patient([
          'grant',
          '--to',
          s.accountId,
          '--fingerprint',
          s.fingerprint,
          '--co-owner',
          '--until',
          until,
          '--name',
          'Bryn',
          '--json',
        ]),
      ),
    ) as { grantId: string };
    const { grantId: again } = JSON.parse(
      ok(
        await patient([
          'grant',
          '--to',
          c.accountId,
          '--fingerprint',
          c.fingerprint,
          '--categories',
          'results',
          '--access',
          'write',
          '--until',
          until,
          '--json',
        ]),
      ),
    ) as { grantId: string };
    ok(
      await clinician(
        ['add', '--vault', vault, '-'],
        JSON.stringify({ resourceType: 'Observation', status: 'final', code: { text: CO_OWNER_RESULT } }),
      ),
    );

    const shared = JSON.parse(ok(await son(['shared-with-me', '--json']))) as Array<Record<string, unknown>>;
    expect(shared).toEqual([expect.objectContaining({ vault, owner: p.accountId, name: PATIENT, access: 'write', coOwner: true })]);
    expect(shared[0]!.categories).toEqual(expect.arrayContaining(['summary', 'results', 'mental-health']));
    const unverified = await son(['confirm', '--vault', vault, '--json']);
    expect(unverified.code).toBe(1);
    expect(JSON.parse(unverified.stderr)).toMatchObject({ error: { code: 'not-verified' } });
    ok(await son(['verify', p.accountId, '--fingerprint', p.fingerprint]));
    const { confirmed } = JSON.parse(ok(await son(['confirm', '--vault', vault, '--json']))) as { confirmed: number };
    expect(confirmed).toBeGreaterThanOrEqual(1);
    const seen = JSON.parse(ok(await clinician(['list', '--vault', vault, '--json']))) as Array<{ confirmed: boolean; resource: unknown }>;
    expect(seen.find((e) => JSON.stringify(e.resource).includes(CO_OWNER_RESULT))?.confirmed).toBe(true);

    const grants = JSON.parse(ok(await son(['grants', '--vault', vault, '--json']))) as Array<{
      grantId: string;
      coOwner: boolean;
      state: string;
    }>;
    expect(grants.find((g) => g.grantId === coOwnerGrant)).toMatchObject({ coOwner: true, state: 'active' });
    expect(grants.find((g) => g.grantId === again)).toMatchObject({ coOwner: false, state: 'active' });
    expect(JSON.parse(ok(await son(['revoke', again, '--vault', vault, '--json'])))).toEqual({ revoked: again });
    const ended = await clinician(['list', '--vault', vault, '--json']);
    expect(ended.code).toBe(1);
    expect(JSON.parse(ended.stderr)).toMatchObject({ error: { code: 'access-ended' } });
    const own = await son(['revoke', coOwnerGrant, '--vault', vault, '--json']);
    expect(own.code).toBe(1);
    expect(JSON.parse(own.stderr)).toMatchObject({ error: { code: 'forbidden' } });

    // The patient's record goes on under the keys the co-owner made, and the co-owner reads it.
    ok(await patient(['sync']));
    ok(
      await patient(
        ['add', '-'],
        JSON.stringify({ resourceType: 'AllergyIntolerance', code: { text: 'Latex after the co-owner stopped access' } }),
      ),
    );
    ok(await patient(['sync']));
    expect(ok(await son(['list', '--vault', vault, '--json']))).toContain('Latex after the co-owner stopped access');
    const patientGrants = JSON.parse(ok(await patient(['grants', '--json']))) as Array<{
      grantId: string;
      state: string;
      coOwner: boolean;
    }>;
    expect(patientGrants.find((g) => g.grantId === again)?.state).toBe('revoked');
    expect(patientGrants.find((g) => g.grantId === coOwnerGrant)).toMatchObject({ coOwner: true, state: 'active' });
  }, 180_000);

  test('reencrypt: after stopping the co-owner, the older mental-health entry is locked with the new keys; the second run has nothing to do', async () => {
    const grants = JSON.parse(ok(await patient(['grants', '--json']))) as Array<{ grantId: string; coOwner: boolean }>;
    const coOwnerGrant = grants.find((g) => g.coOwner)!.grantId;
    const stopped = ok(await patient(['revoke', coOwnerGrant]));
    expect(stopped).toContain('1 older private entry is still under the old keys. "carekey reencrypt" locks it');
    const report = JSON.parse(ok(await patient(['reencrypt', '--json']))) as Record<string, unknown>;
    expect(report).toEqual({ reencrypted: 1, removed: 1, tooLarge: 0 });
    expect(JSON.parse(ok(await patient(['reencrypt', '--json'])))).toEqual({ reencrypted: 0, removed: 0, tooLarge: 0 });
    expect(ok(await patient(['reencrypt']))).toContain('Nothing to do');
    expect(ok(await patient(['list', '--json']))).toContain(MOOD);
    expect((await patient(['reencrypt', 'extra'])).code).toBe(2);
  }, 120_000);

  test('the relay never holds the record, the patient name or the name the patient gave the clinician', async () => {
    await relay.stop();
    const stored = databaseUrl ? await dumpPostgres(databaseUrl) : readSqliteFiles(relay.dataDir);
    expect(stored).toContain(clinicianGrant);
    expect(
      findMarkers(stored, [ALLERGY, RESULT, MOOD, WRITTEN, PATIENT, CLINICIAN_LABEL, 'Latex after revocation', SON, CO_OWNER_RESULT]),
    ).toEqual([]);
  }, 60_000);
});
