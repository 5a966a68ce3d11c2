import type { InteractionObserver, OutcomeKind } from '@prodsim/core';
import type { IndexRecommender } from '../baselines/index-recommender.js';
import { RandomBaseline } from '../baselines/random-baseline.js';

/** The list a stochastic policy returned for a user, and the probability of each of its positions. */
export interface LoggedList {
  items: readonly number[];
  /** Positions below `head` were drawn with probability `headP` each, the rest with `tailP`. */
  head: number;
  headP: number;
  tailP: number;
}

/** The probability that the policy put `list.items[position]` at `position`. */
export function propensityAt(list: LoggedList, position: number): number {
  return position < list.head ? list.headP : list.tailP;
}

/**
 * Wraps the `random` baseline and notes, for each request, the probability with which each
 * position of its answer was drawn: what off-policy estimators (inverse propensity scoring)
 * need. The random baseline draws k distinct items uniformly from the n the user has not consumed,
 * so each position holds a given eligible item with probability 1/n. Ranking a request's own
 * candidates (media feeds), it shuffles them uniformly with the m unconsumed ones first: the first
 * m positions have probability 1/m, the rest 1/(candidates - m). Only the random baseline is
 * stochastic; every other arm's policy is deterministic given its state (no propensity).
 */
export class PropensityLog implements IndexRecommender {
  readonly name: string;
  private readonly latest = new Map<number, LoggedList>();
  private readonly observer: InteractionObserver;

  constructor(private readonly inner: RandomBaseline) {
    this.name = inner.name;
    this.observer = inner;
  }

  /** Whether a recommender's policy is stochastic, so that wrapping it gives propensities. */
  static logs(recommender: IndexRecommender): recommender is RandomBaseline {
    return recommender instanceof RandomBaseline;
  }

  recommend(user: number, k: number, itemCount: number): number[] {
    const eligible = itemCount - this.inner.consumed.count(user);
    const items = this.inner.recommend(user, k, itemCount);
    this.latest.set(user, { items, head: items.length, headP: 1 / eligible, tailP: NaN });
    return items;
  }

  rank(user: number, candidates: readonly number[], k: number): number[] {
    let fresh = 0;
    for (const item of candidates) if (!this.inner.consumed.has(user, item)) fresh++;
    const items = this.inner.rank(user, candidates, k);
    this.latest.set(user, { items, head: fresh, headP: 1 / fresh, tailP: 1 / (candidates.length - fresh) });
    return items;
  }

  /** The list last drawn for `user`, once: a later slate without a new draw gets none. */
  take(user: number): LoggedList | undefined {
    const list = this.latest.get(user);
    if (list) this.latest.delete(user);
    return list;
  }

  slate(time: number, user: number, items: ArrayLike<number>): void {
    this.observer.slate(time, user, items);
  }

  interaction(time: number, user: number, item: number, recommended: boolean, engagement: number, trueValue: number): void {
    this.observer.interaction(time, user, item, recommended, engagement, trueValue);
  }

  outcome(time: number, user: number, kind: OutcomeKind, latencyMs: number): void {
    this.observer.outcome(time, user, kind, latencyMs);
  }
}
