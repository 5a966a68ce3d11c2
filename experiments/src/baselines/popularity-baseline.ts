import { ConsumedItems } from './consumed-items.js';
import { ItemCounts, rankBy, type IndexRecommender } from './index-recommender.js';
import { topK } from './top-k.js';

/** How far past k the shared top list reaches, so that most users' exclusions leave k items. */
const DEPTH = 200;

/**
 * The most consumed items so far that the user has not consumed yet. One global top list
 * (k + DEPTH long, refreshed every `refreshEvery` interactions or when the catalogue grows) is
 * filtered per user; only users who consumed most of it get a full scan.
 */
export class PopularityBaseline implements IndexRecommender {
  readonly name = 'popularity';
  private readonly counts = new ItemCounts();
  private cached: number[] = [];
  private cachedFor = -1;
  private sinceRefresh = Infinity;

  /** `consumed`: a record other baselines in the world may share (see ConsumedItems). */
  constructor(
    readonly consumed = new ConsumedItems(),
    private readonly refreshEvery = 100,
  ) {}

  recommend(user: number, k: number, itemCount: number): number[] {
    if (this.sinceRefresh >= this.refreshEvery || this.cachedFor !== itemCount || this.cached.length < Math.min(k + DEPTH, itemCount)) {
      // Unconsumed items count 0 and tie to the lower index, so early lists are filled too.
      this.counts.ensure(itemCount);
      this.cached = topK(this.counts.counts, itemCount, k + DEPTH);
      this.cachedFor = itemCount;
      this.sinceRefresh = 0;
    }
    const out: number[] = [];
    for (const item of this.cached) {
      if (out.length === k) return out;
      if (!this.consumed.has(user, item)) out.push(item);
    }
    if (out.length === k || this.cached.length === itemCount) return out;
    return this.consumed.withMask(user, itemCount, (mask) => topK(this.counts.counts, itemCount, k, (i) => mask[i] === 1));
  }

  rank(user: number, candidates: readonly number[], k: number): number[] {
    const counts = this.counts.counts;
    return this.consumed.lastIfConsumed(
      user,
      rankBy(candidates, candidates.length, (i) => counts[i] ?? 0),
      k,
    );
  }

  interaction(_time: number, user: number, item: number): void {
    this.counts.add(item);
    this.consumed.add(user, item);
    this.sinceRefresh++;
  }

  slate(): void {}
  outcome(): void {}
}
