/**
 * An International Patient Summary (HL7 IPS, http://hl7.org/fhir/uv/ips/) of the record: a FHIR
 * document Bundle whose first entry is a Composition (LOINC 60591-5 "Patient summary Document")
 * with one section per subject — allergies, medicines, problems, immunisations, results, vital
 * signs, procedures, past illnesses — each with narrative text and references to the resources
 * it summarises, followed by the Patient and every resource the sections and those resources
 * refer to. Every reference inside the Bundle resolves inside the Bundle.
 *
 * Resources in the document are copies: their `id` is their new UUID and their references are
 * rewritten to the Bundle's `fullUrl`s (a reference to something not in the document keeps only
 * its words, `display`). The record itself is never changed.
 */
import { isSpecialCategory, type Category } from '../categories.ts';
import { describeResource, plainDate } from '../describe.ts';
import type { Entry } from '../entry.ts';
import type { FhirResource } from '../fhir.ts';
import type { Writer } from '../own-entries.ts';
import { clinicalDate } from '../views/dates.ts';
import { firstCode, humanName, isObject, list, str, type JsonObject } from '../views/fhir-read.ts';
import { byClinicalDate } from '../views/parts.ts';
import { entryLookup, type ResolveReference } from '../views/references.ts';
import { resultSeries } from '../views/results.ts';
import { isActiveCondition, isCurrentMedicine } from '../views/summary.ts';
import type { ExportedBundle, ExportedEntry } from './bundle.ts';
import { escapeXhtml, listNarrative } from './narrative.ts';
import { ENTRY_UUID_NAMESPACE, entryUrn, uuidV5 } from './uuid.ts';

const LOINC = 'http://loinc.org';
const EMPTY_REASON = 'http://terminology.hl7.org/CodeSystem/list-empty-reason';

/** The IPS sections this export writes, in the IPS order. */
export const IPS_SECTIONS = [
  { key: 'problems', code: '11450-4', display: 'Problem list - Reported', title: 'Health problems', required: true },
  {
    key: 'allergies',
    code: '48765-2',
    display: 'Allergies and adverse reactions Document',
    title: 'Allergies and intolerances',
    required: true,
  },
  { key: 'medications', code: '10160-0', display: 'History of Medication use Narrative', title: 'Medicines', required: true },
  { key: 'immunizations', code: '11369-6', display: 'History of Immunization Narrative', title: 'Vaccinations', required: false },
  {
    key: 'results',
    code: '30954-2',
    display: 'Relevant diagnostic tests/laboratory data Narrative',
    title: 'Test results',
    required: false,
  },
  { key: 'vitalSigns', code: '8716-3', display: 'Vital signs', title: 'Vital signs', required: false },
  { key: 'procedures', code: '47519-4', display: 'History of Procedures Document', title: 'Procedures', required: false },
  { key: 'pastIllness', code: '11348-0', display: 'History of Past illness Narrative', title: 'Past health problems', required: false },
] as const;

type SectionKey = (typeof IPS_SECTIONS)[number]['key'];

/** Who made the summary: the patient themselves, a carer, or a clinician. */
export interface IpsAuthor extends Writer {
  /** Default `patient`. A carer is written as a RelatedPerson, a clinician as a Practitioner. */
  readonly role?: 'patient' | 'carer' | 'clinician';
}

/** Options for {@link exportIps}. */
export interface IpsOptions {
  /** The Patient resource the summary is about (usually the record's own Patient entry). */
  readonly patient: FhirResource;
  /** When the summary is made (`Composition.date`, `Bundle.timestamp`); also decides what is current. */
  readonly now: Date;
  readonly author: IpsAuthor;
  /**
   * The categories to draw on. By default every category except the special ones
   * (mental-health, sexual-health, genetics, safeguarding), which go into a summary only when
   * named here — as with every other kind of sharing (DESIGN §3).
   */
  readonly categories?: readonly Category[];
  /** The document's title (default "Patient summary"). */
  readonly title?: string;
  /** The namespace of the UUIDs (see `entryUrn`). */
  readonly uuidNamespace?: string;
  /** Follows references between entries; defaults to an index over `entries`. */
  readonly resolve?: ResolveReference;
}

/** Resource types pulled into the document because a summarised resource refers to them. */
const SUPPORTING_TYPES = new Set([
  'Medication',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'Device',
  'Specimen',
  'RelatedPerson',
  'Substance',
]);

const NOT_INCLUDED = 'Not included in this summary';

function discounted(resource: FhirResource): boolean {
  const r = resource as JsonObject;
  const status = str(r.status);
  const verification = firstCode(r.verificationStatus);
  return status === 'entered-in-error' || status === 'cancelled' || verification === 'entered-in-error' || verification === 'refuted';
}

function isVitalSign(resource: FhirResource): boolean {
  return list((resource as JsonObject).category).some((c) => JSON.stringify(c).includes('"vital-signs"'));
}

