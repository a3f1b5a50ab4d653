/**
 * The one contract every {@link RelayStore} adapter passes unchanged (STYLE habit 3). An
 * adapter test file calls {@link relayStoreContract} with a factory; the suite opens a fresh
 * store for every test and closes it afterwards.
 *
 * The fixtures are synthetic: the store neither verifies signatures nor parses envelopes
 * (the app does that before anything reaches the store), so the suite exercises storage
 * rules only — atomicity, compare-and-set, idempotency, single use, ordering and paging.
 *
 * @example
 * relayStoreContract('memory', async () => new MemoryRelayStore());
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CarekeyError, UNLISTED_WRITES, WRITE_HELD, type ErrorCode, type StatementWire, type api } from '@carekey/protocol';
import type {
  AccessEventRecord,
  EnvelopeAppend,
  GrantRecord,
  KeyPackageRecord,
  NewAccount,
  NewEnvelope,
  NewShareLink,
  NewVault,
  RelayStore,
  StoredStatement,
} from './types.ts';

const NOW = Date.UTC(2026, 0, 15);

function hexId(): string {
  return randomBytes(16).toString('hex');
}

function accountId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return Array.from(randomBytes(26), (b) => alphabet[b % 32]).join('');
}

function wire(label: string): StatementWire {
  return { payload: Buffer.from(label).toString('base64url'), signature: randomBytes(64).toString('base64url') };
}

function statement(seq: number, label = hexId()): StoredStatement {
  return { seq, hash: createHash('sha256').update(label).digest('base64url'), statement: wire(label) };
}

function slot(slotId: string): api.UnlockSlotWire {
  return {
    slotId,
    type: 'passphrase',
    kdf: { alg: 'argon2id13', opsLimit: 4, memLimit: 64 * 1024 * 1024, salt: randomBytes(16).toString('base64url') },
    nonce: randomBytes(24).toString('base64url'),
    ciphertext: randomBytes(48).toString('base64url'),
  };
}

function item(itemId: string, kind: 'bundle' | 'root' = 'root'): api.AccountItemWire {
  return { itemId, kind, nonce: randomBytes(24).toString('base64url'), ciphertext: randomBytes(40).toString('base64url') };
}

function newVault(owner: string, vault = hexId()): NewVault {
  return {
    vault,
    owner,
    collections: [
      { id: hexId(), epoch: 1 },
      { id: hexId(), epoch: 1 },
    ],
    log: [statement(1)],
    created: NOW,
  };
}

function newAccount(overrides: Partial<NewAccount> = {}): NewAccount {
  return {
    account: accountId(),
    card: wire('card'),
    slots: [slot('passphrase-1'), slot('passphrase-2')],
    items: [item('bundle', 'bundle')],
    device: statement(1),
    created: NOW,
    ...overrides,
  };
}

/** The append circumstances of a vault fresh from {@link newVault}. */
function at(vault: NewVault): EnvelopeAppend {
  return { received: NOW, controlHead: vault.log.at(-1)!.hash };
}

function envelope(size = 64, overrides: { collection?: string; month?: number; signer?: string } = {}): NewEnvelope {
  const data = new Uint8Array(randomBytes(size));
  return {
    hash: createHash('sha256').update(data).digest('base64url'),
    collection: overrides.collection ?? hexId(),
    entry: hexId(),
    epoch: 1,
    month: overrides.month ?? 202601,
    signer: overrides.signer ?? hexId(),
    size,
    data,
  };
}

/** A read grant of the vault's first collection from January through March 2026. */
function grantRecord(vault: NewVault, grantee: string, overrides: Partial<GrantRecord> = {}): GrantRecord {
  return {
    vault: vault.vault,
    grant: hexId(),
    grantee,
    collections: [vault.collections[0]!.id],
    access: 'read',
    notBefore: 202601,
    notAfter: Date.UTC(2026, 3, 1) - 1,
    issuedAt: NOW,
    revokedAt: null,
    emergency: null,
    ...overrides,
  };
}

function keyPackage(grant: string, size = 120): KeyPackageRecord {
  return { grant, hash: randomBytes(32).toString('base64url'), data: new Uint8Array(randomBytes(size)) };
}

function accessEvent(overrides: Partial<AccessEventRecord> = {}): AccessEventRecord {
  return { at: NOW, kind: 'fetch', actor: accountId(), grant: hexId(), collections: [hexId()], count: 3, reason: null, ...overrides };
}

