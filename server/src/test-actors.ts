/**
 * Real people with real keys for the relay's tests: a patient with an identity, an account key,
 * devices, vaults and sealed envelopes, and grants to another account (a clinician or carer is
 * just another `TestPatient`) with their key packages sealed to the grantee's box key — built
 * with @carekey/crypto and @carekey/protocol exactly as a client would. No mocks stand in for
 * a signature, an envelope or a key package (STYLE habit 8). Call `await ready()` before using
 * anything here.
 */
import {
  accountIdFromIdentityKey,
  createPassphraseSlot,
  deriveAccountItemKey,
  deriveAuthKeyPair,
  deriveMonthKey,
  derivePassphraseKey,
  generateAccountKey,
  generateBoxKeyPair,
  generateCategoryRoot,
  generateSecretKey,
  generateSigningKeyPair,
  newKdfParams,
  randomId,
  sealAccountItem,
  sealEnvelope,
  toBase64Url,
  toHex,
  utf8,
  fromBase64Url,
  fromHex,
  monthOf,
  nextMonth,
  type BoxKeyPair,
  type KdfParams,
  type SigningKeyPair,
} from '@carekey/crypto';
import {
  endOfMonth,
  indexEnvelope,
  sealGrantPackage,
  signAccountCard,
  signControlStatement,
  signDeviceStatement,
  signLogin,
  statementWireHash,
  type ControlStatement,
  type GrantClear,
  type LoginPayload,
  type SealedGrantPackage,
  type StatementWire,
  type api,
} from '@carekey/protocol';

/** A passphrase-derived key and its parameters: Argon2id is slow, so one per test file. */
interface TestKdf {
  readonly params: KdfParams;
  readonly passphraseKey: Uint8Array;
}

let kdf: TestKdf | undefined;

function testKdf(): TestKdf {
  if (!kdf) {
    const params = newKdfParams();
    kdf = { params, passphraseKey: derivePassphraseKey('correct horse battery staple', params) };
  }
  return kdf;
}

/** A device: its hex ID and its signing keys. */
export interface TestDevice {
  readonly id: string;
  readonly keys: SigningKeyPair;
}

/** A collection of a test vault with its category root for the current epoch. */
export interface TestCollection {
  readonly id: string;
  readonly epoch: number;
  readonly root: Uint8Array;
}

/** A vault as its owner holds it. */
export interface TestVault {
  readonly id: string;
  readonly collections: readonly TestCollection[];
  readonly log: readonly StatementWire[];
  /** The grants not revoked, oldest first. */
  readonly grants: readonly TestGrant[];
}

/** A grant as its owner made it: the clear part the statement carries, and the sealed packages. */
export interface TestGrant {
  readonly id: string;
  readonly clear: GrantClear;
  readonly packages: api.KeyPackageWire[];
}

/** What to grant. */
export interface GrantOptions {
  /** Default: the vault's first collection. */
  readonly collections?: readonly TestCollection[];
  /** Default: read. */
  readonly access?: 'read' | 'write';
  /** The first month the grant reads (default: January 2026). */
  readonly notBefore?: number;
  /** The last month (default: March 2026); the grant ends at its last millisecond. */
  readonly lastMonth?: number;
  /** An emergency grant, released this many hours after its grantee asks (default: an ordinary grant). */
  readonly emergencyWaitHours?: number;
  /** Name the grantee a co-owner (then give it every collection and write access, from the record's first month). */
  readonly coOwner?: boolean;
}

/** A control-log statement the owner signed, with the packages to send beside it. */
export interface TestLogAppend {
  /** The vault with the statement in its log (and the grants, epochs and roots it leads to). */
  readonly vault: TestVault;
  readonly statement: StatementWire;
  readonly packages: api.KeyPackageWire[];
}

/** A control statement without the fields every statement has (distributed over the union). */
type StatementBody = ControlStatement extends infer S
  ? S extends ControlStatement
    ? Omit<S, 'v' | 'vault' | 'seq' | 'prev' | 'time' | 'author'>
    : never
  : never;

function wirePackage(sealed: SealedGrantPackage): api.KeyPackageWire {
  return { grant: sealed.grant, data: sealed.data };
}

