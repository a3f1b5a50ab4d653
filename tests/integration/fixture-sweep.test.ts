/**
 * The importer against every file of the shared fixture pool (../shared/fixtures, described in
 * its SOURCES.md): each one either imports with exactly the resources the file itself holds, or
 * is refused with the ImportError this file documents for it — never a crash.
 *
 * The expected resources are counted here straight from each file (Bundle.entry[].resource, a
 * single resource, or the Bundle inside a health card, decompressed with node:zlib), not with
 * the importer's own code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ImportError,
  parseImport,
  trustedIssuerFromJwks,
  type ImportErrorCode,
  type ParsedImport,
  type TrustedIssuer,
} from '@carekey/record';

// ../shared/fixtures beside the repository (CI has it), wherever the checkout is.
const ROOT = fileURLToPath(new URL('../../../shared/fixtures', import.meta.url));
const HAVE_POOL = existsSync(ROOT);

/**
 * Files that are refused, and why. Matched against the path inside the pool; the first match wins.
 */
const EXPECTED_REFUSALS: ReadonlyArray<{ readonly pattern: RegExp; readonly code: ImportErrorCode; readonly why: string }> = [
  { pattern: /^SOURCES\.md$/, code: 'not-fhir', why: 'the pool description, prose' },
  { pattern: /\.(svg|png)$/, code: 'not-fhir', why: 'QR code images: pictures, not records' },
  { pattern: /\/\.well-known\/jwks\.json$/, code: 'not-fhir', why: "a health card issuer's public keys" },
  { pattern: /\/\.well-known\/crl\//, code: 'not-fhir', why: "a health card issuer's revocation list" },
  { pattern: /-jws-payload-(expanded|minified)\.json$/, code: 'unsupported', why: 'a health card payload without its signature' },
  { pattern: /^smart-health-links\/IPS_IG-bundle-01-enc\.txt$/, code: 'unsupported', why: 'an encrypted SMART Health Link payload (JWE)' },
  {
    pattern: /^smart-health-links\/.*(shl\.txt|shl-details\.json|details\.json|manifest-1\.json|payload-[0-9]\.json)$/,
    code: 'unsupported',
    why: 'a SMART Health Link, its decoded payload or manifest',
  },
  { pattern: /^ukcore\/UKCore-Bundle-Batch-Example\.json$/, code: 'empty', why: 'a batch of GET requests: no resources' },
  { pattern: /^ukcore\/UKCore-Bundle-Sn-NoAllergyData-Example\.json$/, code: 'empty', why: 'an empty search result' },
];

/** One part of a card split over several QR codes (`shc:/2/3/…`) cannot be read alone: `truncated`. */
const QR_PART = /^\s*shc:\/\d+\/\d+\//;
const QR_PART_REFUSAL = { code: 'truncated', why: 'one part of a card split over several QR codes, alone' } as const;

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

function countTypes(resources: ReadonlyArray<{ resourceType?: unknown } | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const resource of resources) {
    if (typeof resource?.resourceType === 'string') out[resource.resourceType] = (out[resource.resourceType] ?? 0) + 1;
  }
  return out;
}

/** The resources a Bundle holds (a search result's server messages are not records). */
function bundleCounts(bundle: {
  entry?: Array<{ resource?: { resourceType?: unknown }; search?: { mode?: string } }>;
}): Record<string, number> {
  return countTypes((bundle.entry ?? []).filter((e) => e.search?.mode !== 'outcome').map((e) => e.resource));
}

/** The Bundle inside a compact JWS health card, decoded independently of the importer. */
function cardBundle(jws: string): { entry?: Array<{ resource?: { resourceType?: unknown } }> } {
  const payload = JSON.parse(inflateRawSync(Buffer.from(jws.trim().split('.')[1] ?? '', 'base64url')).toString('utf8')) as {
    vc: { credentialSubject: { fhirBundle: { entry?: Array<{ resource?: { resourceType?: unknown } }> } } };
  };
  return payload.vc.credentialSubject.fhirBundle;
}

/** Decodes `shc:/` numeric QR text (all parts, in order) into the JWS. */
function qrToJws(parts: readonly string[]): string {
  const digits = parts.map((p) => p.trim().replace(/^shc:\/(\d+\/\d+\/)?/, '')).join('');
  return (digits.match(/\d\d/g) ?? []).map((pair) => String.fromCharCode(Number(pair) + 45)).join('');
}

