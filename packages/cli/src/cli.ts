/**
 * The `carekey` command. A public interface for scripts and practice systems: the commands,
 * flags, exit codes and `--json` shapes below are kept stable and tested (cli.test.ts).
 *
 * ```
 * carekey init --name NAME [--role patient|clinician|carer]
 *     --json: {"accountId","secretKey","recoveryCode","fingerprint"}
 * carekey login --account ID [--secret-key KEY]      (or CAREKEY_SECRET_KEY)
 *     --json: {"accountId","fingerprint","entries"}
 * carekey add FILE|- [--category C]
 *     --json: {"entryId","synced"}
 * carekey list
 *     --json: [{"entryId","category","resourceType","author","confirmed","resource"}]
 *     (confirmed: false for an entry someone with access wrote that the patient's record has not confirmed yet)
 * carekey sync
 *     --json: {"pushed","pulled","pending","stuck","offline","rejected":[{"seq","reason","message"}],"gaps":[...]}
 * carekey whoami
 *     --json: {"accountId","fingerprint"}
 * carekey import FILE|- [--confirm-different-patient] [--trust ISSUER.json]
 *     --json: {"format","byType","byCategory","added","updated","unchanged","needsReview":[…],"problems":[…],"patient","card"?}
 * carekey export [--format fhir|ips|backup] [--category C[,C…]] [--out FILE]
 *     (writes the file, or to standard output without --out)
 * carekey restore FILE [--secret-key KEY]        (or CAREKEY_SECRET_KEY)
 *     --json: {"accountId","restored","rejected"}
 * carekey share --categories C1,C2 --until YYYY-MM-DD [--passcode P | --smart-health-link]
 *     --json: {"link"} (with --smart-health-link also "shlink": the same link as shlink:/…)
 * carekey open LINK|shlink:/… [--passcode P]    (or CAREKEY_PASSCODE; no account needed)
 *     prints the shared FHIR Bundle
 * carekey links
 *     --json: [{"linkId","state","created","expiresAt","passcode","failedTries","maxTries","revokedAt","opens":[ms…]}]
 * carekey revoke-link ID
 *     --json: {"revoked"}
 * carekey grant --to ACCOUNT --fingerprint DIGITS --categories C1,C2 --access read|write --until DATE
 *               [--from DATE] [--name NAME] [--role clinician|carer|patient]
 *     (access ends at the end of DATE's month, UTC)   --json: {"grantId"}
 * carekey grant --to ACCOUNT --fingerprint DIGITS --co-owner --until DATE [--name NAME]
 *     (a co-owner looks after the whole record: confirms entries, stops others' access)   --json: {"grantId"}
 * carekey grants [--vault VAULT]                 (--vault: a record you look after as co-owner)
 *     --json: [{"grantId","grantee","name","role","categories","access","until","state","revokedAt","coOwner"}]
 * carekey revoke GRANT [--vault VAULT]
 *     --json: {"revoked"}
 * carekey reencrypt                              (the patient: lock older private entries with the current keys
 *                                                and delete the old copies from the relay)
 *     --json: {"reencrypted","removed","tooLarge"}
 * carekey confirm --vault VAULT                  (a co-owner: confirm what people with access added)
 *     --json: {"confirmed"}
 * carekey verify ACCOUNT --fingerprint DIGITS
 *     --json: {"verified"}
 * carekey shared-with-me
 *     --json: [{"vault","owner","name","categories","access","until","ownerVerified","coOwner"}]
 * carekey list --vault VAULT                      (a record shared with you; same shape as list)
 * carekey add --vault VAULT FILE|- [--category C] --json: {"entryId","synced"}
 * carekey access-log
 *     --json: [{"at","kind","who","account","categories","count","reason"}]
 * carekey emergency set --to ACCOUNT --fingerprint DIGITS --wait-hours N --until DATE [--categories C1,C2] [--name NAME]
 *     --json: {"grantId"}
 * carekey emergency status                      (the patient: requests from emergency contacts)
 *     --json: [{"grantId","grantee","name","waitHours","state","requestedAt","releasesAt","refusedAt"}]
 * carekey emergency request VAULT               (the emergency contact)
 *     --json: {"grantId","state","releasesAt"}
 * carekey emergency refuse GRANT                (the patient)
 *     --json: {"refused"}
 *
 * every command: --json, --home DIR (CAREKEY_HOME, default ~/.carekey),
 *                --relay URL (CAREKEY_RELAY; default the account's relay, else http://localhost:8080)
 * the passphrase: CAREKEY_PASSPHRASE, else a prompt on the terminal
 *
 * exit codes: 0 done · 1 failed · 2 usage · 3 relay unreachable (nothing lost) · 4 integrity problem reported
 * errors: one line on stderr (with --json: {"error":{"code","message","triesLeft"?}})
 * ```
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  CATEGORIES,
  CarekeyClient,
  CarekeyError,
  GRANT_ROLES,
  ROLES,
  isCategory,
  openShareLink,
  ready,
  trustedIssuerFromJwks,
  type AccessLogEntry,
  type Category,
  type Entry,
  type GrantRole,
  type Role,
  type StorageAdapter,
  type SyncReport,
  type TrustedIssuer,
} from '@carekey/client';
import { FileStorage } from '@carekey/client/node';
import { MESSAGES } from './messages.ts';
import { promptHidden } from './prompt.ts';

export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where relative file paths are resolved (pnpm sets INIT_CWD to the caller's directory). */
  readonly cwd: string;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, offline: 3, integrity: 4 } as const;

const DEFAULT_RELAY = 'http://localhost:8080';

