import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { topScored } from './catalogue-scores.js';

/** Random rows for `users` x `items` with `factors` dimensions, as Float32 like MfBaseline's. */
function model(factors: number, users: number, items: number) {
  const rng = new RandomStream(`scores/${factors}`);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.normal(0, 1));
  return { users: fill(users * factors), items: fill(items * factors), bias: fill(items), factors };
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
    const rng = new RandomStream(`excluded/${factors}`);
    const excluded = Uint8Array.from({ length: items }, () => (rng.next() < 0.2 ? 1 : 0));
    const scratch = new Float64Array(items);
    for (let user = 0; user < 5; user++) {
      const scores = Array.from({ length: items }, (_, i) => reference(m, user, i));
      const best = [...scores.keys()].filter((i) => excluded[i] === 0).sort((a, b) => scores[b] - scores[a] || a - b);
      for (const k of [1, 20, 400]) expect(topScored(m, user, items, k, excluded, scratch)).toEqual(best.slice(0, k));
    }
    // The copies tie their originals and come after them, when both are among the best.
    const all = topScored(m, 0, items, items, new Uint8Array(items), scratch);
    for (let i = 100; i < 110; i++) expect(all.indexOf(i)).toBeLessThan(all.indexOf(i + 100));
  });
});
