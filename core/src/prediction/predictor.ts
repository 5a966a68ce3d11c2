import type { PredictionEndpoint } from './endpoint.js';
import type { Outcome } from './outcome.js';

export interface PredictOptions {
  deadlineMs: number;
}

/**
 * Something that answers prediction requests: an HTTP service (another package) or an
 * in-process function. `predict` never throws for faults of the service: it returns an outcome.
 */
export interface Predictor {
  /** Shown in logs and on the stream, e.g. `team05.example.edu:8082` or `in-process:popularity`. */
  readonly target: string;
  predict<Req, Res>(endpoint: PredictionEndpoint<Req, Res>, request: Req, options: PredictOptions): Outcome<Res> | Promise<Outcome<Res>>;
  close(): Promise<void>;
}