const USAGE = `Usage: carekey <command> [options]

Commands:
  init --name NAME [--role patient|clinician|carer]   create an account and its record
  login --account ID [--secret-key KEY]               add this device to an existing account
  add FILE [--category C]                             add the FHIR resource in FILE (- for stdin)
  list                                                the entries of the record
  sync                                                send this device's changes, then fetch others'
  whoami                                              account ID and fingerprint
  import FILE [--confirm-different-patient] [--trust ISSUER.json]
                                                      bring in a FHIR file, IPS, NDJSON or SMART Health Card
  export [--format fhir|ips|backup] [--category C] [--out FILE]
                                                      the record as a FHIR Bundle, an IPS document or a backup
  restore FILE [--secret-key KEY]                     put a backup onto this device (no relay needed)
  share --categories C1,C2 --until YYYY-MM-DD [--passcode P | --smart-health-link]
                                                      a link for a clinician with no account (until the end of that day, UTC)
  open LINK [--passcode P]                            the FHIR Bundle a share link holds (no account needed;
                                                      the passcode may also come from CAREKEY_PASSCODE)
  links                                               your share links, each with when it was opened
  revoke-link ID                                      close a share link at once
  grant --to ACCOUNT --fingerprint DIGITS --categories C1,C2 --access read|write --until DATE
        [--from DATE] [--name NAME] [--role clinician|carer]
                                                      give a person with an account access (until the end of that month)
  grant --to ACCOUNT --fingerprint DIGITS --co-owner --until DATE [--name NAME]
                                                      name a carer who looks after your whole record with you
  grants [--vault VAULT]                              everyone you have given access, and until when
  revoke GRANT [--vault VAULT]                        stop someone's access at once
  reencrypt                                           after stopping someone's access: lock older private entries
                                                      (mental and sexual health, genetics, safeguarding) with the new keys
  confirm --vault VAULT                               as a co-owner, confirm what people with access added
  verify ACCOUNT --fingerprint DIGITS                 mark a record owner's safety number as compared
  shared-with-me                                      records other people have shared with you
  list --vault VAULT                                  the shared parts of someone else's record
  add --vault VAULT FILE [--category C]               add an entry to a record shared with you for writing
  access-log                                          who was given access, who looked, newest first
  emergency set --to ACCOUNT --fingerprint DIGITS --wait-hours N --until DATE [--categories C1,C2] [--name NAME]
                                                      name an emergency contact, who gets access after the wait unless you refuse
  emergency status                                    requests from your emergency contacts
  emergency request VAULT                             ask for emergency access to someone's record
  emergency refuse GRANT                              refuse a pending emergency request

Options:
  --json          machine-readable output
  --home DIR      where this device keeps its data (CAREKEY_HOME, default ~/.carekey)
  --relay URL     the relay (CAREKEY_RELAY, default the account's relay)
The passphrase is read from CAREKEY_PASSPHRASE, or asked for.
`;

const OPTIONS = {
  json: { type: 'boolean' },
  home: { type: 'string' },
  relay: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  account: { type: 'string' },
  'secret-key': { type: 'string' },
  'confirm-different-patient': { type: 'boolean' },
  trust: { type: 'string', multiple: true },
  format: { type: 'string' },
  category: { type: 'string', multiple: true },
  out: { type: 'string' },
  categories: { type: 'string', multiple: true },
  until: { type: 'string' },
  passcode: { type: 'string' },
  'smart-health-link': { type: 'boolean' },
  to: { type: 'string' },
  fingerprint: { type: 'string' },
  access: { type: 'string' },
  from: { type: 'string' },
  vault: { type: 'string' },
  'wait-hours': { type: 'string' },
  'co-owner': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

class UsageError extends Error {}

interface Context {
  readonly io: CliIo;
  readonly json: boolean;
  readonly client: CarekeyClient;
  readonly storage: StorageAdapter;
  readonly relay: string;
  readonly values: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; args: string[]; strict: true }>
  >['values'];
  readonly positionals: string[];
}

