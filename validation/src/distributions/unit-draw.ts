import type { RandomStream } from '@prodsim/core';
import type { RatingRecord } from './ratings-profile.js';
import type { Unit } from './sample-units.js';

/**
 * Draws random samples of k distinct units from a pool, without replacement, and pairs of
 * disjoint samples (the first k and the next k units of one random order). A partial
 * Fisher-Yates shuffle of an index order kept between draws: each draw is a uniform random
 * k-subset whatever order the previous draws left, and costs k steps, not the pool's size.
 */
export class UnitDraw {
  private readonly order: Int32Array;

  constructor(
    private readonly units: readonly Unit[],
    private readonly rng: RandomStream,
  ) {
    this.order = Int32Array.from(units, (_, i) => i);
  }

  get size(): number {
    return this.units.length;
  }

  /** The ratings of k random distinct units. */
  sample(k: number): RatingRecord[] {
    this.shuffleFirst(k);
    return this.ratingsOf(0, k);
  }

  /** Two samples of k units each that share no unit (so no rating); needs 2k units. */
  disjointPair(k: number): [RatingRecord[], RatingRecord[]] {
    if (2 * k > this.units.length) throw new RangeError(`disjoint samples of ${k} need ${2 * k} units, the pool has ${this.units.length}`);
    this.shuffleFirst(2 * k);
    return [this.ratingsOf(0, k), this.ratingsOf(k, 2 * k)];
  }

  private shuffleFirst(k: number): void {
    if (k > this.units.length) throw new RangeError(`a sample of ${k} units from a pool of ${this.units.length}`);
    const o = this.order;
    for (let i = 0; i < k; i++) {
      const j = i + this.rng.int(o.length - i);
      const t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
  }

  private ratingsOf(from: number, to: number): RatingRecord[] {
    const out: RatingRecord[] = [];
    for (let i = from; i < to; i++) for (const r of this.units[this.order[i]]) out.push(r);
    return out;
  }
}
