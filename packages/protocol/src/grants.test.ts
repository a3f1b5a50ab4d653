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
} from '@carekey/crypto';
import { applyControlLog, endOfMonth, grantInForce, signControlStatement, statementWireHash, type ControlStatement } from './statements.ts';
import { grantPackageHash, openGrantPackage, sealGrantPackage, type CardPackage, type KeysPackage } from './grants.ts';
import type { StatementWire } from './wire.ts';

await ready();

const T0 = Date.UTC(2026, 10, 24, 12);

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

function setUp() {
  const identity = generateSigningKeyPair();
  const owner = accountIdFromIdentityKey(identity.publicKey);
  const granteeIdentity = generateSigningKeyPair();
  const granteeBox = generateBoxKeyPair();
  const grantee = accountIdFromIdentityKey(granteeIdentity.publicKey);
  const vault = toHex(randomId());
  const results = toHex(randomId());
  const notes = toHex(randomId());
  const log: StatementWire[] = [];
  const sign = (statement: Record<string, unknown>): StatementWire => {
    const seq = log.length + 1;
    const prev = log.length ? statementWireHash(log.at(-1)!) : null;
    const wire = signControlStatement(
      { v: 1, vault, seq, prev, time: T0 + seq, author: owner, ...statement } as ControlStatement,
      identity.secretKey,
    );
    log.push(wire);
    return wire;
  };
  sign({
    type: 'vault-created',
    owner,
    collections: [
      { id: results, epoch: 1 },
      { id: notes, epoch: 1 },
    ],
  });
  const keys: KeysPackage = {
    v: 1,
    kind: 'keys',
    grant: toHex(randomId()),
    vault,
    collection: results,
    category: 'results',
    epoch: 1,
    months: [[202611, toBase64Url(new Uint8Array(32).fill(7))]],
  };
  const card: CardPackage = {
    v: 1,
    kind: 'card',
    grant: keys.grant,
    vault,
    owner,
    name: 'Ada Lovelace',
    identifiers: [],
    grantee: { name: 'Dr Patel', role: 'clinician' },
  };
  const sealedKeys = sealGrantPackage(keys, granteeBox.publicKey);
  const sealedCard = sealGrantPackage(card, granteeBox.publicKey);
  const grantClear = {
    grant: keys.grant,
    grantee,
    granteeIdentityKey: toBase64Url(granteeIdentity.publicKey),
    granteeBoxKey: toBase64Url(granteeBox.publicKey),
    collections: [results],
    access: 'write' as const,
    notBefore: 202601,
    notAfter: endOfMonth(202703),
    card: sealedCard.hash,
    packages: [sealedKeys.hash, sealedCard.hash],
  };
  const pin = { account: owner, identityKey: identity.publicKey };
  return { owner, grantee, granteeBox, vault, results, notes, log, sign, grantClear, sealedKeys, sealedCard, keys, card, pin };
}

