import { describe, expect, test } from 'vitest';
import { searchEntries, searchIndex } from './search.ts';
import { entries, entry } from './testdata/entries.ts';
import { IPS_EXAMPLE } from './testdata/ips.ts';
import { ANGELA } from './testdata/synthea.ts';
import { UKCORE } from './testdata/ukcore.ts';

const list = [...entries(ANGELA), ...entries(UKCORE), ...entries(IPS_EXAMPLE)];

describe('search', () => {
  test('finds tests by plain name, by LOINC code and by a word of the source display', () => {
    const byName = searchEntries(list, 'HbA1c');
    expect(byName.length).toBe(5); // four Synthea results and the IPS one
    expect(byName.every((h) => h.summary.title === 'HbA1c (average blood sugar)' && h.field === 'title')).toBe(true);
    const byCode = searchEntries(list, '4548-4');
    expect(byCode.map((h) => h.field)).toEqual(['code', 'code', 'code', 'code']);
    expect(searchEntries(list, 'hemoglobin a1c').length).toBeGreaterThanOrEqual(5); // LOINC's own words
  });

  test('title matches rank above matches elsewhere; newer first among equals', () => {
    const hits = searchEntries(list, 'penicillin');
    expect(hits[0]?.summary.title).toBe('Substance with penicillin structure and antibacterial mechanism of action (substance)');
    const amoxicillin = searchEntries(list, 'amoxicillin');
    expect(amoxicillin.map((h) => h.summary.title).slice(0, 3)).toEqual(['Amoxicillin', 'Amoxicillin', 'Amoxicillin 500mg capsules']);
    expect(amoxicillin[0]?.score).toBeGreaterThan(amoxicillin[2]?.score ?? Infinity);
    const bp = searchEntries(list, 'blood pressure');
    expect(bp[0]?.summary.title).toBe('Blood pressure');
    expect(bp[0]?.entry.resource.effectiveDateTime).toBe('2023-08-10'); // the newest of the equal hits
  });

  test('ignores case and accents, and needs every word', () => {
    expect(searchEntries(list, 'ANGELA GUZMAN').map((h) => h.summary.title)).toEqual(['Mrs. Ángela Guzmán']);
    expect(searchEntries(list, 'guzmán').map((h) => h.entry.resourceType)).toContain('Patient');
    expect(searchEntries(list, 'angela nobody')).toEqual([]);
    expect(searchEntries(list, '   ')).toEqual([]);
  });

  test('finds prescriptions by a referenced medicine and by facts such as the prescriber', () => {
    const index = searchIndex(list);
    expect(index.search('anastrozole').map((h) => h.entry.resourceType)).toContain('MedicationStatement');
    expect(index.search('sandra gose').some((h) => h.entry.resourceType === 'Appointment' && h.field === 'detail')).toBe(true);
    expect(index.search('hba1c', 2)).toHaveLength(2);
    const own = [entry({ resourceType: 'Observation', code: { text: 'Note' }, valueString: 'Café au lait spots' })];
    expect(searchEntries(own, 'cafe')).toHaveLength(1);
  });
});
