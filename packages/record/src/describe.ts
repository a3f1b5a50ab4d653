/**
 * Plain words for a FHIR resource: what kind of thing it is, its title and a detail line for
 * lists and headings ({@link describeResource}), and the facts a patient understands for the
 * entry's own page ({@link detailsOf}). UK English throughout.
 *
 * Never invents facts: when a field is missing the words say less, and a reference that cannot
 * be followed shows the words the source gave it (its `display`) or nothing — never a raw
 * identifier.
 */
import type { FhirResource } from './fhir.ts';
import { clinicalDate } from './views/dates.ts';
import {
  codings,
  conceptText,
  firstCode,
  hasCode,
  humanName,
  isObject,
  list,
  LOINC,
  num,
  obj,
  objects,
  periodOf,
  quantityOf,
  referenceOf,
  str,
  type JsonObject,
} from './views/fhir-read.ts';
import { plainDate, plainFileSize, plainNumber, plainPeriod, plainQuantity, type FormatOptions } from './views/format.ts';
import { absentReason, interpretation, isOutOfRange, observedValue, plainRange, rangeInUnit, referenceRange } from './views/observation.ts';
import { followReference, type ResolveReference } from './views/references.ts';
import { bloodPressureHalf, plainTestName } from './views/test-names.ts';

export { conceptText } from './views/fhir-read.ts';
export { plainDate, plainPeriod, plainNumber, plainQuantity, plainFileSize, type FormatOptions } from './views/format.ts';

export interface ResourceSummary {
  /** What it is, for a patient: "Allergy", "Note", "Medicine", … */
  readonly kind: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** The clinically relevant date (ISO), when the resource has one. */
  readonly date: string | undefined;
}

/** One fact about a resource, for its page: "Prescribed on" — "15 June 2023". */
export interface Detail {
  readonly label: string;
  readonly value: string;
}

/** LOINC "Subjective narrative": a note in the patient's own words. */
export const NOTE_LOINC = '61150-9';
/** LOINC "Symptom". */
export const SYMPTOM_LOINC = '75325-1';

const KINDS: Readonly<Record<string, string>> = {
  AllergyIntolerance: 'Allergy',
  Condition: 'Condition',
  MedicationStatement: 'Medicine',
  MedicationRequest: 'Prescription',
  MedicationDispense: 'Medicine supplied',
  MedicationAdministration: 'Medicine given',
  Medication: 'Medicine',
  Immunization: 'Vaccination',
  ImmunizationRecommendation: 'Vaccination due',
  Observation: 'Result',
  DiagnosticReport: 'Test report',
  Encounter: 'Visit',
  EpisodeOfCare: 'Episode of care',
  Appointment: 'Appointment',
  Procedure: 'Procedure',
  DocumentReference: 'Document',
  Composition: 'Document',
  Binary: 'File',
  Media: 'Image or recording',
  Patient: 'About you',
  CarePlan: 'Care plan',
  Goal: 'Goal',
  CareTeam: 'Care team',
  FamilyMemberHistory: 'Family history',
  Flag: 'Alert',
  ImagingStudy: 'Scan or X-ray',
  Specimen: 'Sample',
  ServiceRequest: 'Referral or request',
  Organization: 'Organisation',
  Practitioner: 'Health professional',
  PractitionerRole: 'Health professional',
  Location: 'Place',
  HealthcareService: 'Service',
  Device: 'Device',
  DeviceUseStatement: 'Device used',
  List: 'List',
  Consent: 'Consent',
  RelatedPerson: 'Contact',
  QuestionnaireResponse: 'Questionnaire answers',
  Questionnaire: 'Questionnaire',
  RequestGroup: 'Group of requests',
  Claim: 'Insurance claim',
  ExplanationOfBenefit: 'Insurance statement',
  Coverage: 'Insurance cover',
  Provenance: 'Where this came from',
  Endpoint: 'System address',
  MessageHeader: 'Message',
  Communication: 'Message',
  Parameters: 'Data',
  Subscription: 'Subscription',
  AuditEvent: 'Access record',
  BodyStructure: 'Part of the body',
  OperationOutcome: 'System message',
  Schedule: 'Schedule',
  Slot: 'Appointment slot',
  Task: 'Task',
};

/** A resource type in plain words ("Prescription", "Visit"); unknown types split into words. */
export function plainKind(resourceType: string): string {
  return KINDS[resourceType] ?? resourceType.replace(/([a-z])([A-Z])/g, '$1 $2');
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  active: 'Current',
  inactive: 'No longer current',
  resolved: 'Resolved',
  remission: 'In remission',
  recurrence: 'Come back',
  relapse: 'Come back',
  confirmed: 'Confirmed',
  unconfirmed: 'Not confirmed',
  provisional: 'Provisional',
  differential: 'One of several possibilities',
  refuted: 'Ruled out',
  'entered-in-error': 'Entered in error',
  completed: 'Completed',
  intended: 'Planned',
  stopped: 'Stopped',
  'on-hold': 'Paused',
  suspended: 'Paused',
  cancelled: 'Cancelled',
  revoked: 'Withdrawn',
  draft: 'Draft',
  unknown: 'Not known',
  'not-taken': 'Not taken',
  'not-done': 'Not done',
  preparation: 'Being prepared',
  'in-progress': 'In progress',
  aborted: 'Stopped before finishing',
  registered: 'Registered',
  preliminary: 'Preliminary',
  partial: 'Partial',
  final: 'Final',
  amended: 'Corrected',
  corrected: 'Corrected',
  appended: 'Added to',
  proposed: 'Proposed',
  pending: 'Waiting to be confirmed',
  booked: 'Booked',
  arrived: 'Arrived',
  fulfilled: 'Attended',
  noshow: 'Missed',
  'checked-in': 'Checked in',
  waitlist: 'On the waiting list',
  planned: 'Planned',
  triaged: 'Assessed',
  onleave: 'On leave',
  finished: 'Finished',
  current: 'Current',
  superseded: 'Replaced by a newer version',
  accepted: 'Agreed',
  achieved: 'Achieved',
  rejected: 'Not agreed',
  'on-target': 'On target',
  'in-progress-goal': 'In progress',
  requested: 'Requested',
  received: 'Received',
  ready: 'Ready',
  failed: 'Failed',
  declined: 'Declined',
  'entered in error': 'Entered in error',
  'not-performed': 'Not done',
  scheduled: 'Scheduled',
  'on-order': 'Ordered',
};

