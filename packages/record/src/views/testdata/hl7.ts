/**
 * FHIR R4 specification examples, copied verbatim from fixtures/hl7-examples/r4-core/ (GitHub
 * fhir-crucible/fhir_models@d5a09480 lib/fhir_models/examples/json/): observation-example-f001-glucose,
 * observation-example-bloodpressure, documentreference-example, medicationstatementexample1,
 * allergyintolerance-nka, allergyintolerance-example, appointment-example, immunization-example,
 * condition-example-f205-infection, and the entries of diagnosticreport-example-lipids (a
 * collection Bundle). Licence: HL7 FHIR licence (CC0); packaging Apache-2.0.
 */
import type { FhirResource } from '../../fhir.ts';

export const HL7_R4: ReadonlyArray<{ readonly fullUrl?: string; readonly resource: FhirResource }> = [
  {
    resource: {
      resourceType: 'Observation',
      id: 'f001',
      identifier: [
        {
          use: 'official',
          system: 'http://www.bmc.nl/zorgportal/identifiers/observations',
          value: '6323',
        },
      ],
      status: 'final',
      code: {
        coding: [
          {
            system: 'http://loinc.org',
            code: '15074-8',
            display: 'Glucose [Moles/volume] in Blood',
          },
        ],
      },
      subject: {
        reference: 'Patient/f001',
        display: 'P. van de Heuvel',
      },
      effectivePeriod: {
        start: '2013-04-02T09:30:10+01:00',
      },
      issued: '2013-04-03T15:30:10+01:00',
      performer: [
        {
          reference: 'Practitioner/f005',
          display: 'A. Langeveld',
        },
      ],
      valueQuantity: {
        value: 6.3,
        unit: 'mmol/l',
        system: 'http://unitsofmeasure.org',
        code: 'mmol/L',
      },
      interpretation: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
              code: 'H',
              display: 'High',
            },
          ],
        },
      ],
      referenceRange: [
        {
          low: {
            value: 3.1,
            unit: 'mmol/l',
            system: 'http://unitsofmeasure.org',
            code: 'mmol/L',
          },
          high: {
            value: 6.2,
            unit: 'mmol/l',
            system: 'http://unitsofmeasure.org',
            code: 'mmol/L',
          },
        },
      ],
      meta: {
        tag: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'HTEST',
            display: 'test health data',
          },
        ],
      },
    },
  },
  {
    resource: {
      resourceType: 'Observation',
      id: 'blood-pressure',
      meta: {
        profile: ['http://hl7.org/fhir/StructureDefinition/vitalsigns'],
        tag: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'HTEST',
            display: 'test health data',
          },
        ],
      },
      identifier: [
        {
          system: 'urn:ietf:rfc:3986',
          value: 'urn:uuid:187e0c12-8dd2-67e2-99b2-bf273c878281',
        },
      ],
      basedOn: [
        {
          identifier: {
            system: 'https://acme.org/identifiers',
            value: '1234',
          },
        },
      ],
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'vital-signs',
              display: 'Vital Signs',
            },
          ],
        },
      ],
      code: {
        coding: [
          {
            system: 'http://loinc.org',
            code: '85354-9',
            display: 'Blood pressure panel with all children optional',
          },
        ],
        text: 'Blood pressure systolic & diastolic',
      },
      subject: {
        reference: 'Patient/example',
      },
      effectiveDateTime: '2012-09-17',
      performer: [
        {
          reference: 'Practitioner/example',
        },
      ],
      interpretation: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
              code: 'L',
              display: 'low',
            },
          ],
          text: 'Below low normal',
        },
      ],
      bodySite: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '368209003',
            display: 'Right arm',
          },
        ],
      },
      component: [
        {
          code: {
            coding: [
              {
                system: 'http://loinc.org',
                code: '8480-6',
                display: 'Systolic blood pressure',
              },
              {
                system: 'http://snomed.info/sct',
                code: '271649006',
                display: 'Systolic blood pressure',
              },
              {
                system: 'http://acme.org/devices/clinical-codes',
                code: 'bp-s',
                display: 'Systolic Blood pressure',
              },
            ],
          },
          valueQuantity: {
            value: 107,
            unit: 'mmHg',
            system: 'http://unitsofmeasure.org',
            code: 'mm[Hg]',
          },
          interpretation: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
                  code: 'N',
                  display: 'normal',
                },
              ],
              text: 'Normal',
            },
          ],
        },
        {
          code: {
            coding: [
              {
                system: 'http://loinc.org',
                code: '8462-4',
                display: 'Diastolic blood pressure',
              },
            ],
          },
          valueQuantity: {
            value: 60,
            unit: 'mmHg',
            system: 'http://unitsofmeasure.org',
            code: 'mm[Hg]',
          },
          interpretation: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
                  code: 'L',
                  display: 'low',
                },
              ],
              text: 'Below low normal',
            },
          ],
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'DocumentReference',
      id: 'example',
      contained: [
        {
          resourceType: 'Practitioner',
          id: 'a2',
          name: [
            {
              family: 'Smitty',
              given: ['Gerald'],
            },
          ],
        },
      ],
      masterIdentifier: {
        system: 'urn:ietf:rfc:3986',
        value: 'urn:oid:1.3.6.1.4.1.21367.2005.3.7',
      },
      identifier: [
        {
          system: 'urn:ietf:rfc:3986',
          value: 'urn:oid:1.3.6.1.4.1.21367.2005.3.7.1234',
        },
      ],
      status: 'current',
      docStatus: 'preliminary',
      type: {
        coding: [
          {
            system: 'http://loinc.org',
            code: '34108-1',
            display: 'Outpatient Note',
          },
        ],
      },
      category: [
        {
          coding: [
            {
              system: 'http://ihe.net/xds/connectathon/classCodes',
              code: 'History and Physical',
              display: 'History and Physical',
            },
          ],
        },
      ],
      subject: {
        reference: 'Patient/xcda',
      },
      date: '2005-12-24T09:43:41+11:00',
      author: [
        {
          reference: 'Practitioner/xcda1',
        },
        {
          reference: '#a2',
        },
      ],
      authenticator: {
        reference: 'Organization/f001',
      },
      custodian: {
        reference: 'Organization/f001',
      },
      relatesTo: [
        {
          code: 'appends',
          target: {
            reference: 'DocumentReference/example',
          },
        },
      ],
      description: 'Physical',
      securityLabel: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
              code: 'V',
              display: 'very restricted',
            },
          ],
        },
      ],
      content: [
        {
          attachment: {
            contentType: 'application/hl7-v3+xml',
            language: 'en-US',
            url: 'http://example.org/xds/mhd/Binary/07a6483f-732b-461e-86b6-edb665c45510',
            size: 3654,
            hash: '2jmj7l5rSw0yVb/vlWAYkK/YBwk=',
            title: 'Physical',
            creation: '2005-12-24T09:35:00+11:00',
          },
          format: {
            system: 'urn:oid:1.3.6.1.4.1.19376.1.2.3',
            code: 'urn:ihe:pcc:handp:2008',
            display: 'History and Physical Specification',
          },
        },
      ],
      context: {
        encounter: [
          {
            reference: 'Encounter/xcda',
          },
        ],
        event: [
          {
            coding: [
              {
                system: 'http://ihe.net/xds/connectathon/eventCodes',
                code: 'T-D8200',
                display: 'Arm',
              },
            ],
          },
        ],
        period: {
          start: '2004-12-23T08:00:00+11:00',
          end: '2004-12-23T08:01:00+11:00',
        },
        facilityType: {
          coding: [
            {
              system: 'http://www.ihe.net/xds/connectathon/healthcareFacilityTypeCodes',
              code: 'Outpatient',
              display: 'Outpatient',
            },
          ],
        },
        practiceSetting: {
          coding: [
            {
              system: 'http://www.ihe.net/xds/connectathon/practiceSettingCodes',
              code: 'General Medicine',
              display: 'General Medicine',
            },
          ],
        },
        sourcePatientInfo: {
          reference: 'Patient/xcda',
        },
        related: [
          {
            reference: 'Patient/xcda',
            identifier: {
              system: 'urn:ietf:rfc:3986',
              value: 'urn:oid:1.3.6.1.4.1.21367.2005.3.7.2345',
            },
          },
        ],
      },
      meta: {
        tag: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'HTEST',
            display: 'test health data',
          },
        ],
      },
    },
  },
  {
    resource: {
      resourceType: 'MedicationStatement',
      id: 'example001',
      contained: [
        {
          resourceType: 'Medication',
          id: 'med0309',
          code: {
            coding: [
              {
                system: 'http://hl7.org/fhir/sid/ndc',
                code: '50580-506-02',
                display: 'Tylenol PM',
              },
            ],
          },
          form: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '385057009',
                display: 'Film-coated tablet (qualifier value)',
              },
            ],
          },
          ingredient: [
            {
              itemCodeableConcept: {
                coding: [
                  {
                    system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
                    code: '315266',
                    display: 'Acetaminophen 500 MG',
                  },
                ],
              },
              strength: {
                numerator: {
                  value: 500,
                  system: 'http://unitsofmeasure.org',
                  code: 'mg',
                },
                denominator: {
                  value: 1,
                  system: 'http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm',
                  code: 'Tab',
                },
              },
            },
            {
              itemCodeableConcept: {
                coding: [
                  {
                    system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
                    code: '901813',
                    display: 'Diphenhydramine Hydrochloride 25 mg',
                  },
                ],
              },
              strength: {
                numerator: {
                  value: 25,
                  system: 'http://unitsofmeasure.org',
                  code: 'mg',
                },
                denominator: {
                  value: 1,
                  system: 'http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm',
                  code: 'Tab',
                },
              },
            },
          ],
          batch: {
            lotNumber: '9494788',
            expirationDate: '2017-05-22',
          },
        },
      ],
      identifier: [
        {
          use: 'official',
          system: 'http://www.bmc.nl/portal/medstatements',
          value: '12345689',
        },
      ],
      status: 'active',
      category: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/medication-statement-category',
            code: 'inpatient',
            display: 'Inpatient',
          },
        ],
      },
      medicationReference: {
        reference: '#med0309',
      },
      subject: {
        reference: 'Patient/pat1',
        display: 'Donald Duck',
      },
      effectiveDateTime: '2015-01-23',
      dateAsserted: '2015-02-22',
      informationSource: {
        reference: 'Patient/pat1',
        display: 'Donald Duck',
      },
      derivedFrom: [
        {
          reference: 'MedicationRequest/medrx002',
        },
      ],
      reasonCode: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '32914008',
              display: 'Restless Legs',
            },
          ],
        },
      ],
      note: [
        {
          text: 'Patient indicates they miss the occasional dose',
        },
      ],
      dosage: [
        {
          sequence: 1,
          text: '1-2 tablets once daily at bedtime as needed for restless legs',
          additionalInstruction: [
            {
              text: 'Taking at bedtime',
            },
          ],
          timing: {
            repeat: {
              frequency: 1,
              period: 1,
              periodUnit: 'd',
            },
          },
          asNeededCodeableConcept: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '32914008',
                display: 'Restless Legs',
              },
            ],
          },
          route: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '26643006',
                display: 'Oral Route',
              },
            ],
          },
          doseAndRate: [
            {
              type: {
                coding: [
                  {
                    system: 'http://terminology.hl7.org/CodeSystem/dose-rate-type',
                    code: 'ordered',
                    display: 'Ordered',
                  },
                ],
              },
              doseRange: {
                low: {
                  value: 1,
                  unit: 'TAB',
                  system: 'http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm',
                  code: 'TAB',
                },
                high: {
                  value: 2,
                  unit: 'TAB',
                  system: 'http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm',
                  code: 'TAB',
                },
              },
            },
          ],
        },
      ],
      meta: {
        tag: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'HTEST',
            display: 'test health data',
          },
        ],
      },
    },
  },
  {
    resource: {
      resourceType: 'AllergyIntolerance',
      id: 'nka',
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
            display: 'Active',
          },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: 'confirmed',
            display: 'Confirmed',
          },
        ],
      },
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '716186003',
            display: 'No Known Allergy (situation)',
          },
        ],
        text: 'NKA',
      },
      patient: {
        reference: 'Patient/mom',
      },
      recordedDate: '2015-08-06T15:37:31-06:00',
      recorder: {
        reference: 'Practitioner/example',
      },
      meta: {
        tag: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'HTEST',
            display: 'test health data',
          },
        ],
      },
    },
  },
  {
    resource: {
      resourceType: 'AllergyIntolerance',
      id: 'example',
      identifier: [
        {
          system: 'http://acme.com/ids/patients/risks',
          value: '49476534',
        },
      ],
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
            display: 'Active',
          },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: 'confirmed',
            display: 'Confirmed',
          },
        ],
      },
      type: 'allergy',
      category: ['food'],
      criticality: 'high',
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '227493005',
            display: 'Cashew nuts',
          },
        ],
      },
      patient: {
        reference: 'Patient/example',
      },
      onsetDateTime: '2004',
      recordedDate: '2014-10-09T14:58:00+11:00',
      recorder: {
        reference: 'Practitioner/example',
      },
      asserter: {
        reference: 'Patient/example',
      },
      lastOccurrence: '2012-06',
      note: [
        {
          text: 'The criticality is high becasue of the observed anaphylactic reaction when challenged with cashew extract.',
        },
      ],
      reaction: [
        {
          substance: {
            coding: [
              {
                system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
                code: '1160593',
                display: 'cashew nut allergenic extract Injectable Product',
              },
            ],
          },
          manifestation: [
            {
              coding: [
                {
                  system: 'http://snomed.info/sct',
                  code: '39579001',
                  display: 'Anaphylactic reaction',
                },
              ],
            },
          ],
          description: 'Challenge Protocol. Severe reaction to subcutaneous cashew extract. Epinephrine administered',
          onset: '2012-06-12',
          severity: 'severe',
          exposureRoute: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '34206005',
                display: 'Subcutaneous route',
              },
            ],
          },
        },
        {
          manifestation: [
            {
              coding: [
                {
                  system: 'http://snomed.info/sct',
                  code: '64305001',
                  display: 'Urticaria',
                },
              ],
            },
          ],
          onset: '2004',
          severity: 'moderate',
          note: [
            {
              text: 'The patient reports that the onset of urticaria was within 15 minutes of eating cashews.',
            },
          ],
        },
      ],
      meta: {
        tag: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'HTEST',
            display: 'test health data',
          },
        ],
      },
    },
  },
  {
    resource: {
      resourceType: 'Appointment',
      id: 'example',
      status: 'booked',
      serviceCategory: [
        {
          coding: [
            {
              system: 'http://example.org/service-category',
              code: 'gp',
              display: 'General Practice',
            },
          ],
        },
      ],
      serviceType: [
        {
          coding: [
            {
              code: '52',
              display: 'General Discussion',
            },
          ],
        },
      ],
      specialty: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '394814009',
              display: 'General practice',
            },
          ],
        },
      ],
      appointmentType: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v2-0276',
            code: 'FOLLOWUP',
            display: 'A follow up visit from a previous appointment',
          },
        ],
      },
      reasonReference: [
        {
          reference: 'Condition/example',
          display: 'Severe burn of left ear',
        },
      ],
      priority: 5,
      description: 'Discussion on the results of your recent MRI',
      start: '2013-12-10T09:00:00Z',
      end: '2013-12-10T11:00:00Z',
      created: '2013-10-10',
      comment: 'Further expand on the results of the MRI and determine the next actions that may be appropriate.',
      basedOn: [
        {
          reference: 'ServiceRequest/myringotomy',
        },
      ],
      participant: [
        {
          actor: {
            reference: 'Patient/example',
            display: 'Peter James Chalmers',
          },
          required: 'required',
          status: 'accepted',
        },
        {
          type: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                  code: 'ATND',
                },
              ],
            },
          ],
          actor: {
            reference: 'Practitioner/example',
            display: 'Dr Adam Careful',
          },
          required: 'required',
          status: 'accepted',
        },
        {
          actor: {
            reference: 'Location/1',
            display: 'South Wing, second floor',
          },
          required: 'required',
          status: 'accepted',
        },
      ],
      meta: {
        tag: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'HTEST',
            display: 'test health data',
          },
        ],
      },
    },
  },
  {
    resource: {
      resourceType: 'Immunization',
      id: 'example',
      identifier: [
        {
          system: 'urn:ietf:rfc:3986',
          value: 'urn:oid:1.3.6.1.4.1.21367.2005.3.7.1234',
        },
      ],
      status: 'completed',
      vaccineCode: {
        coding: [
          {
            system: 'urn:oid:1.2.36.1.2001.1005.17',
            code: 'FLUVAX',
          },
        ],
        text: 'Fluvax (Influenza)',
      },
      patient: {
        reference: 'Patient/example',
      },
      encounter: {
        reference: 'Encounter/example',
      },
      occurrenceDateTime: '2013-01-10',
      primarySource: true,
      location: {
        reference: 'Location/1',
      },
      manufacturer: {
        reference: 'Organization/hl7',
      },
      lotNumber: 'AAJN11K',
      expirationDate: '2015-02-15',
      site: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActSite',
            code: 'LA',
            display: 'left arm',
          },
        ],
      },
      route: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration',
            code: 'IM',
            display: 'Injection, intramuscular',
          },
        ],
      },
      doseQuantity: {
        value: 5,
        system: 'http://unitsofmeasure.org',
        code: 'mg',
      },
      performer: [
        {
          function: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v2-0443',
                code: 'OP',
              },
            ],
          },
          actor: {
            reference: 'Practitioner/example',
          },
        },
        {
          function: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v2-0443',
                code: 'AP',
              },
            ],
          },
          actor: {
            reference: 'Practitioner/example',
          },
        },
      ],
      note: [
        {
          text: 'Notes on adminstration of vaccine',
        },
      ],
      reasonCode: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '429060002',
            },
          ],
        },
      ],
      isSubpotent: true,
      education: [
        {
          documentType: '253088698300010311120702',
          publicationDate: '2012-07-02',
          presentationDate: '2013-01-10',
        },
      ],
      programEligibility: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/immunization-program-eligibility',
              code: 'ineligible',
            },
          ],
        },
      ],
      fundingSource: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/immunization-funding-source',
            code: 'private',
          },
        ],
      },
      meta: {
        tag: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'HTEST',
            display: 'test health data',
          },
        ],
      },
    },
  },
  {
    resource: {
      resourceType: 'Condition',
      id: 'f205',
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
            code: 'active',
          },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
            code: 'differential',
          },
        ],
      },
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '87628006',
            display: 'Bacterial infectious disease',
          },
        ],
      },
      subject: {
        reference: 'Patient/f201',
        display: 'Roel',
      },
      recordedDate: '2013-04-04',
      asserter: {
        reference: 'Practitioner/f201',
      },
      meta: {
        tag: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: 'HTEST',
            display: 'test health data',
          },
        ],
      },
    },
  },
  {
    fullUrl: 'https://example.com/base/DiagnosticReport/lipids',
    resource: {
      resourceType: 'DiagnosticReport',
      id: 'lipids',
      text: {
        status: 'generated',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">\n\t\t\t\t\t\t<h3>Lipid Report for Wile. E. COYOTE (MRN: 23453) issued 3-Mar 2009 14:26</h3>\n\t\t\t\t\t\t<pre>\nTest                  Units       Value       Reference Range\nCholesterol           mmol/L      6.3         &lt;4.5\nTriglyceride          mmol/L      1.3         &lt;2.0\nHDL Cholesterol       mmol/L      1.3         &gt;1.5\nLDL Chol. (calc)      mmol/L      4.2         &lt;3.0\n      </pre>\n\t\t\t\t\t\t<p>Acme Laboratory, Inc signed: Dr Pete Pathologist</p>\n\t\t\t\t\t</div>',
      },
      identifier: [
        {
          system: 'http://acme.com/lab/reports',
          value: '5234342',
        },
      ],
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v2-0074',
              code: 'HM',
            },
          ],
        },
      ],
      code: {
        coding: [
          {
            system: 'http://loinc.org',
            code: '24331-1',
            display: 'Lipid 1996 panel - Serum or Plasma',
          },
        ],
        text: 'Lipid Panel',
      },
      subject: {
        reference: 'Patient/pat2',
      },
      effectiveDateTime: '2011-03-04T08:30:00+11:00',
      issued: '2013-01-27T11:45:33+11:00',
      performer: [
        {
          reference: 'Organization/1832473e-2fe0-452d-abe9-3cdb9879522f',
          display: 'Acme Laboratory, Inc',
        },
      ],
      result: [
        {
          id: '1',
          reference: 'Observation/cholesterol',
        },
        {
          id: '2',
          reference: 'Observation/triglyceride',
        },
        {
          id: '3',
          reference: 'Observation/hdlcholesterol',
        },
        {
          id: '4',
          reference: 'Observation/ldlcholesterol',
        },
      ],
    },
  },
  {
    fullUrl: 'https://example.com/base/Observation/cholesterol',
    resource: {
      resourceType: 'Observation',
      id: 'cholesterol',
      text: {
        status: 'generated',
        div: "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p><b>Generated Narrative with Details</b></p><p><b>id</b>: cholesterol</p><p><b>status</b>: final</p><p><b>code</b>: Cholesterol <span>(Details : {LOINC code '35200-5' = 'Cholesterol [Mass or Moles/volume] in Serum or Plasma', given as 'Cholesterol [Moles/​volume] in Serum or Plasma'})</span></p><p><b>subject</b>: <a>Patient/pat2</a></p><p><b>performer</b>: <a>Acme Laboratory, Inc</a></p><p><b>value</b>: 6.3 mmol/L<span> (Details: UCUM code mmol/L = 'mmol/L')</span></p><h3>ReferenceRanges</h3><table><tr><td>-</td><td><b>High</b></td></tr><tr><td>*</td><td>4.5 mmol/L<span> (Details: UCUM code mmol/L = 'mmol/L')</span></td></tr></table></div>",
      },
      status: 'final',
      code: {
        coding: [
          {
            system: 'http://loinc.org',
            code: '35200-5',
            display: 'Cholesterol [Moles/​volume] in Serum or Plasma',
          },
        ],
        text: 'Cholesterol',
      },
      subject: {
        reference: 'Patient/pat2',
      },
      performer: [
        {
          reference: 'Organization/1832473e-2fe0-452d-abe9-3cdb9879522f',
          display: 'Acme Laboratory, Inc',
        },
      ],
      valueQuantity: {
        value: 6.3,
        unit: 'mmol/L',
        system: 'http://unitsofmeasure.org',
        code: 'mmol/L',
      },
      referenceRange: [
        {
          high: {
            value: 4.5,
            unit: 'mmol/L',
            system: 'http://unitsofmeasure.org',
            code: 'mmol/L',
          },
        },
      ],
    },
  },
  {
    fullUrl: 'https://example.com/base/Observation/triglyceride',
    resource: {
      resourceType: 'Observation',
      id: 'triglyceride',
      text: {
        status: 'generated',
        div: "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p><b>Generated Narrative with Details</b></p><p><b>id</b>: triglyceride</p><p><b>status</b>: final</p><p><b>code</b>: Triglyceride <span>(Details : {LOINC code '35217-9' = 'Triglyceride [Mass or Moles/volume] in Serum or Plasma', given as 'Triglyceride [Moles/​volume] in Serum or Plasma'})</span></p><p><b>subject</b>: <a>Patient/pat2</a></p><p><b>performer</b>: <a>Acme Laboratory, Inc</a></p><p><b>value</b>: 1.3 mmol/L<span> (Details: UCUM code mmol/L = 'mmol/L')</span></p><h3>ReferenceRanges</h3><table><tr><td>-</td><td><b>High</b></td></tr><tr><td>*</td><td>2.0 mmol/L<span> (Details: UCUM code mmol/L = 'mmol/L')</span></td></tr></table></div>",
      },
      status: 'final',
      code: {
        coding: [
          {
            system: 'http://loinc.org',
            code: '35217-9',
            display: 'Triglyceride [Moles/​volume] in Serum or Plasma',
          },
        ],
        text: 'Triglyceride',
      },
      subject: {
        reference: 'Patient/pat2',
      },
      performer: [
        {
          reference: 'Organization/1832473e-2fe0-452d-abe9-3cdb9879522f',
          display: 'Acme Laboratory, Inc',
        },
      ],
      valueQuantity: {
        value: 1.3,
        unit: 'mmol/L',
        system: 'http://unitsofmeasure.org',
        code: 'mmol/L',
      },
      referenceRange: [
        {
          high: {
            value: 2.0,
            unit: 'mmol/L',
            system: 'http://unitsofmeasure.org',
            code: 'mmol/L',
          },
        },
      ],
    },
  },
  {
    fullUrl: 'https://example.com/base/Observation/hdlcholesterol',
    resource: {
      resourceType: 'Observation',
      id: 'hdlcholesterol',
      text: {
        status: 'generated',
        div: "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p><b>Generated Narrative with Details</b></p><p><b>id</b>: hdlcholesterol</p><p><b>status</b>: final</p><p><b>code</b>: Cholesterol in HDL <span>(Details : {LOINC code '2085-9' = 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', given as 'HDL Cholesterol'})</span></p><p><b>subject</b>: <a>Patient/pat2</a></p><p><b>performer</b>: <a>Acme Laboratory, Inc</a></p><p><b>value</b>: 1.3 mmol/L<span> (Details: UCUM code mmol/L = 'mmol/L')</span></p><h3>ReferenceRanges</h3><table><tr><td>-</td><td><b>Low</b></td></tr><tr><td>*</td><td>1.5 mmol/L<span> (Details: UCUM code mmol/L = 'mmol/L')</span></td></tr></table></div>",
      },
      status: 'final',
      code: {
        coding: [
          {
            system: 'http://loinc.org',
            code: '2085-9',
            display: 'HDL Cholesterol',
          },
        ],
        text: 'Cholesterol in HDL',
      },
      subject: {
        reference: 'Patient/pat2',
      },
      performer: [
        {
          reference: 'Organization/1832473e-2fe0-452d-abe9-3cdb9879522f',
          display: 'Acme Laboratory, Inc',
        },
      ],
      valueQuantity: {
        value: 1.3,
        unit: 'mmol/L',
        system: 'http://unitsofmeasure.org',
        code: 'mmol/L',
      },
      referenceRange: [
        {
          low: {
            value: 1.5,
            unit: 'mmol/L',
            system: 'http://unitsofmeasure.org',
            code: 'mmol/L',
          },
        },
      ],
    },
  },
  {
    fullUrl: 'https://example.com/base/Observation/ldlcholesterol',
    resource: {
      resourceType: 'Observation',
      id: 'ldlcholesterol',
      text: {
        status: 'generated',
        div: "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p><b>Generated Narrative with Details</b></p><p><b>id</b>: ldlcholesterol</p><p><b>status</b>: final</p><p><b>code</b>: LDL Chol. (Calc) <span>(Details : {LOINC code '13457-7' = 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation', given as 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation'})</span></p><p><b>subject</b>: <a>Patient/pat2</a></p><p><b>performer</b>: <a>Acme Laboratory, Inc</a></p><p><b>value</b>: 4.6 mmol/L<span> (Details: UCUM code mmol/L = 'mmol/L')</span></p><h3>ReferenceRanges</h3><table><tr><td>-</td><td><b>High</b></td></tr><tr><td>*</td><td>3.0 mmol/L<span> (Details: UCUM code mmol/L = 'mmol/L')</span></td></tr></table></div>",
      },
      status: 'final',
      code: {
        coding: [
          {
            system: 'http://loinc.org',
            code: '13457-7',
            display: 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation',
          },
        ],
        text: 'LDL Chol. (Calc)',
      },
      subject: {
        reference: 'Patient/pat2',
      },
      performer: [
        {
          reference: 'Organization/1832473e-2fe0-452d-abe9-3cdb9879522f',
          display: 'Acme Laboratory, Inc',
        },
      ],
      valueQuantity: {
        value: 4.6,
        unit: 'mmol/L',
        system: 'http://unitsofmeasure.org',
        code: 'mmol/L',
      },
      referenceRange: [
        {
          high: {
            value: 3.0,
            unit: 'mmol/L',
            system: 'http://unitsofmeasure.org',
            code: 'mmol/L',
          },
        },
      ],
    },
  },
];
