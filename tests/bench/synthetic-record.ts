/**
 * A realistic 10,000-resource record for benchmarks: the resources of real Synthea patients
 * (fixtures of packages/record), repeated with fresh IDs until the count is reached, in one
 * transaction Bundle as Synthea writes them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../packages/record/test-fixtures/synthea/', import.meta.url));

interface BundleEntry {
  fullUrl?: string;
  resource: { resourceType: string; id?: string; identifier?: Array<{ system?: string; value?: string }> } & Record<string, unknown>;
  request?: unknown;
}

/** A transaction Bundle with exactly `count` resources, one Patient. */
export function syntheticRecord(count = 10_000): { bundle: unknown; text: string } {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
  const pool: BundleEntry[] = [];
  let patient: BundleEntry | undefined;
  for (const file of files) {
    const bundle = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { entry?: BundleEntry[] };
    for (const entry of bundle.entry ?? []) {
      if (entry.resource.resourceType === 'Patient') patient ??= entry;
      else pool.push(entry);
    }
  }
  if (!patient || pool.length === 0) throw new Error(`no Synthea fixtures in ${FIXTURES}`);
  const entries: BundleEntry[] = [patient];
  for (let i = 0; entries.length < count; i += 1) {
    const source = pool[i % pool.length] as BundleEntry;
    const copy = Math.floor(i / pool.length);
    const resource = structuredClone(source.resource);
    const id = `${resource.id ?? 'r'}-${copy}`;
    resource.id = id;
    if (resource.identifier) resource.identifier = resource.identifier.map((x) => ({ ...x, value: `${x.value ?? ''}-${copy}` }));
    entries.push({ fullUrl: `urn:uuid:${id}`, resource, request: { method: 'POST', url: resource.resourceType } });
  }
  const bundle = { resourceType: 'Bundle', type: 'transaction', entry: entries };
  return { bundle, text: JSON.stringify(bundle) };
}
