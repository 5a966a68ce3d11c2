import { ConsumedItems } from './consumed-items.js';
import { rankBy, type IndexRecommender } from './index-recommender.js';
import { topK } from './top-k.js';

/**
 * The upper reference: ranks the items the user has not consumed by their hidden true value to
 * the user right now (the domain's `ResearchProbe.trueValue`), best first, ties to the lower
 * index. For experiments and validation only: its answers are made of the hidden truth, so it
 * must never answer a plain run, whose recommendations reach the stream.
 */
export class OracleBaseline implements IndexRecommender {
  readonly name = 'oracle';
  private scores = new Float64Array(0);

  /** `consumed`: a record other baselines in the world may share (see ConsumedItems). */
  constructor(
    private readonly trueValue: (user: number, item: number) => number,
    readonly consumed = new ConsumedItems(),
  ) {}

  recommend(user: number, k: number, itemCount: number): number[] {
    if (this.scores.length < itemCount) this.scores = new Float64Array(itemCount);
    for (let i = 0; i < itemCount; i++) this.scores[i] = this.trueValue(user, i);
    return this.consumed.withMask(user, itemCount, (mask) => topK(this.scores, itemCount, k, (i) => mask[i] === 1));
  }

  rank(user: number, candidates: readonly number[], k: number): number[] {
    return this.consumed.lastIfConsumed(
      user,
      rankBy(candidates, candidates.length, (i) => this.trueValue(user, i)),
      k,
    );
  }

  interaction(_time: number, user: number, item: number): void {
    this.consumed.add(user, item);
  }

  slate(): void {}
  outcome(): void {}
}
