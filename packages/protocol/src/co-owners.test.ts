/**
 * Co-owners in the control log (DESIGN §4 "Carers and emergency access"): the owner names one in
 * a grant; the co-owner then signs what keeps the record going — confirmations, grants and
 * revocations of others — and nothing that belongs to the owner alone.
 */
import { describe, expect, test } from 'vitest';
import {
  IntegrityError,
  accountIdFromIdentityKey,
  generateBoxKeyPair,
  generateSigningKeyPair,
  randomId,
  ready,
  toBase64Url,
  toHex,
  type SigningKeyPair,
} from '@carekey/crypto';
import { applyControlLog, coOwnerGrant, endOfMonth, signControlStatement, statementWireHash, type ControlStatement } from './statements.ts';
import type { StatementWire } from './wire.ts';

await ready();

const T0 = Date.UTC(2026, 10, 24, 12);
const HASH = (n: number) => toBase64Url(new Uint8Array(32).fill(n));

function expectIntegrity(run: () => unknown, reason: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).reason).toBe(reason);
    return;
  }
  throw new Error('expected an IntegrityError');
}

interface Person {
  readonly identity: SigningKeyPair;
  readonly account: string;
  readonly boxKey: string;
}

function person(): Person {
  const identity = generateSigningKeyPair();
  return { identity, account: accountIdFromIdentityKey(identity.publicKey), boxKey: toBase64Url(generateBoxKeyPair().publicKey) };
}

function setUp() {
  const owner = person();
  const carer = person();
  const clinician = person();
  const vault = toHex(randomId());
  const results = toHex(randomId());
  const notes = toHex(randomId());
  const log: StatementWire[] = [];
  let time = T0;
  const sign = (by: Person, statement: Record<string, unknown>, at?: number): StatementWire => {
    time = at ?? time + 1000;
    const seq = log.length + 1;
    const prev = log.length ? statementWireHash(log.at(-1)!) : null;
    const wire = signControlStatement(
      { v: 1, vault, seq, prev, time, author: by.account, ...statement } as ControlStatement,
      by.identity.secretKey,
    );
    log.push(wire);
    return wire;
  };
  const grantTo = (to: Person, extra: Record<string, unknown> = {}) => ({
    grant: toHex(randomId()),
    grantee: to.account,
    granteeIdentityKey: toBase64Url(to.identity.publicKey),
    granteeBoxKey: to.boxKey,
    collections: [results, notes],
    access: 'write' as const,
    notBefore: 202611,
    notAfter: endOfMonth(202712),
    card: HASH(1),
    packages: [HASH(1), HASH(2), HASH(3)],
    ...extra,
  });
  sign(owner, {
    type: 'vault-created',
    owner: owner.account,
    collections: [
      { id: results, epoch: 1 },
      { id: notes, epoch: 1 },
    ],
  });
  const coOwner = grantTo(carer, { coOwner: true });
  const pin = { account: owner.account, identityKey: owner.identity.publicKey };
  const read = () => applyControlLog(null, vault, pin, log);
  return { owner, carer, clinician, vault, results, notes, log, sign, grantTo, coOwner, read };
}

