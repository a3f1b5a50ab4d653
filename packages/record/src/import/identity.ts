/**
 * Source identities: the name of the record a resource came from, so that importing the same
 * file again — or a newer export of the same GP record — updates the entries already in the
 * vault instead of adding copies.
 *
 * Entry IDs for imported resources are a keyed BLAKE2b of this identity under the vault's fixed
 * import key (DESIGN §4): re-import de-duplicates, and because the identity is only ever used
 * hashed with a per-vault key, it never leaves the device and the relay cannot test guesses
 * (an NHS number, say) against entry IDs.
 *
 * The identity is the most stable name the resource has, in this order of preference:
 * 1. `Type|identifier|system|value` — a business identifier assigned by the source system
 *    survives re-exports, server migrations and changed resource ids;
 * 2. `Type|url|fullUrl` — an absolute http(s) `fullUrl` is the resource's address on its server;
 * 3. `Type|id|id` (`|meta.source` appended when present) — a server's logical id, stable within
 *    that source; `meta.source` keeps two sources' "Patient/1" apart;
 * 4. `Type|fullUrl|urn:uuid:…` — a Bundle-local UUID, stable only if the exporter reuses it;
 * 5. `Type|content|<canonical JSON>` — for resources with no name at all (SMART Health Card
 *    entries): identical content is the same record.
 */
import type { FhirResource } from '../fhir.ts';

/**
 * The source identity of a resource found in a file (rules above).
 *
 * @example
 * sourceIdentity({ resourceType: 'Patient', identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9449306753' }] })
 * // 'Patient|identifier|https://fhir.nhs.uk/Id/nhs-number|9449306753'
 */
export function sourceIdentity(resource: FhirResource, fullUrl?: string): string {
  const type = resource.resourceType;
  const identifier = firstIdentifier(resource.identifier);
  if (identifier) return `${type}|identifier|${identifier.system}|${identifier.value}`;
  if (fullUrl !== undefined && /^https?:\/\//i.test(fullUrl)) return `${type}|url|${fullUrl}`;
  if (typeof resource.id === 'string' && resource.id !== '') {
    const source = (resource.meta as { source?: unknown } | undefined)?.source;
    return typeof source === 'string' && source !== '' ? `${type}|id|${resource.id}|${source}` : `${type}|id|${resource.id}`;
  }
  if (fullUrl !== undefined && /^urn:uuid:/i.test(fullUrl)) return `${type}|fullUrl|${fullUrl}`;
  return `${type}|content|${stableJson(resource)}`;
}

/** The first identifier with both a system and a value (`identifier` is a list on most resources, single on a few). */
function firstIdentifier(value: unknown): { system: string; value: string } | undefined {
  const list: unknown[] = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  for (const item of list) {
    const { system, value: v } = (item ?? {}) as { system?: unknown; value?: unknown };
    if (typeof system === 'string' && system !== '' && typeof v === 'string' && v !== '') return { system, value: v };
  }
  return undefined;
}

/**
 * Canonical JSON of a resource: object keys sorted by UTF-16 code units, no whitespace. The same
 * encoding as `canonicalText` of @carekey/crypto, except that numbers may be decimals (FHIR
 * values are: 7.2 mmol/L), which `canonicalText` rightly refuses for signed data; JavaScript
 * writes each number one way, so the text is still stable.
 */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${(value as unknown[]).map((item) => (item === undefined ? 'null' : stableJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${stableJson(record[key])}`);
  }
  return `{${parts.join(',')}}`;
}
