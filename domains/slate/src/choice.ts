import type { RandomStream } from '@prodsim/core';
import type { LatentFactors } from './latent-factors.js';

/**
 * How users pick from a slate: a softmax choice over the items' true scores at temperature
 * `noise` (the same distribution as argmax of score + Gumbel noise of that scale, drawn with one
 * uniform number instead of one per item); noise 0 is T-RECS's argmax. One per world: it keeps a
 * scratch buffer for the weights, which is safe because choices never overlap.
 */
export class SlateChoice {
  private weights = new Float64Array(16);

  constructor(
    private readonly truth: LatentFactors,
    private readonly noise: number,
    private readonly rng: RandomStream,
  ) {}

  /** The slate position the user takes; -1 for an empty slate. Ties in argmax go to the earlier position. */
  choose(user: number, slate: readonly number[]): number {
    const n = slate.length;
    if (n === 0) return -1;
    if (this.weights.length < n) this.weights = new Float64Array(Math.max(n, this.weights.length * 2));
    const weights = this.weights;
    let best = 0;
    let max = -Infinity;
    for (let r = 0; r < n; r++) {
      const score = this.truth.score(user, slate[r]);
      weights[r] = score;
      if (score > max) {
        max = score;
        best = r;
      }
    }
    const noise = this.noise;
    if (noise <= 0) return best;
    // exp((s - max) / noise) is at most 1: no overflow however small the temperature.
    let sum = 0;
    for (let r = 0; r < n; r++) sum += weights[r] = Math.exp((weights[r] - max) / noise);
    let u = this.rng.next() * sum;
    for (let r = 0; r < n; r++) {
      u -= weights[r];
      if (u < 0) return r;
    }
    return n - 1;
  }
}
