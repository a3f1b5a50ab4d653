/**
 * The codes that put a resource into a special category (DESIGN §3): mental health, sexual
 * health, genetics, safeguarding. docs/categories.md lists every one with its meaning and
 * source; a test keeps the two in step.
 *
 * The lists err on the side of protection: a resource that matches anything here goes to the
 * special category, which is shared only when a grant names it. The patient can move an entry
 * back if it was moved needlessly; the reverse mistake — a psychiatric diagnosis shared with
 * every clinician who can see the summary — cannot be undone.
 *
 * Sources: SNOMED CT International and UK editions (concept IDs and preferred terms); LOINC
 * (Regenstrief); ICD-10 (WHO, 2019) and ICD-10-CM (US); ICD-11 MMS (WHO) chapters; HL7
 * terminology (v3 ActCode information sensitivity policies, v2 table 0074); WHO ATC; the RCGP
 * safeguarding coding guidance for UK general practice and the Interweave care record flag types.
 * Codes that occur in the project's fixtures are marked "fixture" in docs/categories.md.
 */
import type { Category } from '../categories.ts';

/** The categories that are shared only when a grant names them. */
export type SpecialCategory = Extract<Category, 'mental-health' | 'sexual-health' | 'genetics' | 'safeguarding'>;

/** One code of a code system, with its display text. */
export interface ListedCode {
  readonly code: string;
  readonly display: string;
}

/**
 * A range of ICD codes by prefix: a code matches when its first characters (dots removed) fall
 * between `from` and `to` inclusive. `from: 'F00', to: 'F99'` is the whole of chapter V.
 */
export interface CodeRange {
  readonly from: string;
  readonly to: string;
  readonly display: string;
  /** Which edition defines the range: ICD-10 (WHO), ICD-10-CM, or both. */
  readonly edition: 'ICD-10' | 'ICD-10-CM' | 'ICD-10, ICD-10-CM' | 'ICD-11';
}

/** Everything that moves a resource into one special category. */
export interface SpecialCodeList {
  readonly category: SpecialCategory;
  readonly snomed: readonly ListedCode[];
  readonly loinc: readonly ListedCode[];
  readonly icd10: readonly CodeRange[];
  readonly icd11: readonly CodeRange[];
  /** HL7 v3 ActCode information sensitivity codes, found in `meta.security`. */
  readonly securityLabels: readonly ListedCode[];
  /** HL7 v2 table 0074 diagnostic service sections (DiagnosticReport.category). */
  readonly diagnosticSections: readonly ListedCode[];
  /** WHO ATC classes of medicines, matched by prefix. */
  readonly atc: readonly ListedCode[];
  /**
   * Profiles (`meta.profile`) and extensions (`extension.url`) that only resources of this
   * category carry, matched by prefix (`code` is the URL).
   */
  readonly markers: readonly ListedCode[];
}

const range = (from: string, to: string, display: string, edition: CodeRange['edition']): CodeRange => ({ from, to, display, edition });
const one = (code: string, display: string, edition: CodeRange['edition']): CodeRange => ({ from: code, to: code, display, edition });

