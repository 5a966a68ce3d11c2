import type { RandomStream } from '@prodsim/core';

/** Cumulative weights for repeated weighted picks by binary search. */
export class Cumulative {
  private readonly cum: Float64Array;

  constructor(weights: readonly number[]) {
    this.cum = new Float64Array(weights.length);
    let s = 0;
    weights.forEach((w, i) => (this.cum[i] = s += w));
  }

  pick(rng: RandomStream): number {
    const c = this.cum;
    const r = rng.next() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] <= r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
