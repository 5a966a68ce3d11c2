import type { PredictionEndpoint } from './endpoint.js';
import { failure, validatedOk, type Outcome } from './outcome.js';
import type { PredictOptions, Predictor } from './predictor.js';

export type PredictFunction = (request: any) => unknown;

export interface InProcessOptions {
  name: string;
  /** The latency the world observes, ms (deterministic); default 0. */
  latencyMs?: number | ((endpoint: string, request: unknown) => number);
}

/**
 * A predictor that is a plain function per endpoint, for fast research runs. Answers go through
 * the endpoint's validation like HTTP answers do; a throwing function is an `http-error` (500)
 * outcome, a missing endpoint function a 404: the same shapes a broken service produces.
 */
export class InProcessPredictor implements Predictor {
  readonly target: string;
  private readonly latency: (endpoint: string, request: unknown) => number;

  constructor(
    private readonly functions: Record<string, PredictFunction>,
    options: InProcessOptions,
  ) {
    this.target = `in-process:${options.name}`;
    const l = options.latencyMs ?? 0;
    this.latency = typeof l === 'function' ? l : () => l;
  }

  predict<Req, Res>(endpoint: PredictionEndpoint<Req, Res>, request: Req, options: PredictOptions): Outcome<Res> {
    const latencyMs = this.latency(endpoint.name, request);
    if (latencyMs > options.deadlineMs) {
      return failure('timeout', `no answer within the deadline of ${options.deadlineMs} ms`, options.deadlineMs);
    }
    const fn = this.functions[endpoint.name];
    if (!fn) return failure('http-error', `in-process predictor ${this.target} has no ${endpoint.name} function`, latencyMs, 404);
    let raw: unknown;
    try {
      raw = fn(request);
    } catch (error) {
      return failure('http-error', `in-process ${endpoint.name} threw: ${(error as Error)?.message ?? error}`, latencyMs, 500);
    }
    const checked = endpoint.validate(raw, request);
    if (!checked.ok) return failure('malformed', checked.error, latencyMs, 200);
    return validatedOk(raw, checked, latencyMs);
  }

  async close(): Promise<void> {}
}
