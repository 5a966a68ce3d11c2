import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { topScored } from './catalogue-scores.js';
import { ItemBlocks } from './item-blocks.js';

/**
 * Random rows for `users` x `items` with `factors` dimensions, as Float32 like MfBaseline's; a
 * trained model's look (small vectors, biases spread by popularity) with `rowSd` 0.25, `biasSd` 2.
 */
function model(factors: number, users: number, items: number, rowSd = 1, biasSd = 1) {
  const rng = new RandomStream(`scores/${factors}`);
  const fill = (n: number, sd: number) => Float32Array.from({ length: n }, () => rng.normal(0, sd));
  const m = {
    users: fill(users * factors, rowSd),
    items: fill(items * factors, rowSd),
    bias: fill(items, biasSd),
    norms: new Float64Array(items),
    blocks: new ItemBlocks(),
    factors,
  };
  return withNorms(m);
}

/** Sets each item's norm from its stored row, as MfBaseline keeps them, and rebuilds the blocks. */
function withNorms<M extends { items: Float32Array; bias: Float32Array; norms: Float64Array; blocks: ItemBlocks; factors: number }>(m: M): M {
  for (let i = 0; i < m.norms.length; i++) m.norms[i] = normOf(m, i);
  m.blocks.rebuild(m.bias, m.norms, m.norms.length, 4);
  return m;
}

function normOf(m: { items: Float32Array; factors: number }, item: number): number {
  let sum = 0;
  for (let d = 0; d < m.factors; d++) sum += m.items[item * m.factors + d] ** 2;
  return Math.sqrt(sum);
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

  it('skips no block that holds a winner, after rows moved since the blocks were built and with items added since', () => {
    const items = 1_000;
    // Shaped like a trained model, where most blocks are skipped.
    const m = model(16, 8, items, 0.25, 2);
    const rng = new RandomStream('moved');
    // The blocks are built, then a tenth of the items grow into winners (their bounds raised, as
    // training does), and the last 100 items are new: outside the blocks.
    m.blocks.rebuild(m.bias, m.norms, 900, 1);
    const lastBlock = m.blocks.maxBias.length - 1;
    for (let n = 0; n < 100; n++) {
      const i = rng.int(items);
      // The last, short block keeps its items as built, so that it is skipped.
      if (i < 900 && m.blocks.blockOf[i] === lastBlock) continue;
      for (let d = 0; d < 16; d++) m.items[i * 16 + d] *= 3 + 2 * rng.next();
      m.bias[i] += 4 + 2 * rng.next();
      m.norms[i] = normOf(m, i);
      m.blocks.raise(i, m.bias[i], m.norms[i]);
    }
    // And a new item, just past the last (short) block, is the best of all.
    m.bias[905] = 20;
    const none = new Uint8Array(items);
    const scratch = new Float64Array(items);
    for (let user = 0; user < 8; user++) for (const k of [1, 20]) expect(topScored(m, user, items, k, none, scratch)).toEqual(referenceBest(m, user, none, k));
    // A catalogue shorter than the blocks' (items past `count` are left out).
    for (let user = 0; user < 8; user++) {
      expect(topScored(m, user, 500, 20, none, scratch)).toEqual(referenceBest({ ...m, bias: m.bias.subarray(0, 500) }, user, none, 20));
    }
  });
});
