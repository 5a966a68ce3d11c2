import type { PositionBias } from './position-bias.js';

/** What one item of a feed is expected to give, and whether the user is still there after it. */
export interface ItemExpectation {
  /** Expected engagement with the item once reached (likes, listen-throughs, ...). */
  gain(item: number, position: number): number;
  /** Chance that the session goes on after the item (1 unless the item can drive the user away). */
  stay(item: number, position: number): number;
}

/**
 * The expected engagement of a feed as shown (top first) under the scroll model of
 * ScrollSessions: the first item is reached; after each item the user stays with its `stay`
 * chance and scrolls on with the position bias' persist chance. A closed form, so valuing a feed
 * for the headroom figures draws no random numbers.
 */
export function expectedFeedValue(shown: readonly number[], bias: PositionBias, expect: ItemExpectation): number {
  let reach = 1;
  let total = 0;
  for (let p = 0; p < shown.length && reach > 1e-9; p++) {
    total += reach * expect.gain(shown[p], p);
    reach *= expect.stay(shown[p], p) * bias.persist;
  }
  return total;
}

/**
 * E[sigmoid(x)] for x normal with mean `mean` and sd `sd` (the probit approximation,
 * within about 0.02): the chance of a reaction the world draws as sigmoid(bias + slope * (affinity
 * + noise)).
 */
export function expectedSigmoid(mean: number, sd: number): number {
  return 1 / (1 + Math.exp(-mean / Math.sqrt(1 + (Math.PI * sd * sd) / 8)));
}
