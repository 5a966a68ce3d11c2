/** The audio domain's example student service: stream learner, models, HTTP service. */
export { AudioLearner } from './learner.js';
export type { LearnerStats } from './learner.js';
export { FeatureCache } from './feature-cache.js';
export { wavFeatures, FEATURE_NAMES } from './wav-features.js';
export { RateRegression, SoftmaxRegression, Standardiser } from './linear-models.js';
export { BaselineService } from './service.js';
export { kafkaSource, transportSource } from './stream-sources.js';
export type { StreamSource } from './stream-sources.js';
