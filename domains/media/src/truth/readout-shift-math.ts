import type { RandomStream } from '@prodsim/core';

/**
 * The arithmetic of a hidden readout's shift (the media domains' `truth-shift` scenario action):
 * a new score is mapped onto the old scores by rank, so a shifted label keeps its share of items.
 */

/** The value of `to` at the (interpolated) rank `x` has in `from` (both sorted, same length). */
export function sameRank(x: number, from: Float64Array, to: Float64Array): number {
  const n = from.length;
  if (x <= from[0]) return to[0];
  if (x >= from[n - 1]) return to[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (from[mid] <= x) lo = mid;
    else hi = mid;
  }
  const f = from[hi] > from[lo] ? (x - from[lo]) / (from[hi] - from[lo]) : 0;
  return to[lo] + f * (to[hi] - to[lo]);
}

/** `dir` . the row of `embeddings` starting at `offset`. */
export function dotAt(dir: Float32Array, embeddings: Float32Array, offset: number): number {
  let s = 0;
  for (let d = 0; d < dir.length; d++) s += dir[d] * embeddings[offset + d];
  return s;
}

/** Mean and (population) standard deviation; an sd of about 0 is taken as 1, so dividing by it is safe. */
export function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, sd: 1 };
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i];
  const mean = s / n;
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += (values[i] - mean) ** 2;
  const sd = Math.sqrt(s2 / n);
  return { mean, sd: sd > 1e-9 ? sd : 1 };
}

/**
 * The seeded parts of a readout shift, drawn in this order from `rng`: a signed permutation of the
 * `dim` embedding axes (what the taste turns toward) and a random unit direction (the new label
 * readout's).
 */
export function drawShiftAxes(rng: RandomStream, dim: number): { perm: Int32Array; sign: Float32Array; dir: Float32Array } {
  const perm = Int32Array.from(rng.shuffle([...Array(dim).keys()]));
  const sign = Float32Array.from({ length: dim }, () => (rng.next() < 0.5 ? -1 : 1));
  const dir = new Float32Array(dim);
  let norm = 0;
  for (let d = 0; d < dim; d++) {
    dir[d] = rng.normal(0, 1);
    norm += dir[d] * dir[d];
  }
  for (let d = 0; d < dim; d++) dir[d] /= Math.sqrt(norm);
  return { perm, sign, dir };
}
