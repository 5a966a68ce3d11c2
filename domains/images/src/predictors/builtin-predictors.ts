import { InProcessPredictor, type PredictFunction, type RandomStream } from '@prodsim/core';
import { type FeedRequest, rankByValue } from '@prodsim/media';
import type { ModerateRequest } from '../world/images-state.js';

/** Public tallies a service could keep from the stream (likes, impressions, reports per creator). */
export interface PublicTallies {
  likes(image: number): number;
  impressions(image: number): number;
  creatorReports(creator: number): number;
  creatorImpressions(creator: number): number;
}

export type BuiltinFeed = 'popular' | 'random';
export type BuiltinModerator = 'creator-reports' | 'allow-all';

/** Candidates in random order (a feed that knows nothing). */
export function randomFeed(rng: RandomStream): PredictFunction {
  return (request: FeedRequest) => rng.shuffle(request.candidates.slice());
}

/** Candidates by smoothed like rate so far, (likes + 1) / (impressions + 10); ties keep the request order. */
export function popularFeed(tallies: PublicTallies): PredictFunction {
  return (request: FeedRequest) => {
    return rankByValue(request.candidates, (id) => (tallies.likes(id) + 1) / (tallies.impressions(id) + 10), 'input');
  };
}

/** Lets everything through (the baseline a moderator must beat on reports). */
export function allowAll(): PredictFunction {
  return () => ({ decision: 'allow' });
}

/**
 * Blocks uploads of creators whose images drew many reports per impression: what a team could do
 * on day one with the report events and no model.
 */
export function creatorReportsModerator(tallies: PublicTallies, minReports = 3, maxRate = 0.01): PredictFunction {
  return (request: ModerateRequest) => {
    const reports = tallies.creatorReports(request.creator);
    const rate = reports / (tallies.creatorImpressions(request.creator) + 20);
    return { decision: reports >= minReports && rate > maxRate ? 'block' : 'allow' };
  };
}

/** The in-process predictor of the world: one feed function and one moderator. */
export function builtinPredictor(tallies: PublicTallies, feed: BuiltinFeed, moderator: BuiltinModerator, rng: RandomStream): InProcessPredictor {
  return new InProcessPredictor(
    {
      feed: feed === 'random' ? randomFeed(rng) : popularFeed(tallies),
      moderate: moderator === 'allow-all' ? allowAll() : creatorReportsModerator(tallies),
    },
    { name: `${feed}+${moderator}` },
  );
}
