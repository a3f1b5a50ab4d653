/**
 * The home screen's summary (DESIGN §6): allergies, current medicines, conditions, the next
 * appointment and the latest results — what a patient (or a clinician in an emergency) needs to
 * see first. Only what the record says is current is shown: refuted and entered-in-error
 * statements, resolved conditions, stopped medicines and past appointments are left out.
 */
import { describeResource, detailsOf, medicineName, plainDosage } from '../describe.ts';
import type { Entry } from '../entry.ts';
import type { FhirResource } from '../fhir.ts';
import { clinicalDate, fhirInstant } from './dates.ts';
import { SNOMED, firstCode, hasCode, list, obj, periodOf, str, type JsonObject } from './fhir-read.ts';
import { foldText, plainDate, type FormatOptions } from './format.ts';
import { byClinicalDate } from './parts.ts';
import { isSpecialCategory } from '../categories.ts';
import { entryLookup, type ResolveReference } from './references.ts';
import { latestResults, resultSeries, type ResultPoint, type ResultSeries } from './results.ts';

/** One line of the summary. */
export interface SummaryItem {
  readonly entryId: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** The clinical date as written (ISO 8601, possibly partial). */
  readonly date: string | undefined;
}

/** A current medicine: one line per medicine, however many prescriptions and statements name it. */
export interface MedicineItem extends SummaryItem {
  /** Every entry naming this medicine; `entryId` is the most recent. */
  readonly entryIds: readonly string[];
}

/** The next appointment. */
export interface AppointmentItem extends SummaryItem {
  /** When it starts, as written. */
  readonly start: string;
  /** Who it is with, when the record says. */
  readonly with: string | undefined;
  /** Where it is, when the record says. */
  readonly where: string | undefined;
}

/** The home screen's summary. */
export interface HomeSummary {
  /** Active allergies, by name. */
  readonly allergies: readonly SummaryItem[];
  /** True when the record states "no known allergies" (and lists no active allergy). */
  readonly noKnownAllergies: boolean;
  /** Current medicines, newest first, one per medicine name. */
  readonly medicines: readonly MedicineItem[];
  /** Active conditions, newest first. */
  readonly conditions: readonly SummaryItem[];
  /** The soonest booked, pending or proposed appointment still to come. */
  readonly nextAppointment: AppointmentItem | undefined;
  /** The most recent result of each test, newest first. */
  readonly latestResults: ReadonlyArray<{ readonly series: ResultSeries; readonly point: ResultPoint }>;
}

/** Options for {@link homeSummary}. */
export interface SummaryOptions extends FormatOptions {
  /** How many latest results to show (default 5). */
  readonly latestResults?: number;
  /** Follows references (a `medicationReference`); defaults to an index over the entries. */
  readonly resolve?: ResolveReference;
}

const IPS_ABSENT = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';
/** SNOMED CT "No known allergy", "… drug allergy", "… food allergy", "… environmental allergy", "… latex allergy". */
const NO_KNOWN_ALLERGY_SNOMED = ['716186003', '409137002', '429625007', '428607008', '716184000', '1003774007'];
const NO_KNOWN_ALLERGY_IPS = [
  'no-known-allergies',
  'no-known-medication-allergies',
  'no-known-environmental-allergies',
  'no-known-food-allergies',
];
/** IPS codes that say "nothing known" or "no information" rather than name a thing. */
const ABSENT_IPS = [
  ...NO_KNOWN_ALLERGY_IPS,
  'no-allergy-info',
  'no-medication-info',
  'no-known-medications',
  'no-problem-info',
  'no-known-problems',
];

/** True when a code says there is nothing (or nothing known) rather than naming something. */
function isAbsenceStatement(concept: unknown): boolean {
  return hasCode(concept, IPS_ABSENT, ABSENT_IPS) || hasCode(concept, SNOMED, NO_KNOWN_ALLERGY_SNOMED);
}