describe('grants in the control log', () => {
  test('a grant is issued, in force until the end of its month, then revoked with a new epoch', () => {
    const t = setUp();
    t.sign({ type: 'grant-issued', grant: t.grantClear });
    let state = applyControlLog(null, t.vault, t.pin, t.log);
    const grant = state.grants.get(t.grantClear.grant)!;
    expect(grant.grantee).toBe(t.grantee);
    expect(grant.packages.has(t.sealedKeys.hash)).toBe(true);
    expect(grantInForce(grant, endOfMonth(202703))).toBe(true);
    expect(grantInForce(grant, endOfMonth(202703) + 1)).toBe(false);

    t.sign({ type: 'grant-revoked', grant: t.grantClear.grant, written: [], epochs: [{ id: t.results, epoch: 2 }], packages: [] });
    state = applyControlLog(state, t.vault, t.pin, t.log.slice(-1));
    expect(state.collections.get(t.results)!.epoch).toBe(2);
    expect(state.collections.get(t.notes)!.epoch).toBe(1);
    expect(state.grants.get(t.grantClear.grant)!.revokedSeq).toBe(3);
    expect(grantInForce(state.grants.get(t.grantClear.grant)!, T0)).toBe(false);
  });

  test('a revocation that leaves a granted collection at its old epoch is refused', () => {
    const t = setUp();
    t.sign({ type: 'grant-issued', grant: t.grantClear });
    t.sign({ type: 'grant-revoked', grant: t.grantClear.grant, written: [], epochs: [{ id: t.notes, epoch: 2 }], packages: [] });
    expectIntegrity(() => applyControlLog(null, t.vault, t.pin, t.log), 'malformed');
  });

  test('a revocation skipping an epoch, or of a grant never issued or already revoked, is refused', () => {
    const a = setUp();
    a.sign({ type: 'grant-issued', grant: a.grantClear });
    a.sign({ type: 'grant-revoked', grant: a.grantClear.grant, written: [], epochs: [{ id: a.results, epoch: 3 }], packages: [] });
    expectIntegrity(() => applyControlLog(null, a.vault, a.pin, a.log), 'chain');

    const b = setUp();
    b.sign({ type: 'grant-revoked', grant: b.grantClear.grant, written: [], epochs: [{ id: b.results, epoch: 2 }], packages: [] });
    expectIntegrity(() => applyControlLog(null, b.vault, b.pin, b.log), 'chain');

    const c = setUp();
    c.sign({ type: 'grant-issued', grant: c.grantClear });
    c.sign({ type: 'grant-revoked', grant: c.grantClear.grant, written: [], epochs: [{ id: c.results, epoch: 2 }], packages: [] });
    c.sign({ type: 'grant-revoked', grant: c.grantClear.grant, written: [], epochs: [{ id: c.results, epoch: 3 }], packages: [] });
    expectIntegrity(() => applyControlLog(null, c.vault, c.pin, c.log), 'chain');
  });

  test.each([
    ['a grant that does not end at the end of a month', { notAfter: endOfMonth(202703) - 1 }],
    ['a grant that has already ended', { notAfter: endOfMonth(202001) }],
    ['a grant that starts after it ends', { notBefore: 202801 }],
    ['a collection the vault does not have', { collections: ['0'.repeat(32)] }],
    ['a collection named twice', { collections: ['a'.repeat(32), 'a'.repeat(32)] }],
    ['an identity card not among the packages', { card: 'x'.repeat(43) }],
  ])('%s is refused', (_what, change) => {
    const t = setUp();
    t.sign({ type: 'grant-issued', grant: { ...t.grantClear, ...change } });
    expectIntegrity(() => applyControlLog(null, t.vault, t.pin, t.log), 'malformed');
  });

  test('an emergency grant carries its waiting period; a wait of none or over 30 days is refused', () => {
    const t = setUp();
    t.sign({ type: 'grant-issued', grant: { ...t.grantClear, emergency: { waitHours: 48 } } });
    expect(applyControlLog(null, t.vault, t.pin, t.log).grants.get(t.grantClear.grant)!.emergency).toEqual({ waitHours: 48 });
    for (const waitHours of [0, 721]) {
      const u = setUp();
      u.sign({ type: 'grant-issued', grant: { ...u.grantClear, emergency: { waitHours } } });
      expectIntegrity(() => applyControlLog(null, u.vault, u.pin, u.log), 'malformed');
    }
  });

  test('a grant to the owner, or issued twice, is refused', () => {
    const a = setUp();
    a.sign({ type: 'grant-issued', grant: { ...a.grantClear, grantee: a.owner } });
    expectIntegrity(() => applyControlLog(null, a.vault, a.pin, a.log), 'malformed');
    const b = setUp();
    b.sign({ type: 'grant-issued', grant: b.grantClear });
    b.sign({ type: 'grant-issued', grant: b.grantClear });
    expectIntegrity(() => applyControlLog(null, b.vault, b.pin, b.log), 'chain');
  });

  test('new key packages after a revocation go only to grants still in force', () => {
    const t = setUp();
    const other = { ...t.grantClear, grant: toHex(randomId()) };
    t.sign({ type: 'grant-issued', grant: t.grantClear });
    t.sign({ type: 'grant-issued', grant: other });
    const fresh = 'n'.repeat(43);
    t.sign({
      type: 'grant-revoked',
      grant: t.grantClear.grant,
      written: [],
      epochs: [{ id: t.results, epoch: 2 }],
      packages: [{ grant: other.grant, hashes: [fresh] }],
    });
    const state = applyControlLog(null, t.vault, t.pin, t.log);
    expect(state.grants.get(other.grant)!.packages.has(fresh)).toBe(true);

    const u = setUp();
    u.sign({ type: 'grant-issued', grant: u.grantClear });
    u.sign({
      type: 'grant-revoked',
      grant: u.grantClear.grant,
      written: [],
      epochs: [{ id: u.results, epoch: 2 }],
      packages: [{ grant: u.grantClear.grant, hashes: [fresh] }],
    });
    expectIntegrity(() => applyControlLog(null, u.vault, u.pin, u.log), 'malformed');
  });
});

describe('key packages', () => {
  test('open for the grantee, for the grant and vault they name', () => {
    const t = setUp();
    expect(grantPackageHash(t.sealedKeys.data)).toBe(t.sealedKeys.hash);
    expect(openGrantPackage(t.sealedKeys.data, t.granteeBox, { grant: t.keys.grant, vault: t.vault })).toEqual(t.keys);
    expect(openGrantPackage(t.sealedCard.data, t.granteeBox, { grant: t.keys.grant, vault: t.vault })).toEqual(t.card);
    expectIntegrity(
      () => openGrantPackage(t.sealedKeys.data, t.granteeBox, { grant: toHex(randomId()), vault: t.vault }),
      'context-mismatch',
    );
    expectIntegrity(() => openGrantPackage(t.sealedKeys.data, generateBoxKeyPair(), { grant: t.keys.grant, vault: t.vault }), 'decrypt');
  });
});
