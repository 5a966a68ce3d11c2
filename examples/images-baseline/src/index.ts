/** examples/images-baseline: a team's service for the images world (stream learner + HTTP service). */
export { Communities } from './communities.js';
export { EXAMPLE_WORLD, formatComparison, runBaseline, runWithService, StreamFigures } from './compare-run.js';
export type { CompareOptions, RunFigures } from './compare-run.js';
export { FeatureCache } from './feature-cache.js';
export { DEFAULT_LEARNER_OPTIONS, ImagesLearner } from './learner.js';
export type { LearnerOptions, LearnerStats } from './learner.js';
export { Logistic } from './logistic.js';
export { Ridge } from './ridge.js';
export { FEATURES, GRID, pixelFeatures } from './pixel-features.js';
export { BaselineService } from './service.js';
export { kafkaSource, transportSource } from './stream-sources.js';
export type { StreamSource } from './stream-sources.js';