/** What the file itself says it holds, counted by resource type. */
function expectedCounts(path: string, text: string): Record<string, number> {
  if (/^\s*shc:\//.test(text)) return bundleCounts(cardBundle(qrToJws([text])));
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(text.trim())) return bundleCounts(cardBundle(text));
  const json = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown> | unknown[];
  if (Array.isArray(json))
    return countTypes(json.map((item) => ((item as { resource?: object }).resource ?? item) as { resourceType?: unknown }));
  if (Array.isArray(json.verifiableCredential)) return bundleCounts(cardBundle((json.verifiableCredential as string[]).join('')));
  if (json.resourceType === 'Bundle') return bundleCounts(json);
  if (typeof json.resourceType === 'string') return { [json.resourceType]: 1 };
  throw new Error(`${path}: no expected contents`);
}

function trustList(): TrustedIssuer[] {
  const read = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
  const specKeys = 'smart-health-cards/spec-smarthealth-cards/issuer/.well-known';
  const seannoKeys = 'smart-health-links/seanno-issuer/.well-known';
  return [
    trustedIssuerFromJwks('https://spec.smarthealth.cards/examples/issuer', read(`${specKeys}/jwks.json`), [
      read(`${specKeys}/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json`),
    ]),
    trustedIssuerFromJwks('https://raw.githubusercontent.com/seanno/shc-demo-data/main', read(`${seannoKeys}/jwks.json`), [
      read(`${seannoKeys}/crl/ViOf-Tjl_GjJhYkOtWv9o7BcnVR1Bz4RNWfY34dAw_k.json`),
    ]),
  ];
}

async function outcome(input: string | Uint8Array, trustedIssuers: readonly TrustedIssuer[]): Promise<ParsedImport | ImportError> {
  try {
    return await parseImport(input, { trustedIssuers });
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error; // anything else is a crash, and fails the test
  }
}

// Reported as skipped, not passed, on a machine without the pool: nothing here was checked.
if (!HAVE_POOL) console.warn(`fixture sweep skipped: ${ROOT} does not exist on this machine`);
const files = HAVE_POOL
  ? allFiles(ROOT)
      .map((path) => relative(ROOT, path))
      .sort()
  : [];
const trusted = HAVE_POOL ? trustList() : [];

describe.skipIf(!HAVE_POOL)('fixture sweep: every file of the shared pool', () => {
  it('finds the whole pool', () => {
    expect(files.length).toBeGreaterThan(500);
  });

  it.each(files)('%s', async (path) => {
    const bytes = readFileSync(join(ROOT, path));
    const result = await outcome(bytes, trusted);
    const refusal = QR_PART.test(bytes.toString('utf8')) ? QR_PART_REFUSAL : EXPECTED_REFUSALS.find((r) => r.pattern.test(path));
    if (refusal) {
      expect(result, `${path} should be refused: ${refusal.why}`).toBeInstanceOf(ImportError);
      expect((result as ImportError).code, refusal.why).toBe(refusal.code);
      expect((result as ImportError).message.length).toBeGreaterThan(30);
      return;
    }
    if (result instanceof ImportError) throw new Error(`${path} was refused (${result.code}): ${result.message}`);
    expect(result.counts.byType).toEqual(expectedCounts(path, bytes.toString('utf8')));
    expect(result.candidates.every((c) => c.sourceIdentity.startsWith(`${c.resource.resourceType}|`))).toBe(true);
    if (result.card) {
      const revoked = path.startsWith('smart-health-cards/spec-smarthealth-cards/example-03');
      expect(result.card).toMatchObject(revoked ? { verified: false, reason: 'revoked' } : { verified: true });
    }
  });

  const chunked = files.filter((path) => path.endsWith('-0.txt') && QR_PART.test(readFileSync(join(ROOT, path), 'utf8')));
  it('finds the cards split over several QR codes', () => {
    expect(chunked.length).toBeGreaterThanOrEqual(2);
  });
  it.each(chunked)('%s with its other parts', async (path) => {
    const parts = files
      .filter((p) => p.startsWith(path.replace(/-0\.txt$/, '-')) && /-\d\.txt$/.test(p))
      .map((p) => readFileSync(join(ROOT, p), 'utf8'));
    const result = await outcome(parts.join('\n'), trusted);
    if (result instanceof ImportError) throw new Error(`${path} was refused (${result.code}): ${result.message}`);
    expect(result.format).toBe('smart-health-card-qr');
    expect(result.counts.byType).toEqual(bundleCounts(cardBundle(qrToJws(parts))));
  });
});
