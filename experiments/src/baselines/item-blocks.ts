/** Items per block. */
export const BLOCK = 16;

/**
 * A factor model's items in an order that puts likely winners first, cut into blocks of
 * `BLOCK` with an upper bound of each block's biases and norms, so that `topScored` can pass
 * over a whole block whose bound cannot enter the top k (per item, the bound check itself was
 * most of a request once it skipped 88% of the scoring).
 *
 * The order is only a guess (by bias + a typical user's norm x the item's norm, as of the last
 * `rebuild`): any order gives the same top k, since the heap keeps the k best under one strict
 * order (score, then the lower index). The bounds must hold exactly, so the model calls `raise`
 * with every item whose bias or norm it changes, and rebuilds now and then to tighten them.
 * Items the model added since the last rebuild (`covered` and above) are outside the blocks.
 */
export class ItemBlocks {
  /** Items [0, covered), best guess first. */
  order = new Int32Array(0);
  /** The block each covered item is in. */
  blockOf = new Int32Array(0);
  /** Per block, at least its items' largest bias and largest norm (NaN when one is NaN). */
  maxBias = new Float64Array(0);
  maxNorm = new Float64Array(0);

  /** Items in the blocks: [0, covered). */
  get covered(): number {
    return this.order.length;
  }

  /** Orders items [0, items) and sets each block's bounds exactly. */
  rebuild(bias: Float32Array, norms: Float64Array, items: number, typicalUserNorm: number): void {
    const key = new Float64Array(items);
    for (let i = 0; i < items; i++) key[i] = bias[i] + typicalUserNorm * norms[i];
    // Descending by key, ties (and NaNs, last) by index, so that the order is deterministic.
    const order = Int32Array.from({ length: items }, (_, i) => i).sort((a, b) => {
      const ka = key[a];
      const kb = key[b];
      if (ka > kb) return -1;
      if (ka < kb) return 1;
      if (ka === kb) return a - b;
      return !Number.isNaN(ka) ? -1 : !Number.isNaN(kb) ? 1 : a - b;
    });
    const blocks = Math.ceil(items / BLOCK);
    this.order = order;
    this.blockOf = new Int32Array(items);
    this.maxBias = new Float64Array(blocks).fill(-Infinity);
    this.maxNorm = new Float64Array(blocks).fill(-Infinity);
    for (let j = 0; j < items; j++) {
      const i = order[j];
      this.blockOf[i] = (j / BLOCK) | 0;
      this.raise(i, bias[i], norms[i]);
    }
  }

  /** Keeps item `item`'s block bounds at or above its new bias and norm. */
  raise(item: number, bias: number, norm: number): void {
    if (item >= this.covered) return;
    const b = this.blockOf[item];
    // `!(x <= max)` also takes a NaN in; a NaN bound then stays, as it skips nothing.
    if (!(bias <= this.maxBias[b]) && !Number.isNaN(this.maxBias[b])) this.maxBias[b] = bias;
    if (!(norm <= this.maxNorm[b]) && !Number.isNaN(this.maxNorm[b])) this.maxNorm[b] = norm;
  }
}
