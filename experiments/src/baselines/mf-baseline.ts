import { RandomStream } from '@prodsim/core';
import { RecentItems, rankBy, type IndexRecommender } from './index-recommender.js';
import { topK } from './top-k.js';

/**
 * Matrix factorisation for implicit feedback, trained online with BPR (Rendle et al. 2009): each
 * observed consumption is a positive, a random item a negative, and one SGD step per interaction
 * pushes the user's vector towards the positive. Recommends the top scores, skipping recent items.
 */
export class MfBaseline implements IndexRecommender {
  readonly name = 'mf';
  private readonly rng: RandomStream;
  private users: Float32Array<ArrayBuffer> = new Float32Array(0);
  private items: Float32Array<ArrayBuffer> = new Float32Array(0);
  private scores = new Float64Array(0);
  private readonly recent = new RecentItems(10);

  constructor(
    seed: string,
    private readonly factors = 16,
    private readonly learningRate = 0.05,
    private readonly regularisation = 0.01,
  ) {
    this.rng = new RandomStream(`baseline-mf/${seed}`);
  }

  recommend(user: number, k: number, itemCount: number): number[] {
    this.ensure(user, itemCount - 1);
    const f = this.factors;
    if (this.scores.length < itemCount) this.scores = new Float64Array(itemCount);
    const u = user * f;
    for (let i = 0; i < itemCount; i++) {
      let dot = 0;
      const v = i * f;
      for (let d = 0; d < f; d++) dot += this.users[u + d] * this.items[v + d];
      this.scores[i] = dot;
    }
    const recent = new Set(this.recent.of(user));
    return topK(this.scores, itemCount, k, (i) => recent.has(i));
  }

  rank(user: number, candidates: readonly number[], k: number): number[] {
    const highest = candidates.reduce((a, b) => Math.max(a, b), 0);
    this.ensure(user, highest);
    const f = this.factors;
    return rankBy(candidates, k, (i) => {
      let dot = 0;
      for (let d = 0; d < f; d++) dot += this.users[user * f + d] * this.items[i * f + d];
      return dot;
    });
  }

  interaction(_time: number, user: number, item: number, _recommended: boolean, engagement: number): void {
    const itemCount = Math.max(item + 1, this.items.length / this.factors);
    this.ensure(user, item);
    const negative = this.rng.int(itemCount);
    this.recent.add(user, item);
    if (negative === item) return;
    this.ensure(user, negative);
    const f = this.factors;
    const u = user * f;
    const p = item * f;
    const n = negative * f;
    let x = 0;
    for (let d = 0; d < f; d++) x += this.users[u + d] * (this.items[p + d] - this.items[n + d]);
    // Longer engagement is a stronger positive signal (still never the hidden true value).
    const weight = Math.min(2, 0.5 + Math.log1p(Math.max(0, engagement)) / 4);
    const g = (weight * this.learningRate) / (1 + Math.exp(x));
    const lr = this.learningRate;
    const reg = this.regularisation;
    for (let d = 0; d < f; d++) {
      const uf = this.users[u + d];
      const pf = this.items[p + d];
      const nf = this.items[n + d];
      this.users[u + d] += g * (pf - nf) - lr * reg * uf;
      this.items[p + d] += g * uf - lr * reg * pf;
      this.items[n + d] += -g * uf - lr * reg * nf;
    }
  }

  slate(): void {}
  outcome(): void {}

  private ensure(user: number, item: number): void {
    const f = this.factors;
    if ((user + 1) * f > this.users.length) this.users = this.grow(this.users, Math.max(user + 1, (this.users.length / f) * 2, 64));
    if ((item + 1) * f > this.items.length) this.items = this.grow(this.items, Math.max(item + 1, (this.items.length / f) * 2, 64));
  }

  private grow(old: Float32Array, rows: number): Float32Array<ArrayBuffer> {
    const next = new Float32Array(rows * this.factors);
    next.set(old);
    for (let i = old.length; i < next.length; i++) next[i] = this.rng.normal(0, 0.1);
    return next;
  }
}
