export { BASELINES, RUN_BASELINES } from './baseline-names.js';
export type { BaselineName } from './baseline-names.js';
export { BaselineError, BaselineErrorCodes } from './baseline-errors.js';
export type { BaselineErrorCode } from './baseline-errors.js';
export { ConsumedItems } from './consumed-items.js';
export type { IndexRecommender } from './index-recommender.js';
export { makeRecommender, baselinePredictor } from './make-baseline.js';
export { runBaselines } from './run-baselines.js';
export { topK } from './top-k.js';
