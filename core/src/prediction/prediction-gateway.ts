import type { Counter } from '../metrics/counter.js';
import type { Histogram } from '../metrics/histogram.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import { nullObserver, type InteractionObserver } from '../observe/interaction-observer.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { PredictionEndpoint } from './endpoint.js';
import { EndpointTally, type EndpointFigures } from './endpoint-figures.js';
import type { Headroom } from './headroom.js';
import { failure, type Outcome } from './outcome.js';
import type { Predictor } from './predictor.js';

/** Chooses the predictor that serves a unit (a user): one service, or an experiment's arms. */
export type PredictorRoute = (unit: number) => Predictor;

export type OutcomeHandler<Res> = (outcome: Outcome<Res>, time: number, target: string) => void;

/**
 * How domains ask for predictions. A request made at simulated time t is decided at t + the
 * endpoint's deadline (in simulated time; scaled by the speed in paced runs): the world reacts then, whatever the wall-clock latency was, so a run is
 * reproducible given the same answers, and many requests can be in flight at once while the
 * scheduler goes on with other events. If an answer is still out when its decision time comes,
 * the run waits for it, at most until the predictor's own deadline fires.
 */
export class PredictionGateway {
  private route: PredictorRoute | undefined;
  private readonly deadlines = new Map<string, number>();
  private inFlight = 0;
  private readonly series = new Map<string, EndpointSeries>();
  private headroom: Headroom | undefined;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly metrics: MetricsRegistry,
    private readonly observer: InteractionObserver = nullObserver,
  ) {}

  /** Serve every unit from one predictor, or route units to predictors (A/B arms). */
  use(predictorOrRoute: Predictor | PredictorRoute): void {
    this.route = typeof predictorOrRoute === 'function' ? predictorOrRoute : () => predictorOrRoute;
  }

  /** Values every decided request of the endpoints the domain can value (staff-only figures). */
  measureHeadroom(headroom: Headroom): void {
    this.headroom = headroom;
  }

  /** Per endpoint: requests, outcomes, latency percentiles, deadline misses, and headroom where measured. */
  figures(): Record<string, EndpointFigures> {
    const headroom = this.headroom?.figures() ?? {};
    const out: Record<string, EndpointFigures> = {};
    for (const [name, series] of this.series) out[name] = series.tally.figures(headroom[name]);
    return out;
  }

  get configured(): boolean {
    return this.route !== undefined;
  }

  setDeadline(endpoint: string, deadlineMs: number): void {
    this.deadlines.set(endpoint, deadlineMs);
  }

  deadlineOf(endpoint: PredictionEndpoint<any, any>): number {
    return this.deadlines.get(endpoint.name) ?? endpoint.defaultDeadlineMs;
  }

  get pending(): number {
    return this.inFlight;
  }

  request<Req, Res>(endpoint: PredictionEndpoint<Req, Res>, request: Req, unit: number, onOutcome: OutcomeHandler<Res>): void {
    if (!this.route) throw new Error('no predictor configured: call PredictionGateway.use() before the run starts');
    const predictor = this.route(unit);
    const deadlineMs = this.deadlineOf(endpoint);
    // The deadline is wall-clock time for the service. In a paced run at N simulated seconds per
    // wall second, it spans N times as much simulated time, so the decision falls when the wall
    // deadline has passed and the scheduler never waits on a slow service.
    const clock = this.scheduler.clock;
    const decisionTime = this.scheduler.now + (clock.paced ? deadlineMs * clock.speed : deadlineMs);
    const target = predictor.target;
    let answer: Outcome<Res> | Promise<Outcome<Res>>;
    try {
      answer = predictor.predict(endpoint, request, { deadlineMs });
    } catch (error) {
      answer = failure('http-error', `predictor ${target} failed: ${(error as Error)?.message ?? error}`, 0);
    }
    if (answer instanceof Promise) {
      this.inFlight++;
      answer = answer.then(
        (outcome) => {
          this.inFlight--;
          return outcome;
        },
        (error) => {
          this.inFlight--;
          return failure('http-error', `predictor ${target} failed: ${(error as Error)?.message ?? error}`, deadlineMs);
        },
      );
    }
    this.scheduler.whenReady(decisionTime, answer, (outcome, time) => {
      this.record(endpoint.name, outcome, deadlineMs);
      // Valued before the world acts on the answer: the same moment for every alternative.
      this.headroom?.evaluate(endpoint, request, outcome, predictor, deadlineMs);
      this.observer.outcome(time, unit, outcome.kind, outcome.latencyMs);
      onOutcome(outcome, time, target);
    });
  }

  private record(endpoint: string, outcome: Outcome<unknown>, deadlineMs: number): void {
    // The registry builds a label key per lookup; a research run records millions of outcomes,
    // so each endpoint's series are looked up once (in the same order as before) and kept.
    let series = this.series.get(endpoint);
    if (series === undefined) {
      series = { outcomes: new Map(), latency: undefined, dropped: undefined, misses: undefined, tally: new EndpointTally(deadlineMs) };
      this.series.set(endpoint, series);
    }
    let counter = series.outcomes.get(outcome.kind);
    if (counter === undefined) {
      counter = this.metrics.counter('prodsim_predictions_total', 'Prediction requests by endpoint and outcome', { endpoint, outcome: outcome.kind });
      series.outcomes.set(outcome.kind, counter);
    }
    counter.inc();
    (series.latency ??= this.metrics.histogram('prodsim_prediction_latency_ms', 'Prediction latency observed by the world, ms', { endpoint })).observe(
      outcome.latencyMs,
    );
    series.tally.record(outcome, deadlineMs);
    if (outcome.kind === 'timeout' || outcome.latencyMs > deadlineMs) {
      (series.misses ??= this.metrics.counter('prodsim_prediction_deadline_misses_total', 'Requests with no usable answer within the deadline', {
        endpoint,
      })).inc();
    }
    if (outcome.kind === 'ok' && outcome.dropped > 0) {
      (series.dropped ??= this.metrics.counter('prodsim_prediction_dropped_items_total', 'Answer items dropped by validation (e.g. unknown ids)', {
        endpoint,
      })).inc(outcome.dropped);
    }
  }
}

interface EndpointSeries {
  outcomes: Map<string, Counter>;
  latency: Histogram | undefined;
  dropped: Counter | undefined;
  misses: Counter | undefined;
  tally: EndpointTally;
}
