/** Time as the client sees it; tests inject a manual clock so nothing is tested by sleeping. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
