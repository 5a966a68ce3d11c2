import type { RandomStream } from '@prodsim/core';

export interface PositionBiasOptions {
  /** Chance of scrolling on to the next item after one (the cascade). */
  persist: number;
  /** How fast attention falls with position: engagement at position p is scaled by exp(-decay * p). */
  attentionDecay: number;
}

/**
 * Position bias of a feed: users look at items top-down and stop somewhere (a cascade), and look
 * less carefully further down. Items never reached are never seen (no impression), and a
 * service's ranking matters most at the top.
 */
export class PositionBias {
  readonly persist: number;
  readonly attentionDecay: number;
  private readonly table: Float64Array;

  constructor(options: PositionBiasOptions, maxPositions = 256) {
    this.persist = options.persist;
    this.attentionDecay = options.attentionDecay;
    this.table = new Float64Array(maxPositions);
    for (let p = 0; p < maxPositions; p++) this.table[p] = Math.exp(-options.attentionDecay * p);
  }

  /** Attention at a position (1 at the top). */
  attention(position: number): number {
    return position < this.table.length ? this.table[position] : Math.exp(-this.attentionDecay * position);
  }

  /** Whether the user scrolls on past this item. */
  continues(rng: RandomStream): boolean {
    return rng.next() < this.persist;
  }

  /** Chance that position p is reached at all: persist^p. */
  reach(position: number): number {
    return this.persist ** position;
  }
}
