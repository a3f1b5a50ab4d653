/**
 * Plain names for common tests and measurements. Lab systems name tests in LOINC's technical
 * words ("Hemoglobin A1c/Hemoglobin.total in Blood"); a patient knows them as "HbA1c". Only a
 * code listed here gets a plain name; every other test keeps the name its source gave it.
 */
import { LOINC, SNOMED, codings, conceptText } from './fhir-read.ts';

/** LOINC codes of blood pressure panels (systolic and diastolic as components). */
export const BP_PANEL_CODES: readonly string[] = ['85354-9', '55284-4', '35094-2'];
/** SNOMED CT codes UK GP systems use for a blood pressure reading. */
export const BP_PANEL_SNOMED: readonly string[] = ['75367002', '163020007'];
export const SYSTOLIC_LOINC = '8480-6';
export const DIASTOLIC_LOINC = '8462-4';
const SYSTOLIC_SNOMED = ['271649006', '72313002', '163030003'];
const DIASTOLIC_SNOMED = ['271650006', '1091811000000102', '163031004'];

const HBA1C = 'HbA1c (average blood sugar)';
const GLUCOSE = 'Blood sugar (glucose)';
const CHOLESTEROL = 'Cholesterol';
const LDL = 'LDL cholesterol';
const HDL = 'HDL (good) cholesterol';
const TRIGLYCERIDES = 'Triglycerides';
const EGFR = 'Kidney function (eGFR)';
const CREATININE = 'Creatinine';

const BY_LOINC: Readonly<Record<string, string>> = {
  '85354-9': 'Blood pressure',
  '55284-4': 'Blood pressure',
  '35094-2': 'Blood pressure',
  '8480-6': 'Systolic blood pressure',
  '8462-4': 'Diastolic blood pressure',
  '29463-7': 'Weight',
  '3141-9': 'Weight',
  '8302-2': 'Height',
  '8306-3': 'Length (lying down)',
  '39156-5': 'Body mass index (BMI)',
  '8867-4': 'Heart rate (pulse)',
  '9279-1': 'Breathing rate',
  '8310-5': 'Temperature',
  '2708-6': 'Oxygen level (SpO2)',
  '59408-5': 'Oxygen level (SpO2)',
  '19935-6': 'Peak flow',
  '8287-5': 'Head circumference',
  '9843-4': 'Head circumference',
  '72514-3': 'Pain score',
  '4548-4': HBA1C,
  '17856-6': HBA1C,
  '59261-8': HBA1C,
  '41995-2': HBA1C,
  '2339-0': GLUCOSE,
  '2345-7': GLUCOSE,
  '15074-8': GLUCOSE,
  '14749-6': GLUCOSE,
  '14743-9': 'Blood sugar (finger-prick)',
  '41653-7': 'Blood sugar (finger-prick)',
  '2093-3': CHOLESTEROL,
  '14647-2': CHOLESTEROL,
  '35200-5': CHOLESTEROL,
  '2085-9': HDL,
  '14646-4': HDL,
  '18262-6': LDL,
  '13457-7': LDL,
  '2089-1': LDL,
  '22748-8': LDL,
  '2571-8': TRIGLYCERIDES,
  '14927-8': TRIGLYCERIDES,
  '35217-9': TRIGLYCERIDES,
  '33914-3': EGFR,
  '62238-1': EGFR,
  '48642-3': EGFR,
  '48643-1': EGFR,
  '69405-9': EGFR,
  '98979-8': EGFR,
  '38483-4': CREATININE,
  '2160-0': CREATININE,
  '14682-9': CREATININE,
  '718-7': 'Haemoglobin',
  '6690-2': 'White blood cells',
  '26464-8': 'White blood cells',
  '789-8': 'Red blood cells',
  '26453-1': 'Red blood cells',
  '777-3': 'Platelets',
  '26515-7': 'Platelets',
  '2947-0': 'Sodium',
  '2951-2': 'Sodium',
  '6298-4': 'Potassium',
  '2823-3': 'Potassium',
  '6299-2': 'Urea nitrogen (BUN)',
  '3094-0': 'Urea nitrogen (BUN)',
  '22664-7': 'Urea',
  '1742-6': 'ALT (liver)',
  '1920-8': 'AST (liver)',
  '1975-2': 'Bilirubin',
  '1751-7': 'Albumin',
  '3016-3': 'TSH (thyroid)',
  '2132-9': 'Vitamin B12',
  '2276-4': 'Ferritin',
  '1988-5': 'CRP (inflammation)',
  '14959-1': 'Urine albumin (ACR)',
  '9318-7': 'Urine albumin (ACR)',
  '75325-1': 'Symptom',
  '61150-9': 'Note',
  '72166-2': 'Smoking',
};

const BY_SNOMED: Readonly<Record<string, string>> = {
  '75367002': 'Blood pressure',
  '163020007': 'Blood pressure',
  '27113001': 'Weight',
  '50373000': 'Height',
  '60621009': 'Body mass index (BMI)',
  '364075005': 'Heart rate (pulse)',
  '86290005': 'Breathing rate',
  '386725007': 'Temperature',
  '431314004': 'Oxygen level (SpO2)',
  '999791000000106': HBA1C,
};

/**
 * The plain name of a test by its code: a listed LOINC or SNOMED CT code gets its plain name,
 * anything else the text or display its source gave.
 *
 * @example
 * plainTestName({ coding: [{ system: 'http://loinc.org', code: '4548-4' }] }) // 'HbA1c (average blood sugar)'
 */
export function plainTestName(code: unknown): string | undefined {
  for (const coding of codings(code)) {
    if (!coding.code) continue;
    if (coding.system === LOINC && BY_LOINC[coding.code]) return BY_LOINC[coding.code];
    if (coding.system === SNOMED && BY_SNOMED[coding.code]) return BY_SNOMED[coding.code];
  }
  return conceptText(code);
}

/** True when a code names a blood pressure panel. */
export function isBloodPressurePanel(code: unknown): boolean {
  return codings(code).some(
    (c) =>
      c.code !== undefined &&
      ((c.system === LOINC && BP_PANEL_CODES.includes(c.code)) || (c.system === SNOMED && BP_PANEL_SNOMED.includes(c.code))),
  );
}

/** Which half of a blood pressure a code names, by LOINC, SNOMED CT or plain words. */
export function bloodPressureHalf(code: unknown): 'systolic' | 'diastolic' | undefined {
  for (const c of codings(code)) {
    if (c.code === undefined) continue;
    if ((c.system === LOINC && c.code === SYSTOLIC_LOINC) || (c.system === SNOMED && SYSTOLIC_SNOMED.includes(c.code))) return 'systolic';
    if ((c.system === LOINC && c.code === DIASTOLIC_LOINC) || (c.system === SNOMED && DIASTOLIC_SNOMED.includes(c.code)))
      return 'diastolic';
  }
  const text = conceptText(code)?.toLowerCase();
  if (text?.includes('systolic')) return 'systolic';
  if (text?.includes('diastolic')) return 'diastolic';
  return undefined;
}
