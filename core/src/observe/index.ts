export { nullObserver } from './interaction-observer.js';
export type { ConsumptionHistory, InteractionObserver, ResearchProbe, StreamRating, StreamRatings } from './interaction-observer.js';
export { BUILTIN_COUNTERS, checkDomainMetrics } from './domain-metric.js';
export type { BuiltinCounter, DomainMetric } from './domain-metric.js';
export type { AnswerValue } from './answer-value.js';
