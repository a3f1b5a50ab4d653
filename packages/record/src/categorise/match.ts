/**
 * Matching one coding (system + code) against the special-category code lists.
 */
import { SPECIAL_CODE_LISTS, type CodeRange, type SpecialCategory, type SpecialCodeList } from './code-lists.ts';

/** Which family of code system a `Coding.system` belongs to, as far as the lists care. */
type SystemKind = 'snomed' | 'loinc' | 'icd10' | 'icd11' | 'actcode' | 'v2-0074' | 'atc';

const SYSTEMS: Readonly<Record<string, SystemKind>> = {
  'http://snomed.info/sct': 'snomed',
  'urn:oid:2.16.840.1.113883.6.96': 'snomed',
  'http://loinc.org': 'loinc',
  'urn:oid:2.16.840.1.113883.6.1': 'loinc',
  'http://hl7.org/fhir/sid/icd-10': 'icd10',
  'http://hl7.org/fhir/sid/icd-10-cm': 'icd10',
  'urn:oid:2.16.840.1.113883.6.3': 'icd10',
  'urn:oid:2.16.840.1.113883.6.90': 'icd10',
  'http://id.who.int/icd11/mms': 'icd11',
  'http://id.who.int/icd/release/11/mms': 'icd11',
  'http://terminology.hl7.org/CodeSystem/v3-ActCode': 'actcode',
  'http://hl7.org/fhir/v3/ActCode': 'actcode',
  'urn:oid:2.16.840.1.113883.5.4': 'actcode',
  'http://terminology.hl7.org/CodeSystem/v2-0074': 'v2-0074',
  'http://hl7.org/fhir/v2/0074': 'v2-0074',
  'http://www.whocc.no/atc': 'atc',
  'urn:oid:2.16.840.1.113883.6.73': 'atc',
};

/**
 * The kind of a code system. Besides the canonical URIs, any system naming ICD-10 or CID-10 (the
 * national editions: icd-10-nl, icd-10-gm, Brazil's BRCID10…) counts as ICD-10 — their codes
 * share the WHO structure — except the unrelated procedure classification ICD-10-PCS.
 */
export function systemKind(system: string): SystemKind | undefined {
  let kind = KINDS.get(system);
  if (kind === undefined) {
    kind = recogniseSystem(system) ?? null;
    if (KINDS.size < 1000) KINDS.set(system, kind); // a file uses a handful of systems
  }
  return kind ?? undefined;
}

const KINDS = new Map<string, SystemKind | null>();

function recogniseSystem(system: string): SystemKind | undefined {
  const trimmed = system.trim().replace(/\/+$/, '');
  const known = SYSTEMS[trimmed] ?? SYSTEMS[trimmed.replace(/^https:/, 'http:')];
  if (known) return known;
  if (/(icd|cid)-?10/i.test(trimmed) && !/pcs/i.test(trimmed)) return 'icd10';
  return undefined;
}

/** An ICD code without dots or spaces, in capitals: "f32.9" → "F329". */
export function normaliseIcd(code: string): string {
  return code.replace(/[.\s]/g, '').toUpperCase();
}

function inRange(code: string, r: CodeRange): boolean {
  const from = normaliseIcd(r.from);
  const to = normaliseIcd(r.to);
  const head = code.slice(0, from.length);
  return head.length === from.length && head >= from && head <= to;
}

interface Index {
  readonly exact: Map<string, SpecialCategory>;
  readonly ranges: Array<{ readonly kind: 'icd10' | 'icd11'; readonly range: CodeRange; readonly category: SpecialCategory }>;
  readonly prefixes: Array<{ readonly prefix: string; readonly category: SpecialCategory }>;
  readonly markers: Array<{ readonly prefix: string; readonly category: SpecialCategory }>;
}

function buildIndex(lists: readonly SpecialCodeList[]): Index {
  const exact = new Map<string, SpecialCategory>();
  const ranges: Index['ranges'] = [];
  const prefixes: Index['prefixes'] = [];
  const markers: Index['markers'] = [];
  // Earlier lists take precedence when a code is on two lists.
  const add = (kind: SystemKind, code: string, category: SpecialCategory): void => {
    const key = `${kind}|${code}`;
    if (!exact.has(key)) exact.set(key, category);
  };
  for (const list of lists) {
    for (const c of list.snomed) add('snomed', c.code, list.category);
    for (const c of list.loinc) add('loinc', c.code, list.category);
    for (const c of list.securityLabels) add('actcode', c.code, list.category);
    for (const c of list.diagnosticSections) add('v2-0074', c.code, list.category);
    for (const r of list.icd10) ranges.push({ kind: 'icd10', range: r, category: list.category });
    for (const r of list.icd11) ranges.push({ kind: 'icd11', range: r, category: list.category });
    for (const c of list.atc) prefixes.push({ prefix: c.code, category: list.category });
    for (const c of list.markers) markers.push({ prefix: c.code, category: list.category });
  }
  return { exact, ranges, prefixes, markers };
}

const INDEX = buildIndex(SPECIAL_CODE_LISTS);

/**
 * The special category a coding belongs to, or undefined.
 *
 * @example
 * specialCategoryOfCoding('http://hl7.org/fhir/sid/icd-10', 'F32.9') // 'mental-health'
 */
export function specialCategoryOfCoding(system: string, code: string): SpecialCategory | undefined {
  const kind = systemKind(system);
  if (kind === undefined) return undefined;
  const trimmed = code.trim();
  switch (kind) {
    case 'icd10':
    case 'icd11': {
      const normal = normaliseIcd(trimmed);
      return INDEX.ranges.find((r) => r.kind === kind && inRange(normal, r.range))?.category;
    }
    case 'atc': {
      const upper = trimmed.toUpperCase();
      return INDEX.prefixes.find((p) => upper.startsWith(p.prefix))?.category;
    }
    default:
      return INDEX.exact.get(`${kind}|${trimmed}`);
  }
}

/**
 * The special category of a profile or extension URL that only such resources carry, or undefined.
 *
 * @example
 * specialCategoryOfUrl('http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/variant') // 'genetics'
 */
export function specialCategoryOfUrl(url: string): SpecialCategory | undefined {
  return INDEX.markers.find((m) => url.startsWith(m.prefix))?.category;
}
