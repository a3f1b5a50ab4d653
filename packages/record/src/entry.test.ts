import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { EntryIndex, EntryInnerSchema, toEntryVersion, type EntryInner } from './entry.ts';
import { HybridClock, formatHlc, parseHlc } from './hlc.ts';
import { InvalidResourceError, asEntryResource, parseFhirResource } from './fhir.ts';
import { categoryForResourceType, isCategory, isSpecialCategory } from './categories.ts';
import { IntegrityError } from '@carekey/crypto';

const device = 'ab'.repeat(16);
const account = '0123456789ABCDEFGHJKMNPQRS';

function inner(overrides: Partial<EntryInner>): EntryInner {
  return v.parse(EntryInnerSchema, {
    v: 1,
    kind: 'create',
    category: 'summary',
    author: { account, device },
    authorSeq: 1,
    authorPrev: null,
    hlc: formatHlc({ wall: 1000, counter: 0, node: device }),
    attachments: [],
    ...overrides,
  });
}

const h = (n: number) => String(n).padStart(43, 'A');
const PEANUT = '{"resourceType":"AllergyIntolerance","code":{"text":"Peanut"}}';

describe('hybrid logical clock', () => {
  test('never goes backwards and follows what it observes', () => {
    let now = 1000;
    const clock = new HybridClock(device, () => now);
    const a = clock.tick();
    now = 900; // the wall clock jumps back
    const b = clock.tick();
    expect(b > a).toBe(true);
    clock.observe(formatHlc({ wall: 5000, counter: 7, node: 'cd'.repeat(16) }));
    const c = clock.tick();
    expect(parseHlc(c)).toEqual({ wall: 5000, counter: 8, node: device });
  });

  test('rejects text that is not a stamp', () => {
    expect(parseHlc('nope')).toBeUndefined();
  });
});

describe('entry index', () => {
  test('list() is the same frozen array until a version is added or removed', () => {
    const index = new EntryIndex();
    index.add(toEntryVersion('e1', h(1), inner({}), PEANUT));
    const first = index.list();
    expect(index.list()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    index.add(toEntryVersion('e1', h(1), inner({}), PEANUT)); // the same version again: no change
    expect(index.list()).toBe(first);
    const amend = inner({ kind: 'amend', supersedes: h(1), hlc: formatHlc({ wall: 2000, counter: 0, node: device }) });
    index.add(toEntryVersion('e1', h(2), amend, '{"resourceType":"AllergyIntolerance","code":{"text":"Peanuts"}}'));
    const second = index.list();
    expect(second).not.toBe(first);
    expect((second[0]?.resource.code as { text: string }).text).toBe('Peanuts');
    index.remove('e1', h(2));
    expect(index.list()).not.toBe(second);
    expect((index.list()[0]?.resource.code as { text: string }).text).toBe('Peanut');
    index.remove('e1', h(9)); // not there: no change
    expect(index.list()).toBe(index.list());
  });

  test('the newest version wins and the history is kept', () => {
    const index = new EntryIndex();
    index.add(toEntryVersion('e1', h(1), inner({}), PEANUT));
    index.add(
      toEntryVersion(
        'e1',
        h(2),
        inner({
          kind: 'amend',
          supersedes: h(1),
          hlc: formatHlc({ wall: 2000, counter: 0, node: device }),
        }),
        '{"resourceType":"AllergyIntolerance","code":{"text":"Peanuts"}}',
      ),
    );
    const entry = index.get('e1');
    expect((entry?.resource.code as { text: string }).text).toBe('Peanuts');
    expect(entry?.versions).toHaveLength(2);
    expect(entry?.conflict).toBe(false);
  });

  test('a retraction hides the entry but keeps its history', () => {
    const index = new EntryIndex();
    index.add(toEntryVersion('e1', h(1), inner({}), PEANUT));
    index.add(
      toEntryVersion(
        'e1',
        h(2),
        inner({ kind: 'retract', supersedes: h(1), hlc: formatHlc({ wall: 2000, counter: 0, node: device }) }),
        null,
      ),
    );
    expect(index.get('e1')).toBeUndefined();
    expect(index.list()).toHaveLength(0);
    expect(index.history('e1')).toHaveLength(2);
  });

  test('concurrent edits are flagged, not dropped, whatever the arrival order', () => {
    const a = toEntryVersion(
      'e1',
      h(2),
      inner({ kind: 'amend', supersedes: h(1), hlc: formatHlc({ wall: 2000, counter: 0, node: device }) }),
      PEANUT,
    );
    const b = toEntryVersion(
      'e1',
      h(3),
      inner({
        kind: 'amend',
        supersedes: h(1),
        author: { account, device: 'cd'.repeat(16) },
        hlc: formatHlc({ wall: 2001, counter: 0, node: 'cd'.repeat(16) }),
      }),
      PEANUT,
    );
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const index = new EntryIndex();
      index.add(toEntryVersion('e1', h(1), inner({}), PEANUT));
      for (const version of order) index.add(version);
      index.add(order[0]!); // a duplicate changes nothing
      const entry = index.get('e1');
      expect(entry?.current.hash).toBe(h(3));
      expect(entry?.conflict).toBe(true);
      expect(entry?.versions).toHaveLength(3);
    }
  });

  test('only the same account, in the same category, can add versions to an entry', () => {
    const index = new EntryIndex();
    index.add(toEntryVersion('e1', h(1), inner({}), PEANUT));
    const otherDevice = 'ef'.repeat(16);
    const stranger = toEntryVersion(
      'e1',
      h(2),
      inner({
        kind: 'retract',
        supersedes: h(1),
        author: { account: 'ZZZZZZZZZZZZZZZZZZZZZZZZZZ', device: otherDevice },
        hlc: formatHlc({ wall: 9000, counter: 0, node: otherDevice }),
      }),
      null,
    );
    expect(() => index.add(stranger)).toThrow(IntegrityError);
    const elsewhere = toEntryVersion(
      'e1',
      h(3),
      inner({ kind: 'amend', category: 'notes', hlc: formatHlc({ wall: 9000, counter: 0, node: device }) }),
      PEANUT,
    );
    expect(() => index.add(elsewhere)).toThrow(IntegrityError);
    expect(index.get('e1')?.versions).toHaveLength(1);
  });

  test("a version's clock stamp must be its author device's", () => {
    expect(() => toEntryVersion('e1', h(1), inner({ hlc: formatHlc({ wall: 1, counter: 0, node: 'ef'.repeat(16) }) }), PEANUT)).toThrow(
      IntegrityError,
    );
  });

  test('lists newest first', () => {
    const index = new EntryIndex();
    index.add(toEntryVersion('old', h(1), inner({}), PEANUT));
    index.add(toEntryVersion('new', h(2), inner({ hlc: formatHlc({ wall: 9000, counter: 0, node: device }) }), PEANUT));
    expect(index.list().map((e) => e.entryId)).toEqual(['new', 'old']);
  });
});