function print(io: CliIo, text: string): void {
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

async function passphrase(ctx: Context, confirm = false): Promise<string> {
  const fromEnv = ctx.io.env.CAREKEY_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const first = await promptHidden('Passphrase: ', ctx.io.stdin, ctx.io.stderr);
  if (confirm) {
    const second = await promptHidden('Passphrase again: ', ctx.io.stdin, ctx.io.stderr);
    if (first !== second) throw new UsageError('The two passphrases are different.');
  }
  return first;
}

async function unlock(ctx: Context): Promise<void> {
  if (ctx.client.status === 'no-account') throw new CarekeyError('no-account', 'no account');
  await ctx.client.unlock(await passphrase(ctx));
}

async function cmdInit(ctx: Context): Promise<number> {
  const name = ctx.values.name?.trim();
  if (!name) throw new UsageError('init needs --name "Your Name"');
  const role = (ctx.values.role ?? 'patient') as Role;
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const kit = await ctx.client.signUp({ name, passphrase: await passphrase(ctx, true), role });
  if (ctx.json) {
    printJson(ctx.io, { accountId: kit.accountId, secretKey: kit.secretKey, recoveryCode: kit.recoveryCode, fingerprint: kit.fingerprint });
    return EXIT.ok;
  }
  print(
    ctx.io,
    [
      `Created a Carekey record for ${kit.name}.`,
      '',
      'EMERGENCY KIT: keep this safe and private. You need it to open your record on a new device.',
      `  Account ID:     ${kit.accountId}`,
      `  Secret Key:     ${kit.secretKey}`,
      `  Recovery code:  ${kit.recoveryCode}`,
      `  Relay:          ${kit.relay}`,
      `  Fingerprint:    ${formatDigits(kit.fingerprint)}`,
    ].join('\n'),
  );
  return EXIT.ok;
}

async function cmdLogin(ctx: Context): Promise<number> {
  const accountId = ctx.values.account;
  const secretKey = ctx.values['secret-key'] ?? ctx.io.env.CAREKEY_SECRET_KEY;
  if (!accountId) throw new UsageError('login needs --account ID');
  if (!secretKey) throw new UsageError('login needs the Secret Key: set CAREKEY_SECRET_KEY (or pass --secret-key)');
  await ctx.client.logIn({ accountId, secretKey, passphrase: await passphrase(ctx) });
  const report = await ctx.client.sync();
  const { fingerprint } = ctx.client.account;
  const entries = ctx.client.entries().length;
  if (ctx.json) printJson(ctx.io, { accountId: ctx.client.account.accountId, fingerprint, entries });
  else
    print(ctx.io, `This device is now signed in to ${ctx.client.account.accountId}. ${plural(entries, 'entry', 'entries')} in the record.`);
  return reportProblems(ctx, report);
}

async function cmdAdd(ctx: Context): Promise<number> {
  const file = ctx.positionals[0];
  if (!file) throw new UsageError('add needs a FILE (or - for standard input)');
  const text = file === '-' ? await readStream(ctx.io.stdin) : await readFile(resolve(ctx.io.cwd, file), 'utf8');
  let resource: unknown;
  try {
    resource = JSON.parse(text);
  } catch {
    throw new UsageError(`${file === '-' ? 'Standard input' : file} is not valid JSON.`);
  }
  const category = categoriesOf(ctx.values.category)[0];
  await unlock(ctx);
  const vault = sharedVaultOption(ctx);
  if (vault !== undefined) {
    const entry = await ctx.client.addSharedEntry(vault, resource, category === undefined ? {} : { category });
    if (ctx.json) printJson(ctx.io, { entryId: entry.entryId, synced: true });
    else print(ctx.io, entry.entryId);
    return EXIT.ok;
  }
  const entry = await ctx.client.addEntry(resource, category === undefined ? {} : { category });
  const report = await ctx.client.sync();
  if (ctx.json) printJson(ctx.io, { entryId: entry.entryId, synced: !report.offline && report.error === null });
  else print(ctx.io, entry.entryId);
  if (report.offline) ctx.io.stderr.write('Saved on this device. The relay cannot be reached; the entry will be sent at the next sync.\n');
  else if (report.error) ctx.io.stderr.write(`Saved on this device, but the relay refused to take it: ${describe(report.error)}\n`);
  return EXIT.ok;
}

async function cmdList(ctx: Context): Promise<number> {
  await unlock(ctx);
  const vault = sharedVaultOption(ctx);
  if (vault !== undefined) {
    const record = await ctx.client.openSharedRecord(vault);
    if (!record.ownerVerified) {
      ctx.io.stderr.write(
        `carekey: the owner of this record (${record.owner}) is not verified: compare their safety number, then run "carekey verify ${record.owner} --fingerprint DIGITS".\n`,
      );
    }
    printEntries(ctx, record.entries, record.unconfirmed);
    for (const p of record.problems) ctx.io.stderr.write(`carekey: an entry failed its integrity check and is not shown: ${p.message}\n`);
    return record.problems.length > 0 ? EXIT.integrity : EXIT.ok;
  }
  printEntries(ctx, ctx.client.entries(), ctx.client.unconfirmed());
  return ctx.client.loadProblems.length > 0 ? reportLoadProblems(ctx) : EXIT.ok;
}

function printEntries(ctx: Context, entries: readonly Entry[], unconfirmed: ReadonlySet<string>): void {
  if (ctx.json) {
    printJson(
      ctx.io,
      entries.map((e) => ({
        entryId: e.entryId,
        category: e.category,
        resourceType: e.resourceType,
        author: e.author.account,
        confirmed: !unconfirmed.has(e.entryId),
        resource: e.resource,
      })),
    );
  } else if (entries.length === 0) {
    print(ctx.io, 'The record has no entries yet.');
  } else {
    for (const e of entries)
      print(
        ctx.io,
        `${e.entryId}  ${e.category.padEnd(13)} ${e.resourceType.padEnd(22)} ${summarise(e.resource)}${unconfirmed.has(e.entryId) ? "  (not yet confirmed by the patient's record)" : ''}`,
      );
  }
}

/** `--vault VAULT`: a record shared with this account (32 hex characters, as shared-with-me shows). */
function sharedVaultOption(ctx: Context): string | undefined {
  const vault = ctx.values.vault?.trim().toLowerCase();
  if (vault === undefined) return undefined;
  if (!/^[0-9a-f]{32}$/.test(vault)) throw new UsageError('--vault needs a record ID (32 characters, as "carekey shared-with-me" shows)');
  return vault;
}

async function cmdSync(ctx: Context): Promise<number> {
  await unlock(ctx);
  const report = await ctx.client.sync();
  if (ctx.json) {
    printJson(ctx.io, {
      pushed: report.pushed,
      pulled: report.pulled,
      pending: report.pending,
      stuck: report.stuck,
      offline: report.offline,
      rejected: report.rejected.map((r) => ({ seq: r.seq, reason: r.reason, message: r.message })),
      gaps: report.gaps,
      ...(report.error ? { error: { code: report.error.code, message: report.error.message } } : {}),
    });
  } else if (!report.offline && !report.error) {
    print(ctx.io, `Sent ${report.pushed}, received ${report.pulled}.`);
  }
  return reportProblems(ctx, report);
}

async function cmdWhoami(ctx: Context): Promise<number> {
  const { accountId, fingerprint } = await ctx.client.identity();
  if (ctx.json) printJson(ctx.io, { accountId, fingerprint });
  else print(ctx.io, `Account ID:  ${accountId}\nFingerprint: ${formatDigits(fingerprint)}`);
  return EXIT.ok;
}

function reportProblems(ctx: Context, report: SyncReport): number {
  for (const r of report.rejected) {
    ctx.io.stderr.write(
      `carekey: refused an entry from the relay${r.seq === null ? '' : ` (position ${r.seq})`}: ${r.message}. It is not shown.\n`,
    );
  }
  for (const gap of report.gaps) {
    ctx.io.stderr.write(
      `carekey: ${plural(gap.missing.length, 'entry', 'entries')} written by device ${gap.device.slice(0, 8)} ${gap.missing.length === 1 ? 'is' : 'are'} missing from the relay.\n`,
    );
  }
  if (report.stuck > 0) {
    ctx.io.stderr.write(
      `carekey: the relay refuses ${plural(report.stuck, 'entry', 'entries')} written on this device for good; ${report.stuck === 1 ? 'it is' : 'they are'} kept here but not sent.\n`,
    );
  }
  if (report.offline) {
    if (!ctx.json)
      ctx.io.stderr.write(
        `carekey: the relay cannot be reached. ${plural(report.pending, 'change is', 'changes are')} kept on this device and will be sent at the next sync.\n`,
      );
    return EXIT.offline;
  }
  if (report.error) {
    if (!ctx.json) ctx.io.stderr.write(`carekey: ${describe(report.error)}\n`);
    return EXIT.failed;
  }
  if (report.rejected.length > 0 || report.gaps.length > 0) return EXIT.integrity;
  return report.stuck > 0 ? EXIT.failed : EXIT.ok;
}

function reportLoadProblems(ctx: Context): number {
  for (const p of ctx.client.loadProblems)
    ctx.io.stderr.write(`carekey: a saved entry failed its integrity check and is not shown: ${p.message}\n`);
  return EXIT.integrity;
}

async function readInput(ctx: Context, file: string): Promise<Uint8Array> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return new Uint8Array(Buffer.concat(chunks));
  }
  return new Uint8Array(await readFile(resolve(ctx.io.cwd, file)));
}