export const MENTAL_HEALTH: SpecialCodeList = {
  category: 'mental-health',
  snomed: [
    { code: '74732009', display: 'Mental disorder' },
    { code: '35489007', display: 'Depressive disorder' },
    { code: '370143000', display: 'Major depressive disorder' },
    { code: '36923009', display: 'Major depression, single episode' },
    { code: '251000119105', display: 'Severe major depression, single episode' },
    { code: '161469008', display: 'History of depression' },
    { code: '231504006', display: 'Mixed anxiety and depressive disorder' },
    { code: '197480006', display: 'Anxiety disorder' },
    { code: '48694002', display: 'Anxiety' },
    { code: '21897009', display: 'Generalized anxiety disorder' },
    { code: '13746004', display: 'Bipolar disorder' },
    { code: '58214004', display: 'Schizophrenia' },
    { code: '69322001', display: 'Psychotic disorder' },
    { code: '47505003', display: 'Posttraumatic stress disorder' },
    { code: '191736004', display: 'Obsessive-compulsive disorder' },
    { code: '72366004', display: 'Eating disorder' },
    { code: '56882008', display: 'Anorexia nervosa' },
    { code: '78004001', display: 'Bulimia nervosa' },
    { code: '406506008', display: 'Attention deficit hyperactivity disorder' },
    { code: '52448006', display: 'Dementia' },
    { code: '386257007', display: 'Demential management' },
    { code: '850261000000100', display: 'Education about dementia' },
    { code: '7200002', display: 'Alcoholism' },
    { code: '66214007', display: 'Substance abuse' },
    { code: '26416006', display: 'Drug abuse' },
    { code: '5602001', display: 'Opioid abuse' },
    { code: '55680006', display: 'Drug overdose' },
    { code: '228366006', display: 'Finding relating to drug misuse behavior' },
    { code: '228390007', display: 'Frequency of drug misuse' },
    { code: '35637008', display: 'Alcohol rehabilitation' },
    { code: '6471006', display: 'Suicidal thoughts' },
    { code: '82313006', display: 'Suicide attempt' },
    { code: '225444004', display: 'At risk for suicide' },
    { code: '248062006', display: 'Self-injurious behavior' },
    { code: '171207006', display: 'Depression screening' },
    { code: '408467006', display: 'Adult mental illness' },
    { code: '384821006', display: 'Mental state, behavior and/or psychosocial function finding' },
    { code: '273513009', display: 'Health of the Nation Outcome Scale (generic version)' },
    { code: '281113000', display: 'Health of the Nation Outcome Scale - summated (generic version)' },
    { code: '281117004', display: 'Health of the Nation Outcome Scale item 3 - alcohol/drug problem' },
    { code: '281121006', display: 'Health of the Nation Outcome Scale item 7 - depressed mood' },
    { code: '281122004', display: 'Health of the Nation Outcome Scale item 8 - other mental/behavioral problems' },
    { code: '394587001', display: 'Psychiatry' },
    { code: '394588006', display: 'Pediatric (Child and adolescent) psychiatry' },
    { code: '394913002', display: 'Psychotherapy' },
  ],
  loinc: [
    { code: '44249-1', display: 'PHQ-9 quick depression assessment panel' },
    { code: '44261-6', display: 'Patient Health Questionnaire 9 item (PHQ-9) total score' },
    { code: '44250-9', display: 'Little interest or pleasure in doing things (PHQ)' },
    { code: '44255-8', display: 'Feeling down, depressed, or hopeless (PHQ)' },
    { code: '44259-0', display: 'Trouble falling or staying asleep, or sleeping too much (PHQ)' },
    { code: '44254-1', display: 'Feeling tired or having little energy (PHQ)' },
    { code: '44251-7', display: 'Poor appetite or overeating (PHQ)' },
    { code: '44258-2', display: 'Feeling bad about yourself (PHQ)' },
    { code: '44252-5', display: 'Trouble concentrating on things (PHQ)' },
    { code: '44253-3', display: 'Moving or speaking so slowly, or being so fidgety (PHQ)' },
    { code: '44260-8', display: 'Thoughts that you would be better off dead, or of hurting yourself (PHQ)' },
    { code: '55757-9', display: 'Patient Health Questionnaire 2 item (PHQ-2)' },
    { code: '55758-7', display: 'Patient Health Questionnaire 2 item (PHQ-2) total score' },
    { code: '69737-5', display: 'Generalized anxiety disorder 7 item (GAD-7)' },
    { code: '70274-6', display: 'Generalized anxiety disorder 7 item (GAD-7) total score' },
    { code: '69725-0', display: 'Feeling nervous, anxious or on edge (GAD-7)' },
    { code: '68509-9', display: 'Not been able to stop or control worrying (GAD-7)' },
    { code: '69733-4', display: 'Worrying too much about different things (GAD-7)' },
    { code: '69734-2', display: 'Trouble relaxing (GAD-7)' },
    { code: '69735-9', display: 'Being so restless that it is hard to sit still (GAD-7)' },
    { code: '69689-8', display: 'Becoming easily annoyed or irritable (GAD-7)' },
    { code: '69736-7', display: 'Feeling afraid as if something awful might happen (GAD-7)' },
    { code: '69729-2', display: 'Patient Health Questionnaire - Somatic, Anxiety, and Depressive Symptoms (PHQ-SADS)' },
    { code: '93038-8', display: 'Stress level' },
  ],
  icd10: [
    range('F00', 'F99', 'Mental and behavioural disorders (chapter V)', 'ICD-10, ICD-10-CM'),
    range('X60', 'X84', 'Intentional self-harm', 'ICD-10, ICD-10-CM'),
    one('R45.851', 'Suicidal ideations', 'ICD-10-CM'),
    one('T14.91', 'Suicide attempt', 'ICD-10-CM'),
    one('Z91.5', 'Personal history of self-harm', 'ICD-10, ICD-10-CM'),
    one('Z86.5', 'Personal history of other mental and behavioural disorders', 'ICD-10, ICD-10-CM'),
    one('Z81', 'Family history of mental and behavioural disorders', 'ICD-10, ICD-10-CM'),
    one('Z13.3', 'Screening examination for mental and behavioural disorders', 'ICD-10, ICD-10-CM'),
    one('Z04.6', 'General psychiatric examination, requested by authority', 'ICD-10, ICD-10-CM'),
    range('Z50.2', 'Z50.3', 'Alcohol and drug rehabilitation', 'ICD-10'),
    range('Z71.4', 'Z71.5', 'Alcohol and drug abuse counselling and surveillance', 'ICD-10, ICD-10-CM'),
  ],
  icd11: [range('6A00', '6E8Z', 'Mental, behavioural or neurodevelopmental disorders (chapter 06)', 'ICD-11')],
  securityLabels: [
    { code: 'PSY', display: 'psychiatry disorder information sensitivity' },
    { code: 'PSYTHPN', display: 'psychotherapy note information sensitivity' },
    { code: 'BH', display: 'behavioral health information sensitivity' },
    { code: 'ETH', display: 'substance abuse information sensitivity' },
    { code: 'SUD', display: 'substance use disorder information sensitivity' },
    { code: 'ETHUD', display: 'alcohol use disorder information sensitivity' },
    { code: 'OPIOIDUD', display: 'opioid use disorder information sensitivity' },
  ],
  diagnosticSections: [],
  atc: [],
  markers: [
    {
      code: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-LegalStatus',
      display: 'UK Core legal status of a patient under the Mental Health Act',
    },
  ],
};