describe('inner payload schema', () => {
  test('a version must carry a resource unless it is a retraction', () => {
    expect(() => toEntryVersion('e', h(1), inner({}), null)).toThrow(InvalidResourceError);
    expect(() => toEntryVersion('e', h(1), inner({ kind: 'retract' }), PEANUT)).toThrow(InvalidResourceError);
  });

  test('refuses unknown fields, categories and kinds', () => {
    expect(() => inner({ category: 'secrets' as 'summary' })).toThrow();
    expect(() => inner({ kind: 'delete' as 'retract' })).toThrow();
    expect(() => v.parse(EntryInnerSchema, { ...inner({}), extra: 1 })).toThrow();
  });
});

describe('resources and categories', () => {
  test('accepts resources and says why it refuses other JSON', () => {
    expect(parseFhirResource('{"resourceType":"Observation"}').resourceType).toBe('Observation');
    expect(() => parseFhirResource('{"name":"x"}')).toThrow(InvalidResourceError);
    expect(() => parseFhirResource('[1]')).toThrow(InvalidResourceError);
    expect(() => parseFhirResource('{')).toThrow(InvalidResourceError);
    expect(() => parseFhirResource('{"resourceType":"  "}')).toThrow(InvalidResourceError);
  });

  test('reads back whatever an import keeps: a nested Bundle, a misspelt type', () => {
    // An import keeps these (flagged for review); every device must be able to read them back.
    expect(toEntryVersion('e1', h(1), inner({}), '{"resourceType":"Bundle","type":"collection"}').resource?.resourceType).toBe('Bundle');
    expect(toEntryVersion('e2', h(2), inner({}), '{"resourceType":"observation"}').resource?.resourceType).toBe('observation');
  });

  test('a new entry added by hand is a resource FHIR would name, and not a Bundle', () => {
    expect(asEntryResource({ resourceType: 'Observation' }).resourceType).toBe('Observation');
    expect(() => asEntryResource({ resourceType: 'Bundle' })).toThrow(/import/);
    expect(() => asEntryResource({ resourceType: 'observation' })).toThrow(InvalidResourceError);
    expect(() => asEntryResource({ name: 'x' })).toThrow(InvalidResourceError);
  });

  test('maps resource types to categories', () => {
    expect(categoryForResourceType('AllergyIntolerance')).toBe('summary');
    expect(categoryForResourceType('Observation')).toBe('results');
    expect(categoryForResourceType('Appointment')).toBe('encounters');
    expect(isCategory('mental-health')).toBe(true);
    expect(isSpecialCategory('mental-health')).toBe(true);
    expect(isSpecialCategory('summary')).toBe(false);
  });
});
