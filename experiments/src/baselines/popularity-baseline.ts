import { ItemCounts, rankBy, type IndexRecommender } from './index-recommender.js';
import { topK } from './top-k.js';

/** The k most consumed items so far; the ranking is refreshed every `refreshEvery` interactions. */
export class PopularityBaseline implements IndexRecommender {
  readonly name = 'popularity';
  private readonly counts = new ItemCounts();
  private cached: number[] = [];
  private sinceRefresh = Infinity;

  constructor(private readonly refreshEvery = 100) {}

  recommend(_user: number, k: number, itemCount: number): number[] {
    if (this.sinceRefresh >= this.refreshEvery || this.cached.length < Math.min(k, itemCount)) {
      this.cached = topK(this.counts.counts, Math.min(itemCount, this.counts.counts.length), Math.max(k, 50));
      // Fewer consumed items than k (early on): fill with the lowest unseen indices.
      for (let i = 0; this.cached.length < Math.min(k, itemCount); i++) if (!this.cached.includes(i)) this.cached.push(i);
      this.sinceRefresh = 0;
    }
    return this.cached.slice(0, k);
  }

  rank(_user: number, candidates: readonly number[], k: number): number[] {
    const counts = this.counts.counts;
    return rankBy(candidates, k, (i) => counts[i] ?? 0);
  }

  interaction(_time: number, _user: number, item: number): void {
    this.counts.add(item);
    this.sinceRefresh++;
  }

  slate(): void {}
  outcome(): void {}
}