export const SEXUAL_HEALTH: SpecialCodeList = {
  category: 'sexual-health',
  snomed: [
    { code: '86406008', display: 'Human immunodeficiency virus infection' },
    { code: '165816005', display: 'Human immunodeficiency virus positive' },
    { code: '62479008', display: 'Acquired immune deficiency syndrome' },
    { code: '8098009', display: 'Sexually transmitted infectious disease' },
    { code: '105629000', display: 'Chlamydial infection' },
    { code: '15628003', display: 'Gonorrhea' },
    { code: '76272004', display: 'Syphilis' },
    { code: '33839006', display: 'Genital herpes simplex' },
    { code: '165829005', display: 'Gonorrhea infection test' },
    { code: '269828009', display: 'Syphilis infection test' },
    { code: '310861008', display: 'Chlamydia antigen test' },
    { code: '13197004', display: 'Contraception' },
    { code: '65200003', display: 'Insertion of intrauterine contraceptive device' },
    { code: '68254000', display: 'Removal of intrauterine device' },
    { code: '169553002', display: 'Insertion of subcutaneous contraceptive' },
    { code: '301807007', display: 'Removal of subcutaneous contraceptive' },
    { code: '714812005', display: 'Induced termination of pregnancy' },
    { code: '386394001', display: 'Pregnancy termination care' },
    { code: '10383002', display: 'Counseling for termination of pregnancy' },
    { code: '454381000124105', display: 'Not sure of desire to become pregnant' },
  ],
  loinc: [
    { code: '75622-1', display: 'HIV 1 and 2 tests - Meaningful Use set' },
    { code: '56888-1', display: 'HIV 1+2 Ab+HIV1 p24 Ag [Presence] in Serum or Plasma by Immunoassay' },
    { code: '20447-9', display: 'HIV 1 RNA [#/volume] (viral load) in Serum or Plasma by NAA with probe detection' },
    { code: '25836-8', display: 'HIV 1 RNA [#/volume] (viral load) in Specimen by NAA with probe detection' },
    { code: '48551-2', display: 'HIV 1 RNA [Log #/volume] in Serum or Plasma' },
    { code: '43304-5', display: 'Chlamydia trachomatis rRNA [Presence] in Specimen by NAA with probe detection' },
    { code: '42931-6', display: 'Chlamydia trachomatis rRNA [Presence] in Urine by NAA with probe detection' },
    { code: '16600-9', display: 'Chlamydia trachomatis rRNA [Presence] in Genital specimen by Probe' },
    { code: '43305-2', display: 'Neisseria gonorrhoeae rRNA [Presence] in Specimen by NAA with probe detection' },
    { code: '60256-5', display: 'Neisseria gonorrhoeae rRNA [Presence] in Urine by NAA with probe detection' },
    { code: '45069-2', display: 'Chlamydia trachomatis+Neisseria gonorrhoeae rRNA [Presence] in Genital specimen by Probe' },
    { code: '20507-0', display: 'Reagin Ab [Presence] in Serum by RPR' },
    { code: '5292-8', display: 'Reagin Ab [Presence] in Serum by VDRL' },
    { code: '24110-9', display: 'Treponema pallidum Ab [Presence] in Serum by Immunoassay' },
    { code: '22587-0', display: 'Treponema pallidum Ab [Presence] in Serum' },
    { code: '76690-7', display: 'Sexual orientation' },
    { code: '76691-5', display: 'Gender identity' },
    { code: '86645-9', display: 'Pregnancy intention in the next year - Reported' },
  ],
  icd10: [
    range('A50', 'A64', 'Infections with a predominantly sexual mode of transmission', 'ICD-10, ICD-10-CM'),
    range('B20', 'B24', 'Human immunodeficiency virus [HIV] disease', 'ICD-10, ICD-10-CM'),
    one('Z21', 'Asymptomatic human immunodeficiency virus [HIV] infection status', 'ICD-10, ICD-10-CM'),
    one('R75', 'Inconclusive laboratory evidence of human immunodeficiency virus [HIV]', 'ICD-10, ICD-10-CM'),
    one('O98.7', 'Human immunodeficiency virus [HIV] disease complicating pregnancy, childbirth and the puerperium', 'ICD-10, ICD-10-CM'),
    one('Z20.2', 'Contact with and exposure to infections with a predominantly sexual mode of transmission', 'ICD-10, ICD-10-CM'),
    one('Z20.6', 'Contact with and exposure to human immunodeficiency virus [HIV]', 'ICD-10, ICD-10-CM'),
    range('Z11.3', 'Z11.4', 'Screening for sexually transmitted infections and for HIV', 'ICD-10, ICD-10-CM'),
    one('Z22.4', 'Carrier of infections with a predominantly sexual mode of transmission', 'ICD-10'),
    one('Z71.7', 'Human immunodeficiency virus [HIV] counselling', 'ICD-10, ICD-10-CM'),
    one('Z72.5', 'High risk sexual behaviour', 'ICD-10-CM'),
    one('Z70', 'Counselling related to sexual attitude, behaviour and orientation', 'ICD-10, ICD-10-CM'),
    one('Z30', 'Contraceptive management', 'ICD-10, ICD-10-CM'),
    one('Z97.5', 'Presence of (intrauterine) contraceptive device', 'ICD-10, ICD-10-CM'),
    range('O04', 'O07', 'Abortion and (complications following) termination of pregnancy', 'ICD-10, ICD-10-CM'),
    one('Z33.2', 'Encounter for elective termination of pregnancy', 'ICD-10-CM'),
    one('Z64.0', 'Problems related to unwanted pregnancy', 'ICD-10, ICD-10-CM'),
  ],
  icd11: [
    range('1A60', '1A9Z', 'Predominantly sexually transmitted infections', 'ICD-11'),
    range('1C60', '1C62', 'Human immunodeficiency virus disease', 'ICD-11'),
    range('HA00', 'HA8Z', 'Conditions related to sexual health (chapter 17)', 'ICD-11'),
  ],
  securityLabels: [
    { code: 'HIV', display: 'HIV/AIDS information sensitivity' },
    { code: 'STD', display: 'sexually transmitted disease information sensitivity' },
    { code: 'SEX', display: 'sexuality and reproductive health information sensitivity' },
  ],
  diagnosticSections: [],
  atc: [
    { code: 'G03A', display: 'Hormonal contraceptives for systemic use' },
    { code: 'G02B', display: 'Contraceptives for topical use (intrauterine and vaginal)' },
    { code: 'J05AE', display: 'Protease inhibitors (HIV)' },
    { code: 'J05AF', display: 'Nucleoside and nucleotide reverse transcriptase inhibitors' },
    { code: 'J05AG', display: 'Non-nucleoside reverse transcriptase inhibitors' },
    { code: 'J05AJ', display: 'Integrase inhibitors' },
    { code: 'J05AR', display: 'Antivirals for treatment of HIV infections, combinations' },
  ],
  markers: [],
};