const STATUS_BY_TYPE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Immunization: { completed: 'Given', 'not-done': 'Not given' },
  MedicationStatement: { active: 'Taking now', completed: 'Finished', intended: 'Going to take' },
  MedicationRequest: { completed: 'Finished' },
  Encounter: { finished: 'Finished', 'in-progress': 'Happening now' },
  DocumentReference: { current: 'Current' },
};

/**
 * A status code in plain words: "active" → "Current", "entered-in-error" → "Entered in error",
 * "on-hold" → "Paused", "refuted" → "Ruled out". Some types read better with their own words
 * (an Immunization that is "completed" was "Given"). An unknown code is shown as written.
 *
 * @example
 * plainStatus('entered-in-error') // 'Entered in error'
 * plainStatus('completed', 'Immunization') // 'Given'
 */
export function plainStatus(code: string, resourceType?: string): string {
  const specific = resourceType ? STATUS_BY_TYPE[resourceType]?.[code] : undefined;
  return specific ?? STATUS_WORDS[code] ?? code.charAt(0).toUpperCase() + code.slice(1).replace(/-/g, ' ');
}

const SYSTEM_NAMES: Readonly<Record<string, string>> = {
  'http://snomed.info/sct': 'SNOMED CT',
  'http://loinc.org': 'LOINC',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10',
  'https://dmd.nhs.uk': 'dm+d',
  'http://hl7.org/fhir/sid/cvx': 'CVX',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  'http://www.whocc.no/atc': 'ATC',
};

/**
 * The words of a concept, else — when the source sent only codes, with no text or display — the
 * code itself ("SNOMED CT code 38341003"): a fact the patient can look up, never a guess.
 */
export function conceptLabel(concept: unknown): string | undefined {
  const text = conceptText(concept);
  if (text) return text;
  const coding = codings(concept).find((c) => c.code);
  if (!coding?.code) return undefined;
  const system = coding.system ? SYSTEM_NAMES[coding.system] : undefined;
  return system ? `${system} code ${coding.code}` : `Code ${coding.code}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joined(values: ReadonlyArray<string | undefined>, separator = ', '): string | undefined {
  const kept = [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))];
  return kept.length > 0 ? kept.join(separator) : undefined;
}

function conceptsText(value: unknown): string | undefined {
  return joined(list(value).map(conceptText));
}

function notesText(value: unknown): string | undefined {
  return joined(
    objects(value).map((n) => str(n.text)),
    '\n',
  );
}

/** The name of a resource that a reference led to: a person, a place, an organisation, a thing. */
function nameOfResource(resource: FhirResource, resolve: ResolveReference | undefined, depth = 0): string | undefined {
  const r = resource as JsonObject;
  switch (resource.resourceType) {
    case 'Patient':
    case 'Practitioner':
    case 'RelatedPerson':
      return humanName(r.name);
    case 'Organization':
    case 'Location':
    case 'HealthcareService':
    case 'Endpoint':
      return str(r.name);
    case 'PractitionerRole': {
      const person = depth < 2 ? whoIs(resource, r.practitioner, resolve, depth + 1) : undefined;
      const role = conceptsText(r.code) ?? conceptsText(r.specialty);
      const org = depth < 2 ? whoIs(resource, r.organization, resolve, depth + 1) : undefined;
      return joined([person, role, person ? undefined : org], ', ');
    }
    case 'Device':
      return str(obj(r.deviceName)?.name) ?? conceptText(r.type);
    case 'Medication':
      return conceptText(r.code);
    case 'CareTeam':
      return str(r.name);
    default:
      return describeResource(resource, resolve).title;
  }
}

/**
 * Who or what a Reference names: its `display`, else the name of the resource it leads to
 * (through `resolve`, or among `holder`'s contained resources); undefined when neither is known.
 */
function whoIs(holder: FhirResource, reference: unknown, resolve: ResolveReference | undefined, depth = 0): string | undefined {
  const ref = referenceOf(reference);
  if (!ref) return undefined;
  if (ref.display) return ref.display;
  const found = followReference(holder, reference, resolve);
  return found ? nameOfResource(found, resolve, depth) : undefined;
}

function whoAre(holder: FhirResource, references: unknown, resolve: ResolveReference | undefined): string | undefined {
  return joined(list(references).map((ref) => whoIs(holder, ref, resolve)));
}

/**
 * The name of the medicine a MedicationRequest, MedicationStatement, MedicationDispense or
 * MedicationAdministration is about: `medicationCodeableConcept`, else `medicationReference`
 * (its display, a contained Medication, or a Medication found through `resolve`).
 *
 * @example
 * medicineName(request, entryLookup(entries).resolve) // 'Anastrozole 1 mg tablet'
 */
export function medicineName(resource: FhirResource, resolve?: ResolveReference): string | undefined {
  const r = resource as JsonObject;
  const concept = conceptText(r.medicationCodeableConcept);
  if (concept) return concept;
  const ref = referenceOf(r.medicationReference);
  const found = followReference(resource, r.medicationReference, resolve);
  const fromMedication = found?.resourceType === 'Medication' ? conceptLabel((found as JsonObject).code) : undefined;
  return fromMedication ?? ref?.display ?? conceptLabel(r.medicationCodeableConcept);
}

const PERIOD_UNITS: Readonly<Record<string, readonly [string, string]>> = {
  s: ['second', 'seconds'],
  min: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
  a: ['year', 'years'],
};

function timesWord(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${plainNumber(n)} times`;
}

