import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { scoreCatalogue } from './catalogue-scores.js';

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

describe('scoreCatalogue', () => {
  it.each([16, 7, 8])('gives bias + user . item to the bit with %i factors', (factors) => {
    const m = model(factors, 5, 300);
    const scores = new Float64Array(300);
    for (let user = 0; user < 5; user++) {
      scoreCatalogue(m, user, 300, scores);
      let differ = 0;
      for (let item = 0; item < 300; item++) if (scores[item] !== reference(m, user, item)) differ++;
      expect(differ).toBe(0);
    }
  });
});