export const GENETICS: SpecialCodeList = {
  category: 'genetics',
  snomed: [
    { code: '443529005', display: 'Screening for chromosomal aneuploidy in prenatal amniotic fluid' },
    { code: '412734009', display: 'BRCA1 gene mutation positive' },
    { code: '412736006', display: 'BRCA1 gene mutation negative' },
    { code: '412738007', display: 'BRCA2 gene mutation positive' },
    { code: '445180002', display: 'Breast cancer genetic marker of susceptibility negative' },
    { code: '41040004', display: 'Complete trisomy 21 syndrome' },
  ],
  loinc: [
    { code: '81247-9', display: 'Master HL7 genetic variant reporting panel' },
    { code: '51969-4', display: 'Genetic analysis report' },
    { code: '55233-1', display: 'Genetic analysis master panel' },
    { code: '55232-3', display: 'Genetic analysis summary panel' },
    { code: '69548-6', display: 'Genetic variant assessment' },
    { code: '51967-8', display: 'Genetic disease assessed' },
    { code: '53037-8', display: 'Genetic variation clinical significance' },
    { code: '48018-6', display: 'Gene studied [ID]' },
    { code: '81252-9', display: 'Discrete genetic variant' },
    { code: '48004-6', display: 'DNA change (c.HGVS)' },
    { code: '48005-3', display: 'Amino acid change (pHGVS)' },
    { code: '81290-9', display: 'Genomic DNA change (gHGVS)' },
    { code: '47998-0', display: 'Variant display name' },
    { code: '51958-7', display: 'Transcript reference sequence [ID]' },
    { code: '53041-0', display: 'DNA region name [Identifier]' },
  ],
  icd10: [
    range('Q90', 'Q99', 'Chromosomal abnormalities, not elsewhere classified', 'ICD-10, ICD-10-CM'),
    one('Z14', 'Genetic carrier', 'ICD-10-CM'),
    one('Z15', 'Genetic susceptibility to disease', 'ICD-10-CM'),
    one('Z13.7', 'Screening for congenital malformations, deformations and chromosomal abnormalities', 'ICD-10, ICD-10-CM'),
    range('Z31.43', 'Z31.44', 'Encounter for genetic testing (procreative management)', 'ICD-10-CM'),
    one('Z31.5', 'Genetic counselling', 'ICD-10, ICD-10-CM'),
    one('Z36.0', 'Antenatal screening for chromosomal anomalies', 'ICD-10, ICD-10-CM'),
    one('Z82.7', 'Family history of congenital malformations, deformations and chromosomal abnormalities', 'ICD-10, ICD-10-CM'),
    one('Z84.81', 'Family history of carrier of genetic disease', 'ICD-10-CM'),
  ],
  icd11: [],
  securityLabels: [{ code: 'GDIS', display: 'genetic disease information sensitivity' }],
  diagnosticSections: [
    { code: 'GE', display: 'Genetics' },
    { code: 'CG', display: 'Cytogenetics' },
  ],
  atc: [],
  markers: [
    {
      code: 'http://hl7.org/fhir/uv/genomics-reporting/',
      display: 'HL7 Genomics Reporting implementation guide (profiles and extensions)',
    },
    {
      code: 'http://hl7.org/fhir/StructureDefinition/observation-genetics',
      display: 'FHIR R4 genetics Observation profile and its extensions',
    },
    { code: 'http://hl7.org/fhir/StructureDefinition/hlaresult', display: 'FHIR R4 HLA genotyping results profile' },
  ],
};