/** A Timing's repeat in words: "3 times a day", "every 8 hours", "once a week". */
function plainTiming(timing: JsonObject | undefined): string | undefined {
  if (!timing) return undefined;
  const codeText = conceptText(timing.code);
  const repeat = obj(timing.repeat);
  if (!repeat) return codeText;
  const frequency = num(repeat.frequency) ?? 1;
  const period = num(repeat.period);
  const unitCode = str(repeat.periodUnit);
  const unit = unitCode ? PERIOD_UNITS[unitCode] : undefined;
  if (!unit) return codeText;
  if (period === undefined || period === 1) return `${timesWord(frequency)} a ${unit[0]}`;
  if (frequency === 1) return `every ${plainNumber(period)} ${unit[1]}`;
  return `${timesWord(frequency)} every ${plainNumber(period)} ${unit[1]}`;
}

/**
 * How to take a medicine, in words: the dosage's own text when it has one, else what its
 * structured parts say ("1 tablet, twice a day, by mouth, when needed").
 */
export function plainDosage(dosage: unknown): string | undefined {
  const d = obj(dosage);
  if (!d) return undefined;
  const text = str(d.text);
  if (text) return text;
  const doseAndRate = obj(d.doseAndRate);
  const dose = quantityOf(doseAndRate?.doseQuantity);
  const range = obj(doseAndRate?.doseRange);
  const low = quantityOf(range?.low);
  const high = quantityOf(range?.high);
  const doseText = dose ? plainQuantity(dose) : low && high ? `${plainNumber(low.value)} to ${plainQuantity(high)}` : undefined;
  const route = conceptText(d.route);
  const asNeeded =
    d.asNeededBoolean === true
      ? 'when needed'
      : conceptText(d.asNeededCodeableConcept)
        ? `when needed for ${conceptText(d.asNeededCodeableConcept)}`
        : undefined;
  const extra = joined(objects(d.additionalInstruction).map(conceptText));
  const patientInstruction = str(d.patientInstruction);
  const words = joined([doseText, plainTiming(obj(d.timing)), route, asNeeded, extra, patientInstruction]);
  return words ? capitalise(words) : undefined;
}

function dosagesText(value: unknown): string | undefined {
  return joined(list(value).map(plainDosage), '; then ');
}

/**
 * An Observation's value in words, with its components: "142/94 mmHg" for a blood pressure,
 * "Systolic: 107 mmHg; Diastolic: 60 mmHg" when it cannot be paired, "6.3 mmol/L" for a single
 * value; undefined when there is none.
 */
export function observationValueText(observation: JsonObject, options: FormatOptions = {}): string | undefined {
  const own = observedValue(observation, options)?.text;
  const components = objects(observation.component);
  const systolic = components.find((c) => bloodPressureHalf(c.code) === 'systolic');
  const diastolic = components.find((c) => bloodPressureHalf(c.code) === 'diastolic');
  const s = systolic ? observedValue(systolic) : undefined;
  const d = diastolic ? observedValue(diastolic) : undefined;
  if (s?.number !== undefined && d?.number !== undefined && s.unit === d.unit) {
    const pair = `${plainNumber(s.number)}/${plainNumber(d.number)}${s.unit ? ` ${s.unit}` : ''}`;
    return own ? `${own} (${pair})` : pair;
  }
  const parts = components
    .map((c) => {
      const value = observedValue(c, options)?.text ?? (absentReason(c) ? `no result (${absentReason(c)})` : undefined);
      const name = plainTestName(c.code);
      return value ? (name ? `${name}: ${value}` : value) : undefined;
    })
    .filter((p): p is string => p !== undefined);
  return joined([own, ...parts], '; ');
}

function isCoded(resource: JsonObject, code: string): boolean {
  return hasCode(resource.code, LOINC, [code]);
}

function observationKind(r: JsonObject): string {
  if (isCoded(r, NOTE_LOINC)) return 'Note';
  if (isCoded(r, SYMPTOM_LOINC)) return 'Symptom';
  const categories = list(r.category).flatMap((c) => codings(c).map((coding) => coding.code));
  if (categories.includes('vital-signs')) return 'Measurement';
  if (categories.includes('social-history')) return 'Lifestyle';
  if (categories.includes('survey')) return 'Questionnaire answer';
  return 'Result';
}

function severityText(r: JsonObject): string | undefined {
  const component = objects(r.component).find((c) => hasCode(c.code, undefined, ['246112005']));
  return component ? conceptText(component.valueCodeableConcept) : undefined;
}

/**
 * The kind, title, detail line and clinical date of a resource, for lists and headings.
 * `resolve` lets a prescription given as a `medicationReference` be titled by its medicine.
 *
 * @example
 * describeResource({ resourceType: 'AllergyIntolerance', code: { text: 'Peanut' } })
 * // { kind: 'Allergy', title: 'Peanut', detail: undefined, date: undefined }
 */