/** The months from `first` through `last`, both included. */
function monthsFrom(first: number, last: number): number[] {
  const months: number[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  return months;
}

/** What to seal into a test envelope. */
export interface SealOptions {
  readonly device?: TestDevice;
  readonly collection?: TestCollection;
  readonly epoch?: number;
  readonly month: number;
  /** A string put inside the encrypted payload, to look for where it must not be. */
  readonly marker?: string;
  /** Seal for this vault ID instead (the header then names another vault). */
  readonly vaultId?: string;
  /** The entry ID, hex (default: a new entry). */
  readonly entry?: string;
  /** The encrypted content (default: a small FHIR Observation holding `marker`). */
  readonly content?: Uint8Array;
}

/**
 * A patient with an account: identity and box keys, an account key with its auth key, a
 * passphrase slot, and a device log that starts with one device.
 *
 * @example
 * const patient = TestPatient.create();
 * await call(app, 'POST', '/v1/accounts', { body: patient.registration() });
 */
export class TestPatient {
  readonly identity: SigningKeyPair;
  readonly account: string;
  readonly box: BoxKeyPair;
  readonly accountKey: Uint8Array;
  readonly auth: SigningKeyPair;
  readonly card: StatementWire;
  readonly slots: api.UnlockSlotWire[];
  readonly devices: TestDevice[] = [];
  readonly deviceLog: StatementWire[] = [];

  private constructor() {
    this.identity = generateSigningKeyPair();
    this.account = accountIdFromIdentityKey(this.identity.publicKey);
    this.box = generateBoxKeyPair();
    this.accountKey = generateAccountKey();
    this.auth = deriveAuthKeyPair(this.accountKey);
    this.card = signAccountCard(
      {
        v: 1,
        account: this.account,
        identityKey: toBase64Url(this.identity.publicKey),
        boxKey: toBase64Url(this.box.publicKey),
        authKey: toBase64Url(this.auth.publicKey),
        created: Date.UTC(2026, 0, 1),
      },
      this.identity.secretKey,
    );
    const { params, passphraseKey } = testKdf();
    this.slots = [
      createPassphraseSlot({
        accountId: this.account,
        slotId: 'passphrase-1',
        accountKey: this.accountKey,
        passphraseKey,
        secretKey: generateSecretKey(),
        kdf: params,
      }),
    ];
    this.addDevice();
  }

  /** A new patient with one device. */
  static create(): TestPatient {
    return new TestPatient();
  }

  /** The first device. */
  get firstDevice(): TestDevice {
    return this.devices[0]!;
  }

  /** An encrypted account item holding `plaintext`. */
  item(itemId: string, plaintext: string, kind: 'bundle' | 'root' = 'root'): api.AccountItemWire {
    return { itemId, kind, ...sealAccountItem(deriveAccountItemKey(this.accountKey), this.account, itemId, kind, utf8(plaintext)) };
  }

  /** The registration request: card, first device, slot, a bundle item and optionally a vault. */
  registration(options: { vault?: TestVault; items?: api.AccountItemWire[] } = {}): api.RegisterRequest {
    return {
      card: this.card,
      device: this.deviceLog[0]!,
      slots: this.slots,
      items: options.items ?? [this.item('bundle', 'ACCOUNT-BUNDLE-PLAINTEXT', 'bundle')],
      ...(options.vault ? { vault: { id: options.vault.id, log: [...options.vault.log] } } : {}),
    };
  }

  /** Adds a device to the local device log and returns it with its signed statement. */
  addDevice(): { device: TestDevice; statement: StatementWire } {
    const device = { id: toHex(randomId()), keys: generateSigningKeyPair() };
    const statement = this.#deviceStatement('add', device);
    this.devices.push(device);
    return { device, statement };
  }

  /** Removes a device in the local device log and returns the signed statement. */
  removeDevice(device: TestDevice): StatementWire {
    return this.#deviceStatement('remove', device);
  }

  #deviceStatement(op: 'add' | 'remove', device: TestDevice): StatementWire {
    const last = this.deviceLog.at(-1);
    const statement = signDeviceStatement(
      {
        v: 1,
        account: this.account,
        seq: this.deviceLog.length + 1,
        prev: last ? statementWireHash(last) : null,
        time: Date.UTC(2026, 0, 1) + this.deviceLog.length,
        op,
        device: device.id,
        key: toBase64Url(device.keys.publicKey),
      },
      this.identity.secretKey,
    );
    this.deviceLog.push(statement);
    return statement;
  }

  /** A new vault with `count` collections at `epoch`, and its signed genesis statement. */
  newVault(count = 2, epoch = 1): TestVault {
    const id = toHex(randomId());
    const collections = Array.from({ length: count }, () => ({ id: toHex(randomId()), epoch, root: generateCategoryRoot() }));
    const genesis = signControlStatement(
      {
        v: 1,
        vault: id,
        seq: 1,
        prev: null,
        time: Date.UTC(2026, 0, 1),
        author: this.account,
        type: 'vault-created',
        owner: this.account,
        collections: collections.map((c) => ({ id: c.id, epoch: c.epoch })),
      },
      this.identity.secretKey,
    );
    return { id, collections, log: [genesis], grants: [] };
  }

  /** Signs the next statement of `vault`'s control log (`v`, `vault`, `seq`, `prev`, `time` and `author` filled in). */
  #nextStatement(vault: TestVault, body: StatementBody): StatementWire {
    const last = vault.log.at(-1)!;
    return signControlStatement(
      {
        v: 1,
        vault: vault.id,
        seq: vault.log.length + 1,
        prev: statementWireHash(last),
        time: Date.UTC(2026, 0, 2) + vault.log.length,
        author: this.account,
        ...body,
      },
      this.identity.secretKey,
    );
  }

  /** The month keys of `collection` for `months`, sealed to the grantee of grant `grant`. */
  #keysPackage(
    vault: TestVault,
    grant: string,
    granteeBoxKey: Uint8Array,
    collection: TestCollection,
    months: number[],
  ): SealedGrantPackage {
    return sealGrantPackage(
      {
        v: 1,
        kind: 'keys',
        grant,
        vault: vault.id,
        collection: collection.id,
        category: 'results',
        epoch: collection.epoch,
        months: months.map((m) => [m, toBase64Url(deriveMonthKey(collection.root, m))]),
      },
      granteeBoxKey,
    );
  }

  /**
   * Grants `grantee` (another account) access to collections of `vault`: a signed
   * `grant-issued` statement, the identity card and one keys package per collection, each
   * sealed to the grantee's box key and listed by hash.
   */
  issueGrant(vault: TestVault, grantee: TestPatient, options: GrantOptions = {}): TestLogAppend & { readonly grant: TestGrant } {
    const id = toHex(randomId());
    const collections = options.collections ?? [vault.collections[0]!];
    const notBefore = options.notBefore ?? 202601;
    const lastMonth = options.lastMonth ?? 202603;
    const card = sealGrantPackage(
      {
        v: 1,
        kind: 'card',
        grant: id,
        vault: vault.id,
        owner: this.account,
        name: 'Test Patient',
        identifiers: [],
        grantee: { name: 'Dr Test', role: 'clinician' },
      },
      grantee.box.publicKey,
    );
    const keys = collections.map((c) => this.#keysPackage(vault, id, grantee.box.publicKey, c, monthsFrom(notBefore, lastMonth)));
    const clear: GrantClear = {
      grant: id,
      grantee: grantee.account,
      granteeIdentityKey: toBase64Url(grantee.identity.publicKey),
      granteeBoxKey: toBase64Url(grantee.box.publicKey),
      collections: collections.map((c) => c.id),
      access: options.access ?? 'read',
      notBefore,
      notAfter: endOfMonth(lastMonth),
      card: card.hash,
      packages: [card.hash, ...keys.map((k) => k.hash)],
      ...(options.emergencyWaitHours === undefined ? {} : { emergency: { waitHours: options.emergencyWaitHours } }),
      ...(options.coOwner ? { coOwner: true as const } : {}),
    };
    const statement = this.#nextStatement(vault, { type: 'grant-issued', grant: clear });
    const grant: TestGrant = { id, clear, packages: [card, ...keys].map(wirePackage) };
    return {
      vault: { ...vault, log: [...vault.log, statement], grants: [...vault.grants, grant] },
      statement,
      packages: grant.packages,
      grant,
    };
  }

  /**
   * Revokes grant `grantId` of `vault`: a signed `grant-revoked` statement with a new epoch (and
   * root) for each of its collections, and the keys of those new epochs sealed for every grant
   * left that covers one of them. `written`: the hashes of the grantee's envelopes the owner
   * accepted before revoking.
   */
  revokeGrant(vault: TestVault, grantId: string, written: readonly string[] = []): TestLogAppend {
    const revoked = vault.grants.find((g) => g.id === grantId);
    if (!revoked) throw new Error('no such grant in force');
    const rotated = new Set(revoked.clear.collections);
    const collections = vault.collections.map((c) =>
      rotated.has(c.id) ? { id: c.id, epoch: c.epoch + 1, root: generateCategoryRoot() } : c,
    );
    const next = { ...vault, collections };
    const kept = vault.grants.filter((g) => g.id !== grantId);
    const resealed = kept.flatMap((g) => {
      const covered = collections.filter((c) => rotated.has(c.id) && g.clear.collections.includes(c.id));
      const months = monthsFrom(g.clear.notBefore, monthOf(g.clear.notAfter));
      const boxKey = fromBase64Url(g.clear.granteeBoxKey);
      return covered.length === 0 ? [] : [{ grant: g.id, sealed: covered.map((c) => this.#keysPackage(next, g.id, boxKey, c, months)) }];
    });
    const statement = this.#nextStatement(vault, {
      type: 'grant-revoked',
      grant: grantId,
      written: [...written],
      epochs: collections.filter((c) => rotated.has(c.id)).map((c) => ({ id: c.id, epoch: c.epoch })),
      packages: resealed.map((r) => ({ grant: r.grant, hashes: r.sealed.map((p) => p.hash) })),
    });
    return {
      vault: { ...next, log: [...vault.log, statement], grants: kept },
      statement,
      packages: resealed.flatMap((r) => r.sealed.map(wirePackage)),
    };
  }

  /** Seals one entry version into `vault`, signed by a device (the first by default). */
  seal(vault: TestVault, options: SealOptions): Uint8Array {
    const device = options.device ?? this.firstDevice;
    const collection = options.collection ?? vault.collections[0]!;
    return sealEnvelope({
      vault: fromHex(options.vaultId ?? vault.id),
      collection: fromHex(collection.id),
      entry: options.entry === undefined ? randomId() : fromHex(options.entry),
      epoch: options.epoch ?? collection.epoch,
      month: options.month,
      signer: { deviceId: fromHex(device.id), secretKey: device.keys.secretKey },
      monthKey: deriveMonthKey(collection.root, options.month),
      inner: {
        v: 1,
        category: 'results',
        author: { account: this.account, device: device.id },
      },
      content:
        options.content ??
        utf8(JSON.stringify({ resourceType: 'Observation', status: 'final', note: options.marker ?? 'a home blood pressure reading' })),
    });
  }

  /**
   * Re-encrypts an envelope as the patient's device does after a revocation (DESIGN §4
   * "Revocation and expiry"): a new envelope under its collection's current epoch in `vault`,
   * with the same collection, entry and month, carrying the original's bytes. Signed by a
   * device (the first by default).
   */
  reseal(vault: TestVault, original: Uint8Array, options: { readonly device?: TestDevice } = {}): Uint8Array {
    const index = indexEnvelope(original);
    const collection = vault.collections.find((c) => c.id === index.collection);
    if (!collection) throw new Error('the envelope names a collection this vault does not have');
    return this.seal(vault, { ...options, collection, entry: index.entry, month: index.month, content: original });
  }

  /** A signed login with the auth key or a device key. */
  login(payload: Omit<LoginPayload, 'v' | 'account' | 'device'>, key: 'auth' | TestDevice): StatementWire {
    const secretKey = key === 'auth' ? this.auth.secretKey : key.keys.secretKey;
    return signLogin({ v: 1, account: this.account, device: key === 'auth' ? 'auth' : key.id, ...payload }, secretKey);
  }
}
