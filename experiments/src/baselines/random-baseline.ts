import { RandomStream } from '@prodsim/core';
import { ConsumedItems } from './consumed-items.js';
import type { IndexRecommender } from './index-recommender.js';

/** k distinct items the user has not consumed, uniformly at random (seeded). */
export class RandomBaseline implements IndexRecommender {
  readonly name = 'random';
  private readonly rng: RandomStream;

  /** `consumed`: a record other baselines in the world may share (see ConsumedItems). */
  constructor(
    seed: string,
    readonly consumed = new ConsumedItems(),
  ) {
    this.rng = new RandomStream(`baseline-random/${seed}`);
  }

  recommend(user: number, k: number, itemCount: number): number[] {
    const seen = this.consumed.count(user);
    // Rejection sampling while most of the catalogue is fresh; otherwise list what is left.
    if (seen * 2 < itemCount && k * 4 < itemCount - seen) {
      // A list, not a Set: k is a slate's length, and a short scan beats hashing.
      const picked: number[] = [];
      while (picked.length < k) {
        const item = this.rng.int(itemCount);
        if (!picked.includes(item) && !this.consumed.has(user, item)) picked.push(item);
      }
      return picked;
    }
    const left = this.consumed.withMask(user, itemCount, (mask) => {
      const out: number[] = [];
      for (let i = 0; i < itemCount; i++) if (mask[i] === 0) out.push(i);
      return out;
    });
    // A partial Fisher-Yates shuffle: the first min(k, left) places.
    const want = Math.min(k, left.length);
    for (let i = 0; i < want; i++) {
      const j = i + this.rng.int(left.length - i);
      [left[i], left[j]] = [left[j], left[i]];
    }
    return left.slice(0, want);
  }

  rank(user: number, candidates: readonly number[], k: number): number[] {
    return this.consumed.lastIfConsumed(user, this.rng.shuffle([...candidates]), k);
  }

  interaction(_time: number, user: number, item: number): void {
    this.consumed.add(user, item);
  }

  slate(): void {}
  outcome(): void {}
}
