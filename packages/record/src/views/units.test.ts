import { describe, expect, test } from 'vitest';
import { convertUnit, convertible, parseUcum, readableUnit } from './units.ts';

describe('UCUM units', () => {
  test('converts units that differ only by prefix or a fixed factor', () => {
    expect(convertUnit(1500, 'g', 'kg')).toBe(1.5);
    expect(convertUnit(0.1, 'kg', 'g')).toBe(100);
    expect(convertUnit(100, 'mg/dL', 'g/L')).toBe(1);
    expect(convertUnit(70, 'kg', '[lb_av]')).toBeCloseTo(154.324, 3);
    expect(convertUnit(120, 'mm[Hg]', 'kPa')).toBeCloseTo(15.999, 3);
    expect(convertUnit(5, '10*9/L', '10*3/uL')).toBe(5);
    expect(convertUnit(37, 'Cel', '[degF]')).toBeCloseTo(98.6, 6);
    expect(convertUnit(98.6, '[degF]', 'Cel')).toBeCloseTo(37, 6);
    expect(convertUnit(72, '/min', '{beats}/min')).toBe(72);
    expect(convertUnit(1, 'h', 'min')).toBe(60);
  });

  test('refuses conversions the units alone cannot make', () => {
    expect(convertible('mmol/L', 'mg/dL')).toBe(false); // glucose: needs the molar mass
    expect(convertUnit(5.5, 'mmol/L', 'mg/dL')).toBeUndefined();
    expect(convertUnit(48, 'mmol/mol', '%')).toBeUndefined(); // HbA1c IFCC vs DCCT: an equation
    expect(convertUnit(1, 'kg', 'L')).toBeUndefined();
    expect(convertUnit(1, 'Cel.m', 'Cel')).toBeUndefined();
    expect(convertUnit(1, 'furlong', 'm')).toBeUndefined();
  });

  test('parses the unit forms real results use', () => {
    for (const code of ['mL/min/{1.73_m2}', 'kg/m2', '10*12/L', 'm/(6.min)', '{score}', 'mm[Hg]', 'U/L', 'm[IU]/L', '%', 'umol/L']) {
      expect(parseUcum(code), code).toBeDefined();
    }
    expect(parseUcum('mg/dL')?.dims).toEqual({ g: 1, m: -3 });
    expect(parseUcum('m[')).toBeUndefined();
    expect(parseUcum('')).toBeUndefined();
  });

  test('shows units as people read them', () => {
    expect(readableUnit('mm[Hg]')).toBe('mmHg');
    expect(readableUnit('Cel')).toBe('°C');
    expect(readableUnit('10*9/L')).toBe('× 10⁹/L');
    expect(readableUnit('10*3/uL')).toBe('× 10³/µL');
    expect(readableUnit('umol/L')).toBe('µmol/L');
    expect(readableUnit('kg/m2')).toBe('kg/m²');
    expect(readableUnit('{score}')).toBe('');
    expect(readableUnit('mmol/L')).toBe('mmol/L');
  });
});