describe('co-owners in the control log', () => {
  test('the owner names a co-owner, who then confirms entries and stops an ordinary grant, sealing the new keys to the owner', () => {
    const t = setUp();
    t.sign(t.owner, { type: 'grant-issued', grant: t.coOwner });
    expect(t.read().grants.get(t.coOwner.grant)?.coOwner).toBe(true);
    expect(coOwnerGrant(t.read(), t.carer.account, T0 + 5000)?.grant).toBe(t.coOwner.grant);

    t.sign(t.carer, { type: 'entries-confirmed', entries: [HASH(9)] });
    const clinicianGrant = t.grantTo(t.clinician, { collections: [t.results], access: 'read' });
    t.sign(t.owner, { type: 'grant-issued', grant: clinicianGrant });
    t.sign(t.carer, {
      type: 'grant-revoked',
      grant: clinicianGrant.grant,
      written: [],
      epochs: [{ id: t.results, epoch: 2 }],
      packages: [{ grant: t.coOwner.grant, hashes: [HASH(4)] }],
      owner: [HASH(5)],
    });
    const state = t.read();
    expect(state.confirmed.has(HASH(9))).toBe(true);
    expect(state.grants.get(clinicianGrant.grant)?.revokedSeq).toBe(5);
    expect(state.collections.get(t.results)?.epoch).toBe(2);
    expect(state.ownerPackages).toEqual(new Map([[HASH(5), [{ id: t.results, epoch: 2 }]]]));
    expect(state.grants.get(t.coOwner.grant)?.packages.has(HASH(4))).toBe(true);
  });

  test.each([
    ['part of the record', { collections: [] as string[] }],
    ['read only', { access: 'read' }],
    ['an emergency contact too', { emergency: { waitHours: 24 } }],
    ['not from the start of the record', { notBefore: 202612 }],
  ])('a co-owner grant that is %s is refused', (_, change) => {
    const t = setUp();
    const grant = { ...t.coOwner, ...change };
    if ('collections' in change) grant.collections = [t.results];
    t.sign(t.owner, { type: 'grant-issued', grant });
    expectIntegrity(() => t.read(), 'malformed');
  });

  test('a co-owner gives no one access, and stops neither a co-owner nor an emergency contact', () => {
    for (const statement of [
      (t: ReturnType<typeof setUp>) => ({ type: 'grant-issued', grant: t.grantTo(t.clinician) }),
      (t: ReturnType<typeof setUp>) => ({ type: 'grant-issued', grant: t.grantTo(t.clinician, { coOwner: true }) }),
      (t: ReturnType<typeof setUp>) => ({ type: 'grant-issued', grant: t.grantTo(t.clinician, { emergency: { waitHours: 2 } }) }),
      (t: ReturnType<typeof setUp>) => ({
        type: 'grant-revoked',
        grant: t.coOwner.grant,
        written: [],
        epochs: [
          { id: t.results, epoch: 2 },
          { id: t.notes, epoch: 2 },
        ],
        packages: [],
        owner: [HASH(5)],
      }),
    ]) {
      const t = setUp();
      t.sign(t.owner, { type: 'grant-issued', grant: t.coOwner });
      t.sign(t.carer, statement(t));
      expectIntegrity(() => t.read(), 'author-mismatch');
    }
    const e = setUp();
    const contact = e.grantTo(e.clinician, { access: 'read', emergency: { waitHours: 24 } });
    e.sign(e.owner, { type: 'grant-issued', grant: e.coOwner });
    e.sign(e.owner, { type: 'grant-issued', grant: contact });
    e.sign(e.carer, {
      type: 'grant-revoked',
      grant: contact.grant,
      written: [],
      epochs: [
        { id: e.results, epoch: 2 },
        { id: e.notes, epoch: 2 },
      ],
      packages: [],
      owner: [HASH(5)],
    });
    expectIntegrity(() => e.read(), 'author-mismatch');
  });

  test("a grant named with the record's own ID is refused (that ID names the owner's packages)", () => {
    const t = setUp();
    t.sign(t.owner, { type: 'grant-issued', grant: { ...t.grantTo(t.clinician), grant: t.vault } });
    expectIntegrity(() => t.read(), 'malformed');
  });

  test("a co-owner's revocation that does not seal the new keys to the owner is refused", () => {
    const t = setUp();
    t.sign(t.owner, { type: 'grant-issued', grant: t.coOwner });
    const other = t.grantTo(t.clinician, { collections: [t.results], access: 'read' });
    t.sign(t.owner, { type: 'grant-issued', grant: other });
    t.sign(t.carer, { type: 'grant-revoked', grant: other.grant, written: [], epochs: [{ id: t.results, epoch: 2 }], packages: [] });
    expectIntegrity(() => t.read(), 'malformed');
  });

  test('an ordinary grantee, a stopped co-owner, or a co-owner past the end signs nothing', () => {
    const a = setUp();
    a.sign(a.owner, { type: 'grant-issued', grant: a.grantTo(a.clinician) });
    a.sign(a.clinician, { type: 'entries-confirmed', entries: [HASH(9)] });
    expectIntegrity(() => a.read(), 'author-mismatch');

    const b = setUp();
    b.sign(b.owner, { type: 'grant-issued', grant: b.coOwner });
    b.sign(b.owner, {
      type: 'grant-revoked',
      grant: b.coOwner.grant,
      written: [],
      epochs: [
        { id: b.results, epoch: 2 },
        { id: b.notes, epoch: 2 },
      ],
      packages: [],
    });
    b.sign(b.carer, { type: 'entries-confirmed', entries: [HASH(9)] });
    expectIntegrity(() => b.read(), 'author-mismatch');

    const c = setUp();
    c.sign(c.owner, { type: 'grant-issued', grant: c.coOwner });
    c.sign(c.carer, { type: 'entries-confirmed', entries: [HASH(9)] }, endOfMonth(202712) + 1);
    expectIntegrity(() => c.read(), 'author-mismatch');
  });

  test("a co-owner's statement dated before the one it follows is refused", () => {
    const t = setUp();
    t.sign(t.owner, { type: 'grant-issued', grant: t.coOwner });
    t.sign(t.owner, { type: 'entries-confirmed', entries: [HASH(8)] }, T0 + 60_000);
    t.sign(t.carer, { type: 'entries-confirmed', entries: [HASH(9)] }, T0 + 30_000);
    expectIntegrity(() => t.read(), 'chain');
  });

  test('a statement naming the co-owner as author but signed by someone else is refused', () => {
    const t = setUp();
    t.sign(t.owner, { type: 'grant-issued', grant: t.coOwner });
    const forged = signControlStatement(
      {
        v: 1,
        vault: t.vault,
        seq: 3,
        prev: statementWireHash(t.log.at(-1)!),
        time: T0 + 10_000,
        author: t.carer.account,
        type: 'entries-confirmed',
        entries: [HASH(9)],
      },
      t.clinician.identity.secretKey,
    );
    t.log.push(forged);
    expect(() => t.read()).toThrow(IntegrityError);
  });
});