export function describeResource(resource: FhirResource, resolve?: ResolveReference): ResourceSummary {
  const r = resource as JsonObject;
  const kind = plainKind(resource.resourceType);
  const date = clinicalDate(resource);
  const make = (title: string | undefined, detail?: string): ResourceSummary => ({
    kind,
    title: title ?? kind,
    detail: detail || undefined,
    date,
  });
  switch (resource.resourceType) {
    case 'AllergyIntolerance': {
      const reactions = objects(r.reaction);
      const manifestation = joined(reactions.flatMap((x) => list(x.manifestation).map(conceptText)));
      const severity = reactions.map((x) => str(x.severity)).find(Boolean);
      return make(conceptLabel(r.code), joined([manifestation, severity ? `${severity} reaction` : undefined], ' · '));
    }
    case 'Observation': {
      const value = observationValueText(r);
      if (isCoded(r, NOTE_LOINC)) return { kind: 'Note', title: value ?? 'Note', detail: undefined, date };
      if (isCoded(r, SYMPTOM_LOINC)) {
        const what = str(r.valueString) ?? conceptText(r.valueCodeableConcept);
        const severity = severityText(r);
        return { kind: 'Symptom', title: what ?? 'Symptom', detail: severity ? capitalise(severity) : undefined, date };
      }
      const flag = interpretation(r);
      const shown = value ?? (absentReason(r) ? `No result: ${absentReason(r)}` : undefined);
      return {
        kind: observationKind(r),
        title: plainTestName(r.code) ?? conceptLabel(r.code) ?? 'Result',
        detail: joined([shown, flag?.abnormal ? flag.words : undefined], ' · '),
        date,
      };
    }
    case 'Condition':
      return make(
        conceptLabel(r.code),
        r.clinicalStatus === undefined ? undefined : capitalise(plainStatus(firstCode(r.clinicalStatus) ?? '')),
      );
    case 'MedicationStatement':
    case 'MedicationRequest':
    case 'MedicationDispense':
    case 'MedicationAdministration':
      return make(
        medicineName(resource, resolve) ?? 'Medicine',
        dosagesText(r.dosage) ?? dosagesText(r.dosageInstruction) ?? plainDosage(r.dosage),
      );
    case 'Medication':
      return make(conceptLabel(r.code) ?? 'Medicine');
    case 'Immunization':
      return make(conceptLabel(r.vaccineCode), str(r.status) === 'not-done' ? 'Not given' : undefined);
    case 'DiagnosticReport':
      return make(plainTestName(r.code), str(r.conclusion) ?? conceptsText(r.conclusionCode));
    case 'Encounter':
      return make(
        conceptsText(r.type) ?? conceptText(r.serviceType) ?? encounterClass(r) ?? 'Visit',
        joined([encounterClass(r), whoIs(resource, r.serviceProvider, resolve)], ' · '),
      );
    case 'Appointment':
      return make(
        str(r.description) ?? conceptsText(r.serviceType) ?? conceptsText(r.reasonCode) ?? conceptText(r.appointmentType) ?? 'Appointment',
        capitalise(plainStatus(str(r.status) ?? '')) || undefined,
      );
    case 'Procedure':
      return make(conceptLabel(r.code), str(r.status) && r.status !== 'completed' ? plainStatus(str(r.status) ?? '') : undefined);
    case 'DocumentReference':
      return make(
        str(r.description) ?? conceptText(r.type) ?? joined(objects(r.content).map((c) => str(obj(c.attachment)?.title))) ?? 'Document',
        conceptText(r.type) !== undefined && str(r.description) !== undefined ? conceptText(r.type) : conceptsText(r.category),
      );
    case 'Composition':
      return make(str(r.title) ?? conceptText(r.type), conceptText(r.type));
    case 'Patient':
      return make(humanName(r.name) ?? 'About you', str(r.birthDate) ? `Born ${plainDate(str(r.birthDate) ?? '')}` : undefined);
    case 'Practitioner':
    case 'RelatedPerson':
      return make(humanName(r.name), conceptsText(r.relationship) ?? joined(objects(r.qualification).map((q) => conceptText(q.code))));
    case 'PractitionerRole':
      return make(nameOfResource(resource, resolve));
    case 'Organization':
    case 'Location':
    case 'HealthcareService':
    case 'Endpoint':
      return make(str(r.name) ?? conceptsText(r.type), joined([conceptsText(r.type), addressText(r.address)], ' · '));
    case 'CarePlan':
      return make(str(r.title) ?? conceptsText(r.category) ?? str(r.description), str(r.description));
    case 'Goal':
      return make(conceptText(r.description), str(r.lifecycleStatus) ? plainStatus(str(r.lifecycleStatus) ?? '') : undefined);
    case 'CareTeam':
      return make(str(r.name) ?? conceptsText(r.category));
    case 'FamilyMemberHistory':
      return make(
        joined([conceptText(r.relationship), str(r.name)], ': ') ?? 'Family history',
        joined(objects(r.condition).map((c) => conceptText(c.code))),
      );
    case 'Flag':
      return make(conceptText(r.code), conceptsText(r.category));
    case 'Device':
      return make(nameOfResource(resource, resolve), conceptText(r.type));
    case 'DeviceUseStatement':
      return make(whoIs(resource, r.device, resolve) ?? 'Device used', conceptsText(r.reasonCode));
    case 'Specimen':
      return make(conceptText(r.type) ?? 'Sample');
    case 'ImagingStudy':
      return make(
        str(r.description) ??
          conceptsText(r.procedureCode) ??
          joined(codings(r.modality).map((c) => c.display ?? c.code)) ??
          'Scan or X-ray',
      );
    case 'ServiceRequest':
      return make(conceptText(r.code) ?? conceptsText(r.category), str(r.status) ? plainStatus(str(r.status) ?? '') : undefined);
    case 'List':
      return make(str(r.title) ?? conceptText(r.code), objects(r.entry).length === 0 ? (conceptText(r.emptyReason) ?? 'Empty') : undefined);
    case 'Consent':
      return make(conceptsText(r.category) ?? conceptText(r.scope), str(r.status) ? plainStatus(str(r.status) ?? '') : undefined);
    case 'QuestionnaireResponse':
      return make(
        str(r.questionnaire) && !/^https?:|^urn:/.test(str(r.questionnaire) ?? '') ? str(r.questionnaire) : 'Questionnaire answers',
      );
    case 'Questionnaire':
      return make(str(r.title) ?? str(r.name));
    case 'Claim':
    case 'ExplanationOfBenefit':
      return make(joined([kind, conceptText(r.type)], ': '), whoIs(resource, r.provider, resolve));
    case 'Coverage':
      return make(conceptText(r.type) ?? whoAre(resource, r.payor, resolve) ?? kind);
    case 'Communication':
      return make(joined(objects(r.payload).map((p) => str(p.contentString))) ?? conceptsText(r.category) ?? kind);
    case 'MessageHeader':
      return make(
        codings(r.eventCoding)
          .map((c) => c.display ?? c.code)
          .find(Boolean) ?? kind,
      );
    case 'AuditEvent':
      return make(
        codings(r.type)
          .map((c) => c.display ?? c.code)
          .find(Boolean) ?? kind,
      );
    case 'BodyStructure':
      return make(str(r.description) ?? conceptText(r.location));
    case 'OperationOutcome':
      return make(
        objects(r.issue)
          .map((i) => conceptText(i.details) ?? str(i.diagnostics))
          .find(Boolean) ?? kind,
      );
    case 'Schedule':
    case 'Slot':
      return make(
        conceptsText(r.serviceType) ?? str(r.comment) ?? kind,
        resource.resourceType === 'Slot' && str(r.status) ? capitalise(str(r.status) ?? '') : undefined,
      );
    case 'Task':
    case 'RequestGroup':
      return make(str(r.description) ?? conceptText(r.code) ?? kind, str(r.status) ? plainStatus(str(r.status) ?? '') : undefined);
    case 'EpisodeOfCare':
      return make(conceptsText(r.type) ?? kind, str(r.status) ? plainStatus(str(r.status) ?? '') : undefined);
    case 'Media':
      return make(str(obj(r.content)?.title) ?? conceptText(r.modality) ?? conceptText(r.type) ?? kind);
    case 'Subscription':
      return make(str(r.reason) ?? kind);
    default:
      return make(conceptText(r.code) ?? conceptText(r.type) ?? str(r.title) ?? str(r.description) ?? str(r.name));
  }
}

