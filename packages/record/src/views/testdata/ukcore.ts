/**
 * HL7 UK Core R4 example resources, copied verbatim from fixtures/ukcore/<id>.json (GitHub
 * NHSDigital/FHIR-R4-UKCORE-STAGING-MAIN@55dd5f7e examples/<id>.xml, converted XML→JSON with
 * fhir@4.12.0 as described in fixtures/SOURCES.md). Licence: Apache-2.0, © HL7 UK.
 */
import type { FhirResource } from '../../fhir.ts';

export const UKCORE: ReadonlyArray<{ readonly fullUrl?: string; readonly resource: FhirResource }> = [
  {
    resource: {
      resourceType: 'Observation',
      id: 'UKCore-Observation-VitalSigns-BloodPressure-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a blood pressure measurement vital signs observation</div>',
      },
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
            system: 'http://snomed.info/sct',
            code: '75367002',
            display: 'Blood pressure',
          },
          {
            system: 'http://loinc.org',
            code: '85354-9',
            display: 'Blood pressure panel with all children optional',
          },
        ],
        text: 'Blood pressure',
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      effectiveDateTime: '2023-08-10',
      performer: [
        {
          reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example',
        },
      ],
      bodySite: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '40983000',
            display: 'Structure of upper extremity between shoulder and elbow',
          },
        ],
        text: 'Structure of upper extremity between shoulder and elbow',
      },
      component: [
        {
          code: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '72313002',
                display: 'Systolic arterial pressure',
              },
              {
                system: 'http://loinc.org',
                code: '8480-6',
                display: 'Systolic blood pressure',
              },
            ],
            text: 'Systolic blood pressure',
          },
          valueQuantity: {
            value: 142,
            unit: 'millimeter of mercury',
            system: 'http://unitsofmeasure.org',
            code: 'mm[Hg]',
          },
        },
        {
          code: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '1091811000000102',
                display: 'Diastolic arterial pressure',
              },
              {
                system: 'http://loinc.org',
                code: '8462-4',
                display: 'Diastolic blood pressure',
              },
            ],
            text: 'Diastolic blood pressure',
          },
          valueQuantity: {
            value: 94,
            unit: 'millimeter of mercury',
            system: 'http://unitsofmeasure.org',
            code: 'mm[Hg]',
          },
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'Observation',
      id: 'UKCore-Observation-Lab-Albumin-Example',
      meta: {
        profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation'],
      },
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">This is a FHIR Observation representing a laboratory test for a patient\'s serum albumin level. It includes test codes from UK reference sets, the measured value, the performing laboratory, the date of issue, and a reference range to interpret the result.</div>',
      },
      identifier: [
        {
          system: 'https://tools.ietf.org/html/rfc4122',
          value: '78443cb9-f248-44ef-9e6b-37fc4a592c1b',
        },
      ],
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'laboratory',
              display: 'Laboratory',
            },
          ],
        },
      ],
      code: {
        coding: [
          {
            extension: [
              {
                url: 'http://hl7.org/fhir/StructureDefinition/valueset-reference',
                valueUri: 'https://fhir.hl7.org.uk/ValueSet/UKCore-PathologyBoundedCodeListObservables',
              },
            ],
            system: 'http://snomed.info/sct',
            code: '1000821000000103',
            display: 'Serum albumin level',
          },
          {
            extension: [
              {
                url: 'http://hl7.org/fhir/StructureDefinition/valueset-reference',
                valueUri: 'https://fhir.hl7.org.uk/ValueSet/UKCore-PathologyAndLaboratoryMedicineObservables',
              },
            ],
            system: 'http://snomed.info/sct',
            code: '1105861000000106',
            display: 'Albumin mass concentration in serum',
          },
        ],
      },
      subject: {
        reference: 'urn:uuid:ab87a3f8-1d37-44a9-804e-5e962598a6e4',
        display: 'WELSH, Joel',
      },
      issued: '2022-03-08T14:23:00+00:00',
      performer: [
        {
          reference: 'urn:uuid:8a6d85b8-9837-4fed-a257-4cf207988338',
          display: 'TD008362 PATH LAB 001',
        },
      ],
      valueQuantity: {
        value: 47,
        unit: 'g/L',
        system: 'http://unitsofmeasure.org',
        code: 'g/L',
      },
      specimen: {
        reference: 'urn:uuid:bab0eaec-1ec5-4598-b660-90bb38a1030d',
      },
      referenceRange: [
        {
          low: {
            value: 35,
            unit: 'g/L',
            system: 'http://unitsofmeasure.org',
            code: 'g/L',
          },
          high: {
            value: 50,
            unit: 'g/L',
            system: 'http://unitsofmeasure.org',
            code: 'g/L',
          },
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'Observation',
      id: 'UKCore-Observation-Lab-RedCellCount-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate the observation of a red cell count for a blood specimen</div>',
      },
      identifier: [
        {
          system: 'https://tools.ietf.org/html/rfc4122',
          value: 'fcd8af5a-18a0-4d0b-8c79-5b6bdf55fb32',
        },
      ],
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'laboratory',
              display: 'Laboratory',
            },
          ],
        },
      ],
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '58571000237106',
            display: 'Nucleated red blood cell count in blood',
          },
        ],
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      performer: [
        {
          reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example',
        },
      ],
      valueQuantity: {
        value: 3.9,
        unit: '10*12/L',
        system: 'http://unitsofmeasure.org',
      },
      specimen: {
        reference: 'Specimen/UKCore-Specimen-BloodSpecimen-Example',
      },
      referenceRange: [
        {
          low: {
            value: 4,
          },
          high: {
            value: 5.9,
          },
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'Observation',
      id: 'UKCore-Observation-Lab-WhiteCellCount-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate the observation of a white cell count for a blood specimen</div>',
      },
      identifier: [
        {
          system: 'https://tools.ietf.org/html/rfc4122',
          value: '3b809516-a294-4de9-a4ce-0c24c7b5f796',
        },
      ],
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'laboratory',
              display: 'Laboratory',
            },
          ],
        },
      ],
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '16181000237107',
            display: 'White blood cell count in fluid',
          },
        ],
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      performer: [
        {
          reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example',
        },
      ],
      valueQuantity: {
        value: 11.2,
        unit: '10*9/L',
        system: 'http://unitsofmeasure.org',
      },
      specimen: {
        reference: 'Specimen/UKCore-Specimen-BloodSpecimen-Example',
      },
      referenceRange: [
        {
          low: {
            value: 4,
          },
          high: {
            value: 17,
          },
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'Observation',
      id: 'UKCore-Observation-Group-FullBloodCount-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a full blood count using multiple lab observation references</div>',
      },
      identifier: [
        {
          system: 'https://tools.ietf.org/html/rfc4122',
          value: '53dd97da-082c-450d-a47d-3ffa44941a68',
        },
      ],
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'laboratory',
              display: 'Laboratory',
            },
          ],
        },
      ],
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '26604007',
            display: 'Full blood count',
          },
        ],
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      hasMember: [
        {
          reference: 'Observation/UKCore-Observation-Lab-WhiteCellCount-Example',
        },
        {
          reference: 'Observation/UKCore-Observation-Lab-RedCellCount-Example',
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'Observation',
      id: 'UKCore-Observation-24HourBloodPressure-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate an average blood pressure over 24 hours</div>',
      },
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
            system: 'http://snomed.info/sct',
            code: '314463006',
            display: '24 hour blood pressure',
          },
        ],
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      effectiveDateTime: '2023-03-10',
      performer: [
        {
          reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example',
        },
      ],
      component: [
        {
          code: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '314464000',
                display: '24 hour systolic blood pressure',
              },
            ],
            text: 'Systolic blood pressure',
          },
          valueQuantity: {
            value: 102,
            unit: 'millimeter of mercury',
            system: 'http://unitsofmeasure.org',
            code: 'mm[Hg]',
          },
        },
        {
          code: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '314465004',
                display: '24 hour diastolic blood pressure',
              },
            ],
            text: 'Diastolic blood pressure',
          },
          valueQuantity: {
            value: 84,
            unit: 'millimeter of mercury',
            system: 'http://unitsofmeasure.org',
            code: 'mm[Hg]',
          },
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'Appointment',
      id: 'UKCore-Appointment-OrthopaedicSurgery-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate n orthopaedic surgery appointment</div>',
      },
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization',
          valueReference: {
            reference: 'Organization/UKCore-Organization-WhiteRoseMedicalCentre-Example',
            type: 'Organization',
          },
        },
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
      identifier: [
        {
          system: 'https://tools.ietf.org/html/rfc4122',
          value: 'e7c54d06-c5b5-4ecb-91c3-5c1e68d3b923',
        },
      ],
      status: 'booked',
      serviceCategory: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/service-category',
              code: '31',
              display: 'Specialist Surgical',
            },
          ],
        },
      ],
      serviceType: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/service-type',
              code: '218',
              display: 'Orthopaedic Surgery',
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
          reference: 'Condition/UKCore-Condition-HipReplacement-Example',
          display: 'Pain in both hips',
        },
      ],
      priority: 1,
      description: 'Appointment to investigate the pain in both hips',
      start: '2022-03-11T10:46:00+00:00',
      end: '2022-03-11T13:20:00+00:00',
      created: '2022-02-14',
      comment: 'Further expand on the results of the X-ray and determine the next actions that may be appropriate.',
      patientInstruction: 'Please do not eat anything for 1 hour prior to the appointment.',
      basedOn: [
        {
          reference: 'ServiceRequest/UKCore-ServiceRequest-HipReplacement-Example',
        },
      ],
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
  },
  {
    resource: {
      resourceType: 'DocumentReference',
      id: 'UKCore-DocumentReference-CarePlanReportPDF-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustratea document reference for a care plan report PDF</div>',
      },
      status: 'current',
      type: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '734163000',
            display: 'Care plan',
          },
        ],
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      date: '2016-03-08T15:26:00+01:00',
      author: [
        {
          reference: 'Practitioner/UKCore-Practitioner-SandraGose-Example',
        },
      ],
      custodian: {
        reference: 'Organization/UKCore-Organisation-LeedsTeachingHospital-Example',
      },
      content: [
        {
          attachment: {
            contentType: 'application/pdf',
            url: 'https://health.trust.uk/CarePlanReport_44301kfgd.pdf',
            title: 'Care Plan Report',
            creation: '2016-03-08T15:26:00+01:00',
          },
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'Encounter',
      id: 'UKCore-Encounter-InpatientEncounter-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate an inpatient encounter</div>',
      },
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DischargeMethod',
          valueCodeableConcept: {
            coding: [
              {
                system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeMethodEngland',
                code: '1',
                display: 'Patient discharged on clinical advice or with clinical consent',
              },
            ],
          },
        },
      ],
      identifier: [
        {
          system: 'https://tools.ietf.org/html/rfc4122',
          value: '6f40cebe-7b55-461d-9d7f-eadb4c065762',
        },
      ],
      status: 'finished',
      class: {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
        code: 'IMP',
        display: 'inpatient encounter',
      },
      type: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '185212007',
              display: 'Seen in hospital ward',
            },
          ],
        },
      ],
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      participant: [
        {
          type: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                  code: 'ATND',
                  display: 'attender',
                },
              ],
            },
          ],
          individual: {
            reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example',
          },
        },
      ],
      period: {
        start: '2019-12-10T13:00:00+00:00',
        end: '2019-12-11T13:00:00+00:00',
      },
      reasonCode: [
        {
          coding: [
            {
              system: 'http://snomed.info/sct',
              code: '7922000',
              display: 'General treatment',
            },
          ],
        },
      ],
      hospitalization: {
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AdmissionMethod',
            valueCodeableConcept: {
              coding: [
                {
                  system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdmissionMethodEngland',
                  code: '13',
                  display: 'Elective Admission: Planned',
                },
              ],
            },
          },
        ],
        dischargeDisposition: {
          coding: [
            {
              system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-DischargeDestinationEngland',
              code: '19',
              display:
                'Usual place of residence unless listed below, for example, a private dwelling whether owner occupied or owned by Local Authority, housing association or other landlord. This includes wardened accommodation but not residential accommodation where health care is provided. It also includes Patients with no fixed abode.',
            },
          ],
        },
      },
      location: [
        {
          location: {
            reference: 'Location/UKCore-Location-CardiologySJUH-Example',
          },
        },
      ],
      serviceProvider: {
        reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example',
      },
    },
  },
  {
    resource: {
      resourceType: 'Immunization',
      id: 'UKCore-Immunization-InfluenzaVaccine-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a vaccination for flu</div>',
      },
      status: 'completed',
      vaccineCode: {
        coding: [
          {
            system: 'https://dmd.nhs.uk',
            code: '11278411000001109',
            display: 'Influenza vaccine (split virion, inactivated) suspension for injection 0.5ml pre-filled syringes (Pfizer Ltd)',
          },
        ],
      },
      patient: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      occurrenceDateTime: '2013-01-10',
      location: {
        reference: 'Location/UKCore-Location-GeneralPracticeNurseClinic-Example',
      },
    },
  },
  {
    resource: {
      resourceType: 'AllergyIntolerance',
      id: 'UKCore-AllergyIntolerance-EnteredInError-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate an allergy that was entered in error</div>',
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: 'entered-in-error',
            display: 'Entered in Error',
          },
        ],
      },
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '372687004',
            display: 'Amoxicillin',
          },
        ],
      },
      patient: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      encounter: {
        reference: 'Encounter/UKCore-Encounter-InpatientEncounter-Example',
      },
      recordedDate: '2019-12-10T13:00:00+00:00',
      recorder: {
        reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example',
      },
      asserter: {
        reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example',
      },
    },
  },
  {
    resource: {
      resourceType: 'AllergyIntolerance',
      id: 'UKCore-AllergyIntolerance-Amoxicillin-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate an allergy to Amoxicillin</div>',
      },
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
            code: '372687004',
            display: 'Amoxicillin',
          },
        ],
      },
      patient: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      encounter: {
        reference: 'Encounter/UKCore-Encounter-InpatientEncounter-Example',
      },
      recordedDate: '2019-12-10T13:00:00+00:00',
      recorder: {
        reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example',
      },
      asserter: {
        reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example',
      },
      reaction: [
        {
          manifestation: [
            {
              coding: [
                {
                  system: 'http://snomed.info/sct',
                  code: '247472004',
                  display: 'Urticarial rash',
                },
              ],
            },
          ],
          severity: 'mild',
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'MedicationRequest',
      id: 'UKCore-MedicationRequest-Amoxicillin-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate the option for Amoxicillin when prescribing multiple routes</div>',
      },
      status: 'completed',
      intent: 'option',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category',
              code: 'inpatient',
              display: 'Inpatient',
            },
          ],
        },
      ],
      medicationCodeableConcept: {
        coding: [
          {
            system: 'https://dmd.nhs.uk',
            code: '39732411000001106',
            display: 'Amoxicillin 500mg capsules',
          },
        ],
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      authoredOn: '2023-06-15T15:00:00.000Z',
      requester: {
        reference: 'Practitioner/UKCore-Practitioner-ConsultantSandraGose-Example',
      },
      courseOfTherapyType: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy',
            code: 'acute',
            display: 'Short course (acute) therapy',
          },
        ],
      },
      dosageInstruction: [
        {
          text: '500mg - three times a day.',
          additionalInstruction: [
            {
              coding: [
                {
                  system: 'http://snomed.info/sct',
                  code: '890458001',
                  display: 'Penicillin-containing product',
                },
              ],
            },
          ],
          timing: {
            repeat: {
              frequency: 3,
              period: 1,
              periodUnit: 'd',
            },
          },
          site: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '738956005',
                display: 'Oral',
              },
            ],
          },
          route: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '26643006',
                display: 'Oral',
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
              doseQuantity: {
                value: 500,
                unit: 'milligram',
                system: 'http://unitsofmeasure.org',
                code: 'mg',
              },
            },
          ],
        },
      ],
      substitution: {
        allowedBoolean: false,
      },
    },
  },
  {
    resource: {
      resourceType: 'Medication',
      id: 'UKCore-Medication-Sn-Amoxicillin-Example',
      code: {
        coding: [
          {
            system: 'https://dmd.nhs.uk/',
            code: '323509004',
            display: 'Amoxicillin 250mg capsules',
            userSelected: true,
          },
        ],
      },
    },
  },
  {
    resource: {
      resourceType: 'Patient',
      id: 'UKCore-Patient-RichardSmith-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a generic patient</div>',
      },
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
          valueCodeableConcept: {
            coding: [
              {
                system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
                code: 'G',
                display: 'Mixed - Any other mixed background',
              },
            ],
          },
        },
        {
          extension: [
            {
              url: 'PreferredContactMethod',
              valueCodeableConcept: {
                coding: [
                  {
                    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PreferredContactMethod',
                    code: '3',
                    display: 'Telephone',
                  },
                ],
              },
            },
            {
              url: 'PreferredContactTimes',
              valueTiming: {
                repeat: {
                  frequency: 1,
                  period: 1,
                  periodUnit: 'd',
                  dayOfWeek: ['mon', 'wed', 'fri'],
                  when: ['MORN'],
                },
              },
            },
            {
              url: 'PreferredWrittenCommunicationFormat',
              valueCodeableConcept: {
                coding: [
                  {
                    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PreferredWrittenCommunicationFormat',
                    code: '11',
                    display: 'Large print',
                  },
                ],
              },
            },
          ],
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactPreference',
        },
        {
          extension: [
            {
              url: 'deathNotificationStatus',
              valueCodeableConcept: {
                coding: [
                  {
                    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-DeathNotificationStatus',
                    code: 'U',
                    display: 'Removed',
                  },
                ],
              },
            },
            {
              url: 'systemEffectiveDate',
              valueDateTime: '2019-08-01T00:00:00.000Z',
            },
          ],
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus',
        },
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ResidentialStatus',
          valueCodeableConcept: {
            coding: [
              {
                system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-ResidentialStatus',
                code: 'H',
                display: 'UK Resident',
              },
            ],
          },
        },
      ],
      identifier: [
        {
          extension: [
            {
              url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
              valueCodeableConcept: {
                coding: [
                  {
                    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
                    code: '01',
                    display: 'Number present and verified',
                  },
                ],
              },
            },
          ],
          system: 'https://fhir.nhs.uk/Id/nhs-number',
          value: '9912003888',
        },
      ],
      name: [
        {
          use: 'official',
          family: 'SMITH',
          given: ['Richard'],
        },
      ],
      telecom: [
        {
          system: 'phone',
          value: '01131231234',
        },
      ],
      gender: 'male',
      birthDate: '1970-09-11',
      address: [
        {
          line: ['4 Sandmoor Drive'],
          city: 'LEEDS',
          postalCode: 'LS17 7DF',
        },
      ],
      contact: [
        {
          extension: [
            {
              url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactRank',
              valuePositiveInt: 1,
            },
            {
              url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-CopyCorrespondenceIndicator',
              valueBoolean: true,
            },
          ],
          relationship: [
            {
              coding: [
                {
                  system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole',
                  code: 'Personal',
                  display: 'Personal relationship with the patient',
                },
              ],
            },
          ],
          name: {
            use: 'official',
            text: 'JACKSON Jane (Miss)',
            family: 'Jackson',
            given: ['Jane'],
            prefix: ['Miss'],
          },
          telecom: [
            {
              system: 'phone',
              value: '07777123123',
              use: 'mobile',
            },
          ],
          address: {
            use: 'home',
            type: 'physical',
            line: ['5 Alwoodley Road'],
            city: 'LEEDS',
            postalCode: 'LS17 6EH',
          },
          gender: 'female',
        },
      ],
      communication: [
        {
          language: {
            coding: [
              {
                system: 'urn:ietf:bcp:47',
                code: 'bfi',
                display: 'British Sign Language',
              },
              {
                system: 'http://snomed.info/sct',
                code: '703963007',
                display: 'Makaton vocabulary',
              },
            ],
          },
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'Practitioner',
      id: 'UKCore-Practitioner-ConsultantSandraGose-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a practitioner who is a consultant</div>',
      },
      identifier: [
        {
          system: 'https://fhir.hl7.org.uk/Id/gmc-number',
          value: 'C12345678',
        },
      ],
      name: [
        {
          family: 'Gose',
          given: ['Sandra'],
          prefix: ['Mrs'],
        },
      ],
      telecom: [
        {
          system: 'phone',
          value: '0113 6323211',
          use: 'work',
        },
      ],
      address: [
        {
          line: ['Admissions Department', "ST. JAMES'S UNIVERSITY HOSPITAL", 'BECKETT STREET'],
          city: 'LEEDS',
          postalCode: 'LS9 7TF',
          country: 'ENGLAND',
        },
      ],
      gender: 'female',
    },
  },
  {
    resource: {
      resourceType: 'Location',
      id: 'UKCore-Location-HospitalSJUH-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a hospital location</div>',
      },
      identifier: [
        {
          system: 'https://fhir.nhs.uk/Id/ods-site-code',
          value: 'RR813',
        },
      ],
      name: "ST JAMES'S UNIVERSITY HOSPITAL",
      type: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
              code: 'HOSP',
              display: 'Hospital',
            },
          ],
        },
      ],
      telecom: [
        {
          system: 'phone',
          value: '0113 243 3144',
        },
      ],
      address: {
        line: ["ST. JAMES'S UNIVERSITY HOSPITAL", 'BECKETT STREET'],
        city: 'LEEDS',
        postalCode: 'LS9 7TF',
        country: 'ENGLAND',
      },
      managingOrganization: {
        reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example',
      },
    },
  },
  {
    resource: {
      resourceType: 'Organization',
      id: 'UKCore-Organization-LeedsTeachingHospital-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate an NHS Trust organisation</div>',
      },
      identifier: [
        {
          use: 'official',
          system: 'https://fhir.nhs.uk/Id/ods-organization-code',
          value: 'RR8',
        },
      ],
      name: 'LEEDS TEACHING HOSPITALS NHS TRUST',
      telecom: [
        {
          system: 'phone',
          value: '0113 243 3144',
        },
      ],
      address: [
        {
          line: ["ST. JAMES'S UNIVERSITY HOSPITAL", 'BECKETT STREET'],
          city: 'LEEDS',
          postalCode: 'LS9 7TF',
          country: 'ENGLAND',
        },
      ],
    },
  },
  {
    resource: {
      resourceType: 'Condition',
      id: 'UKCore-Condition-HipReplacement-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a patient with an issue with their hip replacement</div>',
      },
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
            code: 'active',
            display: 'Active',
          },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
            code: 'confirmed',
            display: 'Confirmed',
          },
        ],
      },
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-category',
              code: 'encounter-diagnosis',
              display: 'Encounter Diagnosis',
            },
          ],
        },
      ],
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '281445000',
            display: 'Loosening of total hip replacement',
          },
        ],
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
    },
  },
  {
    resource: {
      resourceType: 'Procedure',
      id: 'UKCore-Procedure-ExaminationOfSkin-Example',
      text: {
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml">An example to illustrate a skin examination procedure</div>',
      },
      status: 'completed',
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '128004',
            display: 'Hand microscope examination of skin',
          },
        ],
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      performedDateTime: '2019-12-10T13:00:00+00:00',
    },
  },
  {
    resource: {
      resourceType: 'Observation',
      id: 'UKCore-Observation-Lab-Sn-AbsentData-Example',
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'laboratory',
              display: 'Laboratory',
            },
          ],
        },
      ],
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '58571000237106',
            display: 'Nucleated red blood cell count in blood',
          },
        ],
      },
      subject: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
      performer: [
        {
          reference: 'Organization/UKCore-Organization-LeedsTeachingHospital-Example',
        },
      ],
      dataAbsentReason: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
            code: 'as-text',
          },
        ],
        text: 'Specimen unsatisfactory for evaluation',
      },
      specimen: {
        reference: 'Specimen/UKCore-Specimen-BloodSpecimen-Example',
      },
    },
  },
  {
    resource: {
      resourceType: 'AllergyIntolerance',
      id: 'UKCore-AllergyIntolerance-Sn-NegHandlNoKnownAllergies-Example',
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
            code: '409137002',
            display: 'No known drug allergy (situation)',
          },
        ],
      },
      patient: {
        reference: 'Patient/UKCore-Patient-RichardSmith-Example',
      },
    },
  },
];
