import type { MovieLensData } from '@prodsim/domain-movies';
import { makeRecommender, type BaselineName, type IndexRecommender } from '@prodsim/experiments';
import { ratingsByUser, type RatingSplit } from '../split/time-split.js';
import { scoreRanking } from './ranking-metrics.js';

/**
 * The engagement each training rating is fed with: a constant, the minutes of a feature film
 * watched to the end. A MovieLens rating says the user watched the movie; the reference figures
 * (implicit MF, cosine item-kNN) treat every rating as the same positive, and online the world
 * feeds minutes watched, not stars. A constant on the online scale keeps both tiers' inputs
 * alike (MF weighs a positive by its engagement) and does not turn stars into minutes.
 */
export const OFFLINE_ENGAGEMENT = 100;

export interface OfflineFigures {
  recommender: string;
  /** Share of evaluated users with at least one held-out item in their top k. */
  hitRate: number;
  /** Mean NDCG@k over evaluated users (binary relevance: held out). */
  ndcg: number;
  /** Users with at least one held-out rating. */
  users: number;
  k: number;
}

export interface OfflineOptions {
  /** Seeds the recommenders (random, MF). */
  seed: string;
  k?: number;
}

/**
 * The offline tier: each recommender learns the training ratings in time order (as it would
 * learn a stream), then ranks items for every user with held-out ratings; items the user rated
 * in training are excluded; hit rate@k and NDCG@k against the held-out ratings.
 */
export function runOfflineTier(data: MovieLensData, split: RatingSplit, names: readonly BaselineName[], options: OfflineOptions): OfflineFigures[] {
  return names.map((name) => evaluateOffline(makeRecommender(name, `${options.seed}/offline/${name}`), data, split, options.k ?? 20));
}

/** Trains one recommender on the training part and scores it on the held-out part. */
export function evaluateOffline(recommender: IndexRecommender, data: MovieLensData, split: RatingSplit, k: number): OfflineFigures {
  const r = data.ratings;
  for (const i of trainingOrder(data, split)) recommender.interaction(r.time[i] * 1000, r.user[i], r.movie[i], false, OFFLINE_ENGAGEMENT, 0);
  const byUser = ratingsByUser(r.user, data.users.count);
  let hits = 0;
  let ndcg = 0;
  let users = 0;
  for (let u = 0; u < data.users.count; u++) {
    const trained = new Set<number>();
    const relevant = new Set<number>();
    for (let j = byUser.start[u]; j < byUser.start[u + 1]; j++) {
      const i = byUser.indices[j];
      (split.heldOut[i] ? relevant : trained).add(r.movie[i]);
    }
    // A movie rated in training and again later stays excluded (it is not a new find).
    for (const m of trained) relevant.delete(m);
    if (relevant.size === 0) continue;
    // Ask for k beyond the user's training items, then drop those: k fresh items remain whether
    // or not the recommender already leaves out what the user consumed.
    const ranked = recommender
      .recommend(u, k + trained.size, data.movies.count)
      .filter((m) => !trained.has(m))
      .slice(0, k);
    const score = scoreRanking(ranked, relevant, k);
    hits += score.hit;
    ndcg += score.ndcg;
    users++;
  }
  return { recommender: recommender.name, hitRate: users > 0 ? hits / users : NaN, ndcg: users > 0 ? ndcg / users : NaN, users, k };
}

/** Training ratings in time order; ties by user, then movie index, so every run feeds the same sequence. */
export function trainingOrder(data: MovieLensData, split: RatingSplit): Int32Array {
  const r = data.ratings;
  const order: number[] = [];
  for (let i = 0; i < r.count; i++) if (!split.heldOut[i]) order.push(i);
  order.sort((a, b) => r.time[a] - r.time[b] || r.user[a] - r.user[b] || r.movie[a] - r.movie[b]);
  return Int32Array.from(order);
}
