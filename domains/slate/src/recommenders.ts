import { InProcessPredictor, type RandomStream } from '@prodsim/core';
import { mfSlate } from './mf-recommender.js';
import { topK } from './top-k.js';
import type { ObservedChoices } from './observed-choices.js';
import type { RecommenderName } from './slate-config.js';
import type { SlateRequest } from './slate-endpoint.js';

/**
 * Popularity, retrained once per step as T-RECS's PopularityRecommender is (train between
 * steps): the k items chosen most often before the step began, ties broken at random afresh each
 * step. Every visit of a step gets the same array; a new one is built for the next step, so
 * answers still in flight are never changed under the world's feet.
 */
export function popularitySlate(observed: ObservedChoices, rng: RandomStream): (request: SlateRequest) => number[] {
  let trainedFor = -1;
  let trainedK = -1;
  let ranked: number[] = [];
  return (request) => {
    if (request.step !== trainedFor || request.k !== trainedK) {
      ranked = topK(observed.counts, Math.min(request.k, observed.items), rng);
      trainedFor = request.step;
      trainedK = request.k;
    }
    return ranked;
  };
}

/** k distinct items drawn uniformly for every visit (T-RECS's RandomRecommender, RecLab's RandomRec). */
export function randomSlate(items: number, rng: RandomStream): (request: SlateRequest) => number[] {
  return (request) => {
    const k = Math.min(request.k, items);
    if (k * 4 > items) return partialShuffle(items, k, rng);
    const out: number[] = new Array(k);
    // Rejection sampling: with k much smaller than the catalogue, a repeat is rare.
    for (let i = 0; i < k; i++) {
      let id: number;
      let again: boolean;
      do {
        id = rng.int(items);
        again = false;
        for (let j = 0; j < i; j++) if (out[j] === id) again = true;
      } while (again);
      out[i] = id;
    }
    return out;
  };
}

/** k distinct items by a partial Fisher-Yates shuffle: for slates that are a large part of the catalogue. */
function partialShuffle(items: number, k: number, rng: RandomStream): number[] {
  const pool = new Int32Array(items);
  for (let i = 0; i < items; i++) pool[i] = i;
  const out: number[] = new Array(k);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(items - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
    out[i] = pool[i];
  }
  return out;
}

export function createRecommender(name: RecommenderName, observed: ObservedChoices, rng: RandomStream, users: number): InProcessPredictor {
  const slate =
    name === 'popularity' ? popularitySlate(observed, rng) : name === 'random' ? randomSlate(observed.items, rng) : mfSlate(observed, rng, { users });
  return new InProcessPredictor({ slate }, { name });
}
