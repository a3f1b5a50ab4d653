import { describe, expect, test } from 'vitest';
import type { FhirResource } from '../fhir.ts';
import { newBloodPressure, newNote, newSymptom } from '../own-entries.ts';
import { BLOOD_PRESSURE_KEY, chartData, latestResults, resultReports, resultSeries, testKey } from './results.ts';
import { entries, entry } from './testdata/entries.ts';
import { HL7_R4 } from './testdata/hl7.ts';
import { IPS_EXAMPLE } from './testdata/ips.ts';
import { ANGELA } from './testdata/synthea.ts';
import { UKCORE } from './testdata/ukcore.ts';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

function obs(code: string, value: number | undefined, unit: string, date: string, extra: Record<string, unknown> = {}): FhirResource {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: LOINC, code }] },
    effectiveDateTime: date,
    ...(value === undefined ? {} : { valueQuantity: { value, unit, system: UCUM, code: unit } }),
    ...extra,
  };
}

const find = (series: ReturnType<typeof resultSeries>, key: string) => {
  const found = series.find((s) => s.key === key);
  if (!found) throw new Error(`no series ${key}; have ${series.map((s) => s.key).join(', ')}`);
  return found;
};

describe('result series', () => {
  test('Synthea: one series per LOINC test, points oldest first, plain names', () => {
    const series = resultSeries(entries(ANGELA));
    const hba1c = find(series, 'loinc:4548-4');
    expect(hba1c.name).toBe('HbA1c (average blood sugar)');
    expect(hba1c.unit).toBe('%');
    expect(hba1c.points).toHaveLength(4);
    const times = hba1c.points.map((p) => p.time ?? 0);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(hba1c.latest).toBe(hba1c.points[3]);
    expect(hba1c.latest?.text).toBe('6.6%');
    expect(find(series, 'loinc:2339-0').unit).toBe('mg/dL');
    // Synthea gives no reference ranges: nothing is invented.
    expect(hba1c.points.every((p) => p.low === undefined && p.high === undefined && !p.outOfRange)).toBe(true);
    // Newest series first.
    const latestTimes = series.map((s) => s.latest?.time ?? -Infinity);
    expect([...latestTimes].sort((a, b) => b - a)).toEqual(latestTimes);
  });

  test('blood pressure from 55284-4 panels is one series with two lines', () => {
    const bp = find(resultSeries(entries(ANGELA)), BLOOD_PRESSURE_KEY);
    expect(bp.name).toBe('Blood pressure');
    expect(bp.lines).toEqual(['Systolic', 'Diastolic']);
    expect(bp.unit).toBe('mmHg');
    expect(bp.points).toHaveLength(4);
    for (const p of bp.points) {
      expect(p.value).toBeGreaterThan(p.value2 ?? Infinity);
      expect(p.text).toMatch(/^\d+(\.\d+)?\/\d+(\.\d+)? mmHg$/);
    }
    const chart = chartData(bp);
    expect(chart.y).toHaveLength(2);
    expect(chart.labels).toEqual(['Systolic', 'Diastolic']);
    expect(chart.x).toEqual(bp.points.map((p) => p.time));
    expect(chart.y[1]).toEqual(bp.points.map((p) => p.value2));
    expect(chart.band).toBeUndefined();
  });

  test('blood pressure recorded as separate systolic and diastolic observations joins the same series', () => {
    const at = '2024-02-01T08:00:00Z';
    const list = [
      entry(obs('8480-6', 150, 'mm[Hg]', at, { interpretation: [{ coding: [{ code: 'H' }] }] })),
      entry(obs('8462-4', 95, 'mm[Hg]', at)),
      entry(obs('8480-6', 131, 'mm[Hg]', '2024-03-01T08:00:00Z')), // no diastolic at that time
      entry(
        newBloodPressure({ systolic: 128, diastolic: 82, date: new Date('2024-01-01T08:00:00Z') }, { name: 'Ada' }, new Date('2024-06-01')),
      ),
      ...entries(UKCORE.filter((i) => i.resource.id === 'UKCore-Observation-VitalSigns-BloodPressure-Example')),
    ];
    const series = resultSeries(list);
    const bp = find(series, BLOOD_PRESSURE_KEY);
    expect(series.filter((s) => s.test === BLOOD_PRESSURE_KEY)).toHaveLength(1);
    expect(bp.points.map((p) => [p.value, p.value2])).toEqual([
      [142, 94],
      [128, 82],
      [150, 95],
      [131, undefined],
    ]);
    const paired = bp.points[2];
    expect(paired?.entryIds).toHaveLength(2);
    expect(paired?.text).toBe('150/95 mmHg');
    expect(paired?.outOfRange).toBe(true); // the systolic was flagged high
    expect(chartData(bp).y[1]).toEqual([94, 82, 95, null]);
  });

  test('a panel flagged low by its interpretation is out of range (HL7 example)', () => {
    const bp = find(resultSeries(entries(HL7_R4)), BLOOD_PRESSURE_KEY);
    expect(bp.latest).toMatchObject({ value: 107, value2: 60, interpretation: 'Low', outOfRange: true });
  });

  test('reference ranges and interpretation decide what is out of range', () => {
    const series = resultSeries([...entries(UKCORE), ...entries(HL7_R4)]);
    const albumin = find(series, 'text:serum albumin level');
    expect(albumin).toMatchObject({ low: 35, high: 50, range: '35 to 50 g/L', unit: 'g/L' });
    expect(albumin.latest?.outOfRange).toBe(false);
    // Flagged H, and above 6.2.
    expect(find(series, 'loinc:15074-8').latest).toMatchObject({ value: 6.3, high: 6.2, interpretation: 'High', outOfRange: true });
    // Only an upper limit, no flag: 6.3 > 4.5 is out of range; triglyceride 1.3 < 2 is not.
    expect(find(series, 'loinc:35200-5').latest).toMatchObject({ range: 'Up to 4.5 mmol/L', outOfRange: true });
    expect(find(series, 'loinc:35217-9').latest?.outOfRange).toBe(false);
    expect(find(series, 'loinc:2085-9').latest).toMatchObject({ range: 'At least 1.5 mmol/L', outOfRange: true });
    // Limits without units are in the value's unit; 3.9 is below 4. A missing value is kept as a point.
    const redCells = find(series, 'text:nucleated red blood cell count in blood');
    expect(redCells.points.map((p) => p.text)).toEqual(['3.9 × 10¹²/L', 'No result: Specimen unsatisfactory for evaluation']);
    expect(redCells.points[0]).toMatchObject({ low: 4, high: 5.9, outOfRange: true });
  });

  test('each point keeps its own range when ranges differ; a normal flag alone is not out of range', () => {
    const range = (low: number, high: number) => [{ low: { value: low, unit: 'mmol/L' }, high: { value: high, unit: 'mmol/L' } }];
    const list = [
      entry(obs('2823-3', 5.4, 'mmol/L', '2024-01-01', { referenceRange: range(3.5, 5.5), interpretation: [{ coding: [{ code: 'N' }] }] })),
      entry(obs('2823-3', 5.4, 'mmol/L', '2024-02-01', { referenceRange: range(3.5, 5.3) })),
    ];
    const potassium = find(resultSeries(list), 'loinc:2823-3');
    expect(potassium.low).toBeUndefined();
    expect(potassium.points.map((p) => [p.high, p.outOfRange, p.interpretation])).toEqual([
      [5.5, false, 'Normal'],
      [5.3, true, undefined],
    ]);
    expect(chartData(potassium).band).toEqual({ low: [3.5, 3.5], high: [5.5, 5.3] });
  });

  test('convertible units are converted to the most used unit; others make separate series', () => {
    const list = [
      entry(obs('29463-7', 80, 'kg', '2024-01-01')),
      entry(obs('29463-7', 79.5, 'kg', '2024-02-01')),
      entry(obs('29463-7', 78000, 'g', '2024-03-01')),
      entry(obs('29463-7', 170, '[lb_av]', '2024-04-01')),
      entry(obs('2345-7', 99, 'mg/dL', '2024-01-01')),
      entry(obs('2345-7', 5.4, 'mmol/L', '2024-02-01')),
      entry(obs('2345-7', 5.9, 'mmol/L', '2024-03-01')),
    ];
    const series = resultSeries(list);
    const weight = find(series, 'loinc:29463-7');
    expect(weight.unit).toBe('kg');
    expect(weight.points.map((p) => p.value)).toEqual([80, 79.5, 78, 77.1107029]);
    expect(weight.points[2]).toMatchObject({ text: '78 kg', original: { value: 78000, unit: 'g' } });
    const glucose = series.filter((s) => s.test === 'loinc:2345-7');
    expect(glucose.map((s) => [s.key, s.unit, s.points.length]).sort()).toEqual([
      ['loinc:2345-7|mg/dL', 'mg/dL', 1],
      ['loinc:2345-7|mmol/L', 'mmol/L', 2],
    ]);
  });

  test('entered-in-error results are left out; coded results are kept without a chart', () => {
    const list = [
      entry(obs('4548-4', 12, '%', '2024-01-01', { status: 'entered-in-error' })),
      entry(obs('4548-4', 6.1, '%', '2024-02-01')),
      ...entries(IPS_EXAMPLE),
    ];
    const series = resultSeries(list);
    expect(find(series, 'loinc:4548-4').points.map((p) => p.value)).toEqual([6.1]);
    const bloodGroup = find(series, 'loinc:882-1');
    expect(bloodGroup).toMatchObject({ numeric: false, unit: undefined });
    expect(bloodGroup.latest?.text).toBe('Blood group A Rh(D) positive');
    expect(chartData(bloodGroup).x).toEqual([]);
    // The panel that only groups members ("Blood typing") is not a series of its own.
    expect(series.some((s) => s.name === 'Blood typing')).toBe(false);
  });

  test('components of other panels become series; results contained in a report count', () => {
    const apgar: FhirResource = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: LOINC, code: '9272-6', display: 'Apgar score 1 minute' }] },
      effectiveDateTime: '2024-05-01T10:01:00Z',
      valueQuantity: { value: 8, code: '{score}', system: UCUM },
      component: [
        { code: { coding: [{ system: LOINC, code: '32401-2', display: 'Apgar color' }] }, valueQuantity: { value: 1, code: '{score}' } },
      ],
    };
    const report = entry({
      resourceType: 'DiagnosticReport',
      status: 'final',
      code: { text: 'Kidney tests' },
      effectiveDateTime: '2024-05-02',
      contained: [
        {
          resourceType: 'Observation',
          id: 'k',
          status: 'final',
          code: { text: 'Creatinine' },
          valueQuantity: { value: 90, code: 'umol/L' },
        },
      ],
      result: [{ reference: '#k' }],
    });
    const series = resultSeries([entry(apgar), report]);
    expect(find(series, 'loinc:9272-6').latest?.text).toBe('8');
    expect(find(series, 'loinc:32401-2').latest?.value).toBe(1);
    const creatinine = find(series, 'text:creatinine');
    expect(creatinine.latest).toMatchObject({ entryId: report.entryId, date: '2024-05-02', text: '90 µmol/L' });
  });

  test('keys: LOINC first, then the text', () => {
    expect(
      testKey({
        coding: [
          { system: 'http://snomed.info/sct', code: '1' },
          { system: LOINC, code: '718-7' },
        ],
        text: 'Hb',
      }),
    ).toBe('loinc:718-7');
    expect(testKey({ coding: [{ system: LOINC, code: '55284-4' }] })).toBe(BLOOD_PRESSURE_KEY);
    expect(testKey({ text: 'Serum Ferritin  ' })).toBe('text:serum ferritin');
    expect(testKey({ coding: [{ system: 'urn:x', code: 'K' }] })).toBe('code:urn:x|K');
    expect(testKey(undefined)).toBeUndefined();
  });

  test('latest results: one per test, newest first', () => {
    const latest = latestResults(resultSeries(entries(ANGELA)), 3);
    expect(latest).toHaveLength(3);
    expect(new Set(latest.map((l) => l.series.key)).size).toBe(3);
    expect(latest[0]?.point.date).toBe('2020-08-14T18:29:50+00:00');
  });
});