const ENCOUNTER_CLASSES: Readonly<Record<string, string>> = {
  AMB: 'Clinic or surgery appointment',
  EMER: 'Emergency (A&E) visit',
  IMP: 'Hospital stay',
  ACUTE: 'Hospital stay',
  NONAC: 'Hospital stay',
  SS: 'Day case',
  OBSENC: 'Short hospital stay for observation',
  PRENC: 'Pre-admission visit',
  HH: 'Home visit',
  FLD: 'Visit away from the surgery or hospital',
  VR: 'Phone or video consultation',
};

function encounterClass(r: JsonObject): string | undefined {
  const c = codings(r.class)[0];
  return (c?.code ? ENCOUNTER_CLASSES[c.code] : undefined) ?? c?.display;
}

function addressText(value: unknown): string | undefined {
  const a = obj(value);
  if (!a) return undefined;
  return str(a.text) ?? joined([...list(a.line).map(str), str(a.city), str(a.district), str(a.postalCode)]);
}

const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** Builds the facts of a resource in order, skipping any whose value is missing. */
class Facts {
  readonly list: Detail[] = [];
  add(label: string, value: string | undefined): this {
    if (value !== undefined && value.trim() !== '') this.list.push({ label, value: value.trim() });
    return this;
  }
}

function dateOf(value: unknown, options: FormatOptions): string | undefined {
  const s = str(value);
  return s ? plainDate(s, options) : undefined;
}

function periodText(value: unknown, options: FormatOptions): string | undefined {
  const p = periodOf(value);
  return p ? plainPeriod(p.start, p.end, options) : undefined;
}

function statusOf(resource: FhirResource, value: unknown): string | undefined {
  const code = str(value) ?? firstCode(value);
  return code ? plainStatus(code, resource.resourceType) : undefined;
}

function ageText(value: unknown): string | undefined {
  const age = quantityOf(value);
  if (!age) return undefined;
  return `At age ${plainNumber(age.value)}${age.code && age.code !== 'a' ? ` (${age.unit ?? age.code})` : ''}`;
}

/** The onset[x] or abatement[x] of a Condition or AllergyIntolerance in words. */
function choiceDate(r: JsonObject, prefix: 'onset' | 'abatement', options: FormatOptions): string | undefined {
  return (
    dateOf(r[`${prefix}DateTime`], options) ??
    periodText(r[`${prefix}Period`], options) ??
    ageText(r[`${prefix}Age`]) ??
    str(r[`${prefix}String`]) ??
    (r[`${prefix}Boolean`] === true ? 'Yes' : undefined)
  );
}

const ALLERGY_CATEGORIES: Readonly<Record<string, string>> = {
  food: 'Food',
  medication: 'Medicine',
  environment: 'Something in the environment',
  biologic: 'Biological product',
};
const CRITICALITY: Readonly<Record<string, string>> = {
  low: 'Low risk of a serious reaction',
  high: 'High risk of a serious reaction',
  'unable-to-assess': 'Risk not assessed',
};
const COURSES: Readonly<Record<string, string>> = {
  acute: 'Short course',
  continuous: 'Long-term',
  seasonal: 'Seasonal',
};
const GENDERS: Readonly<Record<string, string>> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Not known' };