/** Trusted SMART Health Card issuers: JSON files `{ "iss", "name"?, "keys": [JWK…] }` or `{ "iss", "jwks": {...} }`. */
async function trustedIssuers(ctx: Context): Promise<TrustedIssuer[]> {
  const out: TrustedIssuer[] = [];
  for (const file of ctx.values.trust ?? []) {
    const raw = JSON.parse(await readFile(resolve(ctx.io.cwd, file), 'utf8')) as {
      iss?: string;
      name?: string;
      keys?: unknown[];
      jwks?: unknown;
      crl?: unknown[];
    };
    if (typeof raw.iss !== 'string') throw new UsageError(`${file} has no "iss": it is not an issuer file`);
    out.push(trustedIssuerFromJwks(raw.iss, raw.jwks ?? { keys: raw.keys ?? [] }, raw.crl ?? [], raw.name));
  }
  return out;
}

async function cmdImport(ctx: Context): Promise<number> {
  const file = ctx.positionals[0];
  if (!file) throw new UsageError('import needs a FILE (or - for standard input)');
  const bytes = await readInput(ctx, file);
  const trusted = await trustedIssuers(ctx);
  await unlock(ctx);
  const report = await ctx.client.importRecord(bytes, {
    trustedIssuers: trusted,
    confirmDifferentPatient: ctx.values['confirm-different-patient'] === true,
  });
  if (ctx.json) printJson(ctx.io, report);
  else {
    print(
      ctx.io,
      `Imported ${file}: ${plural(report.added, 'new entry', 'new entries')}, ${report.updated} updated, ${report.unchanged} already in the record.`,
    );
    for (const [category, n] of Object.entries(report.byCategory)) print(ctx.io, `  ${category.padEnd(14)} ${n}`);
    if (report.card)
      print(
        ctx.io,
        report.card.verified
          ? `Health card from ${report.card.issuer}: signature checked.`
          : `Health card that says it is from ${report.card.issuer}: NOT verified (its signature could not be checked).`,
      );
    if (report.needsReview.length)
      print(ctx.io, `${plural(report.needsReview.length, 'entry needs', 'entries need')} a look (kept, flagged).`);
    if (report.notChecked) print(ctx.io, report.notChecked);
  }
  for (const problem of report.problems) ctx.io.stderr.write(`carekey: skipped ${problem.where}: ${problem.message}\n`);
  await ctx.client.sync();
  return EXIT.ok;
}

async function cmdExport(ctx: Context): Promise<number> {
  const format = ctx.values.format ?? 'fhir';
  if (!['fhir', 'ips', 'backup'].includes(format)) throw new UsageError('--format must be fhir, ips or backup');
  const categories = (ctx.values.category ?? [])
    .flatMap((c) => c.split(','))
    .map((c) => c.trim())
    .filter(Boolean);
  for (const category of categories)
    if (!isCategory(category)) throw new UsageError(`unknown category "${category}" (one of ${CATEGORIES.join(', ')})`);
  if (format === 'backup' && categories.length) throw new UsageError('a backup always holds the whole record');
  await unlock(ctx);
  const bytes =
    format === 'backup'
      ? await ctx.client.createBackup()
      : Buffer.from(
          `${JSON.stringify(ctx.client.exportRecord({ format: format as 'fhir' | 'ips', ...(categories.length ? { categories: categories as Category[] } : {}) }), null, 2)}\n`,
        );
  if (ctx.values.out) {
    const path = resolve(ctx.io.cwd, ctx.values.out);
    await writeFile(path, bytes, { mode: 0o600 });
    // `mode` only applies when the file is created: a file that was already there keeps its own.
    await chmod(path, 0o600);
    if (!ctx.json) ctx.io.stderr.write(`Wrote ${ctx.values.out}.\n`);
  } else {
    ctx.io.stdout.write(bytes);
  }
  return EXIT.ok;
}

