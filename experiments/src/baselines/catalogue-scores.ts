import { BLOCK, type ItemBlocks } from './item-blocks.js';
import { TopKHeap, topK } from './top-k.js';

/** A factor model's parameters, as `MfBaseline` keeps them: one row of `factors` floats per user and per item. */
export interface FactorRows {
  users: Float32Array;
  items: Float32Array;
  bias: Float32Array;
  /** Each item row's Euclidean norm, as computed from the stored row: what lets `topScored` skip items. */
  norms: Float64Array;
  /** The items in blocks whose bounds let `topScored` skip a block at once. */
  blocks: ItemBlocks;
  factors: number;
}

/**
 * The k items among [0, count) with the highest score(user, i) = bias[i] + p_user . q_i whose
 * `excluded` entry is not 1, best first (ties to the lower index, as `topK`): the hot loop of a
 * run whose arm is a factor model, since every request scores the whole catalogue.
 *
 * Four independent sums (dimensions 0, 4, 8.. / 1, 5, 9.. / ...) let the CPU overlap the
 * multiply-adds, about twice as fast as one running sum. With 16 factors (`MfBaseline`'s
 * default) the user's vector stays in locals, so an item costs 16 loads instead of 32, and each
 * score is tested against the heap's worst as it is made instead of being written out and read
 * back by `topK`. Both paths add the sums in the same order, so they give the same scores to the
 * bit. `scratch` holds at least `count` scores for the general path.
 *
 * Most items are not scored at all. By Cauchy-Schwarz, score(user, i) <= bias[i] + |p_user| |q_i|,
 * and once the heap is full an item whose bound is below the heap's worst cannot enter it. In a
 * filter-bubble run that bound alone, items scanned in index order, skipped 88% of them. The
 * bound gets a margin of 1e-12 of its terms (|bias| + |p| |q|), some 300 times what rounding can
 * move the score and the bound (under 30 units of 2^-53 of the same terms: the products are
 * exact, the score is 7 additions, each norm 15 and a square root), so a skipped item is one the
 * full scan would have rejected, and the result is the same to the bit. A NaN or infinite bound
 * skips nothing. The same bound over a block's largest bias and norm (`ItemBlocks`) skips whole
 * blocks, and since the blocks put likely winners first, the heap's worst rises early and most
 * blocks are skipped.
 */
export function topScored(model: FactorRows, user: number, count: number, k: number, excluded: Uint8Array, scratch: Float64Array): number[] {
  if (model.factors !== 16) {
    scoreAll(model, user, count, scratch);
    return topK(scratch, count, k, (i) => excluded[i] === 1);
  }
  if (k <= 0) return [];
  const { users, items, bias, norms } = model;
  const u = user * 16;
  const [u0, u1, u2, u3, u4, u5, u6, u7] = [users[u], users[u + 1], users[u + 2], users[u + 3], users[u + 4], users[u + 5], users[u + 6], users[u + 7]];
  const [u8, u9, u10, u11, u12, u13, u14, u15] = [
    users[u + 8],
    users[u + 9],
    users[u + 10],
    users[u + 11],
    users[u + 12],
    users[u + 13],
    users[u + 14],
    users[u + 15],
  ];
  const userNorm = rowNorm(users, user, 16);
  const heap = new TopKHeap(k);
  let full = false;
  let rootScore = 0;
  let rootItem = 0;
  // The blocks' items in their order, then the items added since they were built, one by one.
  const { order, maxBias, maxNorm, covered } = model.blocks;
  const scanned = covered + Math.max(0, count - covered);
  for (let j = 0; j < scanned; j++) {
    if (full && j < covered && j % BLOCK === 0) {
      if (cannotEnter(maxBias[j / BLOCK], userNorm * maxNorm[j / BLOCK], rootScore)) {
        j = Math.min(j + BLOCK, covered) - 1;
        continue;
      }
    }
    const i = j < covered ? order[j] : j;
    if (i >= count) continue;
    if (full && cannotEnter(bias[i], userNorm * norms[i], rootScore)) continue;
    // The same sums in the same order as scoreAll.
    const v = i * 16;
    const a = u0 * items[v] + u4 * items[v + 4] + u8 * items[v + 8] + u12 * items[v + 12];
    const b = u1 * items[v + 1] + u5 * items[v + 5] + u9 * items[v + 9] + u13 * items[v + 13];
    const c = u2 * items[v + 2] + u6 * items[v + 6] + u10 * items[v + 10] + u14 * items[v + 14];
    const e = u3 * items[v + 3] + u7 * items[v + 7] + u11 * items[v + 11] + u15 * items[v + 15];
    const s = bias[i] + a + b + c + e;
    if (full && (s < rootScore || (s === rootScore && i > rootItem))) continue;
    if (excluded[i] === 1) continue;
    heap.offer(i, s);
    full = heap.full;
    rootScore = heap.rootScore;
    rootItem = heap.rootItem;
  }
  return heap.best();
}

/** The Euclidean norm of row `row` of `f` floats: a user's |p| or an item's |q|. */
export function rowNorm(rows: Float32Array, row: number, f: number): number {
  let sum = 0;
  for (let d = row * f; d < (row + 1) * f; d++) sum += rows[d] * rows[d];
  return Math.sqrt(sum);
}

/**
 * Whether a score bounded by bias + reach (reach = |p| |q|, or a block's largest of each) is
 * below the heap's worst even with the margin for rounding (see `topScored`). False for NaN.
 */
function cannotEnter(bias: number, reach: number, rootScore: number): boolean {
  return bias + reach + 1e-12 * (Math.abs(bias) + reach) < rootScore;
}

/** Writes every item's score into scores[0, count). */
function scoreAll({ users, items, bias, factors: f }: FactorRows, user: number, count: number, scores: Float64Array): void {
  const u = user * f;
  const whole = f - (f % 4);
  for (let i = 0, v = 0; i < count; i++, v += f) {
    let a = 0;
    let b = 0;
    let c = 0;
    let e = 0;
    let d = 0;
    for (; d < whole; d += 4) {
      a += users[u + d] * items[v + d];
      b += users[u + d + 1] * items[v + d + 1];
      c += users[u + d + 2] * items[v + d + 2];
      e += users[u + d + 3] * items[v + d + 3];
    }
    for (; d < f; d++) a += users[u + d] * items[v + d];
    scores[i] = bias[i] + a + b + c + e;
  }
}