function isNoKnownAllergy(concept: unknown): boolean {
  return hasCode(concept, IPS_ABSENT, NO_KNOWN_ALLERGY_IPS) || hasCode(concept, SNOMED, NO_KNOWN_ALLERGY_SNOMED);
}

const DISCOUNTED = ['entered-in-error', 'refuted'];

function discounted(r: JsonObject): boolean {
  const verification = firstCode(r.verificationStatus);
  return verification !== undefined && DISCOUNTED.includes(verification);
}

/** An AllergyIntolerance that stands: active or without a clinical status, and not refuted or in error. */
function standingAllergy(r: JsonObject): boolean {
  const clinical = firstCode(r.clinicalStatus);
  return (clinical === undefined || clinical === 'active') && !discounted(r);
}

/** A Condition that is current: active, recurring or relapsed, not abated, not refuted or in error. */
export function isActiveCondition(resource: FhirResource): boolean {
  const r = resource as JsonObject;
  if (resource.resourceType !== 'Condition' || discounted(r) || isAbsenceStatement(r.code)) return false;
  const clinical = firstCode(r.clinicalStatus);
  if (!clinical || !['active', 'recurrence', 'relapse'].includes(clinical)) return false;
  return !Object.keys(r).some((key) => key.startsWith('abatement'));
}

/** An AllergyIntolerance that names an allergy the patient has now. */
export function isActiveAllergy(resource: FhirResource): boolean {
  const r = resource as JsonObject;
  return resource.resourceType === 'AllergyIntolerance' && standingAllergy(r) && !isAbsenceStatement(r.code);
}

/**
 * A medicine the patient takes now: a MedicationStatement that is active or intended (and not
 * finished by its period's end), or a MedicationRequest that is active or on hold, an order or
 * plan rather than a proposal, not a "do not take" order, and within its validity period.
 */
export function isCurrentMedicine(resource: FhirResource, now: Date): boolean {
  const r = resource as JsonObject;
  const status = str(r.status);
  const at = now.getTime();
  if (resource.resourceType === 'MedicationStatement') {
    if (status !== 'active' && status !== 'intended') return false;
    if (isAbsenceStatement(r.medicationCodeableConcept)) return false;
    const end = fhirInstant(periodOf(r.effectivePeriod)?.end);
    return end === undefined || end >= at;
  }
  if (resource.resourceType === 'MedicationRequest') {
    if (status !== 'active' && status !== 'on-hold') return false;
    if (r.doNotPerform === true) return false;
    if (['proposal', 'option'].includes(str(r.intent) ?? '')) return false;
    const validity = periodOf(obj(r.dispenseRequest)?.validityPeriod);
    const start = fhirInstant(validity?.start);
    const end = fhirInstant(validity?.end);
    return (start === undefined || start <= at) && (end === undefined || end >= at);
  }
  return false;
}

const ACTIVE_APPOINTMENT = ['booked', 'pending', 'proposed'];

function item(entry: Entry, resolve: ResolveReference, detail?: string): SummaryItem {
  const summary = describeResource(entry.resource, resolve);
  return { entryId: entry.entryId, title: summary.title, detail: detail ?? summary.detail, date: summary.date };
}

/**
 * The home screen's summary of a record at `now`: active allergies (clinical status active or
 * not given; not refuted or entered in error; "no known allergies" statements turned into
 * {@link HomeSummary.noKnownAllergies}), current medicines (see {@link isCurrentMedicine}),
 * de-duplicated by medicine name, active conditions (active, recurrence or relapse, and not
 * abated), the next appointment (booked, pending or proposed, starting after `now`, soonest
 * first) and the latest result of each test.
 *
 * @example
 * const summary = homeSummary(index.list(), new Date());
 * summary.nextAppointment?.title // 'Appointment to investigate the pain in both hips'
 */
