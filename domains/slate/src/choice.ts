import type { RandomStream } from '@prodsim/core';
import type { LatentFactors } from './latent-factors.js';

/**
 * Which slate position a user takes: the highest true score plus Gumbel noise of scale `noise`
 * (a softmax choice at that temperature; noise 0 is T-RECS's argmax). Returns -1 for an empty
 * slate. Ties go to the earlier position.
 */
export function chooseFromSlate(truth: LatentFactors, user: number, slate: readonly number[], noise: number, rng: RandomStream): number {
  let best = -1;
  let bestUtility = -Infinity;
  for (let r = 0; r < slate.length; r++) {
    let utility = truth.score(user, slate[r]);
    // u strictly inside (0, 1), so both logs stay finite; -log(-log(u)) is a standard Gumbel draw.
    if (noise > 0) utility -= noise * Math.log(-Math.log((rng.nextUint32() + 0.5) / 4294967296));
    if (utility > bestUtility) {
      bestUtility = utility;
      best = r;
    }
  }
  return best;
}
