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
import {
  activeDeviceKey,
  applyControlLog,
  applyDeviceLog,
  emptyDeviceLog,
  openAccountCard,
  openLogin,
  signAccountCard,
  signControlStatement,
  signDeviceStatement,
  signLogin,
  statementWireHash,
  type DeviceStatement,
} from './statements.ts';
import type { StatementWire } from './wire.ts';

await ready();

function account() {
  const identity = generateSigningKeyPair();
  const id = accountIdFromIdentityKey(identity.publicKey);
  return { identity, id };
}

function deviceLog(
  identity: SigningKeyPair,
  id: string,
  ops: Array<{ op: 'add' | 'remove'; device: string; key: Uint8Array }>,
): StatementWire[] {
  const out: StatementWire[] = [];
  let prev: string | null = null;
  ops.forEach((o, i) => {
    const s: DeviceStatement = {
      v: 1,
      account: id,
      seq: i + 1,
      prev,
      time: 1_700_000_000_000 + i,
      op: o.op,
      device: o.device,
      key: toBase64Url(o.key),
    };
    const wire = signDeviceStatement(s, identity.secretKey);
    out.push(wire);
    prev = statementWireHash(wire);
  });
  return out;
}

function expectIntegrity(run: () => unknown, reason?: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(IntegrityError);
    if (reason) expect((error as IntegrityError).reason).toBe(reason);
    return;
  }
  expect.fail('accepted');
}

describe('account card', () => {
  test('is self-signed and bound to the account ID', () => {
    const { identity, id } = account();
    const card = {
      v: 1 as const,
      account: id,
      identityKey: toBase64Url(identity.publicKey),
      boxKey: toBase64Url(generateBoxKeyPair().publicKey),
      authKey: toBase64Url(generateSigningKeyPair().publicKey),
      created: 1,
    };
    const wire = signAccountCard(card, identity.secretKey);
    expect(openAccountCard(wire, id)).toEqual(card);
    expectIntegrity(() => openAccountCard(wire, account().id), 'certificate');
  });

  test("a card naming someone else's account ID is refused", () => {
    const { identity } = account();
    const victim = account();
    const card = {
      v: 1 as const,
      account: victim.id,
      identityKey: toBase64Url(identity.publicKey),
      boxKey: toBase64Url(generateBoxKeyPair().publicKey),
      authKey: toBase64Url(generateSigningKeyPair().publicKey),
      created: 1,
    };
    expectIntegrity(() => openAccountCard(signAccountCard(card, identity.secretKey)), 'certificate');
  });

  test('a substituted box key breaks the signature', () => {
    const { identity, id } = account();
    const card = {
      v: 1 as const,
      account: id,
      identityKey: toBase64Url(identity.publicKey),
      boxKey: toBase64Url(generateBoxKeyPair().publicKey),
      authKey: toBase64Url(generateSigningKeyPair().publicKey),
      created: 1,
    };
    const wire = signAccountCard(card, identity.secretKey);
    const forged = signAccountCard({ ...card, boxKey: toBase64Url(generateBoxKeyPair().publicKey) }, generateSigningKeyPair().secretKey);
    expectIntegrity(() => openAccountCard({ payload: forged.payload, signature: wire.signature }), 'signature');
  });
});

