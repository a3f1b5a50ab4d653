/**
 * What an unlocked session knows of one vault: every verified entry version, and the author
 * chains (per signing device and collection) that reveal a relay dropping, reordering,
 * replaying or forking envelopes.
 */
import { IntegrityError } from '@carekey/crypto';
import { EntryIndex, type EntryInner, type EntryVersion } from '@carekey/record';

/** An author chain with a hole: envelopes the relay has not delivered (yet). */
export interface ChainGap {
  readonly device: string;
  readonly collection: string;
  readonly missing: readonly number[];
}

interface RecordedVersion {
  readonly entryId: string;
  readonly chain: string;
  readonly seq: number;
  readonly collection: string;
  readonly version: EntryVersion;
  readonly inner: EntryInner;
}

export class VaultState {
  readonly vault: string;
  readonly entries = new EntryIndex();
  /** Every recorded version, in recording order: envelope hash → where it sits and what it is. */
  readonly #recorded = new Map<string, RecordedVersion>();
  /** `${device}.${collection}` → authorSeq → envelope hash. */
  readonly #chains = new Map<string, Map<number, { hash: string; prev: string | null }>>();
  /** `${device}.${collection}` → the highest authorSeq recorded (kept so `head` is O(1)). */
  readonly #heads = new Map<string, number>();
  /** Versions recorded since the unlock snapshot last covered this state. */
  #unsnapshotted = 0;

  constructor(vault: string) {
    this.vault = vault;
  }

  has(hash: string): boolean {
    return this.#recorded.has(hash);
  }

  /** Hashes of every version written by `account`'s devices, in recording order. */
  writtenBy(account: string): string[] {
    const out: string[] = [];
    for (const [hash, r] of this.#recorded) if (r.inner.author.account === account) out.push(hash);
    return out;
  }

  /** The version recorded under this envelope hash, with its collection and inner fields. */
  version(hash: string): { readonly collection: string; readonly version: EntryVersion; readonly inner: EntryInner } | undefined {
    return this.#recorded.get(hash);
  }

  /** The account that wrote the version with this envelope hash, if it is recorded. */
  authorOf(hash: string): string | undefined {
    return this.#recorded.get(hash)?.inner.author.account;
  }

  /** Hashes of every version written by anyone but `owner`, in recording order. */
  writtenByOthers(owner: string): string[] {
    const out: string[] = [];
    for (const [hash, r] of this.#recorded) if (r.inner.author.account !== owner) out.push(hash);
    return out;
  }

  get envelopeCount(): number {
    return this.#recorded.size;
  }

  /**
   * Checks an incoming version against its author chain, without recording it.
   *
   * @throws IntegrityError `chain` when it forks the chain or contradicts a neighbour
   */
  checkChain(collection: string, hash: string, inner: EntryInner): void {
    const chain = this.#chains.get(`${inner.author.device}.${collection}`);
    if (inner.authorSeq === 1 && inner.authorPrev !== null)
      throw new IntegrityError('chain', 'the first envelope of a chain names a predecessor');
    if (!chain) return;
    const same = chain.get(inner.authorSeq);
    if (same && same.hash !== hash)
      throw new IntegrityError('chain', `two different envelopes claim place ${inner.authorSeq} in one author chain`);
    const before = chain.get(inner.authorSeq - 1);
    if (before && inner.authorPrev !== before.hash)
      throw new IntegrityError('chain', 'the envelope does not follow its predecessor in the author chain');
    const after = chain.get(inner.authorSeq + 1);
    if (after && after.prev !== hash) throw new IntegrityError('chain', 'the envelope is not the one its successor follows');
  }

  /** Records a verified version (after {@link checkChain}). */
  record(collection: string, version: EntryVersion, inner: EntryInner): void {
    this.entries.add(version); // first: it refuses a version that does not belong, changing nothing
    const id = `${inner.author.device}.${collection}`;
    this.#recorded.set(version.hash, { entryId: version.entryId, chain: id, seq: inner.authorSeq, collection, version, inner });
    this.#unsnapshotted += 1;
    let chain = this.#chains.get(id);
    if (!chain) {
      chain = new Map();
      this.#chains.set(id, chain);
    }
    chain.set(inner.authorSeq, { hash: version.hash, prev: inner.authorPrev });
    if (inner.authorSeq > (this.#heads.get(id) ?? 0)) this.#heads.set(id, inner.authorSeq);
  }

  /**
   * Takes back a recorded version whose save failed, entirely: it leaves the entries and its
   * author chain, so nothing unsaved is shown and a later pull processes it afresh.
   */
  forget(hash: string): void {
    const where = this.#recorded.get(hash);
    if (!where) return;
    this.#recorded.delete(hash);
    this.entries.remove(where.entryId, hash);
    const chain = this.#chains.get(where.chain);
    if (chain?.get(where.seq)?.hash === hash) {
      chain.delete(where.seq);
      if (this.#heads.get(where.chain) === where.seq) this.#heads.set(where.chain, chain.size ? Math.max(...chain.keys()) : 0);
    }
  }

  /** Every recorded version with its collection and inner fields, in recording order. */
  *recorded(): IterableIterator<{ readonly collection: string; readonly version: EntryVersion; readonly inner: EntryInner }> {
    yield* this.#recorded.values();
  }

  /** How many versions were recorded since {@link markSnapshotted}. */
  get unsnapshotted(): number {
    return this.#unsnapshotted;
  }

  /** Notes that an unlock snapshot now holds everything recorded so far. */
  markSnapshotted(): void {
    this.#unsnapshotted = 0;
  }

  /** The head of a device's chain in a collection: where its next envelope goes. */
  head(device: string, collection: string): { seq: number; hash: string | null } {
    const id = `${device}.${collection}`;
    const seq = this.#heads.get(id) ?? 0;
    return seq === 0 ? { seq: 0, hash: null } : { seq, hash: this.#chains.get(id)?.get(seq)?.hash ?? null };
  }

  /** Chains with missing envelopes below their highest one. */
  gaps(): ChainGap[] {
    const out: ChainGap[] = [];
    for (const [id, chain] of this.#chains) {
      const max = Math.max(...chain.keys());
      const missing: number[] = [];
      for (let seq = 1; seq < max; seq += 1) if (!chain.has(seq)) missing.push(seq);
      if (missing.length > 0) {
        const [device = '', collection = ''] = id.split('.');
        out.push({ device, collection, missing });
      }
    }
    return out;
  }
}
