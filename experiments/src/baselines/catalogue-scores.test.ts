import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { topScored } from './catalogue-scores.js';

/** Random rows for `users` x `items` with `factors` dimensions, as Float32 like MfBaseline's. */
function model(factors: number, users: number, items: number) {
  const rng = new RandomStream(`scores/${factors}`);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.normal(0, 1));
  const m = { users: fill(users * factors), items: fill(items * factors), bias: fill(items), norms: new Float64Array(items), factors };
  return withNorms(m);
}

/** Sets each item's norm from its stored row, as MfBaseline keeps them. */
function withNorms<M extends { items: Float32Array; norms: Float64Array; factors: number }>(m: M): M {
  for (let i = 0; i < m.norms.length; i++) {
    let sum = 0;
    for (let d = 0; d < m.factors; d++) sum += m.items[i * m.factors + d] ** 2;
    m.norms[i] = Math.sqrt(sum);
  }
  return m;
}

/** The k best by the reference score among items not excluded (ties to the lower index). */
function referenceBest(m: ReturnType<typeof model>, user: number, excluded: Uint8Array, k: number): number[] {
  const scores = Array.from({ length: m.bias.length }, (_, i) => reference(m, user, i));
  return [...scores.keys()]
    .filter((i) => excluded[i] === 0)
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, k);
}

/** The plain definition, summed in the order the function documents (dimension d into sum d mod 4). */
function reference(m: ReturnType<typeof model>, user: number, item: number): number {
  const sums = [0, 0, 0, 0];
  const whole = m.factors - (m.factors % 4);
  for (let d = 0; d < m.factors; d++) sums[d < whole ? d % 4 : 0] += m.users[user * m.factors + d] * m.items[item * m.factors + d];
  return m.bias[item] + sums[0] + sums[1] + sums[2] + sums[3];
}

describe('topScored', () => {
  it.each([16, 7, 8])('gives the k best of bias + user . item to the bit with %i factors, excluded items skipped, ties to the lower index', (factors) => {
    const items = 300;
    const m = model(factors, 5, items);
    // Items 200-209 copy items 100-109: equal scores, which the lower index must win.
    m.items.copyWithin(200 * factors, 100 * factors, 110 * factors);
    m.bias.copyWithin(200, 100, 110);
    withNorms(m);
    const rng = new RandomStream(`excluded/${factors}`);
    const excluded = Uint8Array.from({ length: items }, () => (rng.next() < 0.2 ? 1 : 0));
    const scratch = new Float64Array(items);
    for (let user = 0; user < 5; user++) {
      for (const k of [1, 20, 400]) expect(topScored(m, user, items, k, excluded, scratch)).toEqual(referenceBest(m, user, excluded, k));
    }
    // The copies tie their originals and come after them, when both are among the best.
    const all = topScored(m, 0, items, items, new Uint8Array(items), scratch);
    for (let i = 100; i < 110; i++) expect(all.indexOf(i)).toBeLessThan(all.indexOf(i + 100));
  });

  it('skips no item the full scan would keep, even where the norm bound is tight to the last bit', () => {
    // Every item row is the user's own, so |p| |q| = p . q but for rounding (a third of random
    // vectors round the bound below the score, by up to 3 units in the last place), and the
    // biases climb by one unit in the last place of the scores: each item beats the one before
    // by so little that a bound short by its rounding would skip the best.
    const items = 100;
    const users = 400;
    const m = model(16, users, items);
    const scratch = new Float64Array(items);
    const none = new Uint8Array(items);
    let wrong = 0;
    for (let user = 0; user < users; user++) {
      const row = m.users.subarray(user * 16, user * 16 + 16);
      for (let i = 0; i < items; i++) m.items.set(row, i * 16);
      const unit = 2 ** (Math.floor(Math.log2(reference({ ...m, bias: new Float32Array(items) }, user, 0))) - 52);
      for (let i = 0; i < items; i++) m.bias[i] = i * unit;
      withNorms(m);
      for (const k of [1, 3]) if (topScored(m, user, items, k, none, scratch).join() !== referenceBest(m, user, none, k).join()) wrong++;
    }
    expect(wrong).toBe(0);
  });
});
