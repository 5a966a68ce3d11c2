import { ErrorCodes, ProdsimError } from '../errors.js';
import type { Counter } from '../metrics/counter.js';
import type { Histogram } from '../metrics/histogram.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import { nullObserver, type InteractionObserver } from '../observe/interaction-observer.js';
import type { HandlerId, Scheduler } from '../scheduler/scheduler.js';
import type { PredictionEndpoint } from './endpoint.js';
import { EndpointTally, type EndpointFigures, type EndpointTallyState } from './endpoint-figures.js';
import type { Headroom, HeadroomState } from './headroom.js';
import { failure, type Outcome } from './outcome.js';
import { PendingDecisions, type PendingDecision, type PendingDecisionState } from './pending-decisions.js';
import type { Predictor } from './predictor.js';
import type { ServerTiming } from './server-timing.js';

/** Chooses the predictor that serves a unit (a user): one service, or an experiment's arms. */
export type PredictorRoute = (unit: number) => Predictor;

export type OutcomeHandler<Res> = (outcome: Outcome<Res>, time: number, target: string, unit: number) => void;

/**
 * The gateway's state (for checkpoints): the requests awaiting decision (every answer in, every
 * handler registered), and the per-endpoint tallies and headroom sums of the summary.
 */
export interface PredictionGatewayState {
  decisions: PendingDecisionState[];
  free: number[];
  /** Per endpoint, in the order each was first decided. */
  tallies: [string, EndpointTallyState][];
  headroom: HeadroomState | undefined;
}

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
  private readonly decisions = new PendingDecisions();
  private readonly handlers = new Map<string, { endpoint: PredictionEndpoint<any, any>; onOutcome: OutcomeHandler<any> }>();
  private readonly DECIDE: HandlerId;
  private readonly series = new Map<string, EndpointSeries>();
  private headroom: Headroom | undefined;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly metrics: MetricsRegistry,
    private readonly observer: InteractionObserver = nullObserver,
  ) {
    // A decision is an event of a registered handler whose argument is its slot: no closure in
    // the queue, so a run can be checkpointed with requests in flight. It waits for its answer.
    this.DECIDE = scheduler.register(
      'prediction-decision',
      (time, slot) => this.decide(time, slot),
      (slot) => this.decisions.get(slot)?.wait,
    );
  }

  /**
   * What the world does with every outcome of `endpoint` (for requests made without a handler of
   * their own). Worlds that register their handlers this way can be checkpointed mid-request.
   */
  handle<Req, Res>(endpoint: PredictionEndpoint<Req, Res>, onOutcome: OutcomeHandler<Res>): void {
    this.handlers.set(endpoint.name, { endpoint, onOutcome });
  }

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

  /**
   * Asks the unit's predictor; the outcome goes to `onOutcome`, or when that is left out to the
   * handler registered for the endpoint with `handle`, at the decision time.
   */
  request<Req, Res>(endpoint: PredictionEndpoint<Req, Res>, request: Req, unit: number, onOutcome?: OutcomeHandler<Res>): void {
    if (!this.route) throw new Error('no predictor configured: call PredictionGateway.use() before the run starts');
    if (onOutcome === undefined && !this.handlers.has(endpoint.name)) {
      throw new Error(`no outcome handler for endpoint ${endpoint.name}: pass one to request() or register one with PredictionGateway.handle()`);
    }
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
    const decision: PendingDecision = { endpoint, request, unit, deadlineMs, target, predictor, outcome: undefined, wait: undefined, onOutcome };
    if (answer instanceof Promise) {
      this.inFlight++;
      decision.wait = answer.then(
        (outcome) => {
          this.inFlight--;
          decision.outcome = outcome;
          decision.wait = undefined;
        },
        (error) => {
          this.inFlight--;
          decision.outcome = failure('http-error', `predictor ${target} failed: ${(error as Error)?.message ?? error}`, deadlineMs);
          decision.wait = undefined;
        },
      );
    } else {
      decision.outcome = answer;
    }
    this.scheduler.at(decisionTime, this.DECIDE, this.decisions.add(decision));
  }

  /** Resolves when every answer still out is in (each by its predictor's deadline): before a checkpoint. */
  settled(): Promise<void> {
    return this.decisions.settled();
  }

  /** The requests awaiting decision, as data; call `settled` first. */
  snapshot(): PredictionGatewayState {
    const adHoc = this.decisions.adHoc();
    if (adHoc.length > 0) {
      throw new ProdsimError(
        ErrorCodes.CHECKPOINT_UNSUPPORTED,
        `cannot checkpoint: requests to ${adHoc.join(', ')} await decision with a handler of their own; the domain must register its handlers with PredictionGateway.handle()`,
      );
    }
    return {
      ...this.decisions.snapshot(),
      tallies: [...this.series].map(([name, series]): [string, EndpointTallyState] => [name, series.tally.snapshot()]),
      headroom: this.headroom?.snapshot(),
    };
  }

  /** Continues the decisions of a snapshot; the world must have registered the same handlers. */
  restore(state: PredictionGatewayState): void {
    this.decisions.restore(state, (name) => {
      const handled = this.handlers.get(name);
      if (!handled) {
        throw new ProdsimError(ErrorCodes.CHECKPOINT_INCOMPATIBLE, `the checkpoint awaits ${name} decisions, but this world registers no handler for ${name}`);
      }
      return handled.endpoint;
    });
    this.series.clear();
    for (const [name, tally] of state.tallies) {
      const series = newSeries(tally.deadlineMs);
      series.tally.restore(tally);
      this.series.set(name, series);
    }
    if (state.headroom) this.headroom?.restore(state.headroom);
  }

  private decide(time: number, slot: number): void {
    const d = this.decisions.take(slot);
    const outcome = d.outcome!;
    this.record(d.endpoint.name, outcome, d.deadlineMs);
    // Valued before the world acts on the answer: the same moment for every alternative.
    this.headroom?.evaluate(d.endpoint, d.request, outcome, d.predictor ?? this.route!(d.unit), d.deadlineMs);
    this.observer.outcome(time, d.unit, outcome.kind, outcome.latencyMs);
    (d.onOutcome ?? this.handlers.get(d.endpoint.name)!.onOutcome)(outcome, time, d.target, d.unit);
  }

  private record(endpoint: string, outcome: Outcome<unknown>, deadlineMs: number): void {
    // The registry builds a label key per lookup; a research run records millions of outcomes,
    // so each endpoint's series are looked up once (in the same order as before) and kept.
    let series = this.series.get(endpoint);
    if (series === undefined) {
      series = newSeries(deadlineMs);
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
    if (outcome.kind === 'ok' && outcome.onlyUnknown) {
      (series.onlyUnknown ??= this.metrics.counter(
        'prodsim_prediction_unknown_ids_total',
        'ok answers whose every id validation dropped (unknown or repeated): nothing usable',
        { endpoint },
      )).inc();
    }
    const timing = outcome.serverTiming;
    if (timing !== undefined) this.recordCost(series, endpoint, timing);
  }

  /** The service's own cost report (`Server-Timing`), as /metrics counters beside the summary's tally. */
  private recordCost(series: EndpointSeries, endpoint: string, timing: ServerTiming): void {
    if (!timing.ok) {
      (series.timingInvalid ??= this.metrics.counter(
        'prodsim_prediction_server_timing_invalid_total',
        'Server-Timing headers ignored because they broke the syntax',
        { endpoint },
      )).inc();
      return;
    }
    (series.timingAnswers ??= this.metrics.counter('prodsim_prediction_server_timing_total', 'Answers with a readable Server-Timing header', {
      endpoint,
    })).inc();
    if (timing.cpuMs !== undefined) {
      (series.cpuMs ??= this.metrics.counter('prodsim_prediction_reported_cpu_ms_total', 'CPU ms the service reported (Server-Timing cpu;dur)', {
        endpoint,
      })).inc(timing.cpuMs);
    }
  }
}

function newSeries(deadlineMs: number): EndpointSeries {
  return {
    outcomes: new Map(),
    latency: undefined,
    dropped: undefined,
    misses: undefined,
    onlyUnknown: undefined,
    timingAnswers: undefined,
    timingInvalid: undefined,
    cpuMs: undefined,
    tally: new EndpointTally(deadlineMs),
  };
}

interface EndpointSeries {
  outcomes: Map<string, Counter>;
  latency: Histogram | undefined;
  dropped: Counter | undefined;
  misses: Counter | undefined;
  onlyUnknown: Counter | undefined;
  timingAnswers: Counter | undefined;
  timingInvalid: Counter | undefined;
  cpuMs: Counter | undefined;
  tally: EndpointTally;
}