async function cmdRestore(ctx: Context): Promise<number> {
  const file = ctx.positionals[0];
  if (!file) throw new UsageError('restore needs the backup FILE');
  const secretKey = ctx.values['secret-key'] ?? ctx.io.env.CAREKEY_SECRET_KEY;
  if (!secretKey) throw new UsageError('restore needs the Secret Key: set CAREKEY_SECRET_KEY (or pass --secret-key)');
  if (ctx.client.status !== 'no-account') throw new UsageError('this home already has an account: restore into an empty --home');
  const backup = await readInput(ctx, file);
  const { client, restored, rejected } = await CarekeyClient.restore({
    storage: ctx.storage,
    relay: ctx.relay,
    backup,
    secretKey,
    passphrase: await passphrase(ctx),
  });
  const accountId = client.account.accountId;
  client.lock();
  if (ctx.json) printJson(ctx.io, { accountId, restored, rejected: rejected.map((r) => ({ reason: r.reason, message: r.message })) });
  else print(ctx.io, `Restored ${plural(restored, 'entry', 'entries')} for ${accountId}. This device joins the account at its next sync.`);
  for (const r of rejected) ctx.io.stderr.write(`carekey: an entry in the backup failed its check and was not restored: ${r.message}\n`);
  return rejected.length > 0 ? EXIT.integrity : EXIT.ok;
}

function categoriesOf(values: readonly string[] | undefined): Category[] {
  const categories = (values ?? [])
    .flatMap((c) => c.split(','))
    .map((c) => c.trim())
    .filter(Boolean);
  for (const category of categories)
    if (!isCategory(category)) throw new UsageError(`unknown category "${category}" (one of ${CATEGORIES.join(', ')})`);
  return categories as Category[];
}

/** `YYYY-MM-DD` → the end of that day (UTC), when the link stops working. */
function endOfDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [Number.NaN, 0, 0];
  const start = new Date(Date.UTC(year, month - 1, day));
  if (!match || start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) {
    throw new UsageError(`--until must be a date like 2026-12-31, not "${date}"`);
  }
  return start.getTime() + 24 * 60 * 60 * 1000;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

async function cmdShare(ctx: Context): Promise<number> {
  const categories = categoriesOf(ctx.values.categories);
  if (categories.length === 0) throw new UsageError(`share needs --categories C1,C2 (of ${CATEGORIES.join(', ')})`);
  if (!ctx.values.until) throw new UsageError('share needs --until YYYY-MM-DD (the last day the link works)');
  const until = endOfDay(ctx.values.until);
  const passcode = ctx.values.passcode;
  if (passcode !== undefined && passcode.trim() === '') throw new UsageError('--passcode is empty');
  const shl = ctx.values['smart-health-link'] === true;
  if (shl && passcode !== undefined) {
    throw new UsageError('a SMART Health Link cannot have a passcode (that format leaves passcodes to the server); drop one of them');
  }
  await unlock(ctx);
  const link = await ctx.client.createShareLink({
    categories,
    until,
    ...(passcode === undefined ? {} : { passcode }),
    ...(shl ? { smartHealthLink: true } : {}),
  });
  if (ctx.json) printJson(ctx.io, link.shlink ? { link: link.url, shlink: link.shlink } : { link: link.url });
  else {
    print(ctx.io, link.url);
    if (link.shlink) print(ctx.io, link.shlink);
    ctx.io.stderr.write(
      `This link opens ${categories.join(', ')} until the end of ${isoDay(link.expiresAt - 1)} (UTC)${passcode === undefined ? '' : ' with the passcode'}. Anyone who has it${passcode === undefined ? '' : ' and the passcode'} can read that part of your record: send it only to the person it is for. "carekey revoke-link ${link.linkId}" closes it.\n`,
    );
  }
  return EXIT.ok;
}

/** Needs no account and no home: only the link (and its passcode). */
async function cmdOpen(io: CliIo, values: Context['values'], positionals: readonly string[]): Promise<number> {
  const link = positionals[0];
  if (!link) throw new UsageError('open needs the LINK');
  const fromEnv = io.env.CAREKEY_PASSCODE;
  const passcode = values.passcode ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined);
  const bundle = await openShareLink(link, passcode === undefined ? {} : { passcode });
  io.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
  return EXIT.ok;
}

async function cmdLinks(ctx: Context): Promise<number> {
  await unlock(ctx);
  const links = await ctx.client.shareLinks();
  if (ctx.json) printJson(ctx.io, links);
  else if (links.length === 0) print(ctx.io, 'You have made no share links.');
  else
    for (const l of links) {
      const opened =
        l.opens.length === 0 ? 'never opened' : `opened ${plural(l.opens.length, 'time', 'times')}, last ${isoMinute(l.opens.at(-1)!)}`;
      print(
        ctx.io,
        `${l.linkId}  ${l.state.padEnd(7)} until ${isoDay(l.expiresAt - 1)}  ${l.passcode ? 'passcode' : 'no passcode'}  ${opened}`,
      );
    }
  return EXIT.ok;
}

async function cmdRevokeLink(ctx: Context): Promise<number> {
  const linkId = ctx.positionals[0]?.trim().toLowerCase();
  if (!linkId || !/^[0-9a-f]{32}$/.test(linkId))
    throw new UsageError('revoke-link needs the link ID (32 characters, as "carekey links" shows)');
  await unlock(ctx);
  await ctx.client.revokeShareLink(linkId);
  if (ctx.json) printJson(ctx.io, { revoked: linkId });
  else print(ctx.io, 'Revoked: the link no longer opens.');
  return EXIT.ok;
}

/** `YYYY-MM-DD` or `YYYY-MM` → a time in that month (a grant ends at the end of it). */
function monthDate(date: string, flag: string): number {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12)
    throw new UsageError(`${flag} must be a date like 2027-03-31 or a month like 2027-03, not "${date}"`);
  return Date.UTC(Number(match[1]), month - 1, 1);
}

