import { RandomStream } from '@prodsim/core';
import type { IndexRecommender } from './index-recommender.js';

/** k distinct items uniformly at random (seeded). */
export class RandomBaseline implements IndexRecommender {
  readonly name = 'random';
  private readonly rng: RandomStream;

  constructor(seed: string) {
    this.rng = new RandomStream(`baseline-random/${seed}`);
  }

  recommend(_user: number, k: number, itemCount: number): number[] {
    const picked = new Set<number>();
    const want = Math.min(k, itemCount);
    while (picked.size < want) picked.add(this.rng.int(itemCount));
    return [...picked];
  }

  rank(_user: number, candidates: readonly number[], k: number): number[] {
    return this.rng.shuffle([...candidates]).slice(0, k);
  }

  slate(): void {}
  interaction(): void {}
  outcome(): void {}
}
