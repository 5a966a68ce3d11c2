import { InProcessPredictor, RandomStream, hashSeed } from '@prodsim/core';
import { genreIndex } from '../genres.js';
import type { Catalogue } from '../world/catalogue.js';
import type { PopularityTracker } from './popularity-tracker.js';
import { MAX_RECOMMENDATIONS, type RecommendRequest } from './recommend-endpoint.js';

/**
 * What an in-process recommender may see of a world: public movie facts, watch counts, and what
 * each user has watched (all of it on the stream).
 */
export interface RecommenderSource {
  readonly catalogue: Catalogue;
  readonly popularity: PopularityTracker;
  /** Whether the user (index) has watched the movie (index). */
  watched(user: number, movie: number): boolean;
  /** Current simulated time. */
  now(): number;
}

export interface RecommenderOptions {
  seed?: string;
  /** Simulated service latency in ms; default: 4-33 ms, fixed per user id (deterministic). */
  latencyMs?: number;
}

function latency(options: RecommenderOptions): number | ((endpoint: string, request: unknown) => number) {
  if (options.latencyMs !== undefined) return options.latencyMs;
  return (_endpoint, request) => 4 + (hashSeed(String((request as RecommendRequest).userId))[0] % 30);
}

/** The default baseline: the 20 most watched movies of the last few days that the user has not watched yet. */
export function popularityRecommender(source: RecommenderSource, options: RecommenderOptions = {}): InProcessPredictor {
  return new InProcessPredictor(
    {
      recommend: (request: unknown) => {
        const user = Number((request as RecommendRequest).userId) - 1;
        const out: string[] = [];
        for (const m of source.popularity.top(source.now())) {
          if (source.watched(user, m)) continue;
          out.push(source.catalogue.slugs[m]);
          if (out.length === MAX_RECOMMENDATIONS) break;
        }
        return out;
      },
    },
    { name: 'popularity', latencyMs: latency(options) },
  );
}

/** 20 movies drawn uniformly from the catalogue: the control arm of experiments. */
export function randomRecommender(source: RecommenderSource, options: RecommenderOptions = {}): InProcessPredictor {
  const rng = new RandomStream(`random-recommender\u0000${options.seed ?? '1'}`);
  return new InProcessPredictor(
    {
      recommend: () => {
        const n = source.catalogue.count;
        const out: string[] = [];
        for (let i = 0; i < Math.min(MAX_RECOMMENDATIONS, n); i++) out.push(source.catalogue.slugs[rng.int(n)]);
        return out;
      },
    },
    { name: 'random', latencyMs: latency(options) },
  );
}

/**
 * 20 random movies of one genre (e.g. only horror): a recommender that pushes a taste, to study
 * the feedback loop.
 */
export function genreRecommender(source: RecommenderSource, genre: string, options: RecommenderOptions = {}): InProcessPredictor {
  const g = genreIndex(genre);
  if (g < 0) throw new Error(`unknown genre ${JSON.stringify(genre)}`);
  const rng = new RandomStream(`genre-recommender\u0000${genre}\u0000${options.seed ?? '1'}`);
  const pool: number[] = [];
  let pooledUpTo = 0;
  return new InProcessPredictor(
    {
      recommend: () => {
        const cat = source.catalogue;
        for (; pooledUpTo < cat.count; pooledUpTo++) if (cat.genreMask[pooledUpTo] & (1 << g)) pool.push(pooledUpTo);
        const out: string[] = [];
        for (let i = 0; i < Math.min(MAX_RECOMMENDATIONS, pool.length); i++) out.push(cat.slugs[pool[rng.int(pool.length)]]);
        return out;
      },
    },
    { name: `only-${genre.toLowerCase()}`, latencyMs: latency(options) },
  );
}
