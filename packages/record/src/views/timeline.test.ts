import { describe, expect, test } from 'vitest';
import { groupTimeline, timeline } from './timeline.ts';
import { entries, entry } from './testdata/entries.ts';
import { UKCORE } from './testdata/ukcore.ts';

describe('timeline', () => {
  test('everything by clinical date, newest first, undated last (newest written first)', () => {
    const list = [
      entry({ resourceType: 'Condition', code: { text: 'Asthma' }, onsetDateTime: '2015' }, { wall: 1 }),
      entry({ resourceType: 'Immunization', vaccineCode: { text: 'Flu' }, occurrenceDateTime: '2015-10-02' }),
      entry({ resourceType: 'Encounter', type: [{ text: 'GP visit' }], period: { start: '2015-10-02T09:00:00+01:00' } }),
      entry({ resourceType: 'Observation', code: { text: 'Weight' }, effectivePeriod: { start: '2016-01-05' } }),
      entry({ resourceType: 'Appointment', description: 'Review', start: '2027-01-01T09:00:00Z', status: 'booked' }),
      entry({ resourceType: 'Basic', code: { text: 'Undated, written first' } }, { wall: 10 }),
      entry({ resourceType: 'Basic', code: { text: 'Undated, written later' } }, { wall: 20 }),
    ];
    const items = timeline(list);
    expect(items.map((i) => i.summary.title)).toEqual([
      'Review',
      'Weight',
      'GP visit', // 08:00 UTC on 2 October, after midnight UTC of the vaccination day
      'Flu',
      'Asthma',
      'Undated, written later',
      'Undated, written first',
    ]);
    expect(items.map((i) => i.part)).toEqual(['appointments', 'results', 'consultations', 'immunisations', 'conditions', 'other', 'other']);
    expect(items[1]?.time).toBe(Date.UTC(2016, 0, 5));
  });

  test('groups by month or year, with the undated at the end', () => {
    const items = timeline([
      ...entries(UKCORE.filter((i) => ['Immunization', 'Encounter', 'Appointment'].includes(i.resource.resourceType))),
      entry({ resourceType: 'Encounter', period: { start: '2019-12-01' } }),
      entry({ resourceType: 'Condition', code: { text: 'Known only by year' }, onsetDateTime: '2019' }),
      entry({ resourceType: 'Basic' }),
    ]);
    expect(groupTimeline(items, 'month').map((g) => [g.label, g.items.length])).toEqual([
      ['March 2022', 1],
      ['December 2019', 2],
      ['2019', 1],
      ['January 2013', 1],
      ['No date', 1],
    ]);
    expect(groupTimeline(items, 'year').map((g) => [g.key, g.items.length])).toEqual([
      ['2022', 1],
      ['2019', 3],
      ['2013', 1],
      ['undated', 1],
    ]);
  });
});
