/**
 * The built-in baselines an experiment arm can use without any outside service. `oracle` ranks
 * by the hidden ground truth: experiments and validation only (see RUN_BASELINES).
 */
export const BASELINES = ['random', 'popularity', 'item-knn', 'mf', 'oracle'] as const;
export type BaselineName = (typeof BASELINES)[number];

/** The baselines a plain run may use (`prodsim run --baseline`): all but the oracle, whose answers would put the hidden truth on the stream. */
export const RUN_BASELINES = BASELINES.filter((name) => name !== 'oracle');
