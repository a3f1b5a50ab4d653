/**
 * The AllergyIntolerance resources of the Synthea patient Carla Echevarría, copied verbatim from
 * fixtures/synthea/Carla_Echevarria_9a628ccd-2a55-4331-8e68-bb58458fd674.json (GitHub
 * smart-on-fhir/generated-sample-data@25ac8089). Licence: Apache-2.0; synthetic data.
 */
import type { FhirResource } from '../../fhir.ts';

export const CARLA_ALLERGIES: ReadonlyArray<{ readonly fullUrl?: string; readonly resource: FhirResource }> = [
  {
    fullUrl: 'urn:uuid:364c060f-05a5-46a7-a8a3-d3f2fcd14664',
    resource: {
      resourceType: 'AllergyIntolerance',
      id: '364c060f-05a5-46a7-a8a3-d3f2fcd14664',
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
          },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: 'confirmed',
          },
        ],
      },
      type: 'allergy',
      category: ['food'],
      criticality: 'low',
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '419474003',
            display: 'Allergy to mould',
          },
        ],
        text: 'Allergy to mould',
      },
      patient: {
        reference: 'urn:uuid:d8e20eac-1721-4a71-ba98-c23d32e75105',
      },
      recordedDate: '2010-05-31T22:53:17+00:00',
      meta: {
        tag: [
          {
            system: 'https://smarthealthit.org/tags',
            code: 'synthea-5-2019',
          },
        ],
      },
    },
  },
  {
    fullUrl: 'urn:uuid:743c4828-11a1-46b6-9fbc-4a5d8375a2e2',
    resource: {
      resourceType: 'AllergyIntolerance',
      id: '743c4828-11a1-46b6-9fbc-4a5d8375a2e2',
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
          },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: 'confirmed',
          },
        ],
      },
      type: 'allergy',
      category: ['food'],
      criticality: 'low',
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '232350006',
            display: 'House dust mite allergy',
          },
        ],
        text: 'House dust mite allergy',
      },
      patient: {
        reference: 'urn:uuid:d8e20eac-1721-4a71-ba98-c23d32e75105',
      },
      recordedDate: '2010-05-31T22:53:17+00:00',
      meta: {
        tag: [
          {
            system: 'https://smarthealthit.org/tags',
            code: 'synthea-5-2019',
          },
        ],
      },
    },
  },
  {
    fullUrl: 'urn:uuid:0b1de384-f38f-4fb3-b7f3-0f13861abc8e',
    resource: {
      resourceType: 'AllergyIntolerance',
      id: '0b1de384-f38f-4fb3-b7f3-0f13861abc8e',
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
          },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: 'confirmed',
          },
        ],
      },
      type: 'allergy',
      category: ['food'],
      criticality: 'low',
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '232347008',
            display: 'Dander (animal) allergy',
          },
        ],
        text: 'Dander (animal) allergy',
      },
      patient: {
        reference: 'urn:uuid:d8e20eac-1721-4a71-ba98-c23d32e75105',
      },
      recordedDate: '2010-05-31T22:53:17+00:00',
      meta: {
        tag: [
          {
            system: 'https://smarthealthit.org/tags',
            code: 'synthea-5-2019',
          },
        ],
      },
    },
  },
  {
    fullUrl: 'urn:uuid:17185749-82cd-4f3a-a433-986a04dd8ede',
    resource: {
      resourceType: 'AllergyIntolerance',
      id: '17185749-82cd-4f3a-a433-986a04dd8ede',
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
          },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: 'confirmed',
          },
        ],
      },
      type: 'allergy',
      category: ['food'],
      criticality: 'low',
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '418689008',
            display: 'Allergy to grass pollen',
          },
        ],
        text: 'Allergy to grass pollen',
      },
      patient: {
        reference: 'urn:uuid:d8e20eac-1721-4a71-ba98-c23d32e75105',
      },
      recordedDate: '2010-05-31T22:53:17+00:00',
      meta: {
        tag: [
          {
            system: 'https://smarthealthit.org/tags',
            code: 'synthea-5-2019',
          },
        ],
      },
    },
  },
  {
    fullUrl: 'urn:uuid:16df4458-9345-4289-90e4-5afac1568de8',
    resource: {
      resourceType: 'AllergyIntolerance',
      id: '16df4458-9345-4289-90e4-5afac1568de8',
      clinicalStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
            code: 'active',
          },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: 'confirmed',
          },
        ],
      },
      type: 'allergy',
      category: ['food'],
      criticality: 'low',
      code: {
        coding: [
          {
            system: 'http://snomed.info/sct',
            code: '419263009',
            display: 'Allergy to tree pollen',
          },
        ],
        text: 'Allergy to tree pollen',
      },
      patient: {
        reference: 'urn:uuid:d8e20eac-1721-4a71-ba98-c23d32e75105',
      },
      recordedDate: '2010-05-31T22:53:17+00:00',
      meta: {
        tag: [
          {
            system: 'https://smarthealthit.org/tags',
            code: 'synthea-5-2019',
          },
        ],
      },
    },
  },
];
