import type { RandomSource } from '@prodsim/core';

/**
 * Walker's alias method: O(n) to build, O(1) per draw. Used to sample "other movies that come to
 * mind" in proportion to public popularity.
 */
export class AliasSampler {
  private prob = new Float64Array(0);
  private alias = new Int32Array(0);
  private n = 0;

  rebuild(weights: ArrayLike<number>, n: number): void {
    if (this.prob.length < n) {
      this.prob = new Float64Array(Math.ceil(n * 1.25) + 16);
      this.alias = new Int32Array(this.prob.length);
    }
    this.n = n;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    const prob = this.prob;
    const alias = this.alias;
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      prob[i] = total > 0 ? (weights[i] * n) / total : 1;
      if (prob[i] < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns];
      const l = large[nl - 1];
      alias[s] = l;
      prob[l] = prob[l] + prob[s] - 1;
      if (prob[l] < 1) {
        nl--;
        small[ns++] = l;
      }
    }
    while (nl > 0) prob[large[--nl]] = 1;
    while (ns > 0) prob[small[--ns]] = 1;
  }

  get size(): number {
    return this.n;
  }

  draw(rng: RandomSource): number {
    const x = rng.next() * this.n;
    const i = Math.floor(x);
    return x - i < this.prob[i] ? i : this.alias[i];
  }
}
