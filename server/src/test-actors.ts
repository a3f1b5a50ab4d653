/**
 * Real people with real keys for the relay's tests: a patient with an identity, an account key,
 * devices, vaults and sealed envelopes, built with @carekey/crypto and @carekey/protocol
 * exactly as a client would. No mocks stand in for a signature or an envelope (STYLE habit 8).
 * Call `await ready()` before using anything here.
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
  fromHex,
  type KdfParams,
  type SigningKeyPair,
} from '@carekey/crypto';
import {
  signAccountCard,
  signControlStatement,
  signDeviceStatement,
  signLogin,
  statementWireHash,
  type LoginPayload,
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
  readonly accountKey: Uint8Array;
  readonly auth: SigningKeyPair;
  readonly card: StatementWire;
  readonly slots: api.UnlockSlotWire[];
  readonly devices: TestDevice[] = [];
  readonly deviceLog: StatementWire[] = [];

  private constructor() {
    this.identity = generateSigningKeyPair();
    this.account = accountIdFromIdentityKey(this.identity.publicKey);
    this.accountKey = generateAccountKey();
    this.auth = deriveAuthKeyPair(this.accountKey);
    this.card = signAccountCard(
      {
        v: 1,
        account: this.account,
        identityKey: toBase64Url(this.identity.publicKey),
        boxKey: toBase64Url(generateBoxKeyPair().publicKey),
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
    return { id, collections, log: [genesis] };
  }

  /** Seals one entry version into `vault`, signed by a device (the first by default). */
  seal(vault: TestVault, options: SealOptions): Uint8Array {
    const device = options.device ?? this.firstDevice;
    const collection = options.collection ?? vault.collections[0]!;
    return sealEnvelope({
      vault: fromHex(options.vaultId ?? vault.id),
      collection: fromHex(collection.id),
      entry: randomId(),
      epoch: options.epoch ?? collection.epoch,
      month: options.month,
      signer: { deviceId: fromHex(device.id), secretKey: device.keys.secretKey },
      monthKey: deriveMonthKey(collection.root, options.month),
      inner: {
        v: 1,
        category: 'results',
        author: { account: this.account, device: device.id },
      },
      content: utf8(
        JSON.stringify({ resourceType: 'Observation', status: 'final', note: options.marker ?? 'a home blood pressure reading' }),
      ),
    });
  }

  /** A signed login with the auth key or a device key. */
  login(payload: Omit<LoginPayload, 'v' | 'account' | 'device'>, key: 'auth' | TestDevice): StatementWire {
    const secretKey = key === 'auth' ? this.auth.secretKey : key.keys.secretKey;
    return signLogin({ v: 1, account: this.account, device: key === 'auth' ? 'auth' : key.id, ...payload }, secretKey);
  }
}
