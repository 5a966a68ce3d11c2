import type { RandomStream } from '@prodsim/core';
import { communityCentres, ViewerPool } from '@prodsim/media';
import { EMBEDDING_DIM } from './clip-catalogue.js';

export interface ListenerOptions {
  count: number;
  communities: number;
  communityWeight: number;
  sessionsPerDay: number;
  activitySpread: number;
  safeShare: number;
}

/**
 * Listeners: the kit's ViewerPool (hidden taste in the audio world's embedding space, a public
 * community, activity) plus two audio traits: safe mode (public: no explicit or unlabelled clips)
 * and how often a session is for talk rather than music (hidden).
 */
export class Listeners {
  readonly pool: ViewerPool;
  readonly safe: Uint8Array;
  readonly talkShare: Float32Array;
  /** 1 while a session is playing (a second session then does not start). */
  readonly busy: Uint8Array;

  constructor(options: ListenerOptions, axes: Float32Array, rng: RandomStream) {
    const centres = communityCentres(options.communities, axes, EMBEDDING_DIM, rng);
    this.pool = new ViewerPool(
      {
        count: options.count,
        dim: EMBEDDING_DIM,
        centres,
        communityWeight: options.communityWeight,
        sessionsPerDay: options.sessionsPerDay,
        activitySpread: options.activitySpread,
      },
      rng,
    );
    this.safe = new Uint8Array(options.count);
    this.talkShare = new Float32Array(options.count);
    this.busy = new Uint8Array(options.count);
    for (let u = 0; u < options.count; u++) {
      this.safe[u] = rng.bernoulli(options.safeShare) ? 1 : 0;
      // Most listen mostly to music; some are podcast people.
      this.talkShare[u] = rng.bernoulli(0.3) ? rng.uniform(0.4, 0.8) : rng.uniform(0.05, 0.3);
    }
  }

  get count(): number {
    return this.pool.count;
  }
}
