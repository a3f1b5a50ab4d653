/**
 * The whole record through the `carekey` command against a real relay process: import a real
 * Synthea patient (and again, adding nothing), refuse a file about someone else unless
 * confirmed, import a SMART Health Card verified against a trusted issuer (and unverified
 * without one), export as FHIR (every imported resource comes back unchanged) and as an IPS
 * document, back up, and restore onto a fresh device with the relay stopped.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { carekey, type CliResult } from '../support/cli-process.ts';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.ts';

const FIXTURES = fileURLToPath(new URL('../../packages/record/test-fixtures/', import.meta.url));
const ANGELA = join(FIXTURES, 'synthea/Angela_Guzman_cffd2b80-3ae5-44b4-b4cf-b2e396c9615d.json');
const LUIGI = join(FIXTURES, 'synthea/Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json');
const CARD = join(FIXTURES, 'smart-health-cards/spec-smarthealth-cards/example-00-e-file.smart-health-card');
const JWKS = join(FIXTURES, 'smart-health-cards/spec-smarthealth-cards/issuer/.well-known/jwks.json');
const PASSPHRASE = 'orchid lantern marble kettle';

interface Resource {
  resourceType: string;
}

const resourcesOf = (path: string): Resource[] =>
  (JSON.parse(readFileSync(path, 'utf8')) as { entry: Array<{ resource: Resource }> }).entry.map((e) => e.resource);

function countByType(resources: readonly Resource[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of resources) out[r.resourceType] = (out[r.resourceType] ?? 0) + 1;
  return out;
}

describe('the whole record through the CLI', () => {
  let dir: string;
  let relay: RelayProcess;
  let kit: { accountId: string; secretKey: string };
  const home = () => join(dir, 'phone');
  const run = (args: string[], extra: Record<string, string> = {}, where = home()): Promise<CliResult> =>
    carekey(args, { env: { CAREKEY_HOME: where, CAREKEY_RELAY: relay.url, CAREKEY_PASSPHRASE: PASSPHRASE, ...extra }, cwd: dir });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carekey-cli-record-'));
    relay = await startRelayProcess({ dataDir: join(dir, 'relay') });
    const init = await run(['init', '--name', 'Ángela Guzmán', '--json']);
    kit = JSON.parse(init.stdout) as typeof kit;
  }, 60_000);

  afterAll(async () => {
    await relay?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('imports a Synthea patient: every resource becomes an entry, counted by type and category', async () => {
    const result = await run(['import', ANGELA, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      added: number;
      byType: Record<string, number>;
      byCategory: Record<string, number>;
      patient: string;
      format: string;
    };
    const resources = resourcesOf(ANGELA);
    expect(report.format).toBe('bundle:transaction');
    expect(report.added).toBe(resources.length);
    expect(report.byType).toEqual(countByType(resources));
    expect(Object.values(report.byCategory).reduce((a, b) => a + b, 0)).toBe(resources.length);
    expect(report.patient).toBe('set');
  });

  test('re-importing the same file adds nothing', async () => {
    const report = JSON.parse((await run(['import', ANGELA, '--json'])).stdout) as { added: number; updated: number; unchanged: number };
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: resourcesOf(ANGELA).length });
  });

  test('a file about someone else is refused unless confirmed', async () => {
    const refused = await run(['import', LUIGI]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/someone else/);
    const count = (JSON.parse((await run(['list', '--json'])).stdout) as unknown[]).length;
    expect(count).toBe(resourcesOf(ANGELA).length);
  });

  test('a SMART Health Card is verified against a trusted issuer and marked unverified otherwise', async () => {
    const issuer = join(dir, 'issuer.json');
    writeFileSync(
      issuer,
      JSON.stringify({
        iss: 'https://spec.smarthealth.cards/examples/issuer',
        name: 'SMART example issuer',
        jwks: JSON.parse(readFileSync(JWKS, 'utf8')) as unknown,
      }),
    );
    const other = join(dir, 'other-phone');
    await run(['init', '--name', 'Johnny Anyperson', '--json'], {}, other);
    const unverified = JSON.parse((await run(['import', CARD, '--json'], {}, other)).stdout) as { card: { verified: boolean } };
    expect(unverified.card.verified).toBe(false);
    // Unchecked, the card is only said to be from its issuer.
    expect((await run(['import', CARD], {}, other)).stdout).toContain(
      'Health card that says it is from https://spec.smarthealth.cards/examples/issuer: NOT verified',
    );
    const verified = JSON.parse((await run(['import', CARD, '--json', '--trust', issuer], {}, other)).stdout) as {
      card: { verified: boolean };
      unchanged: number;
    };
    expect(verified.card.verified).toBe(true);
  });

  test('export as FHIR gives back every imported resource unchanged; export as IPS is a document', async () => {
    const out = join(dir, 'record.json');
    // Written over a file anyone could read: the export is the patient's alone afterwards.
    writeFileSync(out, '{}');
    chmodSync(out, 0o644);
    expect((await run(['export', '--format', 'fhir', '--out', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const exported = (JSON.parse(readFileSync(out, 'utf8')) as { resourceType: string; entry: Array<{ resource: unknown }> }).entry.map(
      (e) => JSON.stringify(e.resource),
    );
    const original = resourcesOf(ANGELA).map((r) => JSON.stringify(r));
    expect(new Set(exported)).toEqual(new Set(original));
    const results = JSON.parse((await run(['export', '--format', 'fhir', '--category', 'results'])).stdout) as {
      entry: Array<{ resource: Resource }>;
    };
    expect(results.entry.length).toBeGreaterThan(0);
    expect(
      results.entry.every((e) => ['Observation', 'DiagnosticReport', 'ImagingStudy', 'Specimen'].includes(e.resource.resourceType)),
    ).toBe(true);
    const ips = JSON.parse((await run(['export', '--format', 'ips'])).stdout) as { type: string; entry: Array<{ resource: Resource }> };
    expect(ips.type).toBe('document');
    expect(ips.entry[0]?.resource.resourceType).toBe('Composition');
  });

  test('a backup restores the record on a fresh device with the relay stopped', async () => {
    const backup = join(dir, 'record.carekey-backup');
    expect((await run(['export', '--format', 'backup', '--out', backup])).code).toBe(0);
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    // Each marker holds a character base64url never uses (space, quote, accent), so random
    // ciphertext cannot match it by chance (a bare "Guzm" turns up in ~1% of backups).
    const backupText = readFileSync(backup, 'utf8');
    for (const marker of ['Guzmán', 'Angela Guzm', '"resourceType"', '"Observation"']) expect(backupText).not.toContain(marker);
    await relay.stop();
    const fresh = join(dir, 'new-phone');
    const restored = await run(['restore', backup, '--json'], { CAREKEY_SECRET_KEY: kit.secretKey }, fresh);
    expect(restored.stderr).toBe('');
    expect(JSON.parse(restored.stdout)).toMatchObject({ accountId: kit.accountId, restored: resourcesOf(ANGELA).length, rejected: [] });
    expect((JSON.parse((await run(['list', '--json'], {}, fresh)).stdout) as unknown[]).length).toBe(resourcesOf(ANGELA).length);
    const wrong = await run(
      ['restore', backup],
      { CAREKEY_SECRET_KEY: kit.secretKey, CAREKEY_PASSPHRASE: 'wrong passphrase here' },
      join(dir, 'thief'),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('passphrase or Secret Key is not right');
    await relay.start();
  });

  test('a file that is not FHIR is refused with a clear message and changes nothing', async () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, JSON.stringify({ hello: 'world' }));
    const result = await run(['import', junk]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/FHIR/);
    const truncated = join(dir, 'cut.json');
    writeFileSync(truncated, readFileSync(ANGELA, 'utf8').slice(0, 5000));
    expect((await run(['import', truncated])).stderr).toMatch(/cut off|incomplete|truncated|end/i);
  });
});
