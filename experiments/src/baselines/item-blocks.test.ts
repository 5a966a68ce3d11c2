import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { BLOCK, ItemBlocks } from './item-blocks.js';

describe('ItemBlocks', () => {
  it('orders items by bias + typical norm x norm and bounds each block from above, through raises', () => {
    const rng = new RandomStream('blocks');
    const items = 200;
    const bias = Float32Array.from({ length: items }, () => rng.normal(0, 1));
    const norms = Float64Array.from({ length: items }, () => rng.next());
    const blocks = new ItemBlocks();
    blocks.rebuild(bias, norms, items, 2);
    const key = (i: number) => bias[i] + 2 * norms[i];
    expect([...blocks.order].sort((a, b) => a - b)).toEqual([...Array(items).keys()]);
    for (let j = 1; j < items; j++) expect(key(blocks.order[j - 1])).toBeGreaterThanOrEqual(key(blocks.order[j]));
    for (let n = 0; n < 500; n++) {
      const i = rng.int(items);
      bias[i] = rng.normal(0, 2);
      norms[i] = 2 * rng.next();
      blocks.raise(i, bias[i], norms[i]);
    }
    let above = 0;
    for (let i = 0; i < items; i++) if (bias[i] > blocks.maxBias[blocks.blockOf[i]] || norms[i] > blocks.maxNorm[blocks.blockOf[i]]) above++;
    expect(above).toBe(0);
    expect(blocks.maxBias.length).toBe(Math.ceil(items / BLOCK));
  });

  it('puts NaN keys last and keeps a NaN bound, which skips nothing, until the next rebuild', () => {
    const bias = Float32Array.from([0, Number.NaN, 2, 1]);
    const norms = Float64Array.from([1, 1, 1, 1]);
    const blocks = new ItemBlocks();
    blocks.rebuild(bias, norms, 4, 1);
    expect([...blocks.order]).toEqual([2, 3, 0, 1]);
    expect(blocks.maxBias[0]).toBeNaN();
    blocks.raise(0, 5, 1);
    expect(blocks.maxBias[0]).toBeNaN();
    bias[1] = 0;
    blocks.rebuild(bias, norms, 4, 1);
    expect(blocks.maxBias[0]).toBe(2);
  });
});
