/**
 * Roots a co-owner sealed to the owner (DESIGN §4 "Carers and emergency access"): a patient
 * device takes in only what the verified log lists, for the epochs the listing revocation
 * started, and nothing a bad co-owner or relay sends can stop it from working — a package that
 * does not open, a root for an epoch it was not listed for, or two roots for one epoch.
 */
import { describe, expect, test } from 'vitest';
import { generateBoxKeyPair, randomId, ready, toBase64Url, toHex } from '@carekey/crypto';
import { grantPackageHash, sealGrantPackage, type ControlLogState } from '@carekey/protocol';
import { openOwnerRoots, startedByCoOwner } from './grants.ts';

await ready();

const root = (n: number) => toBase64Url(new Uint8Array(32).fill(n));

describe('roots a co-owner sealed to the owner', () => {
  const owner = generateBoxKeyPair();
  const vault = toHex(randomId());
  const results = toHex(randomId());
  const notes = toHex(randomId());
  const seal = (collection: string, category: string, roots: Array<[number, string]>) =>
    sealGrantPackage({ v: 1, kind: 'roots', grant: vault, vault, collection, category, roots }, owner.publicKey);

  function logWith(listed: ReadonlyArray<{ data: string; epochs: Array<{ id: string; epoch: number }> }>): ControlLogState {
    return {
      vault,
      owner: 'X',
      created: 0,
      collections: new Map([
        [results, { id: results, epoch: 2 }],
        [notes, { id: notes, epoch: 2 }],
      ]),
      grants: new Map(),
      confirmed: new Set(),
      ownerPackages: new Map(listed.map((p) => [grantPackageHash(p.data), p.epochs])),
      time: 0,
      head: { seq: 3, hash: 'h' },
    };
  }
  const categoryOf = (c: string) => (c === results ? 'results' : c === notes ? 'notes' : undefined);

  test('a listed package gives the roots of the epochs its revocation started, and nothing else', () => {
    const good = seal(results, 'results', [
      [2, root(1)],
      [1, root(9)],
    ]);
    const log = logWith([{ data: good.data, epochs: [{ id: results, epoch: 2 }] }]);
    const roots = openOwnerRoots({ box: owner, log, packages: [{ grant: vault, data: good.data }], categoryOf });
    expect(roots).toEqual([{ v: 1, vault, collection: results, category: 'results', epoch: 2, root: root(1) }]);
    expect(startedByCoOwner(log, results, 2)).toBe(true);
    expect(startedByCoOwner(log, notes, 2)).toBe(false);
  });

  test('a package that does not open, one not listed, one under another category, and two roots for one epoch are all left out, without failing', () => {
    const one = seal(results, 'results', [[2, root(1)]]);
    const other = seal(results, 'results', [[2, root(2)]]);
    const wrongCategory = seal(notes, 'genetics', [[2, root(3)]]);
    const unlisted = seal(notes, 'notes', [[2, root(4)]]);
    const garbage = toBase64Url(new Uint8Array(120).fill(5));
    const epochs = [
      { id: results, epoch: 2 },
      { id: notes, epoch: 2 },
    ];
    const log = logWith([
      { data: one.data, epochs },
      { data: other.data, epochs },
      { data: wrongCategory.data, epochs },
      { data: garbage, epochs },
    ]);
    const packages = [one, other, wrongCategory, unlisted, { data: garbage }].map((p) => ({ grant: vault, data: p.data }));
    expect(openOwnerRoots({ box: owner, log, packages, categoryOf })).toEqual([]);
    // The same packages sealed to someone else open for no one here either.
    const stranger = generateBoxKeyPair();
    expect(openOwnerRoots({ box: stranger, log, packages, categoryOf })).toEqual([]);
  });
});
