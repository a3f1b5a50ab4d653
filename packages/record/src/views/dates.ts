/**
 * The clinical date of a resource — when the thing happened, not when the entry was written —
 * and FHIR date arithmetic. FHIR dates may be partial (`2015`, `2015-03`), date-only, or
 * date-times with a zone offset; they are kept as written and only turned into instants for
 * ordering and charts.
 */
import type { FhirResource } from '../fhir.ts';
import { obj, objects, periodOf, str, type JsonObject } from './fhir-read.ts';

const FHIR_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * The instant (epoch milliseconds) a FHIR date or date-time stands for, taking the start of a
 * partial date (`2015-03` → 1 March 2015) and UTC midnight for a date without a time; undefined
 * when the text is not a FHIR date.
 *
 * @example
 * fhirInstant('2015-03') // Date.UTC(2015, 2, 1)
 * fhirInstant('2012-05-18T18:29:50+01:00') // Date.UTC(2012, 4, 18, 17, 29, 50)
 */
export function fhirInstant(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = FHIR_DATE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = mo ? Number(mo) - 1 : 0;
  const day = d ? Number(d) : 1;
  if (month > 11 || day < 1 || day > 31) return undefined;
  const utc = Date.UTC(
    Number(y),
    month,
    day,
    h ? Number(h) : 0,
    mi ? Number(mi) : 0,
    s ? Number(s) : 0,
    frac ? Math.round(Number(frac) * 1000) : 0,
  );
  if (!zone || zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offset = (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  return utc - sign * offset;
}

/** How precise a FHIR date is. */
export type DatePrecision = 'year' | 'month' | 'day' | 'time';

/** The precision of a FHIR date (undefined when it is not one). */
export function datePrecision(value: string): DatePrecision | undefined {
  const m = FHIR_DATE.exec(value.trim());
  if (!m) return undefined;
  return m[4] ? 'time' : m[3] ? 'day' : m[2] ? 'month' : 'year';
}

/** The first value that is a well-formed FHIR date. */
function first(...values: unknown[]): string | undefined {
  for (const value of values) {
    const found = str(value);
    if (found !== undefined && fhirInstant(found) !== undefined) return found;
  }
  return undefined;
}

const start = (value: unknown) => periodOf(value)?.start;

/**
 * Where each resource type keeps its clinical date, best first. Types not listed fall back to the
 * common names (`effective[x]`, `date`, `period.start`, …).
 */
const BY_TYPE: Readonly<Record<string, (r: JsonObject) => string | undefined>> = {
  Observation: (r) => first(r.effectiveDateTime, start(r.effectivePeriod), r.effectiveInstant, r.issued),
  DiagnosticReport: (r) => first(r.effectiveDateTime, start(r.effectivePeriod), r.issued),
  Condition: (r) => first(r.onsetDateTime, start(r.onsetPeriod), r.recordedDate),
  AllergyIntolerance: (r) => first(r.onsetDateTime, start(r.onsetPeriod), r.recordedDate, r.lastOccurrence),
  MedicationStatement: (r) => first(r.effectiveDateTime, start(r.effectivePeriod), r.dateAsserted),
  MedicationRequest: (r) => first(r.authoredOn, start(obj(r.dispenseRequest)?.validityPeriod)),
  MedicationDispense: (r) => first(r.whenHandedOver, r.whenPrepared),
  MedicationAdministration: (r) => first(r.effectiveDateTime, start(r.effectivePeriod)),
  Immunization: (r) => first(r.occurrenceDateTime, r.recorded),
  Encounter: (r) => first(start(r.period)),
  EpisodeOfCare: (r) => first(start(r.period)),
  Appointment: (r) => first(r.start, r.created),
  Procedure: (r) => first(r.performedDateTime, start(r.performedPeriod)),
  DocumentReference: (r) => first(r.date, start(obj(r.context)?.period), ...objects(r.content).map((c) => obj(c.attachment)?.creation)),
  Composition: (r) => first(r.date),
  CarePlan: (r) => first(start(r.period), r.created),
  CareTeam: (r) => first(start(r.period)),
  Goal: (r) => first(r.startDate, r.statusDate),
  FamilyMemberHistory: (r) => first(r.date),
  Flag: (r) => first(start(r.period)),
  ImagingStudy: (r) => first(r.started),
  Specimen: (r) => first(obj(r.collection)?.collectedDateTime, start(obj(r.collection)?.collectedPeriod), r.receivedTime),
  ServiceRequest: (r) => first(r.occurrenceDateTime, start(r.occurrencePeriod), r.authoredOn),
  Consent: (r) => first(r.dateTime),
  QuestionnaireResponse: (r) => first(r.authored),
  Communication: (r) => first(r.sent, r.received),
  Provenance: (r) => first(r.recorded, start(r.occurredPeriod), r.occurredDateTime),
  Media: (r) => first(r.createdDateTime, start(r.createdPeriod), r.issued),
  DeviceUseStatement: (r) => first(r.timingDateTime, start(r.timingPeriod), r.recordedOn),
  Claim: (r) => first(start(r.billablePeriod), r.created),
  ExplanationOfBenefit: (r) => first(start(r.billablePeriod), r.created),
  Task: (r) => first(start(r.executionPeriod), r.authoredOn),
  RequestGroup: (r) => first(r.authoredOn),
  AuditEvent: (r) => first(r.recorded),
  List: (r) => first(r.date),
  Slot: (r) => first(r.start),
  // Who someone is has no clinical date: a birth date is not an event in the record.
  Patient: () => undefined,
  Practitioner: () => undefined,
  PractitionerRole: () => undefined,
  Organization: () => undefined,
  Location: () => undefined,
  Medication: () => undefined,
  RelatedPerson: () => undefined,
};

/**
 * The clinical date of a resource as written (ISO 8601, possibly partial): `effective[x]` for an
 * Observation, `onset[x]` for a Condition, `occurrence[x]` for an Immunization, `period.start`
 * for an Encounter, `authoredOn` for a MedicationRequest, `start` for an Appointment, and so on.
 * Undefined when the resource has none.
 *
 * @example
 * clinicalDate({ resourceType: 'Encounter', period: { start: '2019-12-10T13:00:00+00:00' } })
 * // '2019-12-10T13:00:00+00:00'
 */
export function clinicalDate(resource: FhirResource): string | undefined {
  const r = resource as JsonObject;
  const reader = BY_TYPE[resource.resourceType];
  return reader
    ? reader(r)
    : first(
        r.effectiveDateTime,
        start(r.effectivePeriod),
        r.occurrenceDateTime,
        start(r.occurrencePeriod),
        r.performedDateTime,
        start(r.performedPeriod),
        r.onsetDateTime,
        r.date,
        start(r.period),
        r.authoredOn,
        r.recordedDate,
        r.issued,
        r.created,
      );
}

// Resources of stored versions never change (an edit is a new version, a new object), so the
// instant is worked out once per resource: sorting 10,000 entries asks for it ~280,000 times.
const clinicalTimes = new WeakMap<FhirResource, number | null>();

/**
 * The instant of {@link clinicalDate} in milliseconds (undefined when the resource has none),
 * remembered per resource object.
 */
export function clinicalTime(resource: FhirResource): number | undefined {
  const known = clinicalTimes.get(resource);
  if (known !== undefined) return known ?? undefined;
  const time = fhirInstant(clinicalDate(resource));
  clinicalTimes.set(resource, time ?? null);
  return time;
}