export const SAFEGUARDING: SpecialCodeList = {
  category: 'safeguarding',
  snomed: [
    { code: '836881000000105', display: 'Child is cause for safeguarding concern' },
    { code: '1064961000000107', display: 'Child in family is safeguarding concern' },
    { code: '878111000000109', display: 'Unborn child is cause for safeguarding concern' },
    { code: '342191000000101', display: 'Subject to child protection plan' },
    { code: '375041000000100', display: 'Family member subject of child protection plan' },
    { code: '417430008', display: 'Vulnerable adult' },
    { code: '514331000000104', display: 'Adult safeguarding referral' },
    { code: '919461000000108', display: 'At risk of sexual exploitation' },
    { code: '1188261000000103', display: 'At risk of criminal exploitation' },
    { code: '761571000000106', display: 'At risk of financial abuse' },
    { code: '412732008', display: 'History of domestic violence' },
    { code: '90774003', display: 'Victim of physical assault' },
  ],
  loinc: [],
  icd10: [
    range('T74', 'T74', 'Maltreatment syndromes', 'ICD-10, ICD-10-CM'),
    range('T76', 'T76', 'Adult and child abuse, neglect and other maltreatment, suspected', 'ICD-10-CM'),
    range('Y05', 'Y07', 'Sexual assault by bodily force; neglect and abandonment; perpetrator of maltreatment', 'ICD-10'),
    range('Z04.4', 'Z04.5', 'Examination and observation following alleged rape, or other inflicted injury', 'ICD-10, ICD-10-CM'),
    one('Z04.7', 'Encounter for examination and observation following alleged physical abuse', 'ICD-10-CM'),
    range('Z61.4', 'Z61.6', 'Problems related to alleged sexual or physical abuse of child', 'ICD-10'),
    one('Z62.81', 'Personal history of abuse in childhood', 'ICD-10-CM'),
    one('Z91.41', 'Personal history of adult abuse', 'ICD-10-CM'),
    one('Z69', 'Encounter for mental health services for victim and perpetrator of abuse', 'ICD-10-CM'),
  ],
  icd11: [],
  securityLabels: [
    { code: 'SDV', display: 'sexual assault, abuse, or domestic violence information sensitivity' },
    { code: 'MST', display: 'military sexual trauma information sensitivity' },
  ],
  diagnosticSections: [],
  atc: [],
  markers: [],
};

/**
 * All lists, in the order that settles a resource matching several: safeguarding first (the
 * most dangerous to share, for instance with the person causing the harm), then sexual health,
 * mental health, genetics.
 */
export const SPECIAL_CODE_LISTS: readonly SpecialCodeList[] = [SAFEGUARDING, SEXUAL_HEALTH, MENTAL_HEALTH, GENETICS];
