import type { RandomStream } from '@prodsim/core';
import type { LatentFactors } from './latent-factors.js';

/** Scratch space for one slate's weights; choices never overlap, so one buffer serves them all. */
let weights = new Float64Array(64);

/**
 * Which slate position a user takes: a softmax choice over the items' true scores at temperature
 * `noise` (the same distribution as argmax of score + Gumbel noise of that scale, drawn with one
 * uniform number instead of one per item); noise 0 is T-RECS's argmax. Returns -1 for an empty
 * slate. Ties in argmax go to the earlier position.
 */
export function chooseFromSlate(truth: LatentFactors, user: number, slate: readonly number[], noise: number, rng: RandomStream): number {
  const n = slate.length;
  if (n === 0) return -1;
  if (weights.length < n) weights = new Float64Array(Math.max(n, weights.length * 2));
  let best = 0;
  let max = -Infinity;
  for (let r = 0; r < n; r++) {
    const score = truth.score(user, slate[r]);
    weights[r] = score;
    if (score > max) {
      max = score;
      best = r;
    }
  }
  if (noise <= 0) return best;
  // exp((s - max) / noise) is at most 1: no overflow however small the temperature.
  let sum = 0;
  for (let r = 0; r < n; r++) sum += weights[r] = Math.exp((weights[r] - max) / noise);
  let u = rng.next() * sum;
  for (let r = 0; r < n; r++) {
    u -= weights[r];
    if (u < 0) return r;
  }
  return n - 1;
}
