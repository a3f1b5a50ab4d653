/**
 * The realtime fan-out (DESIGN §5 "realtime events fan out between processes"): routes publish
 * what happened in a vault, after the store committed it; each open event stream of that vault
 * hears it. Events hold no content: a kind and where the vault's sequences stand, plus — for
 * the relay's own filtering, never sent — which collections and months a batch of envelopes
 * touched, so a grantee hears only of what it may pull.
 *
 * {@link InProcessHub} serves one relay process (memory and SQLite stores); the PostgreSQL
 * hub (`postgres.ts`) carries events between processes with LISTEN/NOTIFY and hands them to an
 * in-process hub on each.
 */

/** Which months of one collection a batch of envelopes touched. */
export interface TouchedRange {
  readonly collection: string;
  readonly fromMonth: number;
  readonly toMonth: number;
}

/** Something that happened in a vault, as the relay passes it between its parts. */
export type VaultEvent =
  | {
      readonly vault: string;
      readonly kind: 'envelopes';
      /** The highest seq the batch stored. */
      readonly seq: number;
      /** What the batch touched; null when unknown (then every reader of the vault hears of it). */
      readonly touched: readonly TouchedRange[] | null;
    }
  | { readonly vault: string; readonly kind: 'control'; readonly seq: number }
  | { readonly vault: string; readonly kind: 'emergency' };

/** One subscription's callbacks. */
export interface VaultListener {
  /** Called for every event of the vault published after subscribing. */
  readonly event: (event: VaultEvent) => void;
  /**
   * Called once if the hub ends the subscription itself (shutting down, or it lost events it
   * should have delivered): the stream closes and the client reconnects and catches up.
   */
  readonly ended: () => void;
}

/** Publishes vault events and hands them to subscribers. */
export interface RealtimeHub {
  /**
   * Publishes an event that the store has committed. Never throws and never blocks the
   * request: a failure is logged, and subscribers catch up when they next connect.
   */
  publish(event: VaultEvent): void;
  /** Subscribes to a vault's events; returns the unsubscribe. */
  subscribe(vault: string, listener: VaultListener): () => void;
  /** Ends every subscription and stops. */
  close(): Promise<void>;
}

/**
 * Fan-out inside one process: a set of listeners per vault.
 *
 * @example
 * const hub = new InProcessHub();
 * const stop = hub.subscribe(vault, { event: (e) => console.log(e.kind), ended: () => undefined });
 * hub.publish({ vault, kind: 'emergency' });
 */
export class InProcessHub implements RealtimeHub {
  readonly #listeners = new Map<string, Set<VaultListener>>();

  publish(event: VaultEvent): void {
    const listeners = this.#listeners.get(event.vault);
    if (!listeners) return;
    // A copy: a listener may unsubscribe (or a new one subscribe) while the event is handed out.
    for (const listener of [...listeners]) listener.event(event);
  }

  subscribe(vault: string, listener: VaultListener): () => void {
    let set = this.#listeners.get(vault);
    if (!set) {
      set = new Set();
      this.#listeners.set(vault, set);
    }
    set.add(listener);
    return () => {
      const current = this.#listeners.get(vault);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.#listeners.delete(vault);
    };
  }

  /** How many subscriptions are open (for tests and the operator). */
  get size(): number {
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }

  /** Ends every subscription (they are told through `ended`). */
  endAll(): void {
    const all = [...this.#listeners.values()].flatMap((set) => [...set]);
    this.#listeners.clear();
    for (const listener of all) listener.ended();
  }

  close(): Promise<void> {
    this.endAll();
    return Promise.resolve();
  }
}

/**
 * The collections and month spans a batch touched, one range per collection (a grantee whose
 * grant overlaps a span may hear of a batch it pulls nothing of: an event is only a nudge).
 */
export function touchedRanges(envelopes: readonly { readonly collection: string; readonly month: number }[]): TouchedRange[] {
  const byCollection = new Map<string, { fromMonth: number; toMonth: number }>();
  for (const { collection, month } of envelopes) {
    const range = byCollection.get(collection);
    if (!range) byCollection.set(collection, { fromMonth: month, toMonth: month });
    else {
      range.fromMonth = Math.min(range.fromMonth, month);
      range.toMonth = Math.max(range.toMonth, month);
    }
  }
  return [...byCollection].map(([collection, range]) => ({ collection, ...range }));
}