describe('reports and panels', () => {
  test('a DiagnosticReport groups its results, following references into other entries', () => {
    const list = [...entries(ANGELA), ...entries(HL7_R4)];
    const reports = resultReports(list);
    const cbc = reports.find((r) => r.title.startsWith('Complete blood count'));
    expect(cbc?.results).toHaveLength(11);
    expect(cbc?.memberEntryIds).toHaveLength(11);
    expect(cbc?.results.find((r) => r.name === 'Haemoglobin')).toMatchObject({ text: '15.47 g/dL', seriesKey: 'loinc:718-7' });
    const lipids = reports.find((r) => r.title === 'Lipid Panel');
    expect(lipids?.results.map((r) => [r.name, r.outOfRange])).toEqual([
      ['Cholesterol', true],
      ['Triglycerides', false],
      ['HDL (good) cholesterol', true],
      ['LDL cholesterol', true],
    ]);
  });

  test('panels with hasMember group their members; a member not in the record keeps its name', () => {
    const reports = resultReports([...entries(IPS_EXAMPLE), ...entries(UKCORE)]);
    expect(reports.find((r) => r.title === 'Blood typing')?.results.map((r) => r.text)).toEqual([
      'Blood group A Rh(D) positive',
      'Positive',
      'Positive',
      'Negative',
    ]);
    const partial = resultReports([
      entry({
        resourceType: 'DiagnosticReport',
        status: 'final',
        code: { text: 'Liver tests' },
        result: [{ reference: 'Observation/absent', display: 'Bilirubin' }],
        conclusion: 'Normal liver function',
      }),
    ]);
    expect(partial[0]).toMatchObject({ title: 'Liver tests', conclusion: 'Normal liver function' });
    expect(partial[0]?.results).toEqual([
      {
        name: 'Bilirubin',
        text: undefined,
        range: undefined,
        interpretation: undefined,
        outOfRange: false,
        entryId: undefined,
        seriesKey: undefined,
      },
    ]);
  });
});

test("the patient's notes and symptoms are their own words, not results to chart", () => {
  const writer = { name: 'Ada' };
  const when = new Date('2024-06-01T09:00:00Z');
  const series = resultSeries([
    entry(newNote({ text: 'Slept badly' }, writer, when)),
    entry(newSymptom({ text: 'Headache', severity: 'moderate' }, writer, when)),
    entry(newBloodPressure({ systolic: 128, diastolic: 82, date: when }, writer, when)),
  ]);
  expect(series.map((s) => s.key)).toEqual([BLOOD_PRESSURE_KEY]);
});
