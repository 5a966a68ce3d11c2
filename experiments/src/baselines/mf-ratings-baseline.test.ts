import { type InteractionObserver, RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { MfRatingsBaseline } from './mf-ratings-baseline.js';

const USERS = 400;
const ITEMS = 300;
const FACTORS = 3;

/**
 * A planted world: a user's true rating of an item is 3.3 + b_u + b_i + p_u . q_i (stars, with
 * real user and item effects and taste), and the rating they give is it plus noise, rounded and
 * clamped to 1-5, as movies users rate. Ratings arrive in a shuffled stream, `perDay` a day.
 */
function plantedWorld(seed: string) {
  const rng = new RandomStream(seed);
  const userBias = Array.from({ length: USERS }, () => rng.normal(0, 0.5));
  const itemBias = Array.from({ length: ITEMS }, () => rng.normal(0, 0.6));
  const p = Array.from({ length: USERS * FACTORS }, () => rng.normal(0, 0.6));
  const q = Array.from({ length: ITEMS * FACTORS }, () => rng.normal(0, 0.6));
  const truth = (u: number, i: number) => {
    let x = 3.3 + userBias[u] + itemBias[i];
    for (let d = 0; d < FACTORS; d++) x += p[u * FACTORS + d] * q[i * FACTORS + d];
    return x;
  };
  const given = (u: number, i: number) => Math.max(1, Math.min(5, Math.round(truth(u, i) + rng.normal(0, 0.4))));
  const pairs = (n: number) => Array.from({ length: n }, () => [rng.int(USERS), rng.int(ITEMS)] as const);
  return { truth, given, pairs };
}

const rmse = (errors: number[]) => Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / errors.length);

/**
 * Day by day: the day's pairs are predicted first (against the truth, as the recorder does), then
 * their ratings are learned. Returns the baseline's RMSE per day and that of the global mean of
 * the ratings seen so far (the constant predictor).
 */
function learnDays(seed: string, days: number, perDay: number) {
  const world = plantedWorld(seed);
  const mf = new MfRatingsBaseline(seed);
  let sum = 0;
  let count = 0;
  const model: number[] = [];
  const constant: number[] = [];
  for (let day = 0; day < days; day++) {
    const today = world.pairs(perDay);
    if (count > 0) {
      model.push(rmse(today.map(([u, i]) => mf.predictRating(u, i) - world.truth(u, i))));
      constant.push(rmse(today.map(([u, i]) => sum / count - world.truth(u, i))));
    }
    for (const [u, i] of today) {
      const r = world.given(u, i);
      // What it consumed is no lesson about ratings: a wild true value must change nothing.
      (mf as InteractionObserver).interaction(day, u, i, true, 30, 1e9);
      mf.rating(day, u, i, r);
      sum += r;
      count++;
    }
  }
  return { mf, model, constant };
}

describe('mf-ratings baseline (biased MF on the stream ratings, SGD with replay)', () => {
  it('predicts nothing before its first rating, then clamps to the range of the ratings seen', () => {
    const mf = new MfRatingsBaseline('x');
    expect(mf.predictRating(0, 0)).toBeNaN();
    mf.rating(0, 0, 0, 4);
    mf.rating(0, 1, 1, 2);
    expect(mf.mean).toBe(3);
    for (const [u, i] of [
      [0, 0],
      [5, 7],
      [99, 0],
    ]) {
      const x = mf.predictRating(u, i);
      expect(x).toBeGreaterThanOrEqual(2);
      expect(x).toBeLessThanOrEqual(4);
    }
  });

  it('learns: its RMSE against the truth falls over the days, and ends well below the global mean rating', () => {
    const { model, constant } = learnDays('planted', 12, 3000);
    const first = model[0];
    const last = model[model.length - 1];
    expect(last).toBeLessThan(0.75 * first);
    // The constant predictor does not learn: its error stays about the spread of the truth.
    expect(last).toBeLessThan(0.75 * constant[constant.length - 1]);
    for (let d = 3; d < model.length; d++) expect(model[d]).toBeLessThan(constant[d]);
  });

  it('recommends unconsumed items with the highest predicted rating', () => {
    const { mf } = learnDays('recommend', 6, 3000);
    const world = plantedWorld('recommend');
    for (const user of [0, 17, 250]) {
      const top = mf.recommend(user, 10, ITEMS);
      expect(top).toHaveLength(10);
      for (const item of top) expect(mf.consumed.has(user, item)).toBe(false);
      // The true ratings of its top ten beat the catalogue's average for this user by a margin.
      const mean = (items: number[]) => items.reduce((a, i) => a + world.truth(user, i), 0) / items.length;
      expect(mean(top)).toBeGreaterThan(mean(Array.from({ length: ITEMS }, (_, i) => i)) + 0.5);
    }
  });

  it('is deterministic: the same seed and ratings give the same predictions', () => {
    const a = learnDays('same', 3, 1000);
    const b = learnDays('same', 3, 1000);
    expect(b.model).toEqual(a.model);
    expect(b.mf.recommend(3, 20, ITEMS)).toEqual(a.mf.recommend(3, 20, ITEMS));
  });
});
