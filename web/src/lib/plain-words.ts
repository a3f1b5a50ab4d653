/** Names of record parts and categories as a patient reads them. */
import type { Category } from '@carekey/client';

export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  summary: 'Summary (allergies, medicines, conditions, vaccinations)',
  results: 'Test results and readings',
  encounters: 'Appointments and visits',
  documents: 'Letters and documents',
  notes: 'Your own notes',
  'mental-health': 'Mental health',
  'sexual-health': 'Sexual health',
  genetics: 'Genetics',
  safeguarding: 'Safeguarding',
};

/** Short category names for chips and lists. */
export const CATEGORY_SHORT: Readonly<Record<Category, string>> = {
  summary: 'Summary',
  results: 'Results',
  encounters: 'Visits',
  documents: 'Documents',
  notes: 'Your notes',
  'mental-health': 'Mental health',
  'sexual-health': 'Sexual health',
  genetics: 'Genetics',
  safeguarding: 'Safeguarding',
};

/** "1 entry" / "3 entries". */
export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
