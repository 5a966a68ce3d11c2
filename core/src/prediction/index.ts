export type { PredictionEndpoint, Validation } from './endpoint.js';
export type { FailureKind, OutcomeKind, OkOutcome, FailureOutcome, Outcome } from './outcome.js';
export { OUTCOME_KINDS, ok, failure } from './outcome.js';
export type { Predictor, PredictOptions } from './predictor.js';
export { InProcessPredictor } from './in-process-predictor.js';
export type { InProcessOptions, PredictFunction } from './in-process-predictor.js';
export { PredictionGateway } from './prediction-gateway.js';
export type { PredictorRoute, OutcomeHandler } from './prediction-gateway.js';
