/**
 * The smallest resource of each resource type found in /work/shared/fixtures, copied verbatim,
 * each with `source` (its file under fixtures/, whose origin SOURCES.md gives) and `licence`.
 * Used to check that every resource type real systems send gets plain words and never throws.
 */
import type { FhirResource } from '../../fhir.ts';

export const ONE_OF_EACH: ReadonlyArray<{ readonly source: string; readonly licence: string; readonly resource: FhirResource }> = [
  {
    source: 'ips/EU_Giorgio_Cangioli_02.json',
    resource: {
      resourceType: 'AllergyIntolerance',
      id: 'eumfh-70-288-1',
      clinicalStatus: {
        coding: [
          {
            code: 'active',
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
          },
        ],
      },
      code: {
        coding: [
          {
            code: 'no-known-allergies',
            system: 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips',
            display: 'No known allergies',
          },
        ],
      },
      patient: {
        reference: 'urn:uuid:922e38a9-c2dd-434e-8749-4689ec426d41',
        display: 'Dante Alighieri (LGHDNT71E01D612Q)',
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ukcore/Extension-UKCore-DeliveryChannel-Example.json',
    resource: {
      resourceType: 'Appointment',
      id: 'Extension-UKCore-DeliveryChannel-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate the delivery channel associated with an appointment</div>',
      },
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeliveryChannel',
          valueCodeableConcept: {
            coding: [
              {
                system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-DeliveryChannel',
                code: 'In-person',
                display: 'In person',
              },
            ],
          },
        },
      ],
      status: 'booked',
      _status: {},
      start: '2022-03-11T10:46:00+00:00',
      end: '2022-03-11T13:20:00+00:00',
      participant: [
        {
          actor: {
            reference: 'Patient/UKCore-Patient-RichardSmith-Example',
            display: 'Richard Smith',
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
            reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example',
            display: 'Dr Sandra Gose',
          },
          required: 'required',
          status: 'accepted',
        },
        {
          actor: {
            reference: 'Location/UKCore-Location-HospitalSJUH-Example',
            display: "Orthopaedic Trauma Department, St James' University Hospital, Leeds",
          },
          required: 'required',
          status: 'accepted',
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/UKCore-AuditEvent-Query-Example.json',
    resource: {
      resourceType: 'AuditEvent',
      id: 'UKCore-AuditEvent-Query-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate an event made for purposes of maintaining a security log for a query search</div>',
      },
      type: {
        system: 'http://dicom.nema.org/resources/ontology/DCM',
        code: '110112',
        display: 'Query',
      },
      subtype: [
        {
          system: 'http://hl7.org/fhir/restful-interaction',
          code: 'search',
          display: 'search',
        },
      ],
      recorded: '2020-12-10T13:10:00+00:00',
      agent: [
        {
          role: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
                  code: 'RESPRSN',
                  display: 'responsible party',
                },
              ],
            },
          ],
          who: {
            reference: 'Practitioner/UKCore-Practitioner-DoctorPaulRastall-Example',
          },
          requestor: true,
          location: {
            reference: 'Location/UKCore-Location-CardiologySJUH-Example',
          },
        },
      ],
      source: {
        observer: {
          reference: 'Practitioner/UKCore-Practitioner-DoctorPaulRastall-Example',
        },
        type: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
            code: '1',
            display: 'User Device',
          },
        ],
      },
      entity: [
        {
          what: {
            reference: 'Patient/UKCore-Patient-RichardSmith-Example',
          },
          type: {
            system: 'http://hl7.org/fhir/resource-types',
            code: 'Patient',
            display: 'Patient',
          },
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/UKCore-BodyStructure-MedianCubitalVein-Example.json',
    resource: {
      resourceType: 'BodyStructure',
      id: 'UKCore-BodyStructure-MedianCubitalVein-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a body structure of a vein</div>',
      },
      location: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '49852007',
            display: 'Structure of median cubital vein',
          },
        ],
        text: 'Forearm',
      },
      locationQualifier: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '419161000',
              display: 'Unilateral left',
            },
          ],
          text: 'Left',
        },
      ],
      patient: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'synthea/Carla_Echevarria_9a628ccd-2a55-4331-8e68-bb58458fd674.json',
    resource: {
      resourceType: 'CarePlan',
      id: '6d6b8fae-f4ee-4bbb-86e1-645bd5fbe349',
      text: {
        status: 'generated',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">Care Plan for Self care.<br/>Activities: <ul><li>Self care</li></ul></div>',
      },
      status: 'active',
      intent: 'order',
      category: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '326051000000105',
              display: 'Self care',
            },
          ],
          text: 'Self care',
        },
      ],
      subject: {
        reference: 'urn:uuid:d8e20eac-1721-4a71-ba98-c23d32e75105',
      },
      encounter: {
        reference: 'urn:uuid:98fd75ec-1366-462e-b1b0-e1a51a5809c1',
      },
      period: {
        start: '2010-05-31T22:53:17+00:00',
      },
      activity: [
        {
          detail: {
            code: {
              coding: [
                {
                  system: 'http://snomed.info/sct',
                  code: '58332002',
                  display: 'Allergy education',
                },
              ],
              text: 'Allergy education',
            },
            status: 'in-progress',
          },
        },
      ],
      meta: {
        tag: [
          {
            system: 'https://smarthealthit.org/tags',
            code: 'synthea-5-2019',
          },
        ],
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ukcore/UKCore-CareTeam-WeightManagementTeam-Example.json',
    resource: {
      resourceType: 'CareTeam',
      id: 'UKCore-CareTeam-WeightManagementTeam-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a weight management care team</div>',
      },
      identifier: [
        {
          system: 'https://tools.ietf.org/html/rfc4122',
          value: '0e7cc7b2-94b7-42c2-875b-56c921e4bcc2',
        },
      ],
      status: 'inactive',
      name: 'Weight management team',
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      participant: [
        {
          member: {
            reference: 'Practitioner/UKCore-Practitioner-PaulRastall-Example',
          },
        },
      ],
      managingOrganization: [
        {
          reference: 'Organization/UKCore-Organisation-WhiteRoseMedicalCentre-Example',
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'synthea/Clorinda_Wilkinson_3a77c3ad-6d14-4ec5-ac60-05a01355bb27.json',
    resource: {
      resourceType: 'Claim',
      id: 'ee0c8a1d-0c2f-43f1-849d-cd342044bffe',
      status: 'active',
      type: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/claim-type',
            code: 'institutional',
          },
        ],
      },
      use: 'claim',
      patient: {
        reference: 'urn:uuid:6bb3d38f-ae2e-40cf-a31e-baaea0b8bcc1',
      },
      billablePeriod: {
        start: '2016-08-27T21:51:36+00:00',
        end: '2016-08-27T22:06:36+00:00',
      },
      created: '2016-08-27T22:06:36+00:00',
      provider: {
        reference: 'urn:uuid:3d10019f-c88e-3de5-9916-6107b9c0263d',
      },
      priority: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/processpriority',
            code: 'normal',
          },
        ],
      },
      insurance: [
        {
          sequence: 1,
          focal: true,
          coverage: {
            display: 'medicare',
          },
        },
      ],
      item: [
        {
          sequence: 1,
          productOrService: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '316744009',
                display: 'Office Visit',
              },
            ],
            text: 'Office Visit',
          },
          encounter: [
            {
              reference: 'urn:uuid:73e17b8c-ad31-4d00-a750-22ac2c255653',
            },
          ],
        },
      ],
      total: {
        value: 125,
        currency: 'USD',
      },
      meta: {
        tag: [
          {
            system: 'https://smarthealthit.org/tags',
            code: 'synthea-5-2019',
          },
        ],
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ukcore/UKCore-Communication-FirstMMRVaccination-Example.json',
    resource: {
      resourceType: 'Communication',
      id: 'UKCore-Communication-FirstMMRVaccination-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a communication to notify that a patient has had their first MMR Vaccination</div>',
      },
      status: 'completed',
      category: [
        {
          coding: [
            {
              system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-RecordStandardHeadings',
              code: 'immunisations',
              display: 'Immunisations',
            },
          ],
        },
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/communication-category',
              code: 'notification',
              display: 'Notification',
            },
          ],
        },
      ],
      medium: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode',
              code: 'ELECTRONIC',
              display: 'electronic data',
            },
          ],
        },
      ],
      subject: {
        reference: 'Patient/UKCore-Patient-BabyPatient-Example',
        display: 'JONES, Melanie',
      },
      sent: '2022-12-11T13:00:00+00:00',
      _sent: {},
      received: '2022-12-11T13:01:33+00:00',
      sender: {
        reference: 'Practitioner/UKCore-Practitioner-PaulRastall-Example',
        display: 'Dr Paul Rastall',
      },
      payload: [
        {
          contentString: 'First MMR vaccination administered to Melanie',
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/Extension-UKCore-CareSettingType-Example.json',
    resource: {
      resourceType: 'Composition',
      id: 'Extension-UKCore-CareSettingType-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate the care setting of a FHIR document</div>',
      },
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-CareSettingType',
          valueCodeableConcept: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '789718008',
                display: 'Cardiology service',
              },
            ],
          },
        },
      ],
      status: 'final',
      type: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '373942005',
            display: 'Discharge summary',
          },
        ],
      },
      date: '2020-11-11T21:30:00+00:00',
      author: [
        {
          reference: 'urn:uuid:6555b7a7-380d-46ff-a1c5-7abc4e68f8bc',
        },
      ],
      title: 'Discharge summary',
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ips/NZ_Peter_Jordan_AAA1234.json',
    resource: {
      resourceType: 'Condition',
      id: '44ffe9f6-e12f-4b14-bc16-2aecc4380ae7',
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
            code: 'active',
          },
        ],
      },
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '160245001',
            display: 'No current problems or disability',
          },
        ],
      },
      subject: {
        reference: 'Patient/AAA1234',
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ips/DE_no_info_with_Advance_Directive.json',
    resource: {
      resourceType: 'Consent',
      id: '41765fc6-1f8f-4e5f-8370-d0d544b41ab2',
      meta: {
        profile: ['https://www.netzwerk-universitaetsmedizin.de/fhir/StructureDefinition/do-not-resuscitate-order'],
      },
      scope: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/consentscope',
            code: 'treatment',
            display: 'Treatment',
          },
        ],
      },
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/consentcategorycodes',
              code: 'dnr',
              display: 'Do Not Resuscitate',
            },
          ],
        },
      ],
      status: 'active',
      patient: {
        reference: 'Patient/gecco-patient',
      },
      dateTime: '2021-09-01',
      policy: [
        {
          uri: 'https://www.aerzteblatt.de/archiv/65440/DNR-Anordnungen-Das-fehlende-Bindeglied',
        },
      ],
      provision: {
        code: [
          {
            coding: [
              {
                code: '304253006',
                system: 'http://snomed.info/sct',
                display: 'Not for resuscitation',
              },
            ],
          },
        ],
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'synthea/inferno-uscore_bundle_patient_85.json',
    resource: {
      resourceType: 'Coverage',
      id: '55c952c8-7a1c-4b97-b7d1-a60a671d75ff',
      meta: {
        profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-coverage'],
      },
      identifier: [
        {
          system: 'https://github.com/inferno-framework/us-core-test-kit',
          value: 'f4a375d2-4e53-4f81-ba95-345e7573b550',
          type: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
                code: 'MB',
              },
            ],
          },
        },
      ],
      status: 'active',
      type: {
        coding: [
          {
            system: 'https://nahdo.org/sopt',
            code: '3712',
            display: 'PPO',
          },
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
            code: 'PPO',
            display: 'preferred provider organization policy',
          },
        ],
        text: 'PPO',
      },
      subscriberId: '888009335',
      beneficiary: {
        reference: 'urn:uuid:d831ec91-c7a3-4a61-9312-7ff0c4a32134',
      },
      relationship: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
            code: 'self',
          },
        ],
        text: 'Self',
      },
      period: {
        start: '2020-01-01',
      },
      payor: [
        {
          reference: 'urn:uuid:56090ab7-1f97-37ff-a434-194f9c6e5510',
          display: 'PCP87052',
        },
      ],
      class: [
        {
          type: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/coverage-class',
                code: 'group',
                display: 'Group',
              },
            ],
            text: 'An employee group',
          },
          value: 'xyz',
          name: 'XYZ employee Group Plan',
        },
        {
          type: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/coverage-class',
                code: 'plan',
                display: 'Plan',
              },
            ],
            text: 'A specific suite of benefits.',
          },
          value: 'gold',
          name: 'Acme Gold Plan',
        },
      ],
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ips/full_ips.json',
    resource: {
      resourceType: 'Device',
      id: 'eumfh-70-275-2',
      text: {
        status: 'generated',
        div: "<div xmlns='http://www.w3.org/1999/xhtml' lang='en-NZ' xml:lang='en-NZ'>Hip prosthesis</div>",
      },
      type: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '67270000',
            display: 'Hip prosthesis, device (physical object)',
          },
        ],
      },
      patient: {
        reference: 'Patient/ABC1234',
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ips/full_ips.json',
    resource: {
      resourceType: 'DeviceUseStatement',
      id: 'eumfh-70-275-1',
      text: {
        status: 'generated',
        div: "<div xmlns='http://www.w3.org/1999/xhtml' lang='en-NZ' xml:lang='en-NZ'>Hip prosthesis</div>",
      },
      status: 'active',
      subject: {
        reference: 'Patient/ABC1234',
      },
      _timingDateTime: {
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
            valueCode: 'unknown',
          },
        ],
      },
      device: {
        reference: 'Device/eumfh-70-275-2',
        display: 'Hip prosthesis',
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'hl7-examples/r4-core/diagnosticreport-example-papsmear.json',
    resource: {
      resourceType: 'DiagnosticReport',
      id: 'pap',
      status: 'final',
      code: {
        coding: [
          {
            system: 'http://loinc.org',
            code: '47527-7',
          },
        ],
      },
      subject: {
        reference: 'Patient/b248b1b2-1686-4b94-9936-37d7a5f94b51',
      },
      effectiveDateTime: '2013-02-11T10:33:33+11:00',
      issued: '2013-02-13T11:45:33+11:00',
      performer: [
        {
          reference: 'Practitioner/example',
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
    licence: 'HL7 FHIR licence (CC0)',
  },
  {
    source: 'ips/full_ips.json',
    resource: {
      resourceType: 'DocumentReference',
      id: 'advance-directive-123',
      text: {
        status: 'generated',
        div: "<div xmlns='http://www.w3.org/1999/xhtml' lang='en-NZ' xml:lang='en-NZ'>Advance directive document available in PDF.</div>",
      },
      status: 'current',
      type: {
        coding: [
          {
            system: 'http://loinc.org',
            code: '75310-3',
            display: 'Health concerns Document',
          },
          {
            system: 'http://loinc.org',
            code: '55188-7',
            display: 'Patient data Document',
          },
        ],
      },
      subject: {
        reference: 'Patient/ABC1234',
      },
      date: '2025-08-01T10:00:00Z',
      content: [
        {
          attachment: {
            contentType: 'application/pdf',
            url: 'https://sample.fhir.org/DocumentReference/advance-directive-123/content',
            title: 'Advance Directive Document',
          },
        },
      ],
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'hl7-examples/r4-core/encounter-example.json',
    resource: {
      resourceType: 'Encounter',
      id: 'example',
      status: 'in-progress',
      class: {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
        code: 'IMP',
        display: 'inpatient encounter',
      },
      subject: {
        reference: 'Patient/example',
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
    licence: 'HL7 FHIR licence (CC0)',
  },
  {
    source: 'synthea/inferno-uscore_bundle_patient_85.json',
    resource: {
      resourceType: 'Endpoint',
      id: 'f85b5cca-bcf8-421c-bbcf-11db4dcb7e9c',
      identifier: [
        {
          system: 'https://github.com/inferno-framework/us-core-test-kit',
          value: 'f85b5cca-bcf8-421c-bbcf-11db4dcb7e9c',
        },
      ],
      status: 'active',
      connectionType: {
        system: 'http://terminology.hl7.org/CodeSystem/endpoint-connection-type',
        code: 'direct-project',
        display: 'Direct Project',
      },
      payloadType: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/endpoint-payload-type',
              code: 'any',
              display: 'Any',
            },
          ],
          text: 'Any',
        },
      ],
      address: 'mailto:Willena258.Oberbrunner298@example.com',
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ukcore/UKCore-EpisodeOfCare-SmokingCessationTherapy-Example.json',
    resource: {
      resourceType: 'EpisodeOfCare',
      id: 'UKCore-EpisodeOfCare-SmokingCessationTherapy-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate an episode of care for smoking cessation therapy</div>',
      },
      status: 'finished',
      type: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '710081004',
              display: 'Smoking cessation therapy',
            },
          ],
        },
      ],
      patient: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      managingOrganization: {
        reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example',
      },
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'synthea/Lourdes_Alcantar_5f258739-cc1d-4109-aa6b-28ad184c6258.json',
    resource: {
      resourceType: 'ExplanationOfBenefit',
      id: '3fe1ed3e-835d-46ac-89cb-8c5f097a148c',
      contained: [
        {
          resourceType: 'ServiceRequest',
          id: 'referral',
          status: 'completed',
          intent: 'order',
          subject: {
            reference: 'urn:uuid:a9fb0d0f-fb3c-4173-ad19-ec9ba84f4d02',
          },
          requester: {
            display: 'Unknown',
          },
          performer: [
            {
              display: 'Unknown',
            },
          ],
        },
        {
          resourceType: 'Coverage',
          id: 'coverage',
          status: 'active',
          type: {
            text: 'medicare',
          },
          beneficiary: {
            reference: 'urn:uuid:a9fb0d0f-fb3c-4173-ad19-ec9ba84f4d02',
          },
          payor: [
            {
              display: 'medicare',
            },
          ],
        },
      ],
      identifier: [
        {
          system: 'https://bluebutton.cms.gov/resources/variables/clm_id',
          value: '3d6b9e50-d6ec-42fc-8deb-8fd26446764e',
        },
        {
          system: 'https://bluebutton.cms.gov/resources/identifier/claim-group',
          value: '99999999999',
        },
      ],
      status: 'active',
      type: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/claim-type',
            code: 'institutional',
          },
        ],
      },
      use: 'claim',
      patient: {
        reference: 'urn:uuid:a9fb0d0f-fb3c-4173-ad19-ec9ba84f4d02',
      },
      billablePeriod: {
        start: '2017-06-28T11:21:44+00:00',
        end: '2018-06-29T11:21:44+00:00',
      },
      created: '2017-06-28T11:21:44+00:00',
      insurer: {
        display: 'medicare',
      },
      provider: {
        display: 'Unknown',
      },
      referral: {
        reference: '#referral',
      },
      claim: {
        reference: 'urn:uuid:3d6b9e50-d6ec-42fc-8deb-8fd26446764e',
      },
      outcome: 'complete',
      careTeam: [
        {
          sequence: 1,
          provider: {
            display: 'Unknown',
          },
          role: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/claimcareteamrole',
                code: 'primary',
                display: 'Primary Care Practitioner',
              },
            ],
          },
        },
      ],
      insurance: [
        {
          focal: true,
          coverage: {
            reference: '#coverage',
            display: 'medicare',
          },
        },
      ],
      item: [
        {
          sequence: 1,
          category: {
            coding: [
              {
                system: 'https://bluebutton.cms.gov/resources/variables/line_cms_type_srvc_cd',
                code: '1',
                display: 'Medical care',
              },
            ],
          },
          productOrService: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '308646001',
                display: 'Death Certification',
              },
            ],
            text: 'Death Certification',
          },
          servicedPeriod: {
            start: '2015-08-27T07:06:44-04:00',
            end: '2015-08-27T07:21:44-04:00',
          },
          locationCodeableConcept: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/ex-serviceplace',
                code: '21',
                display: 'Inpatient Hospital',
              },
            ],
          },
          encounter: [
            {
              reference: 'urn:uuid:4cc3f497-4817-48e8-93d9-4343a2d1ca27',
            },
          ],
        },
      ],
      total: [
        {
          category: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/adjudication',
                code: 'submitted',
                display: 'Submitted Amount',
              },
            ],
            text: 'Submitted Amount',
          },
          amount: {
            value: 125,
            currency: 'USD',
          },
        },
      ],
      payment: {
        amount: {
          value: 0,
          currency: 'USD',
        },
      },
      meta: {
        tag: [
          {
            system: 'https://smarthealthit.org/tags',
            code: 'synthea-5-2019',
          },
        ],
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'hl7-examples/r4-core/familymemberhistory-example-mother.json',
    resource: {
      resourceType: 'FamilyMemberHistory',
      id: 'mother',
      status: 'completed',
      patient: {
        reference: 'Patient/100',
        display: 'Peter Patient',
      },
      relationship: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
            code: 'MTH',
            display: 'mother',
          },
        ],
      },
      condition: [
        {
          code: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '371041009',
                display: 'Embolic Stroke',
              },
            ],
            text: 'Stroke',
          },
          onsetAge: {
            value: 56,
            unit: 'yr',
            system: 'http://unitsofmeasure.org',
            code: 'a',
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
    licence: 'HL7 FHIR licence (CC0)',
  },
  {
    source: 'ips/NZ_Peter_Jordan_AAA1234.json',
    resource: {
      resourceType: 'Flag',
      id: '1f93bd2e-4038-452e-90fa-ba0501b69b06',
      text: {
        status: 'generated',
        div: "<div xmlns='http://www.w3.org/1999/xhtml' lang='en-NZ' xml:lang='en-NZ'>Shellfish free diet.</div>",
      },
      status: 'active',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/flag-category',
              code: 'diet',
              display: 'Diet',
            },
          ],
        },
      ],
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '1255002008',
            display: 'Shellfish free diet',
          },
        ],
      },
      subject: {
        reference: 'Patient/AAA1234',
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'synthea/Clorinda_Wilkinson_3a77c3ad-6d14-4ec5-ac60-05a01355bb27.json',
    resource: {
      resourceType: 'Goal',
      id: '25b6b845-e05d-44c6-b016-ec3b7f959eb8',
      lifecycleStatus: 'accepted',
      achievementStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
            code: 'in-progress',
          },
        ],
      },
      description: {
        text: 'improved systolic function',
      },
      subject: {
        reference: 'urn:uuid:6bb3d38f-ae2e-40cf-a31e-baaea0b8bcc1',
      },
      meta: {
        tag: [
          {
            system: 'https://smarthealthit.org/tags',
            code: 'synthea-5-2019',
          },
        ],
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ukcore/UKCore-HealthcareService-OrthopaedicService-Example.json',
    resource: {
      resourceType: 'HealthcareService',
      id: 'UKCore-HealthcareService-OrthopaedicService-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate information about an orthopaedic service within a HealthcareService resource</div>',
      },
      identifier: [
        {
          system: 'https://fhir.nhs.uk/Id/ods-site-code',
          value: 'RR813',
        },
      ],
      active: true,
      providedBy: {
        reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example',
        display: "St James' University Hospital, Leeds",
      },
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/service-category',
              code: '35',
              display: 'Hospital',
            },
          ],
          text: 'Hospital',
        },
      ],
      type: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '310161006',
              display: 'Orthopaedic service',
            },
          ],
        },
      ],
      specialty: [
        {
          coding: [
            {
              system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode',
              code: '110',
              display: 'Trauma and Orthopaedics',
            },
          ],
        },
      ],
      location: [
        {
          reference: 'Location/UKCore-Location-HospitalSJUH-Example',
        },
      ],
      name: 'Orthopaedic Trauma Services',
      comment:
        'Our department is part of the Major Trauma Service at Leeds General Infirmary. The Trauma and orthopaedic team care for a range of trauma related injuries and conditions, with each patient’s treatment managed to their needs. Our clinics run every day; however these are specialist clinics to ensure that patients are seen by the appropriate consultant for specialised care.',
      extraDetails:
        'To ensure patients are and treated in the appropriate clinic patients are first referred to our Virtual Fracture Clinic. Patient’s individual cases are discussed alongside one of our consultants to determine the appropriate clinic for the patient to attend in our department. This ensures that patients are not delayed in clinic and do not have to be re-referred to other departments or consultants, which can hold up their treatment and hinder recovery.',
      telecom: [
        {
          system: 'phone',
          value: '0113 3926991',
          use: 'work',
        },
        {
          system: 'email',
          value: 'patientexperience.leedsth@nhs.net',
          use: 'work',
        },
      ],
      serviceProvisionCode: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/service-provision-conditions',
              code: 'free',
              display: 'This service is available for no patient cost.',
            },
          ],
        },
      ],
      program: [
        {
          text: 'Leeds Orthopaedic Outreach Service',
        },
      ],
      characteristic: [
        {
          coding: [
            {
              display: 'Wheelchair access',
            },
          ],
        },
      ],
      referralMethod: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/service-referral-method',
              code: 'phone',
              display: 'Phone',
            },
          ],
        },
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/service-referral-method',
              code: 'elec',
              display: 'Secure Messaging',
            },
          ],
        },
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/service-referral-method',
              code: 'semail',
              display: 'Secure Email',
            },
          ],
        },
      ],
      appointmentRequired: false,
      availableTime: [
        {
          daysOfWeek: ['mon', 'tue', 'thu', 'fri'],
          availableStartTime: '08:30:00',
          availableEndTime: '05:30:00',
        },
      ],
      notAvailable: [
        {
          description: 'Christmas/Boxing Day',
          during: {
            start: '2022-12-24T17:31:00+00:00',
            end: '2022-12-26T17:30:00+00:00',
          },
        },
        {
          description: 'New Years Day',
          during: {
            start: '2022-12-31T17:31:00+00:00',
            end: '2023-01-01T17:30:00+00:00',
          },
        },
      ],
      availabilityExceptions: 'Reduced capacity is available during the Christmas period',
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/UKCore-ImagingStudy-CTChestScan-Example.json',
    resource: {
      resourceType: 'ImagingStudy',
      id: 'UKCore-ImagingStudy-CTChestScan-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate the images produced by a CT chest scan</div>',
      },
      status: 'available',
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      started: '2023-01-24T09:01:20+00:00',
      numberOfSeries: 1,
      numberOfInstances: 1,
      series: [
        {
          uid: '2.16.124.113543.6003.2588828330.45298.17418.2723805630',
          number: 3,
          modality: {
            system: 'http://dicom.nema.org/resources/ontology/DCM',
            code: 'CT',
          },
          description: 'CT Surview 180',
          numberOfInstances: 1,
          bodySite: {
            system: 'http://snomed.info/sct',
            code: '67734004',
            display: 'Thoracic segment of trunk',
          },
          instance: [
            {
              uid: '2.16.124.113543.6003.189642796.63084.16748.2599092903',
              sopClass: {
                system: 'urn:ietf:rfc:3986',
                code: 'urn:oid:1.2.840.10008.5.1.4.1.1.2',
              },
              number: 1,
            },
          ],
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'smart-health-cards/hl7-shc-ig/example-00-a-fhirBundle.json',
    resource: {
      resourceType: 'Immunization',
      status: 'completed',
      vaccineCode: {
        coding: [
          {
            system: 'http://hl7.org/fhir/sid/cvx',
            code: '207',
          },
        ],
      },
      patient: {
        reference: 'resource:0',
      },
      occurrenceDateTime: '2021-01-01',
      performer: [
        {
          actor: {
            display: 'ABC General Hospital',
          },
        },
      ],
      lotNumber: '0000001',
    },
    licence: 'CC0-1.0 / CC-BY-4.0 (see SOURCES.md)',
  },
  {
    source: 'hl7-examples/r4-core/list-example-simple-empty.json',
    resource: {
      resourceType: 'List',
      id: 'example-simple-empty',
      status: 'current',
      mode: 'snapshot',
      code: {
        coding: [
          {
            system: 'http://acme.com/list-codes',
            code: '346638',
            display: 'Patient Admission List',
          },
        ],
      },
      date: '2016-07-14T11:54:05+10:00',
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
    licence: 'HL7 FHIR licence (CC0)',
  },
  {
    source: 'ukcore/UKCore-Location-GeneralPracticeNurseClinic-Example.json',
    resource: {
      resourceType: 'Location',
      id: 'UKCore-Location-GeneralPracticeNurseClinic-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a GP clinic location</div>',
      },
      identifier: [
        {
          system: 'https://fhir.nhs.uk/Id/ods-site-code',
          value: 'GP8D7',
        },
      ],
      name: 'WhiteRoseNurseClinic',
      type: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
              code: 'GIM',
              display: 'General internal medicine clinic',
            },
          ],
        },
      ],
      telecom: [
        {
          system: 'phone',
          value: '0113 243 3166',
        },
      ],
      managingOrganization: {
        reference: 'Organization/UKCore-Organization-WhiteRoseMedicalCentre-Example',
      },
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'synthea/inferno-uscore_bundle_patient_85.json',
    resource: {
      resourceType: 'Media',
      id: '57a09318-60a8-11ed-9b6a-0242ac120002',
      basedOn: [
        {
          identifier: {
            system: 'http://someclinic.org/fhir/NamingSystem/imaging-orders',
            value: '111222',
            assigner: {
              display: 'XYZ Medical Clinic',
            },
          },
        },
      ],
      status: 'completed',
      modality: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '39714003',
            display: 'Skeletal X-ray of wrist and hand',
          },
        ],
      },
      subject: {
        reference: 'urn:uuid:d831ec91-c7a3-4a61-9312-7ff0c4a32134',
      },
      encounter: {
        reference: 'urn:uuid:f8212080-8461-49d6-c860-a29916573fbf',
      },
      createdDateTime: '2016-03-15',
      bodySite: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '85151006',
            display: 'Structure of left hand (body structure)',
          },
        ],
      },
      height: 432,
      width: 640,
      content: {
        id: 'a1',
        contentType: 'image/jpeg',
        url: 'http://someimagingcenter.org/fhir/Binary/A12345',
        creation: '2016-03-15',
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ips/NL_Curavista_01.json',
    resource: {
      resourceType: 'Medication',
      code: {
        text: 'METFORMINE 1000MG TABLET',
      },
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ukcore/UKCore-MedicationAdministration-Sn-ZeroDosage-Example.json',
    resource: {
      resourceType: 'MedicationAdministration',
      id: 'UKCore-MedicationAdministration-Sn-ZeroDosage-Example',
      status: 'on-hold',
      medicationReference: {
        reference: 'Medication/UKCore-Medication-TimoptolEyeDrops-Example',
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      effectiveDateTime: '2021-03-25T13:00:00+00:00',
      dosage: {
        text: 'No administration required.',
        rateQuantity: {
          value: 0,
          unit: 'milliliter per hour',
          system: 'http://unitsofmeasure.org',
          code: 'mL/h',
        },
      },
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'synthea/inferno-uscore_bundle_patient_85.json',
    resource: {
      resourceType: 'MedicationDispense',
      id: '1bc16d93-9ac8-4dc7-ad90-e649c01f8b19',
      meta: {
        profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationdispense'],
      },
      identifier: [
        {
          system: 'https://github.com/inferno-framework/us-core-test-kit',
          value: '1bc16d93-9ac8-4dc7-ad90-e649c01f8b19',
        },
      ],
      status: 'completed',
      medicationReference: {
        reference: 'urn:uuid:58f7a300-f288-6094-a82f-e1e64086902b',
        display: '10 ML Furosemide 10 MG/ML Injection',
      },
      subject: {
        reference: 'urn:uuid:d831ec91-c7a3-4a61-9312-7ff0c4a32134',
      },
      performer: [
        {
          actor: {
            reference: 'urn:uuid:8bee2ee3-d401-3728-9791-d235cfa01ab9',
            display: 'Dr. Willena258 Oberbrunner298',
          },
        },
        {
          actor: {
            reference: 'urn:uuid:8e81b028-5271-9eda-b6c0-0e308770ee50',
          },
        },
      ],
      authorizingPrescription: [
        {
          reference: 'urn:uuid:3722c630-7ccd-b25e-316d-78fd30a4ff30',
          display: '10 ML Furosemide 10 MG/ML Injection',
        },
      ],
      whenHandedOver: '1975-04-07T02:51:45-04:00',
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'hl7-examples/r4-core/bundle-example.json',
    resource: {
      resourceType: 'MedicationRequest',
      id: '3123',
      text: {
        status: 'generated',
        div: '<div xmlns="http://www.w3.org/1999/xhtml"><p><b>Generated Narrative with Details</b></p><p><b>id</b>: 3123</p><p><b>status</b>: unknown</p><p><b>intent</b>: order</p><p><b>medication</b>: <a>Medication/example</a></p><p><b>subject</b>: <a>Patient/347</a></p></div>',
      },
      status: 'unknown',
      intent: 'order',
      medicationReference: {
        reference: 'Medication/example',
      },
      subject: {
        reference: 'Patient/347',
      },
    },
    licence: 'HL7 FHIR licence (CC0)',
  },
  {
    source: 'ips/NZ_Peter_Jordan_AAA1234.json',
    resource: {
      resourceType: 'MedicationStatement',
      id: '31b92dc4-e561-4bd4-9a2e-7dea8dd1ed08',
      status: 'unknown',
      medicationCodeableConcept: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '787481004',
            display: 'No known medications',
          },
        ],
      },
      subject: {
        reference: 'Patient/AAA1234',
      },
      effectiveDateTime: '2024-09-21T19:04:27.4257015+00:00',
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'ukcore/UKCore-MessageHeader-Discharge-Example.json',
    resource: {
      resourceType: 'MessageHeader',
      id: 'UKCore-MessageHeader-Discharge-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a message header for a discharge summary</div>',
      },
      eventCoding: {
        system: 'http://snomed.info/sct',
        code: '306689006',
        display: 'Discharge to home',
      },
      destination: [
        {
          endpoint: 'urn:nhs:addressing:asid:477121007825',
          receiver: {
            identifier: {
              system: 'https://fhir.nhs.uk/Id/ods-organization-code',
              value: 'RY6',
            },
            display: 'LEEDS COMMUNITY HEALTHCARE NHS TRUST',
          },
        },
      ],
      sender: {
        reference: 'https://directory.spineservices.nhs.uk/Organization/X26',
      },
      source: {
        endpoint: 'NOROT003',
      },
      focus: [
        {
          reference: 'Encounter/UKCore-Encounter-InpatientEncounter-Example',
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'hl7-examples/r4-core/observation-example-eye-color.json',
    resource: {
      resourceType: 'Observation',
      id: 'eye-color',
      status: 'final',
      code: {
        text: 'eye color',
      },
      subject: {
        reference: 'Patient/example',
      },
      effectiveDateTime: '2016-05-18',
      valueString: 'blue',
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
    licence: 'HL7 FHIR licence (CC0)',
  },
  {
    source: 'ukcore/UKCore-OperationOutcome-DateError-Example.json',
    resource: {
      resourceType: 'OperationOutcome',
      id: 'UKCore-OperationOutcome-DateError-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate an error returned from an API call, due to an error in a date</div>',
      },
      issue: [
        {
          severity: 'fatal',
          code: 'structure',
          details: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/operation-outcome',
                code: 'MSG_DATE_FORMAT',
                display: 'The Date value %s is not in the correct format (Xml Date Format required)',
              },
            ],
          },
          diagnostics: 'Interop.FHIRProcessors.Patient.processbirthDate line 2450',
          expression: ['Patient.birthDate'],
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ips/CA_VeroSource_buddy_bear.json',
    resource: {
      resourceType: 'Organization',
      name: 'New Brunswick Department of Health',
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'hl7-examples/r4-core/bundle-transaction.json',
    resource: {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'coding',
          valueCoding: {
            system: 'http://loinc.org',
            code: '1963-8',
          },
        },
      ],
    },
    licence: 'HL7 FHIR licence (CC0)',
  },
  {
    source: 'smart-health-cards/hl7-shc-ig/example-03-a-fhirBundle.json',
    resource: {
      resourceType: 'Patient',
      name: [
        {
          family: 'Revoked',
          given: ['Johnny'],
        },
      ],
      birthDate: '1960-04-22',
    },
    licence: 'CC0-1.0 / CC-BY-4.0 (see SOURCES.md)',
  },
  {
    source: 'ukcore/UKCore-Practitioner-Sn-Photo-Example.json',
    resource: {
      resourceType: 'Practitioner',
      id: 'UKCore-Practitioner-Sn-Photo-Example',
      photo: [
        {
          contentType: 'image/png',
          data: 'base64Binary',
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ips/DE_no_info_with_Advance_Directive.json',
    resource: {
      resourceType: 'PractitionerRole',
      id: 'f54d8c90-aea2-46b0-8f7a-8683db78344e',
      practitioner: {
        reference: 'Practitioner/19c24876-ccf8-45e7-8b66-462317e970f1',
      },
      code: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '158965000',
              display: 'Doctor',
            },
          ],
        },
      ],
    },
    licence: 'Apache-2.0',
  },
  {
    source: 'hl7-examples/r4-core/procedure-example-appendectomy-narrative.json',
    resource: {
      resourceType: 'Procedure',
      id: 'appendectomy-narrative',
      status: 'completed',
      subject: {
        reference: 'Patient/example',
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
    licence: 'HL7 FHIR licence (CC0)',
  },
  {
    source: 'ukcore/UKCore-Provenance-RARecordConsent-Example.json',
    resource: {
      resourceType: 'Provenance',
      id: 'UKCore-Provenance-RARecordConsent-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate provenance for a consent scenario</div>',
      },
      target: [
        {
          reference: 'Consent/UKCore-Consent-ForInformationAccess-Example',
        },
      ],
      recorded: '2022-03-01T10:05:33+00:00',
      agent: [
        {
          role: [
            {
              coding: [
                {
                  system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-SDSJobRoleName',
                  code: 'R0260',
                  display: 'General Medical Practitioner',
                },
              ],
            },
          ],
          who: {
            reference: 'Practitioner/UKCore-Practitioner-PaulRastall-Example',
            display: 'Dr Paul Rastall',
          },
          onBehalfOf: {
            reference: 'Organization/https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization',
            display: 'White Rose Medical Centre',
          },
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/UKCore-Questionnaire-InpatientSurvey-Example.json',
    resource: {
      resourceType: 'Questionnaire',
      id: 'UKCore-Questionnaire-InpatientSurvey-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate an in-patient questionnaire</div>',
      },
      url: 'https://example.com/base/Questionnaire/UKCore-Questionnaire-InpatientSurvey-Example',
      title: 'Inpatient Survey (Mock up)',
      status: 'draft',
      experimental: true,
      subjectType: ['Patient'],
      date: '2023-11-13T11:50:00+00:00',
      purpose: 'A questionnaire used as part of a survey of new patient admissions to Acute Medicine. Purely for demonstration purposes.',
      effectivePeriod: {
        start: '2023-11-13T11:50:00+00:00',
        end: '2023-12-13T11:50:00+00:00',
      },
      item: [
        {
          linkId: '1',
          text: 'Do you have allergies?',
          type: 'string',
        },
        {
          linkId: '2',
          text: 'General questions',
          type: 'group',
          item: [
            {
              linkId: '2.1',
              text: 'What is your gender?',
              type: 'string',
            },
            {
              linkId: '2.2',
              text: 'What is your date of birth?',
              type: 'date',
            },
            {
              linkId: '2.3',
              text: 'What is your country of birth?',
              type: 'string',
            },
            {
              linkId: '2.4',
              text: 'What is your marital status?',
              type: 'string',
            },
          ],
        },
        {
          linkId: '3',
          text: 'Intoxications',
          type: 'group',
          item: [
            {
              linkId: '3.1',
              text: 'Do you smoke?',
              type: 'boolean',
            },
            {
              linkId: '3.2',
              text: 'Do you drink alcohol?',
              type: 'boolean',
            },
          ],
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/UKCore-QuestionnaireResponse-FitnessForWork-Example.json',
    resource: {
      resourceType: 'QuestionnaireResponse',
      id: 'UKCore-QuestionnaireResponse-FitnessForWork-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a questionnaire response for a fitness to work form</div>',
      },
      questionnaire: 'https://example.com/base/Questionnaire/UKCore-Questionnaire-FitnessForWork-Example',
      status: 'completed',
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      encounter: {
        reference: 'Encounter/UKCore-Encounter-InpatientEncounter-Example',
      },
      authored: '2023-11-13T16:00:00+00:00',
      author: {
        reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example',
      },
      source: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      item: [
        {
          linkId: 'Q1',
          text: 'Assessment Date',
          answer: [
            {
              valueDate: '2023-11-13',
            },
          ],
        },
        {
          linkId: 'Q2',
          text: 'Condition(s)',
          item: [
            {
              linkId: 'Q2g',
              text: 'Condition (Coded)',
              answer: [
                {
                  valueCoding: {
                    system: 'http://snomed.info/sct',
                    code: '203082005',
                    display: 'Fibromyalgia',
                  },
                },
              ],
            },
          ],
        },
        {
          linkId: 'Q3',
          text: 'I find you',
          answer: [
            {
              valueCoding: {
                system: 'http://snomed.info/sct',
                code: '225891002',
                display: 'Fit for work with restrictions',
              },
            },
          ],
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/Extension-UKCore-EffectivePeriod-Example.json',
    resource: {
      resourceType: 'RelatedPerson',
      id: 'Extension-UKCore-EffectivePeriod-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate the recording of effective start and end dates for any resource</div>',
      },
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EffectivePeriod',
          valuePeriod: {
            start: '2007-03-04T00:00:00.000Z',
          },
        },
      ],
      patient: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/UKCore-RequestGroup-Ciprofloxacin-Example.json',
    resource: {
      resourceType: 'RequestGroup',
      id: 'UKCore-RequestGroup-Ciprofloxacin-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate the options for Ciprofloxacin when prescribing multiple routes</div>',
      },
      status: 'completed',
      intent: 'order',
      priority: 'routine',
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '33633005',
            display: 'Prescription of drug',
          },
        ],
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      authoredOn: '2023-06-15T15:00:00.000Z',
      author: {
        reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example',
      },
      action: [
        {
          type: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/action-type',
                code: 'create',
              },
            ],
          },
          selectionBehavior: 'any',
          action: [
            {
              id: 'UKCore-MedicationRequest-CiprofloxacinOral-Example',
              description: 'Ciprofloxacin 500mg, twice daily orally.',
              resource: {
                reference: 'MedicationRequest/UKCore-MedicationRequest-CiprofloxacinOral-Example',
              },
            },
            {
              id: 'UKCore-MedicationRequest-CiprofloxacinIV-Example',
              description: 'Ciprofloxacin 400mg, twice daily as IV.',
              resource: {
                reference: 'MedicationRequest/UKCore-MedicationRequest-CiprofloxacinIV-Example',
              },
            },
          ],
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/UKCore-Schedule-Immunization-Example.json',
    resource: {
      resourceType: 'Schedule',
      id: 'UKCore-Schedule-Immunization-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a schedule for immunization appointments</div>',
      },
      identifier: [
        {
          system: 'https://tools.ietf.org/html/rfc4122',
          value: '4c8b068a-d610-427f-a508-6b7f90d47bf2',
        },
      ],
      active: true,
      serviceCategory: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/service-category',
              code: '17',
              display: 'General Practice',
            },
          ],
        },
      ],
      serviceType: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '708190004',
              display: 'Immunology service',
            },
          ],
        },
      ],
      specialty: [
        {
          coding: [
            {
              system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode',
              code: '313',
              display: 'Clinical Immunology',
            },
          ],
        },
      ],
      actor: [
        {
          reference: 'Location/UKCore-Location-GeneralPracticeNurseClinic-Example',
          display: 'White Rose GP Practice Nurse Clinic',
        },
      ],
      planningHorizon: {
        start: '2021-10-13T11:20:00+07:00',
        end: '2021-10-13T11:50:00+07:00',
      },
      comment: 'The slots attached to this schedule should be specialized to cover immunizations within the clinic',
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/Extension-UKCore-Coverage-Example.json',
    resource: {
      resourceType: 'ServiceRequest',
      id: 'Extension-UKCore-Coverage-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate sending an NHS or Private funding category with a service request</div>',
      },
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-Coverage',
          valueCodeableConcept: {
            coding: [
              {
                system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-FundingCategory',
                code: 'private',
                display: 'Private',
              },
            ],
          },
        },
      ],
      status: 'active',
      _status: {},
      intent: 'order',
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/UKCore-Slot-AvailableWalkInVisit-Example.json',
    resource: {
      resourceType: 'Slot',
      id: 'UKCore-Slot-AvailableWalkInVisit-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a free / available slot for a walk in vaccination</div>',
      },
      identifier: [
        {
          system: 'https://tools.ietf.org/html/rfc4122',
          value: '4cc18add-5160-49bb-9995-0d0759751f8d',
        },
      ],
      serviceCategory: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '788007007',
              display: 'General practice service',
            },
          ],
        },
      ],
      serviceType: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '708190004',
              display: 'Immunology service',
            },
          ],
        },
      ],
      specialty: [
        {
          coding: [
            {
              system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode',
              code: '313',
              display: 'Clinical Immunology',
            },
          ],
        },
      ],
      appointmentType: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v2-0276',
            code: 'WALKIN',
            display: 'A previously unscheduled walk-in visit',
          },
        ],
      },
      schedule: {
        reference: 'Schedule/UKCore-Schedule-Immunization-Example',
      },
      status: 'free',
      start: '2022-12-20T11:20:00+07:00',
      end: '2022-12-20T11:40:00+07:00',
      comment: 'Assessments should be performed before requesting appointments in this slot.',
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'smart-health-cards/spec-smarthealth-cards/example-02-a-fhirBundle.json',
    resource: {
      resourceType: 'Specimen',
      accessionIdentifier: {
        system: 'http://acme.com/labs/accession-ids',
        value: '20150816-00124',
      },
      type: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '119364003',
          },
        ],
      },
      subject: {
        reference: 'resource:0',
      },
      collection: {
        collector: {
          reference: 'Practitioner/f202',
        },
        collectedDateTime: '2015-08-16T06:40:17Z',
      },
      container: [
        {
          type: {
            coding: [
              {
                system: 'http://acme.com/labs',
                code: 'SST',
              },
            ],
          },
        },
      ],
    },
    licence: 'CC0-1.0 / CC-BY-4.0 (see SOURCES.md)',
  },
  {
    source: 'ukcore/Extension-UKCore-SubscriptionParameters-Example.json',
    resource: {
      resourceType: 'Subscription',
      id: 'Extension-UKCore-SubscriptionParameters-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate identification and provision of API parameters in R4 Subscription.</div>',
      },
      extension: [
        {
          url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Subscription.content',
          valueCode: 'id-only',
        },
        {
          extension: [
            {
              url: 'name',
              valueString: 'Authorization',
            },
            {
              url: 'value',
              valueString: 'Bearer secret-token-abc-123',
            },
          ],
          url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Subscription.parameter',
        },
      ],
      status: 'active',
      end: '2025-03-13T13:17:18Z',
      reason: 'Subscription for a Change of GP event for patient',
      criteria:
        'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|8449303649&generalPractitioner=https://fhir.hl7.org.uk/Id/gmp-number|G9999999',
      channel: {
        type: 'rest-hook',
        endpoint: 'https://app.nhs.uk/change-of-gp-handler',
        payload: 'application/fhir+json',
      },
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
  {
    source: 'ukcore/UKCore-Task-Colonoscopy-Example.json',
    resource: {
      resourceType: 'Task',
      id: 'UKCore-Task-Colonoscopy-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a task for a colonoscopy request</div>',
      },
      identifier: [
        {
          system: 'https://tools.ietf.org/html/rfc4122',
          value: 'b269d1d7-1acf-47bb-8b3c-e38b583d9a07',
        },
      ],
      status: 'in-progress',
      intent: 'order',
      priority: 'routine',
      code: {
        coding: [
          {
            system: 'http://hl7.org/fhir/CodeSystem/task-code',
            code: 'fulfill',
            display: 'Fulfill the focal request',
          },
        ],
      },
      focus: {
        reference: 'ServiceRequest/UKCore-ServiceRequest-ColonoscopyRequest-Example',
        display: 'Colonoscopy Request',
      },
      for: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
        display: 'Richard Smith',
      },
      encounter: {
        reference: 'Encounter/UKCore-Encounter-InpatientEncounter-Example',
        display: 'In-Patient Encounter',
      },
      executionPeriod: {
        start: '2021-10-13T16:20:27+07:00',
        end: '2021-10-13T18:20:27+07:00',
      },
      authoredOn: '2021-10-13T16:20:27+07:00',
      lastModified: '2021-10-13T16:20:27+07:00',
      requester: {
        reference: 'Practitioner/UKCore-Practitioner-DoctorPaulRastall-Example',
        display: 'Dr Paul Rastall',
      },
      performerType: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '71838004',
              display: 'Gastroenterologist',
            },
          ],
          text: 'Performer',
        },
      ],
      owner: {
        reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example',
        display: 'Dr Sandra Gose',
      },
      restriction: {
        repetitions: 1,
        period: {
          end: '2021-10-13T18:30:00+07:00',
        },
      },
      output: [
        {
          type: {
            text: 'Colonoscopy Appointment',
          },
          valueReference: {
            reference: 'ServiceRequest/UKCore-ServiceRequest-ColonoscopyRequest-Example',
          },
        },
      ],
    },
    licence: 'Apache-2.0, © HL7 UK',
  },
];