/** Which section each entry goes into (one at most). */
function sectionOf(entry: Entry, now: Date, latestResultEntries: ReadonlySet<string>): SectionKey | undefined {
  const resource = entry.resource;
  if (discounted(resource)) return undefined;
  switch (resource.resourceType) {
    case 'AllergyIntolerance':
      return 'allergies';
    case 'MedicationStatement':
    case 'MedicationRequest':
      return isCurrentMedicine(resource, now) ? 'medications' : undefined;
    case 'Condition':
      return isActiveCondition(resource) ? 'problems' : 'pastIllness';
    case 'Immunization':
      return 'immunizations';
    case 'Procedure':
      return 'procedures';
    case 'Observation':
    case 'DiagnosticReport':
      if (entry.category === 'notes' || !latestResultEntries.has(entry.entryId)) return undefined;
      return isVitalSign(resource) ? 'vitalSigns' : 'results';
    default:
      return undefined;
  }
}

/**
 * A deep copy of JSON with every Reference passed through `rewrite` — including References
 * nested inside another one (in its extensions), which real files have.
 */
function rewriteReferences(value: unknown, rewrite: (ref: JsonObject) => JsonObject): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, rewrite));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = rewriteReferences(v, rewrite);
  return typeof value.reference === 'string' && !value.reference.startsWith('#') ? rewrite(out) : out;
}

function stableUuid(kind: string, parts: readonly string[], namespace: string): string {
  return uuidV5(`${kind}:${parts.join(',')}`, namespace);
}

/**
 * Builds an IPS document from the record: the Composition first, then the Patient, the author
 * when not the patient, then the summarised resources and the resources they refer to.
 * Sections: active health problems, allergies (not refuted or in error), current medicines,
 * vaccinations, the latest result of each test, the latest vital signs, procedures and past
 * health problems. The three sections IPS requires (problems, allergies, medicines) are always
 * present; when the record has nothing for one, it says so with `emptyReason` "unavailable".
 * The patient's own diary notes are not included.
 *
 * @example
 * const ips = exportIps(index.list(), { patient, now: new Date(), author: { name: 'Ada Lovelace' } });
 * ips.entry[0].resource.resourceType // 'Composition'
 */
