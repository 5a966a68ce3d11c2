import { Clock, type WallClock } from '../clock/clock.js';
import type { DomainPlugin, DomainWorld } from '../domain/domain-plugin.js';
import { EventSink } from '../events/event-sink.js';
import { EventTap } from '../events/event-tap.js';
import { fanOut } from '../events/fan-out.js';
import { StreamFaults } from '../events/stream-faults.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { nullObserver, type InteractionObserver } from '../observe/interaction-observer.js';
import { Headroom } from '../prediction/headroom.js';
import { PredictionGateway } from '../prediction/prediction-gateway.js';
import type { Predictor } from '../prediction/predictor.js';
import { RngStreams } from '../rng/rng-streams.js';
import { DAY_MS, Scheduler, type RunProgress, type RunResult } from '../scheduler/scheduler.js';
import type { EventOutput, Transport } from '../transport/transport.js';
import type { RunConfigBase } from './run-config.js';
import type { RunSummary } from './run-summary.js';

export interface SimulationOptions {
  config: RunConfigBase;
  domainConfig: unknown;
  plugin: DomainPlugin;
  transport: Transport;
  /** Further outputs beside the transport (the `--out` file sink). */
  outputs?: EventOutput[];
  /** The outside prediction service; the domain's default in-process predictor when absent. */
  predictor?: Predictor;
  wall?: WallClock;
  team?: string;
  /** Close the transport when the run ends (false when several simulations share it). */
  closeTransport?: boolean;
  /** Route every event through a StreamFaults decorator (scenario steps then set its rates). */
  streamFaults?: boolean;
  /** Receives slates and interactions for experiment metrics. */
  observer?: InteractionObserver;
  log?: (message: string) => void;
}

/**
 * One simulated world wired to its clock, scheduler, outputs and predictor: the unit the CLI,
 * course mode and experiments run.
 */
export class Simulation {
  readonly scheduler: Scheduler;
  readonly metrics = new MetricsRegistry();
  readonly events: EventSink;
  /** The transport with a tap on it: the entity API's /stream listens here (after stream faults). */
  readonly tap: EventTap;
  readonly predictions: PredictionGateway;
  readonly clock: Clock;
  readonly endTime: number;
  /** The stream-fault injector, when the run was created with `streamFaults`. */
  readonly faults: StreamFaults | undefined;
  private world: DomainWorld | undefined;
  private result: RunResult | undefined;

  constructor(private readonly options: SimulationOptions) {
    const { config } = options;
    this.clock = new Clock({
      mode: config.speed === 'fast' ? 'virtual' : 'paced',
      speed: config.speed === 'fast' ? undefined : config.speed,
      startTime: config.start,
      wall: options.wall,
    });
    this.endTime = config.start + config.days * DAY_MS;
    this.scheduler = new Scheduler(this.clock);
    this.tap = new EventTap(options.transport);
    const outputs = [this.tap, ...(options.outputs ?? [])];
    this.faults = options.streamFaults ? new StreamFaults(fanOut(outputs), new RngStreams(config.seed).stream('stream-faults')) : undefined;
    this.events = new EventSink(this.faults ? [this.faults] : outputs, this.scheduler);
    this.predictions = new PredictionGateway(this.scheduler, this.metrics, options.observer);
  }

  /** The domain's world (after `init`); for the API server and tests. */
  get domainWorld(): DomainWorld {
    if (!this.world) throw new Error('Simulation.init() has not been called');
    return this.world;
  }

  /** Builds the world. Separate from `run` so that the API can serve it before time starts. */
  async init(): Promise<DomainWorld> {
    if (this.world) return this.world;
    const { config, plugin, team } = this.options;
    const log = this.options.log ?? (() => {});
    this.world = await plugin.create(
      {
        seed: config.seed,
        rng: new RngStreams(config.seed),
        scheduler: this.scheduler,
        clock: this.clock,
        events: this.events,
        predictions: this.predictions,
        metrics: this.metrics,
        observe: this.options.observer ?? nullObserver,
        startTime: config.start,
        endTime: this.endTime,
        team,
        log,
      },
      this.options.domainConfig,
    );
    const deadlineMs = config.predictor.deadlineMs;
    if (deadlineMs !== undefined) for (const e of this.world.endpoints) this.predictions.setDeadline(e.name, deadlineMs);
    // Staff-only headroom: the oracle, the default and random valued beside every answer. The
    // default is made once, whether it serves or is only valued beside the service.
    const values = this.world.probe?.answerValues;
    const fallback = this.options.predictor && !values ? undefined : this.world.defaultPredictor();
    this.predictions.use(this.options.predictor ?? fallback!);
    if (values) this.predictions.measureHeadroom(new Headroom(values, fallback, new RngStreams(config.seed).stream('headroom'), this.metrics));
    return this.world;
  }

  /** Runs to the end (or the stop signal), then flushes and closes every output. */
  async run(options: { signal?: AbortSignal; onProgress?: (p: RunProgress) => void } = {}): Promise<RunSummary> {
    const world = await this.init();
    world.start();
    const outputs = [this.options.transport, ...(this.options.outputs ?? [])];
    try {
      this.result = await this.scheduler.run({
        until: this.endTime,
        maxEvents: this.options.config.maxEvents,
        signal: options.signal,
        onProgress: options.onProgress,
      });
    } finally {
      // Whatever stopped the run, what was published is flushed before anyone reads the summary.
      await this.faults?.flush();
      for (const output of outputs) await output.flush();
      for (const output of this.options.outputs ?? []) await output.close();
      if (this.options.closeTransport !== false) await this.options.transport.close();
      await world.close?.();
      await this.options.predictor?.close();
    }
    return this.summary();
  }

  summary(): RunSummary {
    const result = this.result ?? { reason: 'empty' as const, dispatched: 0, now: this.clock.startTime, wallMs: 0 };
    const { config, plugin, transport } = this.options;
    const predictions: Record<string, number> = {};
    for (const c of this.metrics.all('prodsim_predictions_total')) {
      const kind = c.labels.outcome;
      predictions[kind] = (predictions[kind] ?? 0) + (c as { value: number }).value;
    }
    const latency = this.metrics.all('prodsim_prediction_latency_ms') as { count: number; quantile(q: number): number }[];
    const latencyCount = latency.reduce((a, h) => a + h.count, 0);
    const events = this.events.total;
    return {
      domain: plugin.id,
      seed: config.seed,
      reason: result.reason,
      error: result.error?.message,
      simulatedStart: new Date(config.start).toISOString(),
      simulatedEnd: new Date(result.now).toISOString(),
      simulatedDays: (result.now - config.start) / DAY_MS,
      wallSeconds: result.wallMs / 1000,
      schedulerEvents: result.dispatched,
      events,
      eventsPerSecond: result.wallMs > 0 ? (events * 1000) / result.wallMs : 0,
      eventsByKind: this.events.countsByKind(),
      predictions,
      endpoints: this.predictions.figures(),
      predictionLatencyMs: latencyCount > 0 && latency.length === 1 ? { p50: latency[0].quantile(0.5), p99: latency[0].quantile(0.99) } : null,
      lag: this.clock.paced ? { maxMs: this.scheduler.lag.maxMs, meanMs: this.scheduler.lag.meanMs, lateEvents: this.scheduler.lag.lateEvents } : null,
      transport: { name: transport.name, ...transport.stats() },
      world: this.world?.summary() ?? {},
      outFile: config.out,
    };
  }
}