async function cmdGrant(ctx: Context): Promise<number> {
  const { to, fingerprint: typed, access } = ctx.values;
  if (!to) throw new UsageError('grant needs --to ACCOUNT (the account ID of the person)');
  if (!typed) throw new UsageError('grant needs --fingerprint DIGITS: compare the safety number with the person first');
  const coOwner = ctx.values['co-owner'] === true;
  const categories = categoriesOf(ctx.values.categories);
  if (coOwner && (categories.length > 0 || access !== undefined))
    throw new UsageError('a co-owner looks after the whole record and can add to it: leave out --categories and --access');
  if (!coOwner && categories.length === 0) throw new UsageError(`grant needs --categories C1,C2 (of ${CATEGORIES.join(', ')})`);
  if (!coOwner && access !== 'read' && access !== 'write') throw new UsageError('grant needs --access read or --access write');
  if (!ctx.values.until) throw new UsageError('grant needs --until DATE: every grant ends (at the end of that month)');
  const until = monthDate(ctx.values.until, '--until');
  const from = ctx.values.from === undefined ? undefined : monthDate(ctx.values.from, '--from');
  const role = ctx.values.role ?? (coOwner ? 'carer' : 'clinician');
  if (!GRANT_ROLES.includes(role as GrantRole)) throw new UsageError(`--role must be one of ${GRANT_ROLES.join(', ')}`);
  await unlock(ctx);
  const { grantId, notAfter } = await ctx.client.grant({
    to,
    fingerprint: typed,
    categories,
    access: access === 'write' || coOwner ? 'write' : 'read',
    until,
    role: role as GrantRole,
    ...(coOwner ? { coOwner } : {}),
    ...(from === undefined ? {} : { from }),
    ...(ctx.values.name === undefined ? {} : { name: ctx.values.name }),
  });
  if (ctx.json) printJson(ctx.io, { grantId });
  else {
    print(ctx.io, grantId);
    ctx.io.stderr.write(
      coOwner
        ? `${ctx.values.name ?? to} now looks after your whole record with you until the end of ${isoDay(notAfter)} (UTC): they can read and add to it, confirm what others add and stop others' access. "carekey revoke ${grantId}" stops it at once.\n`
        : `${ctx.values.name ?? to} can now ${access === 'write' ? 'read and add to' : 'read'} ${categories.join(', ')} until the end of ${isoDay(notAfter)} (UTC). "carekey revoke ${grantId}" stops it at once.\n`,
    );
  }
  return EXIT.ok;
}

async function cmdGrants(ctx: Context): Promise<number> {
  await unlock(ctx);
  const vault = ctx.values.vault;
  const grants = vault === undefined ? await ctx.client.grants() : await ctx.client.sharedGrants(vault);
  if (ctx.json) {
    printJson(
      ctx.io,
      grants.map((g) => ({
        grantId: g.grantId,
        grantee: g.grantee,
        name: g.name,
        role: g.role,
        categories: g.categories,
        access: g.access,
        until: isoDay(g.notAfter),
        state: g.state,
        revokedAt: g.revokedAt,
        coOwner: g.coOwner,
      })),
    );
  } else if (grants.length === 0) print(ctx.io, 'You have not given anyone access.');
  else
    for (const g of grants)
      print(
        ctx.io,
        `${g.grantId}  ${g.state.padEnd(7)} ${g.name}  ${g.coOwner ? 'co-owner:' : ''}${g.access === 'write' ? 'read and add' : 'read'} ${g.categories.join(', ')}  until the end of ${isoDay(g.notAfter)}`,
      );
  return EXIT.ok;
}

async function cmdRevoke(ctx: Context): Promise<number> {
  const grantId = ctx.positionals[0]?.trim().toLowerCase();
  if (!grantId || !/^[0-9a-f]{32}$/.test(grantId))
    throw new UsageError('revoke needs the grant ID (32 characters, as "carekey grants" shows)');
  await unlock(ctx);
  const vault = ctx.values.vault;
  const grants = vault === undefined ? await ctx.client.grants() : await ctx.client.sharedGrants(vault);
  if (!grants.some((g) => g.grantId === grantId))
    throw new UsageError(`there is no grant ${grantId} ("carekey grants${vault === undefined ? '' : ' --vault VAULT'}" lists them)`);
  if (vault === undefined) await ctx.client.revokeGrant(grantId);
  else await ctx.client.revokeSharedGrant(vault, grantId);
  if (ctx.json) printJson(ctx.io, { revoked: grantId });
  else {
    print(ctx.io, 'Stopped: they can no longer fetch your record, and anything added from now on is under new keys they do not have.');
    const older = vault === undefined ? await ctx.client.privateEntriesToReencrypt() : 0;
    if (older > 0)
      print(
        ctx.io,
        `${older} older private ${older === 1 ? 'entry is' : 'entries are'} still under the old keys. "carekey reencrypt" locks ${older === 1 ? 'it' : 'them'} with the new ones and deletes the old copies from the relay.`,
      );
  }
  return EXIT.ok;
}

async function cmdReencrypt(ctx: Context): Promise<number> {
  if (ctx.positionals.length > 0) throw new UsageError('reencrypt takes no arguments');
  await unlock(ctx);
  const report = await ctx.client.reencryptPrivateEntries({
    onProgress: ({ done, total }) => {
      if (!ctx.json && total > 0) ctx.io.stderr.write(`Locking older private entries: ${done} of ${total}\n`);
    },
  });
  if (ctx.json) printJson(ctx.io, { reencrypted: report.reencrypted, removed: report.removed, tooLarge: report.tooLarge });
  else {
    print(
      ctx.io,
      report.reencrypted === 0 && report.removed === 0
        ? 'Nothing to do: every private entry is already under the current keys.'
        : `Done: ${report.reencrypted} older private ${report.reencrypted === 1 ? 'entry is' : 'entries are'} now under the current keys, and the relay deleted ${report.removed} old ${report.removed === 1 ? 'copy' : 'copies'}.`,
    );
    if (report.tooLarge > 0)
      print(
        ctx.io,
        `${report.tooLarge} ${report.tooLarge === 1 ? 'entry was' : 'entries were'} too large to lock again and ${report.tooLarge === 1 ? 'was' : 'were'} left as ${report.tooLarge === 1 ? 'it was' : 'they were'}.`,
      );
  }
  return EXIT.ok;
}

