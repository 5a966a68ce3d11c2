import type { InteractionObserver } from '@prodsim/core';

/**
 * A baseline recommender over the domain's integer item indices. The learning baselines learn
 * only from what a service could see on the stream: which user consumed which item, and how
 * much (engagement); never from the hidden true value (only the oracle reads that, through the
 * research probe, and only inside experiments).
 */
export interface IndexRecommender extends InteractionObserver {
  readonly name: string;
  /**
   * Up to k items in [0, itemCount), best first, none that the user has already consumed
   * (fewer than k when fewer are left).
   */
  recommend(user: number, k: number, itemCount: number): number[];
  /**
   * Orders the request's own candidates (media feeds), best first, at most k; candidates the
   * user has already consumed go last (they may be all there is).
   */
  rank(user: number, candidates: readonly number[], k: number): number[];
}

/** Candidates ordered by a score (higher first; ties keep request order), at most k. */
export function rankBy(candidates: readonly number[], k: number, score: (item: number) => number): number[] {
  return candidates
    .map((item, i) => ({ item, i, s: score(item) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, k)
    .map((x) => x.item);
}

/** Per-user memory of recent items, grown as users appear. */
export class RecentItems {
  private items = new Int32Array(0);
  private fill = new Uint8Array(0);

  constructor(readonly depth: number) {}

  add(user: number, item: number): void {
    this.ensure(user);
    const base = user * this.depth;
    this.items.copyWithin(base + 1, base, base + this.depth - 1);
    this.items[base] = item;
    if (this.fill[user] < this.depth) this.fill[user]++;
  }

  of(user: number): Int32Array {
    if (user * this.depth >= this.items.length) return new Int32Array(0);
    return this.items.subarray(user * this.depth, user * this.depth + this.fill[user]);
  }

  private ensure(user: number): void {
    if (user < this.fill.length) return;
    const users = Math.max(user + 1, this.fill.length * 2, 64);
    const items = new Int32Array(users * this.depth);
    items.set(this.items);
    const fill = new Uint8Array(users);
    fill.set(this.fill);
    this.items = items;
    this.fill = fill;
  }
}

/** Interaction counts per item, grown as items appear. */
export class ItemCounts {
  counts = new Float64Array(64);

  add(item: number, by = 1): void {
    this.ensure(item + 1);
    this.counts[item] += by;
  }

  /** Makes `counts` cover items [0, n) (unseen items count 0). */
  ensure(n: number): void {
    if (n <= this.counts.length) return;
    const grown = new Float64Array(Math.max(n, this.counts.length * 2));
    grown.set(this.counts);
    this.counts = grown;
  }
}
