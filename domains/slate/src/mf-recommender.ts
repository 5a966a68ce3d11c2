import type { RandomStream } from '@prodsim/core';
import type { ObservedChoices } from './observed-choices.js';
import { topK } from './top-k.js';
import type { SlateRequest } from './slate-endpoint.js';

export interface MfOptions {
  users: number;
  /** Factors of the learned model (not the hidden truth's dimensions: the model does not know them). */
  factors?: number;
  learningRate?: number;
  regularisation?: number;
  /** Candidates ranked per request: this many most-chosen items plus this many random ones per step. */
  popularCandidates?: number;
  randomCandidates?: number;
}

/**
 * A personalised two-stage recommender, trained online from the observed choices only:
 * matrix factorisation with the BPR loss (one SGD step per observed choice against a sampled
 * item the user did not take), retrained between steps on the previous step's choices, as
 * T-RECS retrains its models between steps. Each request ranks a candidate pool (the most chosen
 * items plus a fresh random sample, the same pool for the whole step) by the user's learned
 * factors and returns the best k: the candidate-generation-then-ranking shape of production
 * recommenders, which keeps a request's cost independent of the catalogue size.
 */
export function mfSlate(observed: ObservedChoices, rng: RandomStream, options: MfOptions): (request: SlateRequest) => number[] {
  const f = options.factors ?? 16;
  const lr = options.learningRate ?? 0.05;
  const reg = options.regularisation ?? 0.01;
  const items = observed.items;
  const p = new Float32Array(options.users * f);
  const q = new Float32Array(items * f);
  for (let i = 0; i < p.length; i++) p[i] = rng.normal(0, 0.1);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal(0, 0.1);
  observed.keepRecent();
  const popular = Math.min(options.popularCandidates ?? 100, items);
  const random = options.randomCandidates ?? 100;
  let pool = new Int32Array(0);
  let poolFactors = new Float64Array(0);
  const user = new Float64Array(f);
  let trainedFor = -1;
  const diff = new Float64Array(f);
  let keys = new Float64Array(0);
  let ids = new Int32Array(0);

  const train = (): void => {
    const pairs = observed.takeRecent();
    for (let n = 0; n < pairs.length; n += 2) {
      const u = pairs[n] * f;
      const i = pairs[n + 1] * f;
      let j = rng.int(items);
      if (j * f === i) j = (j + 1) % items;
      const jo = j * f;
      let x = 0;
      for (let d = 0; d < f; d++) {
        diff[d] = q[i + d] - q[jo + d];
        x += p[u + d] * diff[d];
      }
      const g = 1 / (1 + Math.exp(x));
      for (let d = 0; d < f; d++) {
        const pu = p[u + d];
        p[u + d] = pu + lr * (g * diff[d] - reg * pu);
        q[i + d] += lr * (g * pu - reg * q[i + d]);
        q[jo + d] += lr * (-g * pu - reg * q[jo + d]);
      }
    }
    // The pool: the most chosen items, then random ones not already in it.
    const chosen = topK(observed.counts, popular, rng);
    const inPool = new Set(chosen);
    for (let r = 0; r < random && inPool.size < items; r++) inPool.add(rng.int(items));
    pool = Int32Array.from(inPool);
    // The pool's factors side by side in doubles: the per-request loop then reads memory in order.
    poolFactors = new Float64Array(pool.length * f);
    for (let c = 0; c < pool.length; c++) for (let d = 0; d < f; d++) poolFactors[c * f + d] = q[pool[c] * f + d];
  };

  return (request) => {
    if (request.step !== trainedFor) {
      train();
      trainedFor = request.step;
    }
    const k = Math.min(request.k, pool.length);
    if (keys.length < k) {
      keys = new Float64Array(k);
      ids = new Int32Array(k);
    }
    keys.fill(-Infinity, 0, k);
    const u = request.user * f;
    // Locals, not the closure's variables, in the hot loop: V8 keeps them in registers.
    const factors = poolFactors;
    const candidates = pool;
    const size = candidates.length;
    const top = keys;
    const at = ids;
    for (let d = 0; d < f; d++) user[d] = p[u + d];
    const f4 = f - (f % 4);
    for (let c = 0, io = 0; c < size; c++, io += f) {
      // Four running sums: one sum would wait on each addition in turn (this loop is the request's cost).
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let d = 0;
      for (; d < f4; d += 4) {
        s0 += user[d] * factors[io + d];
        s1 += user[d + 1] * factors[io + d + 1];
        s2 += user[d + 2] * factors[io + d + 2];
        s3 += user[d + 3] * factors[io + d + 3];
      }
      for (; d < f; d++) s0 += user[d] * factors[io + d];
      const s = s0 + s1 + s2 + s3;
      if (s <= top[k - 1]) continue;
      let j = k - 1;
      while (j > 0 && top[j - 1] < s) {
        top[j] = top[j - 1];
        at[j] = at[j - 1];
        j--;
      }
      top[j] = s;
      at[j] = candidates[c];
    }
    const out: number[] = new Array(k);
    for (let r = 0; r < k; r++) out[r] = at[r];
    return out;
  };
}