function attachmentText(value: unknown): string | undefined {
  const a = obj(value);
  if (!a) return undefined;
  const type = str(a.contentType);
  const size = num(a.size);
  const readableType = type ? (FILE_TYPES[type.split(';')[0] ?? type] ?? type) : undefined;
  const about = joined([readableType, size !== undefined ? plainFileSize(size) : undefined]);
  const title = str(a.title);
  if (title) return about ? `${title} (${about})` : title;
  return about ? capitalise(about) : undefined;
}

const FILE_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'text/plain': 'text',
  'text/html': 'web page',
  'image/jpeg': 'JPEG image',
  'image/png': 'PNG image',
  'application/dicom': 'medical image',
  'application/fhir+json': 'FHIR data',
  'application/fhir+xml': 'FHIR data',
  'application/hl7-v3+xml': 'clinical document',
  'text/xml': 'XML',
  'application/xml': 'XML',
};

function observationFacts(
  resource: FhirResource,
  r: JsonObject,
  facts: Facts,
  resolve: ResolveReference | undefined,
  options: FormatOptions,
): void {
  facts.add('Test', plainTestName(r.code));
  const value = observedValue(r, options);
  facts.add('Result', observationValueText(r, options));
  facts.add('No result', absentReason(r));
  const range = referenceRange(r);
  const inUnit = range ? rangeInUnit(range, value?.ucum) : undefined;
  facts.add('Normal range', inUnit ? plainRange(inUnit, value?.unit) : undefined);
  const flag = interpretation(r);
  if (flag) facts.add(flag.abnormal ? 'Outside the normal range' : 'Compared with normal', flag.words);
  else if (isOutOfRange(value?.number, inUnit, undefined)) {
    const high = inUnit?.high !== undefined && value?.number !== undefined && value.number > inUnit.high;
    facts.add('Outside the normal range', high ? 'Higher than the normal range' : 'Lower than the normal range');
  }
  for (const c of objects(r.component)) {
    const componentFlag = interpretation(c);
    if (componentFlag?.abnormal) facts.add(`${plainTestName(c.code) ?? 'Part'} compared with normal`, componentFlag.words);
  }
  const effective = dateOf(r.effectiveDateTime, options) ?? periodText(r.effectivePeriod, options) ?? dateOf(r.effectiveInstant, options);
  facts.add('Taken on', effective);
  const issued = dateOf(r.issued, options);
  if (issued !== effective) facts.add('Reported on', issued);
  facts.add('Measured by', whoAre(resource, r.performer, resolve));
  facts.add('Sample', whoIs(resource, r.specimen, resolve));
  facts.add('Method', conceptText(r.method));
  facts.add('Where on the body', conceptText(r.bodySite));
  facts.add('Status', statusOf(resource, r.status));
  facts.add('Notes', notesText(r.note));
}

/**
 * The facts of a resource a patient understands, in order, for the entry's page: for a
 * prescription the medicine (following `medicationReference` through `resolve`), how to take
 * it, when and by whom it was prescribed and its status; for a condition since when, its status
 * and when it resolved; for a result the value, the normal range, whether it is out of range and
 * when it was taken; and so on for every type. Missing fields are left out, never guessed.
 * References are shown by their display or the name of what they lead to, never as raw IDs.
 *
 * @example
 * detailsOf(request, entryLookup(entries).resolve)
 * // [{ label: 'Medicine', value: 'Amoxicillin 500mg capsules' },
 * //  { label: 'How to take it', value: '500mg - three times a day.' }, …]
 */