async function cmdConfirm(ctx: Context): Promise<number> {
  const vault = ctx.values.vault;
  if (!vault)
    throw new UsageError('confirm needs --vault VAULT (a record you look after as co-owner; "carekey shared-with-me" lists them)');
  await unlock(ctx);
  const confirmed = await ctx.client.confirmSharedEntries(vault);
  if (ctx.json) printJson(ctx.io, { confirmed });
  else
    print(
      ctx.io,
      confirmed === 0 ? 'Nothing new to confirm.' : `Confirmed ${plural(confirmed, 'entry', 'entries')} added by people with access.`,
    );
  return EXIT.ok;
}

async function cmdVerify(ctx: Context): Promise<number> {
  const account = ctx.positionals[0];
  if (!account) throw new UsageError('verify needs the ACCOUNT whose safety number you compared');
  if (!ctx.values.fingerprint) throw new UsageError('verify needs --fingerprint DIGITS (the safety number they read to you)');
  await unlock(ctx);
  await ctx.client.verifyAccount(account, ctx.values.fingerprint);
  if (ctx.json) printJson(ctx.io, { verified: account.trim().toUpperCase() });
  else print(ctx.io, 'Verified: the safety number matches.');
  return EXIT.ok;
}

async function cmdSharedWithMe(ctx: Context): Promise<number> {
  await unlock(ctx);
  const shared = await ctx.client.sharedWithMe();
  if (ctx.json) {
    printJson(
      ctx.io,
      shared.map((r) => ({
        vault: r.vault,
        owner: r.owner,
        name: r.name,
        categories: r.categories,
        access: r.access,
        until: isoDay(r.notAfter),
        ownerVerified: r.ownerVerified,
        coOwner: r.coOwner,
      })),
    );
  } else if (shared.length === 0) print(ctx.io, 'No one has shared a record with you.');
  else
    for (const r of shared)
      print(
        ctx.io,
        `${r.vault}  ${r.name}${r.ownerVerified ? '' : ' (not verified)'}  ${r.coOwner ? 'co-owner: ' : ''}${r.access === 'write' ? 'read and add' : 'read'} ${r.categories.join(', ')}  until the end of ${isoDay(r.notAfter)}`,
      );
  return EXIT.ok;
}

const ACCESS_WORDS: Record<AccessLogEntry['kind'], string> = {
  'grant-issued': 'was given access to',
  'grant-revoked': 'had their access stopped to',
  fetch: 'viewed',
  write: 'added to',
  refused: 'was refused',
  'emergency-requested': 'asked for emergency access to',
  'emergency-refused': 'was refused emergency access to',
  'link-opened': 'opened a share link',
};

async function cmdAccessLog(ctx: Context): Promise<number> {
  await unlock(ctx);
  const events = await ctx.client.accessLog();
  if (ctx.json) {
    printJson(
      ctx.io,
      events.map((e) => ({
        at: new Date(e.at).toISOString(),
        kind: e.kind,
        who: e.who,
        account: e.account,
        categories: e.categories,
        count: e.count,
        reason: e.reason,
      })),
    );
  } else if (events.length === 0) print(ctx.io, 'No one has been given access or opened a link yet.');
  else
    for (const e of events)
      print(
        ctx.io,
        `${isoMinute(e.at)}  ${e.who} ${ACCESS_WORDS[e.kind]}${e.categories.length ? ` ${e.categories.join(', ')}` : ''}${e.reason ? ` (${e.reason})` : ''}`,
      );
  return EXIT.ok;
}

/** The parts an emergency contact sees unless others are named: everything but the special categories. */
const EMERGENCY_DEFAULT: readonly Category[] = ['summary', 'results', 'encounters', 'documents', 'notes'];