describe('device log', () => {
  const { identity, id } = account();
  const d1 = { device: toHex(randomId()), key: generateSigningKeyPair().publicKey };
  const d2 = { device: toHex(randomId()), key: generateSigningKeyPair().publicKey };
  const log = deviceLog(identity, id, [
    { op: 'add', ...d1 },
    { op: 'add', ...d2 },
    { op: 'remove', ...d1 },
  ]);

  test('adds and removes devices', () => {
    const state = applyDeviceLog(emptyDeviceLog(id), identity.publicKey, log);
    expect(activeDeviceKey(state, d1.device)).toBeUndefined();
    expect(activeDeviceKey(state, d2.device)).toEqual(d2.key);
    expect(state.head?.seq).toBe(3);
  });

  test('applies incrementally to the same head', () => {
    const first = applyDeviceLog(emptyDeviceLog(id), identity.publicKey, log.slice(0, 2));
    const all = applyDeviceLog(first, identity.publicKey, log.slice(2));
    expect(all.head).toEqual(applyDeviceLog(emptyDeviceLog(id), identity.publicKey, log).head);
  });

  test('a dropped, reordered or replayed statement is caught', () => {
    expectIntegrity(() => applyDeviceLog(emptyDeviceLog(id), identity.publicKey, [log[0]!, log[2]!]), 'chain');
    expectIntegrity(() => applyDeviceLog(emptyDeviceLog(id), identity.publicKey, [log[1]!, log[0]!]), 'chain');
    expectIntegrity(() => applyDeviceLog(emptyDeviceLog(id), identity.publicKey, [log[0]!, log[0]!]), 'chain');
  });

  test('a fork (another statement 2) is caught', () => {
    const fork = deviceLog(identity, id, [
      { op: 'add', ...d1 },
      { op: 'add', device: toHex(randomId()), key: generateSigningKeyPair().publicKey },
    ]);
    const state = applyDeviceLog(emptyDeviceLog(id), identity.publicKey, log.slice(0, 2));
    expectIntegrity(() => applyDeviceLog(state, identity.publicKey, [fork[1]!]), 'chain');
  });

  test('a statement signed by another key (a relay planting a device) is refused', () => {
    const mallory = account();
    const planted = deviceLog(mallory.identity, id, [{ op: 'add', ...d1 }]);
    expectIntegrity(() => applyDeviceLog(emptyDeviceLog(id), identity.publicKey, planted), 'signature');
  });

  test("another account's statements are refused", () => {
    const other = account();
    const theirs = deviceLog(identity, other.id, [{ op: 'add', ...d1 }]);
    expectIntegrity(() => applyDeviceLog(emptyDeviceLog(id), identity.publicKey, theirs), 'context-mismatch');
  });
});

describe('control log', () => {
  test('starts with vault-created by the owner', () => {
    const { identity, id } = account();
    const vault = toHex(randomId());
    const collections = [{ id: toHex(randomId()), epoch: 1 }];
    const genesis = signControlStatement(
      { v: 1, vault, seq: 1, prev: null, time: 1, author: id, type: 'vault-created', owner: id, collections },
      identity.secretKey,
    );
    const state = applyControlLog(null, vault, { account: id, identityKey: identity.publicKey }, [genesis]);
    expect(state.owner).toBe(id);
    expect([...state.collections.keys()]).toEqual([collections[0]!.id]);
    expectIntegrity(
      () => applyControlLog(null, toHex(randomId()), { account: id, identityKey: identity.publicKey }, [genesis]),
      'context-mismatch',
    );
    expectIntegrity(() => applyControlLog(state, vault, { account: id, identityKey: identity.publicKey }, [genesis]), 'chain');
    const mallory = account();
    expectIntegrity(
      () => applyControlLog(null, vault, { account: mallory.id, identityKey: mallory.identity.publicKey }, [genesis]),
      'signature',
    );
    expectIntegrity(() => applyControlLog(null, vault, { account: id, identityKey: identity.publicKey }, []), 'chain');
  });
});

describe('login', () => {
  test('round trips and is bound to its context', () => {
    const key = generateSigningKeyPair();
    const payload = {
      v: 1 as const,
      origin: 'https://relay.example',
      account: account().id,
      device: 'auth' as const,
      challenge: toBase64Url(randomId().slice(0, 16)).padEnd(43, 'A'),
      time: 5,
    };
    const wire = signLogin(payload, key.secretKey);
    expect(openLogin(wire, key.publicKey)).toEqual(payload);
    expectIntegrity(() => openLogin(wire, generateSigningKeyPair().publicKey), 'signature');
  });
});
