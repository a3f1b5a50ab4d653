/**
 * A hybrid logical clock (Kulkarni et al., 2014): timestamps that follow wall-clock time but
 * never go backwards and order causally related events, so the newest version of an entry can
 * be chosen consistently on every device even when clocks disagree.
 *
 * Text form, which sorts lexicographically in time order:
 * `<wall ms, 12 hex>:<counter, 4 hex>:<device id, 32 hex>`.
 */

export interface Hlc {
  readonly wall: number;
  readonly counter: number;
  readonly node: string;
}

const HLC_TEXT = /^([0-9a-f]{12}):([0-9a-f]{4}):([0-9a-f]{32})$/;

/** Formats an HLC as sortable text. */
export function formatHlc(hlc: Hlc): string {
  return `${hlc.wall.toString(16).padStart(12, '0')}:${hlc.counter.toString(16).padStart(4, '0')}:${hlc.node}`;
}

/** Parses HLC text, or returns undefined when it is not one. */
export function parseHlc(text: string): Hlc | undefined {
  const match = HLC_TEXT.exec(text);
  if (!match) return undefined;
  return { wall: Number.parseInt(match[1] ?? '', 16), counter: Number.parseInt(match[2] ?? '', 16), node: match[3] ?? '' };
}

/**
 * The clock of one device. `tick` stamps a local event; `observe` takes in a remote stamp so the
 * next local one is later than everything seen.
 *
 * @example
 * const clock = new HybridClock(deviceId, () => Date.now());
 * const stamp = clock.tick(); // "0193a5c1f2e0:0000:…"
 */
export class HybridClock {
  #last: Hlc;
  readonly #now: () => number;

  constructor(node: string, now: () => number, last?: Hlc) {
    this.#now = now;
    this.#last = last ?? { wall: 0, counter: 0, node };
    this.#last = { ...this.#last, node };
  }

  /** A new stamp for a local event. */
  tick(): string {
    const now = this.#now();
    const last = this.#last;
    this.#last =
      now > last.wall ? { wall: now, counter: 0, node: last.node } : { wall: last.wall, counter: last.counter + 1, node: last.node };
    if (this.#last.counter > 0xffff) this.#last = { wall: this.#last.wall + 1, counter: 0, node: last.node };
    return formatHlc(this.#last);
  }

  /** Takes in a stamp seen on another device's entry. */
  observe(text: string): void {
    const remote = parseHlc(text);
    if (!remote) return;
    const last = this.#last;
    if (remote.wall > last.wall || (remote.wall === last.wall && remote.counter > last.counter)) {
      this.#last = { wall: remote.wall, counter: remote.counter, node: last.node };
    }
  }
}