export function detailsOf(resource: FhirResource, resolve?: ResolveReference, options: FormatOptions = {}): Detail[] {
  const r = resource as JsonObject;
  const facts = new Facts();
  switch (resource.resourceType) {
    case 'AllergyIntolerance': {
      const reactions = objects(r.reaction);
      facts
        .add('Allergic to', conceptText(r.code))
        .add('Reaction', joined(reactions.flatMap((x) => list(x.manifestation).map(conceptText))))
        .add('Severity', joined(reactions.map((x) => str(x.severity)).map((s) => (s ? capitalise(s) : undefined))))
        .add('Risk', CRITICALITY[str(r.criticality) ?? ''])
        .add('Type', str(r.type) === 'intolerance' ? 'Intolerance' : str(r.type) === 'allergy' ? 'Allergy' : undefined)
        .add('Caused by', joined(list(r.category).map((c) => ALLERGY_CATEGORIES[str(c) ?? ''])))
        .add('Status', statusOf(resource, r.clinicalStatus))
        .add('Confirmed', statusOf(resource, r.verificationStatus))
        .add('Since', choiceDate(r, 'onset', options))
        .add('Last reaction', dateOf(r.lastOccurrence, options))
        .add('Recorded on', dateOf(r.recordedDate, options))
        .add('Recorded by', whoIs(resource, r.recorder, resolve))
        .add('Notes', notesText(r.note));
      break;
    }
    case 'Condition':
      facts
        .add('Condition', conceptLabel(r.code))
        .add('Status', statusOf(resource, r.clinicalStatus))
        .add('Certainty', statusOf(resource, r.verificationStatus))
        .add('Since', choiceDate(r, 'onset', options))
        .add('Resolved on', choiceDate(r, 'abatement', options))
        .add('Severity', conceptText(r.severity))
        .add('Where in the body', conceptsText(r.bodySite))
        .add('Kind', conceptsText(r.category))
        .add('Recorded on', dateOf(r.recordedDate, options))
        .add('Recorded by', whoIs(resource, r.recorder, resolve) ?? whoIs(resource, r.asserter, resolve))
        .add('Notes', notesText(r.note));
      break;
    case 'MedicationRequest': {
      const dispense = obj(r.dispenseRequest);
      const quantity = quantityOf(dispense?.quantity);
      facts
        .add('Medicine', medicineName(resource, resolve))
        .add('How to take it', dosagesText(r.dosageInstruction))
        .add('Reason', conceptsText(r.reasonCode) ?? whoAre(resource, r.reasonReference, resolve))
        .add('Prescribed on', dateOf(r.authoredOn, options))
        .add('Prescribed by', whoIs(resource, r.requester, resolve))
        .add('Status', statusOf(resource, r.status))
        .add('Why it changed', conceptText(r.statusReason))
        .add('Course', COURSES[firstCode(r.courseOfTherapyType) ?? ''] ?? conceptText(r.courseOfTherapyType))
        .add('Valid', periodText(dispense?.validityPeriod, options))
        .add('Amount supplied', quantity ? plainQuantity(quantity) : undefined)
        .add(
          'Repeats allowed',
          num(dispense?.numberOfRepeatsAllowed) !== undefined ? String(num(dispense?.numberOfRepeatsAllowed)) : undefined,
        )
        .add('Notes', notesText(r.note));
      break;
    }
    case 'MedicationStatement':
      facts
        .add('Medicine', medicineName(resource, resolve))
        .add('How to take it', dosagesText(r.dosage))
        .add('Reason', conceptsText(r.reasonCode) ?? whoAre(resource, r.reasonReference, resolve))
        .add('Taken', dateOf(r.effectiveDateTime, options) ?? periodText(r.effectivePeriod, options))
        .add('Status', statusOf(resource, r.status))
        .add('Information from', whoIs(resource, r.informationSource, resolve))
        .add('Recorded on', dateOf(r.dateAsserted, options))
        .add('Notes', notesText(r.note));
      break;
    case 'MedicationDispense': {
      const quantity = quantityOf(r.quantity);
      const supply = quantityOf(r.daysSupply);
      facts
        .add('Medicine', medicineName(resource, resolve))
        .add('Amount supplied', quantity ? plainQuantity(quantity) : undefined)
        .add('Enough for', supply ? `${plainNumber(supply.value)} days` : undefined)
        .add('How to take it', dosagesText(r.dosageInstruction))
        .add('Handed over on', dateOf(r.whenHandedOver, options))
        .add('Prepared on', dateOf(r.whenPrepared, options))
        .add('Status', statusOf(resource, r.status))
        .add('Notes', notesText(r.note));
      break;
    }
    case 'MedicationAdministration': {
      const dosage = obj(r.dosage);
      const dose = quantityOf(dosage?.dose);
      facts
        .add('Medicine', medicineName(resource, resolve))
        .add('Given', dateOf(r.effectiveDateTime, options) ?? periodText(r.effectivePeriod, options))
        .add('Dose', dose ? plainQuantity(dose) : str(dosage?.text))
        .add('How it was given', conceptText(dosage?.route))
        .add('Given by', joined(objects(r.performer).map((p) => whoIs(resource, p.actor, resolve))))
        .add('Status', statusOf(resource, r.status))
        .add('Notes', notesText(r.note));
      break;
    }
    case 'Medication':
      facts
        .add('Medicine', conceptText(r.code))
        .add('Form', conceptText(r.form))
        .add(
          'Contains',
          joined(
            objects(r.ingredient).map((i) => {
              const name = conceptText(i.itemCodeableConcept) ?? whoIs(resource, i.itemReference, resolve);
              const strength = quantityOf(obj(i.strength)?.numerator);
              return name && strength ? `${name} ${plainQuantity(strength)}` : name;
            }),
          ),
        )
        .add('Made by', whoIs(resource, r.manufacturer, resolve));
      break;
    case 'Observation':
      observationFacts(resource, r, facts, resolve, options);
      break;
    case 'DiagnosticReport':
      facts
        .add('Test', plainTestName(r.code))
        .add('Conclusion', str(r.conclusion))
        .add('Findings', conceptsText(r.conclusionCode))
        .add('Results', list(r.result).length > 0 ? `${list(r.result).length} result${list(r.result).length === 1 ? '' : 's'}` : undefined)
        .add('Taken on', dateOf(r.effectiveDateTime, options) ?? periodText(r.effectivePeriod, options))
        .add('Reported on', dateOf(r.issued, options))
        .add('Reported by', whoAre(resource, r.performer, resolve))
        .add('Status', statusOf(resource, r.status));
      for (const form of objects(r.presentedForm)) facts.add('Attachment', attachmentText(form));
      break;
    case 'Encounter': {
      const people = objects(r.participant).map((p) => whoIs(resource, p.individual, resolve));
      facts
        .add('Type', conceptsText(r.type) ?? conceptText(r.serviceType))
        .add('Kind of visit', encounterClass(r))
        .add('Reason', conceptsText(r.reasonCode) ?? whoAre(resource, r.reasonReference, resolve))
        .add('When', periodText(r.period, options))
        .add(
          'Where',
          joined(objects(r.location).map((l) => whoIs(resource, l.location, resolve))) ?? whoIs(resource, r.serviceProvider, resolve),
        )
        .add('Seen by', joined(people))
        .add('Status', statusOf(resource, r.status))
        .add('Left to go to', conceptText(obj(r.hospitalization)?.dischargeDisposition));
      break;
    }
    case 'Appointment': {
      const actors = objects(r.participant).map((p) => p.actor);
      const actorType = (actor: unknown) => {
        const a = obj(actor);
        return str(a?.type) ?? /(?:^|\/)([A-Z][A-Za-z]+)\/[^/]+$/.exec(str(a?.reference) ?? '')?.[1];
      };
      facts
        .add('What for', str(r.description) ?? conceptsText(r.serviceType))
        .add('Reason', conceptsText(r.reasonCode) ?? whoAre(resource, r.reasonReference, resolve))
        .add('When', plainPeriod(str(r.start), str(r.end), options))
        .add(
          'With',
          joined(
            actors.filter((a) => !['Patient', 'Location', 'Device'].includes(actorType(a) ?? '')).map((a) => whoIs(resource, a, resolve)),
          ),
        )
        .add('Where', joined(actors.filter((a) => actorType(a) === 'Location').map((a) => whoIs(resource, a, resolve))))
        .add('Status', statusOf(resource, r.status))
        .add('Type', conceptText(r.appointmentType))
        .add('Instructions', str(r.patientInstruction))
        .add('Notes', str(r.comment))
        .add('Booked on', dateOf(r.created, options));
      break;
    }
    case 'Immunization': {
      const dose = quantityOf(r.doseQuantity);
      const protocol = objects(r.protocolApplied);
      facts
        .add('Vaccine', conceptText(r.vaccineCode))
        .add('Given on', dateOf(r.occurrenceDateTime, options) ?? str(r.occurrenceString))
        .add('Status', statusOf(resource, r.status))
        .add('Why not given', conceptText(r.statusReason))
        .add('Protects against', joined(protocol.flatMap((p) => list(p.targetDisease).map(conceptText))))
        .add(
          'Dose number',
          joined(
            protocol.map((p) =>
              num(p.doseNumberPositiveInt) !== undefined ? String(num(p.doseNumberPositiveInt)) : str(p.doseNumberString),
            ),
          ),
        )
        .add('Dose', dose ? plainQuantity(dose) : undefined)
        .add('Where on the body', conceptText(r.site))
        .add('How it was given', conceptText(r.route))
        .add('Batch number', str(r.lotNumber))
        .add('Made by', whoIs(resource, r.manufacturer, resolve))
        .add('Where', whoIs(resource, r.location, resolve))
        .add('Given by', joined(objects(r.performer).map((p) => whoIs(resource, p.actor, resolve))))
        .add('Notes', notesText(r.note));
      break;
    }
    case 'Procedure':
      facts
        .add('Procedure', conceptText(r.code))
        .add('When', dateOf(r.performedDateTime, options) ?? periodText(r.performedPeriod, options) ?? str(r.performedString))
        .add('Status', statusOf(resource, r.status))
        .add('Reason', conceptsText(r.reasonCode) ?? whoAre(resource, r.reasonReference, resolve))
        .add('Done by', joined(objects(r.performer).map((p) => whoIs(resource, p.actor, resolve))))
        .add('Where', whoIs(resource, r.location, resolve))
        .add('Where on the body', conceptsText(r.bodySite))
        .add('Outcome', conceptText(r.outcome))
        .add('Follow-up', conceptsText(r.followUp))
        .add('Notes', notesText(r.note));
      break;
    case 'DocumentReference':
      facts
        .add('Document type', conceptText(r.type))
        .add('Kind', conceptsText(r.category))
        .add('Description', str(r.description))
        .add('Date', dateOf(r.date, options) ?? periodText(obj(r.context)?.period, options))
        .add('Written by', whoAre(resource, r.author, resolve))
        .add('Held by', whoIs(resource, r.custodian, resolve))
        .add('Status', statusOf(resource, r.status));
      for (const content of objects(r.content)) facts.add('Attachment', attachmentText(content.attachment));
      break;
    case 'Composition':
      facts
        .add('Title', str(r.title))
        .add('Document type', conceptText(r.type))
        .add('Date', dateOf(r.date, options))
        .add('Written by', whoAre(resource, r.author, resolve))
        .add('Status', statusOf(resource, r.status))
        .add('Sections', joined(objects(r.section).map((s) => str(s.title) ?? conceptText(s.code))));
      break;
    case 'Patient': {
      const nhs = objects(r.identifier).find((i) => str(i.system) === NHS_NUMBER_SYSTEM);
      const nhsNumber = str(nhs?.value)?.replace(/\s/g, '');
      const telecom = objects(r.telecom);
      facts
        .add('Name', humanName(r.name))
        .add('Born', dateOf(r.birthDate, options))
        .add('Sex', GENDERS[str(r.gender) ?? ''])
        .add(
          'NHS number',
          nhsNumber && /^\d{10}$/.test(nhsNumber) ? `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}` : nhsNumber,
        )
        .add('Address', addressText(r.address))
        .add('Phone', joined(telecom.filter((t) => t.system === 'phone').map((t) => str(t.value))))
        .add('Email', joined(telecom.filter((t) => t.system === 'email').map((t) => str(t.value))))
        .add('GP practice', whoAre(resource, r.generalPractitioner, resolve))
        .add('Died', dateOf(r.deceasedDateTime, options) ?? (r.deceasedBoolean === true ? 'Yes' : undefined));
      break;
    }
    default:
      genericFacts(resource, r, facts, resolve, options);
  }
  return facts.list;
}

function genericFacts(
  resource: FhirResource,
  r: JsonObject,
  facts: Facts,
  resolve: ResolveReference | undefined,
  options: FormatOptions,
): void {
  const summary = describeResource(resource, resolve);
  facts.add(summary.kind, summary.title === summary.kind ? undefined : summary.title);
  if (summary.detail !== summary.title) facts.add('About', summary.detail);
  facts.add('Description', typeof r.description === 'string' && str(r.description) !== summary.title ? str(r.description) : undefined);
  const status = isObject(r.status) ? firstCode(r.status) : (str(r.status) ?? str(r.lifecycleStatus));
  facts.add('Status', status ? plainStatus(status, resource.resourceType) : undefined);
  const date = clinicalDate(resource);
  facts.add('Date', date ? plainDate(date, options) : undefined);
  facts.add('Period', periodText(r.period, options));
  facts.add('Notes', notesText(r.note));
}