async function cmdEmergency(ctx: Context): Promise<number> {
  const [action, target] = ctx.positionals;
  if (action === 'set') {
    const { to, fingerprint: typed } = ctx.values;
    if (!to) throw new UsageError('emergency set needs --to ACCOUNT (your emergency contact)');
    if (!typed) throw new UsageError('emergency set needs --fingerprint DIGITS: compare the safety number with them first');
    const wait = Number(ctx.values['wait-hours']);
    if (!Number.isSafeInteger(wait) || wait < 1 || wait > 720) throw new UsageError('emergency set needs --wait-hours N (1 to 720)');
    if (!ctx.values.until) throw new UsageError('emergency set needs --until DATE: it ends at the end of that month');
    const chosen = categoriesOf(ctx.values.categories);
    const categories = chosen.length > 0 ? chosen : [...EMERGENCY_DEFAULT];
    await unlock(ctx);
    const { grantId, notAfter } = await ctx.client.grant({
      to,
      fingerprint: typed,
      categories,
      access: 'read',
      until: monthDate(ctx.values.until, '--until'),
      role: 'carer',
      emergency: { waitHours: wait },
      ...(ctx.values.name === undefined ? {} : { name: ctx.values.name }),
    });
    if (ctx.json) printJson(ctx.io, { grantId });
    else {
      print(ctx.io, grantId);
      ctx.io.stderr.write(
        `${ctx.values.name ?? to} can ask for emergency access to ${categories.join(', ')} until the end of ${isoDay(notAfter)} (UTC). You will be told when they ask, and they see nothing unless ${plural(wait, 'hour passes', 'hours pass')} without you refusing.\n`,
      );
    }
    return EXIT.ok;
  }
  if (action === 'status') {
    await unlock(ctx);
    const requests = await ctx.client.emergencyRequests();
    if (ctx.json) printJson(ctx.io, requests);
    else if (requests.length === 0) print(ctx.io, 'You have no emergency contacts.');
    else
      for (const r of requests)
        print(
          ctx.io,
          `${r.grantId}  ${r.name}  ${
            r.state === 'waiting'
              ? `ASKED for emergency access: it opens at ${isoMinute(r.releasesAt!)} UTC unless you refuse ("carekey emergency refuse ${r.grantId}")`
              : r.state === 'released'
                ? `has emergency access since ${isoMinute(r.releasesAt!)} UTC`
                : `has not asked (wait ${plural(r.waitHours, 'hour', 'hours')})`
          }`,
        );
    return EXIT.ok;
  }
  if (action === 'request') {
    const vault = target?.trim().toLowerCase();
    if (!vault || !/^[0-9a-f]{32}$/.test(vault))
      throw new UsageError('emergency request needs the record ID (as "carekey shared-with-me" shows)');
    await unlock(ctx);
    const result = await ctx.client.requestEmergencyAccess(vault);
    if (ctx.json) printJson(ctx.io, result);
    else if (result.state === 'released') print(ctx.io, 'Emergency access is open: "carekey list --vault ' + vault + '" shows the record.');
    else print(ctx.io, `Asked. They have been told. Unless they refuse, the record opens at ${isoMinute(result.releasesAt!)} UTC.`);
    return EXIT.ok;
  }
  if (action === 'refuse') {
    const grantId = target?.trim().toLowerCase();
    if (!grantId || !/^[0-9a-f]{32}$/.test(grantId))
      throw new UsageError('emergency refuse needs the grant ID (as "carekey emergency status" shows)');
    await unlock(ctx);
    await ctx.client.refuseEmergency(grantId);
    if (ctx.json) printJson(ctx.io, { refused: grantId });
    else print(ctx.io, 'Refused: nothing was released. They would have to ask again, and wait again.');
    return EXIT.ok;
  }
  throw new UsageError('emergency needs one of: set, status, request VAULT, refuse GRANT');
}

const COMMANDS: Record<string, (ctx: Context) => Promise<number>> = {
  init: cmdInit,
  login: cmdLogin,
  add: cmdAdd,
  list: cmdList,
  sync: cmdSync,
  whoami: cmdWhoami,
  import: cmdImport,
  export: cmdExport,
  restore: cmdRestore,
  share: cmdShare,
  links: cmdLinks,
  'revoke-link': cmdRevokeLink,
  grant: cmdGrant,
  grants: cmdGrants,
  revoke: cmdRevoke,
  reencrypt: cmdReencrypt,
  confirm: cmdConfirm,
  verify: cmdVerify,
  'shared-with-me': cmdSharedWithMe,
  'access-log': cmdAccessLog,
  emergency: cmdEmergency,
};

/**
 * Runs one command and returns its exit code. Never throws for expected failures.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout,
 *   stderr: process.stderr, env: process.env, cwd: process.cwd() });
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; args: string[]; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`carekey: ${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const [command, ...positionals] = parsed.positionals;
  const json = parsed.values.json === true;
  if (parsed.values.help || !command) {
    io.stdout.write(USAGE);
    return parsed.values.help ? EXIT.ok : EXIT.usage;
  }
  if (command === 'open') {
    try {
      await ready();
      return await cmdOpen(io, parsed.values, positionals);
    } catch (error) {
      return fail(io, json, error);
    }
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr.write(`carekey: unknown command "${command}"\n\n${USAGE}`);
    return EXIT.usage;
  }
  const home = resolve(io.cwd, parsed.values.home ?? io.env.CAREKEY_HOME ?? join(homedir(), '.carekey'));
  await ready();
  const storage = FileStorage.open(join(home, 'carekey.sqlite'));
  let client: CarekeyClient | undefined;
  try {
    const relay = parsed.values.relay ?? io.env.CAREKEY_RELAY ?? (await CarekeyClient.savedRelay(storage)) ?? DEFAULT_RELAY;
    client = await CarekeyClient.open({ storage, relay });
    return await run({ io, json, client, storage, relay, values: parsed.values, positionals });
  } catch (error) {
    return fail(io, json, error);
  } finally {
    client?.lock();
    await storage.close();
  }
}

function fail(io: CliIo, json: boolean, error: unknown): number {
  if (error instanceof UsageError) {
    io.stderr.write(`carekey: ${error.message}\n`);
    return EXIT.usage;
  }
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code === undefined || !(error instanceof Error)) throw error;
  const triesLeft = error instanceof CarekeyError ? error.triesLeft : undefined;
  if (json)
    io.stderr.write(`${JSON.stringify({ error: { code, message: error.message, ...(triesLeft === undefined ? {} : { triesLeft }) } })}\n`);
  else io.stderr.write(`carekey: ${describe(error)}${triesLeft === undefined ? '' : ` ${triesLeftWords(triesLeft)}`}\n`);
  if (code === 'offline') return EXIT.offline;
  if (code === 'integrity') return EXIT.integrity;
  return EXIT.failed;
}

function triesLeftWords(triesLeft: number): string {
  return triesLeft === 0
    ? 'That was the last try: the link is now closed for good.'
    : `${plural(triesLeft, 'try', 'tries')} left before the link closes for good.`;
}

function describe(error: Error & { code?: string }): string {
  const known = error.code ? MESSAGES[error.code as keyof typeof MESSAGES] : undefined;
  return known ?? error.message;
}

async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function formatDigits(digits: string): string {
  return (digits.match(/\d{5}/g) ?? []).join(' ');
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function summarise(resource: Record<string, unknown>): string {
  const code = resource.code as { text?: string; coding?: Array<{ display?: string }> } | undefined;
  const text = code?.text ?? code?.coding?.[0]?.display ?? (resource.description as string | undefined) ?? '';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
