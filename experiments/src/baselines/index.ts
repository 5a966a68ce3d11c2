export { BASELINES } from './baseline-names.js';
export type { BaselineName } from './baseline-names.js';
export type { IndexRecommender } from './index-recommender.js';
export { makeRecommender, baselinePredictor } from './make-baseline.js';
export { topK } from './top-k.js';
