import type { ConsumedItems } from './consumed-items.js';
import type { IndexRecommender } from './index-recommender.js';
import { RecentItems, rankBy } from './index-recommender.js';
import { PopularityBaseline } from './popularity-baseline.js';
import { topKOf } from './top-k.js';

/**
 * Item-based nearest neighbours on co-consumption: items consumed by the same users shortly
 * after one another are neighbours; a user is recommended the neighbours of their recent items
 * that they have not consumed yet, topped up with popular items they have not consumed either.
 */
export class ItemKnnBaseline implements IndexRecommender {
  readonly name = 'item-knn';
  private readonly recent = new RecentItems(5);
  private readonly cooc = new Map<number, Map<number, number>>();
  /** Also keeps the consumed sets: it sees every interaction this baseline sees. */
  private readonly popularity: PopularityBaseline;
  private scores = new Float64Array(0);

  /** `consumed`: a record other baselines in the world may share (see ConsumedItems). */
  constructor(consumed?: ConsumedItems) {
    this.popularity = new PopularityBaseline(consumed);
  }

  get consumed() {
    return this.popularity.consumed;
  }

  recommend(user: number, k: number, itemCount: number): number[] {
    const consumed = this.popularity.consumed;
    // Scores accumulate in a reusable dense array; `touched` lists the items that got one.
    if (this.scores.length < itemCount) this.scores = new Float64Array(Math.max(itemCount, this.scores.length * 2));
    const scores = this.scores;
    const touched: number[] = [];
    this.recent.of(user).forEach((item, age) => {
      const weight = 1 / (1 + age);
      this.cooc.get(item)?.forEach((n, other) => {
        if (other >= itemCount) return;
        if (scores[other] === 0) touched.push(other);
        scores[other] += weight * n;
      });
    });
    const ranked = topKOf(scores, touched, k, (i) => consumed.has(user, i));
    for (const i of touched) scores[i] = 0;
    if (ranked.length < k) {
      const chosen = new Set(ranked);
      for (const i of this.popularity.recommend(user, k + ranked.length, itemCount)) {
        if (ranked.length >= k) break;
        if (!chosen.has(i)) ranked.push(i);
      }
    }
    return ranked;
  }

  rank(user: number, candidates: readonly number[], k: number): number[] {
    const recent = this.recent.of(user);
    const popular = this.popularity.rank(user, candidates, candidates.length);
    const tiebreak = new Map(popular.map((item, i) => [item, i]));
    const ranked = rankBy(candidates, candidates.length, (item) => {
      let s = 0;
      recent.forEach((r, age) => (s += (this.cooc.get(r)?.get(item) ?? 0) / (1 + age)));
      // Co-occurrence first; among equals, the more popular candidate.
      return s * 1e6 - (tiebreak.get(item) ?? 0);
    });
    return this.popularity.consumed.lastIfConsumed(user, ranked, k);
  }

  interaction(time: number, user: number, item: number): void {
    for (const other of this.recent.of(user)) {
      if (other === item) continue;
      this.bump(item, other);
      this.bump(other, item);
    }
    this.recent.add(user, item);
    this.popularity.interaction(time, user, item);
  }

  slate(): void {}
  outcome(): void {}

  private bump(a: number, b: number): void {
    let row = this.cooc.get(a);
    if (!row) this.cooc.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + 1);
  }
}