export function exportIps(entries: readonly Entry[], options: IpsOptions): ExportedBundle {
  const namespace = options.uuidNamespace ?? ENTRY_UUID_NAMESPACE;
  const now = options.now;
  const allowed = options.categories ? new Set<Category>(options.categories) : undefined;
  const usable = entries.filter((e) => (allowed ? allowed.has(e.category) : !isSpecialCategory(e.category)));
  const lookup = entryLookup(entries);
  const resolve = options.resolve ?? lookup.resolve;

  // The patient: their own entry's UUID when the record holds them, else one derived from them.
  const patientEntry = entries.find(
    (e) =>
      e.resource === options.patient ||
      (e.resource.resourceType === 'Patient' && e.resource.id !== undefined && e.resource.id === options.patient.id),
  );
  const patientUrl = patientEntry
    ? entryUrn(patientEntry.entryId, namespace)
    : `urn:uuid:${stableUuid('patient', [JSON.stringify(options.patient)], namespace)}`;
  const patientName = humanName((options.patient as JsonObject).name) ?? 'The patient';

  const latestResultEntries = new Set(
    resultSeries(usable)
      .flatMap((s) => (s.latest ? s.latest.entryIds : []))
      .filter(Boolean),
  );

  const sections = new Map<SectionKey, Entry[]>(IPS_SECTIONS.map((s) => [s.key, []]));
  for (const entry of [...usable].sort(byClinicalDate)) {
    const key = sectionOf(entry, now, latestResultEntries);
    if (key) sections.get(key)?.push(entry);
  }

  // Resources in the document, by entry ID, with their fullUrl; grown by the references they hold.
  const included = new Map<string, { entry: Entry; url: string }>();
  const include = (entry: Entry) => {
    if (!included.has(entry.entryId)) included.set(entry.entryId, { entry, url: entryUrn(entry.entryId, namespace) });
  };
  for (const list of sections.values()) list.forEach(include);

  const rewrite = (ref: JsonObject): JsonObject => {
    const reference = str(ref.reference) ?? '';
    const target = lookup.entryOf(reference);
    const targetResource = target?.resource ?? resolve(reference);
    const display = str(ref.display);
    const { reference: _old, ...rest } = ref;
    if (targetResource?.resourceType === 'Patient' || /(^|\/)Patient\//.test(reference)) {
      return { ...rest, reference: patientUrl, ...(display ? {} : { display: patientName }) };
    }
    if (target && (included.has(target.entryId) || SUPPORTING_TYPES.has(target.resource.resourceType))) {
      if (!isSpecialCategory(target.category) || allowed?.has(target.category)) {
        include(target);
        return { ...rest, reference: included.get(target.entryId)?.url };
      }
    }
    // Not in the document: keep the words only, so no reference points outside it.
    return { ...rest, display: display ?? (targetResource ? describeResource(targetResource, resolve).title : NOT_INCLUDED) };
  };

  // Copy every included resource; copying may pull in more (a prescription's Medication, a
  // practitioner's organisation), so go on until nothing new comes in.
  const copies = new Map<string, ExportedEntry>();
  const copyPending = () => {
    for (
      let pending = [...included.values()];
      pending.length > 0;
      pending = [...included.values()].filter((i) => !copies.has(i.entry.entryId))
    ) {
      for (const { entry, url } of pending) {
        const copy = rewriteReferences(entry.resource, rewrite) as Record<string, unknown>;
        copy.id = url.slice('urn:uuid:'.length);
        copies.set(entry.entryId, { fullUrl: url, resource: copy as FhirResource });
      }
    }
  };
  copyPending();
  const patientCopy = rewriteReferences(options.patient, rewrite) as Record<string, unknown>;
  patientCopy.id = patientUrl.slice('urn:uuid:'.length);
  copyPending(); // the patient's GP practice

  const entryIds = [...included.keys()].sort();
  const documentParts = [now.toISOString(), patientUrl, ...entryIds];
  const compositionId = stableUuid('composition', documentParts, namespace);
  const documentId = stableUuid('document', documentParts, namespace);

  const role = options.author.role ?? 'patient';
  const authorEntry: ExportedEntry | undefined =
    role === 'patient'
      ? undefined
      : {
          fullUrl: `urn:uuid:${stableUuid(`author-${role}`, [options.author.name, patientUrl], namespace)}`,
          resource:
            role === 'carer'
              ? {
                  resourceType: 'RelatedPerson',
                  id: stableUuid(`author-${role}`, [options.author.name, patientUrl], namespace),
                  patient: { reference: patientUrl },
                  name: [{ text: options.author.name }],
                }
              : {
                  resourceType: 'Practitioner',
                  id: stableUuid(`author-${role}`, [options.author.name, patientUrl], namespace),
                  name: [{ text: options.author.name }],
                },
        };
  const authorRef = authorEntry
    ? { reference: authorEntry.fullUrl, display: options.author.name }
    : { reference: patientUrl, display: options.author.name };

  const urlOf = (entry: Entry) => included.get(entry.entryId)?.url ?? entryUrn(entry.entryId, namespace);
  const section = (def: (typeof IPS_SECTIONS)[number]) => {
    const members = sections.get(def.key) ?? [];
    const code = { coding: [{ system: LOINC, code: def.code, display: def.display }] };
    if (members.length === 0) {
      return {
        title: def.title,
        code,
        text: {
          status: 'generated',
          div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXhtml(`No information about ${def.title.toLowerCase()} is recorded.`)}</p></div>`,
        },
        emptyReason: {
          coding: [{ system: EMPTY_REASON, code: 'unavailable', display: 'Unavailable' }],
          text: 'No information is recorded',
        },
      };
    }
    return {
      title: def.title,
      code,
      text: { status: 'generated', div: listNarrative(members.map((e) => narrativeLine(e.resource, resolve))) },
      entry: members.map((e) => ({ reference: urlOf(e) })),
    };
  };
  const composedSections = IPS_SECTIONS.filter((def) => def.required || (sections.get(def.key)?.length ?? 0) > 0).map(section);

  const title = options.title ?? 'Patient summary';
  const composition = {
    resourceType: 'Composition',
    id: compositionId,
    text: {
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXhtml(`${title} for ${patientName}, made on ${plainDate(now.toISOString().slice(0, 10))} by ${options.author.name}.`)}</p></div>`,
    },
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${compositionId}` },
    status: 'final',
    type: { coding: [{ system: LOINC, code: '60591-5', display: 'Patient summary Document' }] },
    subject: { reference: patientUrl, display: patientName },
    date: now.toISOString(),
    author: [authorRef],
    title,
    section: composedSections,
  } as unknown as FhirResource;

  const bundleEntries: ExportedEntry[] = [
    { fullUrl: `urn:uuid:${compositionId}`, resource: composition },
    { fullUrl: patientUrl, resource: patientCopy as FhirResource },
    ...(authorEntry ? [authorEntry] : []),
    ...[...copies.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, copy]) => copy),
  ];
  return {
    resourceType: 'Bundle',
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${documentId}` },
    type: 'document',
    timestamp: now.toISOString(),
    entry: bundleEntries,
  };
}

/** One line of a section's narrative: "Penicillin — Rash · moderate reaction (10 March 2015)". */
function narrativeLine(resource: FhirResource, resolve: ResolveReference): string {
  const summary = describeResource(resource, resolve);
  const date = clinicalDate(resource);
  return [summary.title, summary.detail ? ` — ${summary.detail}` : '', date ? ` (${plainDate(date.slice(0, 10))})` : ''].join('');
}