export function homeSummary(entries: readonly Entry[], now: Date, options: SummaryOptions = {}): HomeSummary {
  const resolve = options.resolve ?? entryLookup(entries).resolve;
  const sorted = [...entries].sort(byClinicalDate);

  const allergyEntries = sorted.filter((e) => e.resource.resourceType === 'AllergyIntolerance');
  const allergies = allergyEntries
    .filter((e) => isActiveAllergy(e.resource))
    .map((e) => item(e, resolve))
    .sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
  const noKnownAllergies =
    allergies.length === 0 && allergyEntries.some((e) => standingAllergy(e.resource) && isNoKnownAllergy((e.resource as JsonObject).code));

  const medicines = new Map<string, { entry: Entry; ids: string[]; title: string; detail: string | undefined }>();
  for (const entry of sorted) {
    if (!isCurrentMedicine(entry.resource, now)) continue;
    const r = entry.resource as JsonObject;
    const title = medicineName(entry.resource, resolve) ?? 'Medicine';
    const key = foldText(title);
    const known = medicines.get(key);
    if (known) {
      known.ids.push(entry.entryId);
      continue;
    }
    const dosage = list(r.dosageInstruction ?? r.dosage)
      .map(plainDosage)
      .find(Boolean);
    const paused = str(r.status) === 'on-hold' ? 'Paused' : undefined;
    medicines.set(key, { entry, ids: [entry.entryId], title, detail: [dosage, paused].filter(Boolean).join(' · ') || undefined });
  }

  const conditions = sorted
    .filter((e) => isActiveCondition(e.resource))
    .map((e) => {
      const r = e.resource as JsonObject;
      const since = str(r.onsetDateTime) ?? periodOf(r.onsetPeriod)?.start;
      return { ...item(e, resolve), detail: since ? `Since ${plainDate(since.slice(0, 10), options)}` : undefined };
    });

  const upcoming = entries
    .filter((e) => e.resource.resourceType === 'Appointment' && ACTIVE_APPOINTMENT.includes(str(e.resource.status) ?? ''))
    .map((e) => ({ entry: e, start: str(e.resource.start), at: fhirInstant(str(e.resource.start)) }))
    .filter((a): a is { entry: Entry; start: string; at: number } => a.start !== undefined && a.at !== undefined && a.at > now.getTime())
    .sort((a, b) => a.at - b.at)[0];
  let nextAppointment: AppointmentItem | undefined;
  if (upcoming) {
    const facts = detailsOf(upcoming.entry.resource, resolve, options);
    const fact = (label: string) => facts.find((f) => f.label === label)?.value;
    const base = item(upcoming.entry, resolve);
    nextAppointment = {
      ...base,
      detail: [fact('With'), fact('Where')].filter(Boolean).join(' · ') || undefined,
      start: upcoming.start,
      with: fact('With'),
      where: fact('Where'),
    };
  }

  return {
    allergies,
    noKnownAllergies,
    medicines: [...medicines.values()].map((m) => ({
      entryId: m.entry.entryId,
      entryIds: m.ids,
      title: m.title,
      detail: m.detail,
      date: clinicalDate(m.entry.resource),
    })),
    conditions: conditions.filter((c, i) => conditions.findIndex((d) => foldText(d.title) === foldText(c.title)) === i),
    nextAppointment,
    latestResults: homeResults(entries, options),
  };
}

/** What a home screen shows first: test results and measurements, not questionnaire answers. */
const MEASURED = new Set(['laboratory', 'vital-signs', 'imaging']);

/**
 * The latest results for the home screen. Entries in the special categories (a mental-health
 * questionnaire, a sexual-health test) stay on their own screens rather than on the first
 * screen anyone glancing at the phone sees; lab results and measurements come before survey
 * answers and other observations.
 */
function homeResults(entries: readonly Entry[], options: SummaryOptions): HomeSummary['latestResults'] {
  const limit = options.latestResults ?? 5;
  const ordinary = entries.filter((e) => !isSpecialCategory(e.category));
  const all = latestResults(resultSeries(ordinary, options), Number.MAX_SAFE_INTEGER);
  const measured = all.filter((r) => r.series.categories.some((c) => MEASURED.has(c)));
  const rest = all.filter((r) => !r.series.categories.some((c) => MEASURED.has(c)));
  return [...measured, ...rest].slice(0, limit);
}
