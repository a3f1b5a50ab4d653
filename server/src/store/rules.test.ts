import { describe, expect, test } from 'vitest';
import { CarekeyError } from '@carekey/protocol';
import { pageWithinBudget, sameItem, uniqueItems } from './rules.ts';

describe('pageWithinBudget', () => {
  const rows = [{ size: 5 }, { size: 5 }, { size: 5 }];

  test('stops at the count limit', () => {
    expect(pageWithinBudget(rows, 2, 100)).toEqual({ rows: rows.slice(0, 2), more: true });
    expect(pageWithinBudget(rows, 3, 100)).toEqual({ rows, more: false });
  });

  test('stops before the byte budget is passed', () => {
    expect(pageWithinBudget(rows, 10, 12)).toEqual({ rows: rows.slice(0, 2), more: true });
    expect(pageWithinBudget(rows, 10, 15)).toEqual({ rows, more: false });
  });

  test('always takes the first row, however large', () => {
    expect(pageWithinBudget([{ size: 50 }, { size: 1 }], 10, 10)).toEqual({ rows: [{ size: 50 }], more: true });
  });

  test('an empty page has no more', () => {
    expect(pageWithinBudget([], 10, 10)).toEqual({ rows: [], more: false });
  });
});

describe('sameItem', () => {
  const item = { itemId: 'bundle', kind: 'bundle' as const, nonce: 'n', ciphertext: 'c' };
  test('compares every field', () => {
    expect(sameItem(item, { ...item })).toBe(true);
    expect(sameItem(item, { ...item, ciphertext: 'd' })).toBe(false);
    expect(sameItem(item, { ...item, nonce: 'm' })).toBe(false);
    expect(sameItem(item, { ...item, kind: 'root' })).toBe(false);
  });
});

describe('uniqueItems', () => {
  const a = { itemId: 'root:a', kind: 'root' as const, nonce: 'n', ciphertext: 'c' };
  test('drops identical repeats and keeps order', () => {
    const b = { ...a, itemId: 'root:b' };
    expect(uniqueItems([a, b, { ...a }])).toEqual([a, b]);
  });

  test('one ID with two contents is a conflict', () => {
    expect(() => uniqueItems([a, { ...a, ciphertext: 'd' }])).toThrow(CarekeyError);
  });
});