function newShareLink(owner: string, overrides: Partial<NewShareLink> = {}): NewShareLink {
  return {
    link: hexId(),
    owner,
    payload: new Uint8Array(randomBytes(297)),
    authHash: randomBytes(32).toString('hex'),
    maxTries: 3,
    expiresAt: NOW + 24 * 60 * 60 * 1000,
    created: NOW,
    ...overrides,
  };
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await promise.then(
    () => expect.fail(`expected ${code}, but it succeeded`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CarekeyError);
  expect((error as CarekeyError).code).toBe(code);
}

/**
 * Declares the store contract tests for one adapter.
 *
 * @param name the adapter's name, shown in test titles
 * @param open opens a fresh, empty, migrated store; the suite closes it after each test
 */
export function relayStoreContract(name: string, open: () => Promise<RelayStore>): void {
  describe(`RelayStore contract: ${name}`, () => {
    let store: RelayStore;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    async function withAccount(overrides: Partial<NewAccount> = {}): Promise<NewAccount> {
      const account = newAccount(overrides);
      await store.createAccount(account);
      return account;
    }

    async function withVault(): Promise<NewVault> {
      const account = await withAccount();
      const vault = newVault(account.account);
      await store.createVault(vault);
      return vault;
    }

    describe('accounts', () => {
      test('creates an account with its card, slots, items and first device', async () => {
        const account = await withAccount();
        expect(await store.getAccountCard(account.account)).toEqual(account.card);
        expect(await store.getSlots(account.account)).toEqual(account.slots);
        expect(await store.listItems(account.account)).toEqual(account.items);
        expect(await store.readDeviceLog(account.account)).toEqual([account.device]);
      });

      test('an unknown account has nothing', async () => {
        const unknown = accountId();
        expect(await store.getAccountCard(unknown)).toBeUndefined();
        expect(await store.getSlots(unknown)).toBeUndefined();
        expect(await store.readDeviceLog(unknown)).toEqual([]);
        expect(await store.listItems(unknown)).toEqual([]);
      });

      test('registering an account twice is account-exists and keeps the first', async () => {
        const account = await withAccount();
        await expectCode(store.createAccount({ ...newAccount(), account: account.account }), 'account-exists');
        expect(await store.getAccountCard(account.account)).toEqual(account.card);
        expect(await store.getSlots(account.account)).toEqual(account.slots);
        expect(await store.readDeviceLog(account.account)).toEqual([account.device]);
      });

      test('creates the first vault with the account', async () => {
        const account = newAccount();
        const vault = newVault(account.account);
        await store.createAccount({ ...account, vault });
        expect(await store.getVault(vault.vault)).toEqual({
          vault: vault.vault,
          owner: account.account,
          collections: expect.arrayContaining([...vault.collections]) as unknown,
          head: { seq: 1, hash: vault.log[0]!.hash },
        });
        expect((await store.getVault(vault.vault))?.collections).toHaveLength(2);
      });

      test('creation is atomic: an existing vault leaves no account behind', async () => {
        const taken = await withVault();
        const account = newAccount();
        await expectCode(store.createAccount({ ...account, vault: newVault(account.account, taken.vault) }), 'conflict');
        expect(await store.getAccountCard(account.account)).toBeUndefined();
        expect(await store.getSlots(account.account)).toBeUndefined();
        expect(await store.readDeviceLog(account.account)).toEqual([]);
        expect((await store.getVault(taken.vault))?.owner).toBe(taken.owner);
      });

      test('creation is atomic: conflicting items leave no account behind', async () => {
        const account = newAccount({ items: [item('root:a'), item('root:a')] });
        await expectCode(store.createAccount(account), 'conflict');
        expect(await store.getAccountCard(account.account)).toBeUndefined();
        const retry = newAccount({ account: account.account });
        await store.createAccount(retry);
        expect(await store.getAccountCard(account.account)).toEqual(retry.card);
      });

      test('identical items in one registration are stored once', async () => {
        const root = item('root:a');
        const account = await withAccount({ items: [root, { ...root }] });
        expect(await store.listItems(account.account)).toEqual([root]);
      });
    });

    describe('device log', () => {
      test('appends on top of the head', async () => {
        const account = await withAccount();
        const next = [statement(2), statement(3)];
        await store.appendDeviceLog(account.account, account.device.hash, next);
        expect(await store.readDeviceLog(account.account)).toEqual([account.device, ...next]);
        const fourth = statement(4);
        await store.appendDeviceLog(account.account, next[1]!.hash, [fourth]);
        expect((await store.readDeviceLog(account.account)).map((s) => s.seq)).toEqual([1, 2, 3, 4]);
      });

      test('a stale head is a conflict and appends nothing', async () => {
        const account = await withAccount();
        const winner = statement(2);
        await store.appendDeviceLog(account.account, account.device.hash, [winner]);
        await expectCode(store.appendDeviceLog(account.account, account.device.hash, [statement(2), statement(3)]), 'conflict');
        expect(await store.readDeviceLog(account.account)).toEqual([account.device, winner]);
      });

      test('two devices racing on one head: exactly one wins', async () => {
        const account = await withAccount();
        const results = await Promise.allSettled([
          store.appendDeviceLog(account.account, account.device.hash, [statement(2, 'a')]),
          store.appendDeviceLog(account.account, account.device.hash, [statement(2, 'b')]),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((r) => r.status === 'rejected');
        expect((rejected?.reason as CarekeyError).code).toBe('conflict');
        expect(await store.readDeviceLog(account.account)).toHaveLength(2);
      });

      test('an unknown account is not-found', async () => {
        await expectCode(store.appendDeviceLog(accountId(), 'x', [statement(2)]), 'not-found');
      });
    });

    describe('account items', () => {
      test('appends, listed by item ID', async () => {
        const account = await withAccount({ items: [] });
        const b = item('root:b');
        const a = item('root:a');
        await store.appendItems(account.account, [b]);
        await store.appendItems(account.account, [a]);
        expect(await store.listItems(account.account)).toEqual([a, b]);
      });

      test('re-appending an identical item is a no-op', async () => {
        const account = await withAccount({ items: [] });
        const a = item('root:a');
        await store.appendItems(account.account, [a]);
        await store.appendItems(account.account, [{ ...a }, item('root:b')]);
        expect((await store.listItems(account.account)).map((i) => i.itemId)).toEqual(['root:a', 'root:b']);
        expect((await store.listItems(account.account))[0]).toEqual(a);
      });

      test('different contents under an existing ID is a conflict, and nothing of the batch is stored', async () => {
        const account = await withAccount({ items: [] });
        const a = item('root:a');
        await store.appendItems(account.account, [a]);
        await expectCode(store.appendItems(account.account, [item('root:c'), item('root:a')]), 'conflict');
        expect(await store.listItems(account.account)).toEqual([a]);
      });

      test('an unknown account is not-found', async () => {
        await expectCode(store.appendItems(accountId(), [item('root:a')]), 'not-found');
      });
    });

    describe('login challenges and sessions', () => {
      test('a challenge can be taken once', async () => {
        const account = await withAccount();
        const challenge = { challenge: randomBytes(32).toString('base64url'), account: account.account, expiresAt: NOW + 1000 };
        await store.putChallenge(challenge);
        expect(await store.takeChallenge(challenge.challenge)).toEqual(challenge);
        expect(await store.takeChallenge(challenge.challenge)).toBeUndefined();
        expect(await store.takeChallenge(randomBytes(32).toString('base64url'))).toBeUndefined();
      });

      test('racing takes: exactly one gets the challenge', async () => {
        const account = await withAccount();
        const challenge = { challenge: randomBytes(32).toString('base64url'), account: account.account, expiresAt: NOW + 1000 };
        await store.putChallenge(challenge);
        const taken = await Promise.all(Array.from({ length: 5 }, () => store.takeChallenge(challenge.challenge)));
        expect(taken.filter((t) => t !== undefined)).toEqual([challenge]);
      });

      test('sessions are found by token hash', async () => {
        const account = await withAccount();
        const device = {
          tokenHash: randomBytes(32).toString('base64url'),
          account: account.account,
          device: hexId(),
          expiresAt: NOW + 5000,
        };
        const auth = { tokenHash: randomBytes(32).toString('base64url'), account: account.account, device: null, expiresAt: NOW + 5000 };
        await store.putSession(device);
        await store.putSession(auth);
        expect(await store.getSession(device.tokenHash)).toEqual(device);
        expect(await store.getSession(auth.tokenHash)).toEqual(auth);
        expect(await store.getSession(randomBytes(32).toString('base64url'))).toBeUndefined();
      });

      test('sweeping removes what has expired and keeps the rest', async () => {
        const account = await withAccount();
        const old = { challenge: 'old', account: account.account, expiresAt: NOW };
        const fresh = { challenge: 'fresh', account: account.account, expiresAt: NOW + 1 };
        const oldSession = { tokenHash: 'old', account: account.account, device: null, expiresAt: NOW - 1 };
        const freshSession = { tokenHash: 'fresh', account: account.account, device: null, expiresAt: NOW + 1 };
        await Promise.all([
          store.putChallenge(old),
          store.putChallenge(fresh),
          store.putSession(oldSession),
          store.putSession(freshSession),
        ]);
        await store.sweepExpired(NOW);
        expect(await store.getSession('old')).toBeUndefined();
        expect(await store.getSession('fresh')).toEqual(freshSession);
        expect(await store.takeChallenge('old')).toBeUndefined();
        expect(await store.takeChallenge('fresh')).toEqual(fresh);
      });
    });

    describe('vaults and control logs', () => {
      test('creates a vault and reads it back', async () => {
        const vault = await withVault();
        const record = await store.getVault(vault.vault);
        expect(record?.owner).toBe(vault.owner);
        expect(record?.head).toEqual({ seq: 1, hash: vault.log[0]!.hash });
        expect([...(record?.collections ?? [])].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          [...vault.collections].sort((a, b) => a.id.localeCompare(b.id)),
        );
        expect(await store.readControlLog(vault.vault, 0)).toEqual(vault.log);
        expect(await store.getVault(hexId())).toBeUndefined();
      });

      test('an existing vault is a conflict; an unknown owner is not-found', async () => {
        const vault = await withVault();
        await expectCode(store.createVault(vault), 'conflict');
        await expectCode(store.createVault(newVault(accountId())), 'not-found');
      });

      test('appends with compare-and-set on prev and records new epochs', async () => {
        const vault = await withVault();
        const [first, second] = vault.collections;
        const next = [statement(2), statement(3)];
        await store.appendControlLog(vault.vault, {
          prev: vault.log[0]!.hash,
          statements: next,
          collections: [{ id: first!.id, epoch: 2 }, second!],
        });
        const record = await store.getVault(vault.vault);
        expect(record?.head).toEqual({ seq: 3, hash: next[1]!.hash });
        expect(record?.collections.find((c) => c.id === first!.id)?.epoch).toBe(2);
        expect(record?.collections.find((c) => c.id === second!.id)?.epoch).toBe(1);
        expect(await store.readControlLog(vault.vault, 1)).toEqual(next);
        expect(await store.readControlLog(vault.vault, 3)).toEqual([]);

        await expectCode(
          store.appendControlLog(vault.vault, {
            prev: vault.log[0]!.hash,
            statements: [statement(2)],
            collections: [{ id: first!.id, epoch: 9 }],
          }),
          'conflict',
        );
        expect((await store.getVault(vault.vault))?.head.seq).toBe(3);
        expect((await store.getVault(vault.vault))?.collections.find((c) => c.id === first!.id)?.epoch).toBe(2);
        expect(await store.readControlLog(vault.vault, 0)).toHaveLength(3);
      });

      test('an unknown vault is not-found', async () => {
        await expectCode(store.appendControlLog(hexId(), { prev: 'x', statements: [statement(2)], collections: [] }), 'not-found');
        expect(await store.readControlLog(hexId(), 0)).toEqual([]);
      });
    });

    describe('envelopes', () => {
      test('appends in order with per-vault seqs, and pulls them back byte for byte', async () => {
        const one = await withVault();
        const two = await withVault();
        const batch = [envelope(), envelope(), envelope()];
        expect(await store.appendEnvelopes(one.vault, batch, at(one))).toEqual(
          batch.map((e, i) => ({ hash: e.hash, seq: i + 1, duplicate: false })),
        );
        expect((await store.appendEnvelopes(two.vault, [envelope()], at(two)))[0]?.seq).toBe(1);
        expect((await store.appendEnvelopes(one.vault, [envelope()], at(one)))[0]?.seq).toBe(4);
        const page = await store.pullEnvelopes(one.vault, { after: 0, limit: 10, maxBytes: 1 << 20 });
        expect(page.more).toBe(false);
        expect(page.envelopes.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
        expect(page.envelopes.slice(0, 3).map((e) => e.data)).toEqual(batch.map((e) => e.data));
        expect(page.envelopes[0]?.data).toBeInstanceOf(Uint8Array);
      });

      test('re-appending is idempotent: same seq, duplicate true', async () => {
        const vault = await withVault();
        const a = envelope();
        const b = envelope();
        await store.appendEnvelopes(vault.vault, [a], at(vault));
        const c = envelope();
        expect(await store.appendEnvelopes(vault.vault, [b, a, c], at(vault))).toEqual([
          { hash: b.hash, seq: 2, duplicate: false },
          { hash: a.hash, seq: 1, duplicate: true },
          { hash: c.hash, seq: 3, duplicate: false },
        ]);
        const page = await store.pullEnvelopes(vault.vault, { after: 0, limit: 10, maxBytes: 1 << 20 });
        expect(page.envelopes.map((e) => e.seq)).toEqual([1, 2, 3]);
      });

      test("a duplicate within one batch gets the first one's seq", async () => {
        const vault = await withVault();
        const a = envelope();
        expect(await store.appendEnvelopes(vault.vault, [a, { ...a }], at(vault))).toEqual([
          { hash: a.hash, seq: 1, duplicate: false },
          { hash: a.hash, seq: 1, duplicate: true },
        ]);
      });

      test('the same envelope in two vaults is two envelopes', async () => {
        const one = await withVault();
        const two = await withVault();
        const a = envelope();
        expect((await store.appendEnvelopes(one.vault, [a], at(one)))[0]?.duplicate).toBe(false);
        expect((await store.appendEnvelopes(two.vault, [a], at(two)))[0]?.duplicate).toBe(false);
      });

      test('a failing batch stores nothing and burns no seq', async () => {
        const vault = await withVault();
        const broken = { ...envelope(), data: null } as unknown as NewEnvelope;
        await expect(store.appendEnvelopes(vault.vault, [envelope(), envelope(), broken], at(vault))).rejects.toThrow();
        expect((await store.pullEnvelopes(vault.vault, { after: 0, limit: 10, maxBytes: 1 << 20 })).envelopes).toEqual([]);
        expect((await store.appendEnvelopes(vault.vault, [envelope()], at(vault)))[0]?.seq).toBe(1);
      });

      test('a batch checked against an old control-log head is a conflict and stores nothing', async () => {
        const vault = await withVault();
        const rotation = statement(2);
        await store.appendControlLog(vault.vault, { prev: vault.log[0]!.hash, statements: [rotation], collections: [] });
        await expectCode(store.appendEnvelopes(vault.vault, [envelope()], at(vault)), 'conflict');
        expect((await store.pullEnvelopes(vault.vault, { after: 0, limit: 10, maxBytes: 1 << 20 })).envelopes).toEqual([]);
        const appended = await store.appendEnvelopes(vault.vault, [envelope()], { received: NOW, controlHead: rotation.hash });
        expect(appended[0]?.seq).toBe(1);
      });

      test('an unknown vault is not-found', async () => {
        await expectCode(store.appendEnvelopes(hexId(), [envelope()], { received: NOW, controlHead: 'x' }), 'not-found');
        expect(await store.pullEnvelopes(hexId(), { after: 0, limit: 10, maxBytes: 1000 })).toEqual({ envelopes: [], more: false });
      });

      test('pulls page by cursor within the count limit and the byte budget', async () => {
        const vault = await withVault();
        await store.appendEnvelopes(
          vault.vault,
          Array.from({ length: 10 }, () => envelope(100)),
          at(vault),
        );
        const seqs = async (after: number, limit: number, maxBytes: number) => {
          const page = await store.pullEnvelopes(vault.vault, { after, limit, maxBytes });
          return { seqs: page.envelopes.map((e) => e.seq), more: page.more };
        };
        expect(await seqs(0, 3, 1 << 20)).toEqual({ seqs: [1, 2, 3], more: true });
        expect(await seqs(3, 3, 1 << 20)).toEqual({ seqs: [4, 5, 6], more: true });
        expect(await seqs(6, 4, 1 << 20)).toEqual({ seqs: [7, 8, 9, 10], more: false });
        expect(await seqs(0, 10, 250)).toEqual({ seqs: [1, 2], more: true });
        expect(await seqs(0, 10, 1000)).toEqual({ seqs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], more: false });
        expect(await seqs(8, 10, 50)).toEqual({ seqs: [9], more: true });
        expect(await seqs(9, 10, 50)).toEqual({ seqs: [10], more: false });
        expect(await seqs(10, 10, 1000)).toEqual({ seqs: [], more: false });
      });

      test('concurrent appends give gap-free increasing seqs that a concurrent puller never skips', async () => {
        const vault = await withVault();
        const writers = 16;
        const perBatch = 4;
        const total = writers * perBatch;
        const batches = Array.from({ length: writers }, () => Array.from({ length: perBatch }, () => envelope(32)));
        // Every batch repeats one envelope of the first batch: racing duplicates must agree on one seq.
        const shared = batches[0]![0]!;
        const writes = Promise.all(
          batches.map((batch, i) => store.appendEnvelopes(vault.vault, i === 0 ? batch : [...batch, shared], at(vault))),
        );

        let done = false;
        const finish = () => {
          done = true;
        };
        writes.then(finish, finish);
        const seen: number[] = [];
        let cursor = 0;
        for (;;) {
          const finished = done;
          const page = await store.pullEnvelopes(vault.vault, { after: cursor, limit: 7, maxBytes: 1 << 20 });
          for (const e of page.envelopes) {
            // Never skipped: each page continues exactly where the last one stopped.
            expect(e.seq).toBe(cursor + 1);
            cursor = e.seq;
            seen.push(e.seq);
          }
          if (finished && !page.more && page.envelopes.length === 0) break;
          await new Promise((resolve) => setImmediate(resolve));
        }

        const results = await writes;
        const seqs = results.flatMap((r) => r.filter((x) => !x.duplicate).map((x) => x.seq)).sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        expect(seen).toEqual(seqs);
        const sharedResults = results.flatMap((r) => r.filter((x) => x.hash === shared.hash));
        expect(sharedResults).toHaveLength(writers);
        expect(new Set(sharedResults.map((x) => x.seq)).size).toBe(1);
        expect(sharedResults.filter((x) => !x.duplicate)).toHaveLength(1);
      });
    });

    describe("a revoked writer's envelopes", () => {
      test('lists the hashes of envelopes in given collections by given signers, in seq order, never removed ones', async () => {
        const vault = await withVault();
        const other = await withVault();
        const [mine, theirs] = vault.collections.map((c) => c.id) as [string, string];
        const [laptop, phone, stranger] = [hexId(), hexId(), hexId()];
        const a = envelope(64, { collection: mine, signer: laptop });
        const b = envelope(64, { collection: theirs, signer: laptop });
        const c = envelope(64, { collection: mine, signer: stranger });
        const d = envelope(64, { collection: mine, signer: phone });
        const e = envelope(64, { collection: mine, signer: laptop });
        await store.appendEnvelopes(vault.vault, [a, b, c, d, e], at(vault));
        await store.appendEnvelopes(other.vault, [envelope(64, { collection: mine, signer: laptop })], at(other));
        expect(await store.envelopesSignedBy(vault.vault, [mine], [laptop, phone])).toEqual([a.hash, d.hash, e.hash]);
        expect(await store.envelopesSignedBy(vault.vault, [mine, theirs], [laptop])).toEqual([a.hash, b.hash, e.hash]);
        expect(await store.envelopesSignedBy(vault.vault, [], [laptop])).toEqual([]);
        expect(await store.envelopesSignedBy(vault.vault, [mine], [])).toEqual([]);
        expect(await store.envelopesSignedBy(hexId(), [mine], [laptop])).toEqual([]);
        await store.removeEnvelopes(vault.vault, [d.hash], at(vault));
        expect(await store.envelopesSignedBy(vault.vault, [mine], [laptop, phone])).toEqual([a.hash, e.hash]);
      });

      test('a control-log append revoking a writer goes through only when it lists every envelope held from them', async () => {
        const vault = await withVault();
        const grantee = await withAccount();
        const [mine, theirs] = vault.collections.map((c) => c.id) as [string, string];
        const [laptop, phone] = [hexId(), hexId()];
        const a = envelope(64, { collection: mine, signer: laptop });
        const b = envelope(64, { collection: mine, signer: phone });
        // Outside the writer's collections, or someone else's: not theirs to list.
        const elsewhere = envelope(64, { collection: theirs, signer: laptop });
        const stranger = envelope(64, { collection: mine });
        await store.appendEnvelopes(vault.vault, [a, b, elsewhere, stranger], at(vault));
        const grant = grantRecord(vault, grantee.account, { access: 'write' });
        const revoked = { ...grant, revokedAt: NOW };
        const append = (written: readonly string[]) => ({
          prev: vault.log[0]!.hash,
          statements: [statement(2)],
          collections: [{ id: mine, epoch: 2 }],
          grants: [revoked],
          events: [accessEvent({ kind: 'grant-revoked', actor: grantee.account, grant: grant.grant })],
          revokedWriters: [{ collections: [mine], signers: [laptop, phone], written }],
        });

        const refused = await store.appendControlLog(vault.vault, append([a.hash, envelope().hash])).then(
          () => expect.fail('a revocation leaving an envelope out went through'),
          (error: unknown) => error,
        );
        expect(refused).toBeInstanceOf(CarekeyError);
        expect((refused as CarekeyError).code).toBe('conflict');
        expect((refused as CarekeyError).message.startsWith(UNLISTED_WRITES)).toBe(true);
        // Nothing of it is stored.
        expect((await store.getVault(vault.vault))?.head.seq).toBe(1);
        expect((await store.getVault(vault.vault))?.collections.find((c) => c.id === mine)?.epoch).toBe(1);
        expect(await store.listGrants(vault.vault)).toEqual([]);
        expect(await store.readAccessLog(vault.vault, 10)).toEqual([]);

        await store.appendControlLog(vault.vault, append([b.hash, envelope().hash, a.hash]));
        expect((await store.getVault(vault.vault))?.head.seq).toBe(2);
        expect((await store.listGrants(vault.vault))[0]?.revokedAt).toBe(NOW);
      });
    });

    describe('write holds', () => {
      /** The outcome of an append by `writer` received at `received`: stored, or the error's code and message. */
      async function appendAs(vault: NewVault, writer: string | undefined, received: number): Promise<string> {
        const append = { ...at(vault), received, ...(writer === undefined ? {} : { writer }) };
        return store.appendEnvelopes(vault.vault, [envelope()], append).then(
          () => 'stored',
          (error: unknown) => {
            if (!(error instanceof CarekeyError)) throw error;
            return `${error.code} ${error.message.startsWith(WRITE_HELD) ? 'held' : error.message}`;
          },
        );
      }

      test("refuse the held grantee's appends to that vault until the hold ends, and no one else's", async () => {
        const vault = await withVault();
        const other = await withVault();
        const [held, free] = [accountId(), accountId()];
        await store.holdWrites(vault.vault, held, NOW + 1000);

        expect(await appendAs(vault, held, NOW)).toBe('conflict held');
        expect(await appendAs(vault, held, NOW + 999)).toBe('conflict held');
        // Nothing of a refused batch is stored.
        expect((await store.pullEnvelopes(vault.vault, { after: 0, limit: 10, maxBytes: 1 << 20 })).envelopes).toEqual([]);
        expect(await appendAs(vault, free, NOW)).toBe('stored');
        // The owner's appends name no writer.
        expect(await appendAs(vault, undefined, NOW)).toBe('stored');
        expect(await appendAs(other, held, NOW)).toBe('stored');
        // It ends by itself.
        expect(await appendAs(vault, held, NOW + 1000)).toBe('stored');
      });

      test('a hold is never shortened; a later one lengthens it; an unknown vault is not-found', async () => {
        const vault = await withVault();
        const held = accountId();
        await store.holdWrites(vault.vault, held, NOW + 2000);
        await store.holdWrites(vault.vault, held, NOW + 1000);
        expect(await appendAs(vault, held, NOW + 1500)).toBe('conflict held');
        await store.holdWrites(vault.vault, held, NOW + 3000);
        expect(await appendAs(vault, held, NOW + 2500)).toBe('conflict held');
        expect(await appendAs(vault, held, NOW + 3000)).toBe('stored');
        await expectCode(store.holdWrites(hexId(), held, NOW + 1000), 'not-found');
      });
    });

    describe('removing envelopes', () => {
      const everything = { after: 0, limit: 100, maxBytes: 1 << 20 };
      const seqsOf = (page: { envelopes: ReadonlyArray<{ seq: number }> }) => page.envelopes.map((e) => e.seq);

      test('reads the clear index of stored envelopes by hash; hashes not held are absent', async () => {
        const vault = await withVault();
        const other = await withVault();
        const [a, b, c] = [envelope(), envelope(), envelope()];
        await store.appendEnvelopes(vault.vault, [a, b, c], at(vault));
        const elsewhere = envelope();
        await store.appendEnvelopes(other.vault, [elsewhere], at(other));
        const index = await store.readEnvelopeIndex(vault.vault, [c.hash, a.hash, elsewhere.hash, envelope().hash, a.hash]);
        const clear = (e: NewEnvelope, seq: number) => ({
          seq,
          collection: e.collection,
          entry: e.entry,
          epoch: e.epoch,
          month: e.month,
          signer: e.signer,
        });
        expect(index).toEqual(
          new Map([
            [c.hash, clear(c, 3)],
            [a.hash, clear(a, 1)],
          ]),
        );
        expect(await store.readEnvelopeIndex(vault.vault, [])).toEqual(new Map());
        expect(await store.readEnvelopeIndex(hexId(), [a.hash])).toEqual(new Map());
      });

      test('removes by hash, leaving a hole: the seqs left stay, the next append continues, pull and index skip it', async () => {
        const vault = await withVault();
        const batch = Array.from({ length: 6 }, () => envelope(100));
        await store.appendEnvelopes(vault.vault, batch, at(vault));
        const [one, two, three, four, five, six] = batch;
        // Hashes not held are ignored, and one named twice is removed once.
        expect(await store.removeEnvelopes(vault.vault, [two!.hash, six!.hash, envelope().hash, three!.hash, two!.hash], at(vault))).toBe(
          3,
        );

        const all = await store.pullEnvelopes(vault.vault, everything);
        expect(seqsOf(all)).toEqual([1, 4, 5]);
        expect(all.envelopes.map((e) => e.data)).toEqual([one!.data, four!.data, five!.data]);
        expect(all.more).toBe(false);
        const pull = async (after: number, limit: number, maxBytes = 1 << 20) => {
          const page = await store.pullEnvelopes(vault.vault, { after, limit, maxBytes });
          return { seqs: seqsOf(page), more: page.more };
        };
        expect(await pull(0, 1)).toEqual({ seqs: [1], more: true });
        expect(await pull(1, 1)).toEqual({ seqs: [4], more: true });
        expect(await pull(2, 2)).toEqual({ seqs: [4, 5], more: false });
        // The last envelope was removed: nothing follows seq 5.
        expect(await pull(4, 1)).toEqual({ seqs: [5], more: false });
        expect(await pull(5, 10)).toEqual({ seqs: [], more: false });
        expect(await pull(0, 10, 150)).toEqual({ seqs: [1], more: true });

        const index = await store.readEnvelopeIndex(
          vault.vault,
          batch.map((e) => e.hash),
        );
        expect([...index.values()].map((e) => e.seq).sort((x, y) => x - y)).toEqual([1, 4, 5]);
        expect(index.has(two!.hash) || index.has(three!.hash) || index.has(six!.hash)).toBe(false);

        // Removed seqs are never given again: the next append gets 7, not 6 nor 2.
        const later = envelope(100);
        expect(await store.appendEnvelopes(vault.vault, [later], at(vault))).toEqual([{ hash: later.hash, seq: 7, duplicate: false }]);
        expect(seqsOf(await store.pullEnvelopes(vault.vault, everything))).toEqual([1, 4, 5, 7]);
        expect(await pull(5, 10)).toEqual({ seqs: [7], more: false });

        // Removing again removes nothing; removing nothing is fine.
        expect(await store.removeEnvelopes(vault.vault, [two!.hash, three!.hash], at(vault))).toBe(0);
        expect(await store.removeEnvelopes(vault.vault, [], at(vault))).toBe(0);
        expect(seqsOf(await store.pullEnvelopes(vault.vault, everything))).toEqual([1, 4, 5, 7]);
      });

      test('a filtered pull skips removed envelopes: limit, cursor and more count only those left', async () => {
        const vault = await withVault();
        const [a, b] = vault.collections.map((c) => c.id);
        // seq:   1  2  3  4  5  6
        const plan = [a, b, a, a, b, a];
        const batch = plan.map((collection) => envelope(100, { collection: collection! }));
        await store.appendEnvelopes(vault.vault, batch, at(vault));
        expect(await store.removeEnvelopes(vault.vault, [batch[2]!.hash, batch[5]!.hash], at(vault))).toBe(2);
        const only = [{ collection: a!, fromMonth: 202601, toMonth: 202601 }];
        const pull = async (after: number, limit: number) => {
          const page = await store.pullEnvelopes(vault.vault, { after, limit, maxBytes: 1 << 20, only });
          return { seqs: seqsOf(page), more: page.more };
        };
        expect(await pull(0, 10)).toEqual({ seqs: [1, 4], more: false });
        expect(await pull(0, 1)).toEqual({ seqs: [1], more: true });
        expect(await pull(1, 1)).toEqual({ seqs: [4], more: false });
        expect(await pull(4, 10)).toEqual({ seqs: [], more: false });
      });

      test('a removal checked against an old control-log head is a conflict and removes nothing', async () => {
        const vault = await withVault();
        const [a, b] = [envelope(), envelope()];
        await store.appendEnvelopes(vault.vault, [a, b], at(vault));
        const rotation = statement(2);
        await store.appendControlLog(vault.vault, { prev: vault.log[0]!.hash, statements: [rotation], collections: [] });
        await expectCode(store.removeEnvelopes(vault.vault, [a.hash, b.hash], at(vault)), 'conflict');
        expect(seqsOf(await store.pullEnvelopes(vault.vault, everything))).toEqual([1, 2]);
        expect([...(await store.readEnvelopeIndex(vault.vault, [a.hash, b.hash])).keys()].sort()).toEqual([a.hash, b.hash].sort());
        expect(await store.removeEnvelopes(vault.vault, [a.hash], { controlHead: rotation.hash })).toBe(1);
        expect(seqsOf(await store.pullEnvelopes(vault.vault, everything))).toEqual([2]);
      });

      test('removes only from its vault; an unknown vault is not-found', async () => {
        const one = await withVault();
        const two = await withVault();
        const shared = envelope();
        await store.appendEnvelopes(one.vault, [shared], at(one));
        await store.appendEnvelopes(two.vault, [shared], at(two));
        expect(await store.removeEnvelopes(one.vault, [shared.hash], at(one))).toBe(1);
        expect(seqsOf(await store.pullEnvelopes(one.vault, everything))).toEqual([]);
        expect(seqsOf(await store.pullEnvelopes(two.vault, everything))).toEqual([1]);
        expect((await store.readEnvelopeIndex(two.vault, [shared.hash])).get(shared.hash)?.seq).toBe(1);
        await expectCode(store.removeEnvelopes(hexId(), [shared.hash], { controlHead: 'x' }), 'not-found');
      });
    });

    describe('envelope filters', () => {
      test('pulls only envelopes inside the ranges; limit, budget, cursor and more count only those', async () => {
        const vault = await withVault();
        const [a, b] = vault.collections.map((c) => c.id);
        // seq:        1          2          3          4          5          6          7          8
        const plan = [
          [a, 202512],
          [a, 202601],
          [b, 202601],
          [a, 202602],
          [b, 202602],
          [a, 202604],
          [a, 202603],
          [b, 202603],
        ] as const;
        const batch = plan.map(([collection, month]) => envelope(100, { collection: collection!, month }));
        await store.appendEnvelopes(vault.vault, batch, at(vault));
        const only = [{ collection: a!, fromMonth: 202601, toMonth: 202603 }];
        const pull = async (after: number, limit: number, maxBytes = 1 << 20, ranges = only) => {
          const page = await store.pullEnvelopes(vault.vault, { after, limit, maxBytes, only: ranges });
          return { seqs: page.envelopes.map((e) => e.seq), more: page.more };
        };
        expect(await pull(0, 10)).toEqual({ seqs: [2, 4, 7], more: false });
        expect(await pull(0, 2)).toEqual({ seqs: [2, 4], more: true });
        expect(await pull(4, 2)).toEqual({ seqs: [7], more: false });
        expect(await pull(0, 10, 150)).toEqual({ seqs: [2], more: true });
        // Nothing left that matches: no more, however many envelopes follow.
        expect(await pull(7, 10)).toEqual({ seqs: [], more: false });
        expect(await pull(0, 10, 1 << 20, [])).toEqual({ seqs: [], more: false });
        const two = [...only, { collection: b!, fromMonth: 202602, toMonth: 202602 }];
        expect(await pull(0, 10, 1 << 20, two)).toEqual({ seqs: [2, 4, 5, 7], more: false });
        expect(await pull(4, 1, 1 << 20, two)).toEqual({ seqs: [5], more: true });

        const page = await store.pullEnvelopes(vault.vault, { after: 0, limit: 10, maxBytes: 1 << 20, only });
        expect(page.envelopes.map((e) => e.collection)).toEqual([a, a, a]);
        expect(page.envelopes.map((e) => e.data)).toEqual([batch[1]!.data, batch[3]!.data, batch[6]!.data]);
        const all = await store.pullEnvelopes(vault.vault, { after: 0, limit: 10, maxBytes: 1 << 20 });
        expect(all.envelopes.map((e) => e.collection)).toEqual(plan.map(([collection]) => collection));
      });
    });

    describe('grants, key packages and the access log', () => {
      test('an append stores the grants, packages and events it carries, with the statements', async () => {
        const vault = await withVault();
        const grantee = await withAccount();
        const grant = grantRecord(vault, grantee.account);
        const packages = [keyPackage(grant.grant), keyPackage(grant.grant)];
        const issued = accessEvent({
          kind: 'grant-issued',
          actor: grantee.account,
          grant: grant.grant,
          collections: [...grant.collections],
          count: 0,
        });
        await store.appendControlLog(vault.vault, {
          prev: vault.log[0]!.hash,
          statements: [statement(2)],
          collections: [...vault.collections],
          grants: [grant],
          packages,
          events: [issued],
        });
        expect(await store.listGrants(vault.vault)).toEqual([grant]);
        expect(await store.listGrants(vault.vault, grantee.account)).toEqual([grant]);
        expect(await store.listGrants(vault.vault, vault.owner)).toEqual([]);
        expect(await store.listKeyPackages(vault.vault)).toEqual([...packages].sort((x, y) => (x.hash < y.hash ? -1 : 1)));
        expect((await store.listKeyPackages(vault.vault))[0]?.data).toBeInstanceOf(Uint8Array);
        expect(await store.readAccessLog(vault.vault, 10)).toEqual([issued]);
        expect(await store.grantsTo(grantee.account)).toEqual([{ ...grant, owner: vault.owner }]);
      });

      test('a later append replaces each grant with its new state and adds packages', async () => {
        const vault = await withVault();
        const grantee = await withAccount();
        const [first, second] = vault.collections;
        const revoked = grantRecord(vault, grantee.account);
        const kept = grantRecord(vault, grantee.account, { collections: [first!.id, second!.id], access: 'write', issuedAt: NOW + 1 });
        const kept1 = keyPackage(kept.grant);
        await store.appendControlLog(vault.vault, {
          prev: vault.log[0]!.hash,
          statements: [statement(2, 'two'), statement(3, 'three')],
          collections: [...vault.collections],
          grants: [revoked, kept],
          packages: [keyPackage(revoked.grant), kept1],
        });
        const revocation = { ...revoked, revokedAt: NOW + 5 };
        const kept2 = keyPackage(kept.grant);
        await store.appendControlLog(vault.vault, {
          prev: statement(3, 'three').hash,
          statements: [statement(4)],
          collections: [{ id: first!.id, epoch: 2 }, second!],
          grants: [revocation, kept],
          // A package listed again is kept once.
          packages: [kept2, kept1],
        });
        expect(await store.listGrants(vault.vault)).toEqual([revocation, kept]);
        const keptPackages = await store.listKeyPackages(vault.vault, [kept.grant]);
        expect(keptPackages).toEqual([kept1, kept2].sort((x, y) => (x.hash < y.hash ? -1 : 1)));
        expect(await store.listKeyPackages(vault.vault)).toHaveLength(3);
        expect(await store.listKeyPackages(vault.vault, [])).toEqual([]);
        expect(await store.listKeyPackages(vault.vault, [hexId()])).toEqual([]);
        expect((await store.getVault(vault.vault))?.collections.find((c) => c.id === first!.id)?.epoch).toBe(2);
      });

      test('a stale prev stores no grant, package or event', async () => {
        const vault = await withVault();
        const grantee = await withAccount();
        await store.appendControlLog(vault.vault, { prev: vault.log[0]!.hash, statements: [statement(2)], collections: [] });
        const grant = grantRecord(vault, grantee.account);
        await expectCode(
          store.appendControlLog(vault.vault, {
            prev: vault.log[0]!.hash,
            statements: [statement(2)],
            collections: [],
            grants: [grant],
            packages: [keyPackage(grant.grant)],
            events: [accessEvent()],
          }),
          'conflict',
        );
        expect(await store.listGrants(vault.vault)).toEqual([]);
        expect(await store.listKeyPackages(vault.vault)).toEqual([]);
        expect(await store.readAccessLog(vault.vault, 10)).toEqual([]);
        expect(await store.grantsTo(grantee.account)).toEqual([]);
      });

      test('a failing append is all or nothing: no statement, grant or event stays', async () => {
        const vault = await withVault();
        const grantee = await withAccount();
        const grant = grantRecord(vault, grantee.account);
        const broken = { ...keyPackage(grant.grant), data: null } as unknown as KeyPackageRecord;
        await expect(
          store.appendControlLog(vault.vault, {
            prev: vault.log[0]!.hash,
            statements: [statement(2)],
            collections: [],
            grants: [grant],
            packages: [keyPackage(grant.grant), broken],
            events: [accessEvent()],
          }),
        ).rejects.toThrow();
        expect(await store.readControlLog(vault.vault, 0)).toEqual(vault.log);
        expect((await store.getVault(vault.vault))?.head.seq).toBe(1);
        expect(await store.listGrants(vault.vault)).toEqual([]);
        expect(await store.listKeyPackages(vault.vault)).toEqual([]);
        expect(await store.readAccessLog(vault.vault, 10)).toEqual([]);
      });

      test("a grantee's grants across vaults, each with its vault's owner, oldest first", async () => {
        const one = await withVault();
        const two = await withVault();
        const grantee = await withAccount();
        const other = await withAccount();
        const later = grantRecord(two, grantee.account, { issuedAt: NOW + 10, revokedAt: NOW + 20 });
        const earlier = grantRecord(one, grantee.account, { access: 'write' });
        await store.appendControlLog(two.vault, {
          prev: two.log[0]!.hash,
          statements: [statement(2)],
          collections: [],
          grants: [later, grantRecord(two, other.account)],
        });
        await store.appendControlLog(one.vault, { prev: one.log[0]!.hash, statements: [statement(2)], collections: [], grants: [earlier] });
        expect(await store.grantsTo(grantee.account)).toEqual([
          { ...earlier, owner: one.owner },
          { ...later, owner: two.owner },
        ]);
        expect(await store.grantsTo(accountId())).toEqual([]);
        expect(await store.listGrants(hexId())).toEqual([]);
      });

      test('the access log: appended in order, read newest first up to a limit, per vault', async () => {
        const vault = await withVault();
        const other = await withVault();
        const events = [
          accessEvent({ kind: 'grant-issued', count: 0 }),
          accessEvent({ at: NOW + 1 }),
          accessEvent({ at: NOW + 1, kind: 'refused', grant: null, collections: [], count: 0, reason: 'grant revoked' }),
          accessEvent({ at: NOW + 2, kind: 'write', count: 1 }),
        ];
        await store.appendAccessEvents(vault.vault, events.slice(0, 2));
        await store.appendAccessEvents(other.vault, [accessEvent()]);
        await store.appendAccessEvents(vault.vault, events.slice(2));
        expect(await store.readAccessLog(vault.vault, 10)).toEqual([...events].reverse());
        expect(await store.readAccessLog(vault.vault, 2)).toEqual([events[3], events[2]]);
        expect(await store.readAccessLog(other.vault, 10)).toHaveLength(1);
        expect(await store.readAccessLog(hexId(), 10)).toEqual([]);
        await expectCode(store.appendAccessEvents(hexId(), [accessEvent()]), 'not-found');
      });
    });

    describe('emergency grants', () => {
      const HOUR = 60 * 60 * 1000;

      /** A vault with an emergency grant (48 hours' wait) and an ordinary one, both to `grantee`. */
      async function withEmergency(): Promise<{ vault: NewVault; grant: GrantRecord; ordinary: GrantRecord }> {
        const vault = await withVault();
        const grantee = await withAccount();
        const grant = grantRecord(vault, grantee.account, { emergency: { waitHours: 48 } });
        const ordinary = grantRecord(vault, grantee.account, { issuedAt: NOW + 1 });
        await store.appendControlLog(vault.vault, {
          prev: vault.log[0]!.hash,
          statements: [statement(2, 'two')],
          collections: [],
          grants: [grant, ordinary],
        });
        return { vault, grant, ordinary };
      }

      function eventOf(grant: GrantRecord, kind: 'emergency-requested' | 'emergency-refused', at: number): AccessEventRecord {
        return { at, kind, actor: grant.grantee, grant: grant.grant, collections: [...grant.collections], count: 0, reason: null };
      }

      test('an emergency grant is stored with its wait and no request; an ordinary grant has none', async () => {
        const { vault, grant, ordinary } = await withEmergency();
        const idle = { waitHours: 48, requestedAt: null, refusedAt: null };
        expect(await store.listGrants(vault.vault)).toEqual([{ ...grant, emergency: idle }, ordinary]);
        expect(await store.grantsTo(grant.grantee)).toEqual([
          { ...grant, emergency: idle, owner: vault.owner },
          { ...ordinary, owner: vault.owner },
        ]);
      });

      test('a request starts the wait once, logging one event; asking again while pending changes nothing', async () => {
        const { vault, grant } = await withEmergency();
        const asked = eventOf(grant, 'emergency-requested', NOW + 10);
        expect(await store.requestEmergency(vault.vault, grant.grant, NOW + 10, asked)).toEqual({
          emergency: { waitHours: 48, requestedAt: NOW + 10, refusedAt: null },
          started: true,
        });
        const pending = { emergency: { waitHours: 48, requestedAt: NOW + 10, refusedAt: null }, started: false };
        expect(await store.requestEmergency(vault.vault, grant.grant, NOW + 20, asked)).toEqual(pending);
        // Released by now, and still the same request.
        expect(await store.requestEmergency(vault.vault, grant.grant, NOW + 100 * HOUR, asked)).toEqual(pending);
        expect((await store.listGrants(vault.vault, grant.grantee))[0]?.emergency).toEqual(pending.emergency);
        expect(await store.readAccessLog(vault.vault, 10)).toEqual([asked]);
      });

      test('the owner refuses a waiting request once; a new request after it starts a new wait', async () => {
        const { vault, grant } = await withEmergency();
        await store.requestEmergency(vault.vault, grant.grant, NOW + 10);
        const refused = eventOf(grant, 'emergency-refused', NOW + HOUR);
        expect(await store.refuseEmergency(vault.vault, grant.grant, NOW + HOUR, refused)).toEqual({
          waitHours: 48,
          requestedAt: NOW + 10,
          refusedAt: NOW + HOUR,
        });
        await expectCode(store.refuseEmergency(vault.vault, grant.grant, NOW + HOUR + 1, refused), 'conflict');
        expect(await store.readAccessLog(vault.vault, 10)).toEqual([refused]);

        const again = await store.requestEmergency(vault.vault, grant.grant, NOW + 2 * HOUR);
        expect(again).toEqual({ emergency: { waitHours: 48, requestedAt: NOW + 2 * HOUR, refusedAt: NOW + HOUR }, started: true });
        expect((await store.grantsTo(grant.grantee))[0]?.emergency).toEqual(again.emergency);
      });

      test('a request at the very time of the refusal is recorded just after it', async () => {
        const { vault, grant } = await withEmergency();
        await store.requestEmergency(vault.vault, grant.grant, NOW);
        await store.refuseEmergency(vault.vault, grant.grant, NOW);
        const again = await store.requestEmergency(vault.vault, grant.grant, NOW);
        expect(again).toEqual({ emergency: { waitHours: 48, requestedAt: NOW + 1, refusedAt: NOW }, started: true });
      });

      test('nothing to refuse is a conflict: never asked, or released already; nothing is logged', async () => {
        const { vault, grant } = await withEmergency();
        await expectCode(store.refuseEmergency(vault.vault, grant.grant, NOW, eventOf(grant, 'emergency-refused', NOW)), 'conflict');
        await store.requestEmergency(vault.vault, grant.grant, NOW);
        const released = NOW + 48 * HOUR;
        await expectCode(
          store.refuseEmergency(vault.vault, grant.grant, released, eventOf(grant, 'emergency-refused', released)),
          'conflict',
        );
        expect(await store.refuseEmergency(vault.vault, grant.grant, released - 1)).toMatchObject({ refusedAt: released - 1 });
        expect(await store.readAccessLog(vault.vault, 10)).toEqual([]);
      });

      test('a later append restating the grant keeps its request state', async () => {
        const { vault, grant, ordinary } = await withEmergency();
        await store.requestEmergency(vault.vault, grant.grant, NOW + 10);
        await store.refuseEmergency(vault.vault, grant.grant, NOW + 20);
        await store.requestEmergency(vault.vault, grant.grant, NOW + 30);
        const revoked = { ...grant, revokedAt: NOW + 40 };
        await store.appendControlLog(vault.vault, {
          prev: statement(2, 'two').hash,
          statements: [statement(3)],
          collections: [],
          grants: [revoked, ordinary],
        });
        expect((await store.listGrants(vault.vault))[0]).toEqual({
          ...revoked,
          emergency: { waitHours: 48, requestedAt: NOW + 30, refusedAt: NOW + 20 },
        });
      });

      test('only an emergency grant of the vault can be asked for or refused', async () => {
        const { vault, grant, ordinary } = await withEmergency();
        const other = await withVault();
        for (const [v, g] of [
          [vault.vault, ordinary.grant],
          [vault.vault, hexId()],
          [other.vault, grant.grant],
          [hexId(), grant.grant],
        ] as const) {
          await expectCode(store.requestEmergency(v, g, NOW), 'not-found');
          await expectCode(store.refuseEmergency(v, g, NOW), 'not-found');
        }
        expect((await store.listGrants(vault.vault))[1]?.emergency).toBeNull();
      });

      test('racing requests start one wait and log one event', async () => {
        const { vault, grant } = await withEmergency();
        const outcomes = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            store.requestEmergency(vault.vault, grant.grant, NOW + i, eventOf(grant, 'emergency-requested', NOW + i)),
          ),
        );
        expect(outcomes.filter((o) => o.started)).toHaveLength(1);
        const requestedAt = outcomes.find((o) => o.started)!.emergency.requestedAt;
        expect(outcomes.every((o) => o.emergency.requestedAt === requestedAt)).toBe(true);
        expect(await store.readAccessLog(vault.vault, 10)).toHaveLength(1);
      });
    });

    describe('share links', () => {
      test('stores a link and opens it with the payload, logging each open with its time', async () => {
        const account = await withAccount();
        const link = newShareLink(account.account);
        await store.createShareLink(link);
        const opened = await store.openShareLink(link.link, { at: NOW + 1, passcodeOk: true });
        expect(opened).toEqual({ outcome: 'opened', payload: link.payload, expiresAt: link.expiresAt });
        await store.openShareLink(link.link, { at: NOW + 2, passcodeOk: true });
        const record = await store.getShareLink(link.link);
        expect(record).toEqual({
          link: link.link,
          owner: account.account,
          authHash: link.authHash,
          maxTries: 3,
          failedTries: 0,
          expiresAt: link.expiresAt,
          created: NOW,
          revokedAt: null,
          opens: [NOW + 1, NOW + 2],
        });
        expect(record).not.toHaveProperty('payload');
        // Peeking at the payload records no open.
        expect(await store.peekShareLinkPayload(link.link)).toEqual(link.payload);
        expect((await store.getShareLink(link.link))?.opens).toEqual([NOW + 1, NOW + 2]);
        expect(await store.peekShareLinkPayload(hexId())).toBeUndefined();
      });

      test('a link ID is used once; an unknown owner is refused', async () => {
        const account = await withAccount();
        const link = newShareLink(account.account, { authHash: null });
        await store.createShareLink(link);
        await expectCode(store.createShareLink({ ...link, payload: new Uint8Array(8) }), 'conflict');
        await expectCode(store.createShareLink(newShareLink(accountId())), 'not-found');
        expect((await store.getShareLink(link.link))?.authHash).toBeNull();
        expect(await store.getShareLink(hexId())).toBeUndefined();
        expect(await store.openShareLink(hexId(), { at: NOW, passcodeOk: true })).toEqual({ outcome: 'not-found' });
      });

      test('wrong passcodes are counted; at the limit the link is dead for good, even for the right passcode', async () => {
        const account = await withAccount();
        const link = newShareLink(account.account, { maxTries: 3 });
        await store.createShareLink(link);
        expect(await store.openShareLink(link.link, { at: NOW, passcodeOk: false })).toEqual({ outcome: 'wrong-passcode', triesLeft: 2 });
        expect(await store.openShareLink(link.link, { at: NOW, passcodeOk: false })).toEqual({ outcome: 'wrong-passcode', triesLeft: 1 });
        expect((await store.openShareLink(link.link, { at: NOW, passcodeOk: true })).outcome).toBe('opened');
        expect(await store.openShareLink(link.link, { at: NOW, passcodeOk: false })).toEqual({ outcome: 'wrong-passcode', triesLeft: 0 });
        expect(await store.openShareLink(link.link, { at: NOW, passcodeOk: true })).toEqual({ outcome: 'locked' });
        expect(await store.openShareLink(link.link, { at: NOW, passcodeOk: false })).toEqual({ outcome: 'locked' });
        const record = await store.getShareLink(link.link);
        expect(record?.failedTries).toBe(3);
        expect(record?.opens).toHaveLength(1);
      });

      test('racing wrong passcodes are all counted: no more than the limit get an answer', async () => {
        const account = await withAccount();
        const link = newShareLink(account.account, { maxTries: 5 });
        await store.createShareLink(link);
        const results = await Promise.all(Array.from({ length: 12 }, () => store.openShareLink(link.link, { at: NOW, passcodeOk: false })));
        expect(results.filter((r) => r.outcome === 'wrong-passcode')).toHaveLength(5);
        expect(results.filter((r) => r.outcome === 'locked')).toHaveLength(7);
        expect((await store.getShareLink(link.link))?.failedTries).toBe(5);
      });

      test('expiry is checked against the time of the attempt; nothing is counted or logged', async () => {
        const account = await withAccount();
        const link = newShareLink(account.account);
        await store.createShareLink(link);
        expect(await store.openShareLink(link.link, { at: link.expiresAt, passcodeOk: true })).toEqual({ outcome: 'expired' });
        expect(await store.openShareLink(link.link, { at: link.expiresAt + 1, passcodeOk: false })).toEqual({ outcome: 'expired' });
        const record = await store.getShareLink(link.link);
        expect(record?.failedTries).toBe(0);
        expect(record?.opens).toEqual([]);
      });

      test('only the owner revokes; a revoked link stays revoked with its first time', async () => {
        const owner = await withAccount();
        const other = await withAccount();
        const link = newShareLink(owner.account);
        await store.createShareLink(link);
        await expectCode(store.revokeShareLink(other.account, link.link, NOW + 5), 'not-found');
        await expectCode(store.revokeShareLink(owner.account, hexId(), NOW + 5), 'not-found');
        expect((await store.openShareLink(link.link, { at: NOW + 6, passcodeOk: true })).outcome).toBe('opened');
        await store.revokeShareLink(owner.account, link.link, NOW + 10);
        await store.revokeShareLink(owner.account, link.link, NOW + 20);
        expect(await store.openShareLink(link.link, { at: NOW + 30, passcodeOk: true })).toEqual({ outcome: 'revoked' });
        expect((await store.getShareLink(link.link))?.revokedAt).toBe(NOW + 10);
      });

      test("lists only the owner's links, oldest first, each with its opens", async () => {
        const owner = await withAccount();
        const other = await withAccount();
        const second = newShareLink(owner.account, { created: NOW + 100 });
        const first = newShareLink(owner.account, { created: NOW });
        await store.createShareLink(second);
        await store.createShareLink(first);
        await store.createShareLink(newShareLink(other.account));
        await store.openShareLink(second.link, { at: NOW + 200, passcodeOk: true });
        const listed = await store.listShareLinks(owner.account);
        expect(listed.map((l) => l.link)).toEqual([first.link, second.link]);
        expect(listed.map((l) => l.opens)).toEqual([[], [NOW + 200]]);
        expect(await store.listShareLinks(accountId())).toEqual([]);
      });
    });
  });
}
