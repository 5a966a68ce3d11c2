/**
 * The built-in baselines an experiment arm can use without any outside service. `oracle` ranks
 * by the hidden ground truth: experiments and validation only (see RUN_BASELINES). `mf-ratings`
 * learns from the ratings on the stream, which experiments route to it (see RUN_BASELINES).
 */
export const BASELINES = ['random', 'popularity', 'item-knn', 'mf', 'mf-ratings', 'oracle'] as const;
export type BaselineName = (typeof BASELINES)[number];

/**
 * The baselines a plain run may use (`prodsim run --baseline`): all but the oracle, whose answers
 * would put the hidden truth on the stream, and mf-ratings, which learns from the stream's ratings
 * only in experiments (a plain run routes no events to baselines, so it would never learn).
 */
export const RUN_BASELINES = BASELINES.filter((name) => name !== 'oracle' && name !== 'mf-ratings');
