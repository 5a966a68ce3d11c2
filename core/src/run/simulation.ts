import { Clock, type WallClock } from '../clock/clock.js';
import type { DomainPlugin, DomainWorld } from '../domain/domain-plugin.js';
import { ErrorCodes, ProdsimError } from '../errors.js';
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
import { FileSink } from '../transport/file-sink.js';
import type { EventOutput, Transport } from '../transport/transport.js';
import type { RunConfigBase } from './run-config.js';
import { runFailure, type RunFailure } from './run-failure.js';
import type { OutputKept, RunSummary } from './run-summary.js';
import type { CheckpointWriter, SimulationState } from './simulation-state.js';

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
  /**
   * Whether the research probe will be read (DomainContext.research); default: whether an
   * observer is given. A caller that reads the probe without observing sets it.
   */
  research?: boolean;
  /**
   * Value answers beside the oracle's, the default's and random ones (the staff headroom figures;
   * default true). An experiment whose arms share one world turns it off: its figures could not
   * be told apart by arm, and valuing costs a few percent of a run.
   */
  headroom?: boolean;
  log?: (message: string) => void;
  /** Write checkpoints (`--checkpoint`): at regular simulated times, and when the run is stopped. */
  checkpoints?: CheckpointWriter;
  /** Continue from a checkpoint's state (`--resume`) instead of from the start. */
  resume?: SimulationState;
  /**
   * A checkpointed run's identity, the same when it is resumed: the transport is told it (with the
   * team's name) and how many events it had published at the checkpoint (`Transport.continueRun`).
   */
  runId?: string;
}

type RunOptions = {
  /** Stop at the next event (the first Ctrl-C); the outputs are then flushed, a checkpoint written if asked. */
  signal?: AbortSignal;
  /** Stop waiting for the transport (the second Ctrl-C): what it holds is dropped, the event file still closed. */
  abandon?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
};

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
  /** The world's named random streams (part of every checkpoint). */
  private readonly rng: RngStreams;
  private begun = false;
  /** Scheduler events dispatched, including those before the checkpoint resumed from. */
  private dispatched = 0;
  private transportBefore: Record<string, number | string> = {};
  /** Stopped by a signal with a checkpoint written: events held back by stream faults stay held. */
  private checkpointedAtStop = false;
  private readonly failures: RunFailure[] = [];
  private abandon: AbortSignal | undefined;
  /** Events the transport dropped when told to stop waiting for it. */
  private dropped: number | undefined;

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
    // The event file first: a transport that refuses an event (its broker gone) must not cost the file that line.
    const outputs = [...(options.outputs ?? []), this.tap];
    this.faults = options.streamFaults ? new StreamFaults(fanOut(outputs), new RngStreams(config.seed).stream('stream-faults')) : undefined;
    this.events = new EventSink(this.faults ? [this.faults] : outputs, this.scheduler);
    this.predictions = new PredictionGateway(this.scheduler, this.metrics, options.observer);
    this.rng = new RngStreams(config.seed);
    if (options.runId !== undefined) {
      const published = options.resume?.transport.published;
      options.transport.continueRun?.(
        options.team === undefined ? options.runId : `${options.runId}-${options.team}`,
        typeof published === 'number' ? published : 0,
        config.speed === 'fast' ? undefined : config.checkpoint.every / config.speed,
      );
    }
  }

  /** Where the events go (shared with other simulations in course mode unless each team has its own). */
  get transport(): Transport {
    return this.options.transport;
  }

  /** The outputs beside the transport (the event file). */
  get outputs(): readonly EventOutput[] {
    return this.options.outputs ?? [];
  }

  /** True when this simulation continues from a checkpoint (scenario steps are then already queued). */
  get resuming(): boolean {
    return this.options.resume !== undefined;
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
        rng: this.rng,
        scheduler: this.scheduler,
        clock: this.clock,
        events: this.events,
        predictions: this.predictions,
        metrics: this.metrics,
        observe: this.options.observer ?? nullObserver,
        research: this.options.research ?? this.options.observer !== undefined,
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
    if (values && this.options.headroom !== false)
      this.predictions.measureHeadroom(new Headroom(values, fallback, new RngStreams(config.seed).stream('headroom'), this.metrics));
    return this.world;
  }

  /**
   * Starts simulated time: the world's first agents, or when resuming, the checkpoint's state (the
   * world is started, then the scheduler, random streams, pending decisions, counts and the
   * world's own state are put back). Call it after `scheduleScenario`; `run` calls it if needed.
   */
  async begin(): Promise<void> {
    if (this.begun) return;
    const world = await this.init();
    world.start();
    this.begun = true;
    if (this.options.checkpoints && !(world.snapshot && world.restore)) throw checkpointsUnsupported(this.options.plugin.id);
    if (this.options.resume) this.restore(world, this.options.resume);
  }

  /**
   * Runs to the end (or the stop signal), writing checkpoints on the way if asked to; then,
   * whatever stopped it, flushes and closes every output, the world and the predictor (a failure
   * of one does not skip the others) and returns the summary, with what failed.
   */
  async run(options: RunOptions = {}): Promise<RunSummary> {
    this.abandon = options.abandon;
    try {
      await this.begin();
      this.result = await this.runSegments(options);
      if (this.result.error) this.record('run', this.result.error);
    } catch (error) {
      // The run could not start or a checkpoint could not be written: the outputs are still closed.
      this.record('run', error);
      this.result = { ...(this.result ?? this.emptyResult()), reason: 'error', error: error instanceof ProdsimError ? error : undefined };
    }
    await this.finish();
    return this.summary();
  }

  /** The scheduler runs from checkpoint to checkpoint (or straight to the end without them). */
  private async runSegments(options: RunOptions): Promise<RunResult> {
    const checkpoints = this.options.checkpoints;
    const maxEvents = this.options.config.maxEvents;
    let wallMs = 0;
    for (;;) {
      const until = checkpoints ? Math.min(this.endTime, checkpoints.nextAfter(this.scheduler.now)) : this.endTime;
      const segment = await this.scheduler.run({
        until,
        maxEvents: maxEvents === undefined ? undefined : Math.max(0, maxEvents - this.dispatched),
        signal: options.signal,
        onProgress: options.onProgress,
      });
      this.dispatched += segment.dispatched;
      wallMs += segment.wallMs;
      this.result = { ...segment, dispatched: this.dispatched, wallMs };
      const due = segment.reason === 'until' ? until < this.endTime : segment.reason === 'stopped';
      if (checkpoints && due) {
        await checkpoints.write(await this.snapshot(), this.scheduler.now);
        if (segment.reason === 'until') continue;
        this.checkpointedAtStop = true;
      }
      return this.result;
    }
  }

  /**
   * The run's whole state between two events (a checkpoint): waits for the answers still out,
   * flushes every output (an event file is made durable and its length recorded), then reads
   * every part. Resuming from it gives the same events and summary as running on.
   */
  async snapshot(): Promise<SimulationState> {
    const world = this.domainWorld;
    if (!world.snapshot) throw checkpointsUnsupported(this.options.plugin.id);
    await this.predictions.settled();
    await this.untilAbandoned(() => this.options.transport.flush());
    const files: SimulationState['files'] = [];
    for (const output of this.options.outputs ?? []) {
      await output.flush();
      if (output instanceof FileSink) files.push({ path: output.path, bytes: await output.sync() });
    }
    return {
      scheduler: this.scheduler.snapshot(),
      rng: this.rng.snapshot(),
      faults: this.faults?.snapshot(),
      predictions: this.predictions.snapshot(),
      metrics: this.metrics.snapshot(),
      events: this.events.snapshot(),
      world: world.snapshot(),
      dispatched: this.dispatched,
      transport: this.transportStats(),
      files,
    };
  }

  private restore(world: DomainWorld, state: SimulationState): void {
    if (!world.restore) throw checkpointsUnsupported(this.options.plugin.id);
    if ((state.faults !== undefined) !== (this.faults !== undefined)) {
      throw new ProdsimError(ErrorCodes.CHECKPOINT_INCOMPATIBLE, 'the checkpoint and this run disagree on stream faults (the scenario differs)');
    }
    this.scheduler.restore(state.scheduler);
    this.rng.restore(state.rng);
    if (state.faults) this.faults?.restore(state.faults);
    this.predictions.restore(state.predictions);
    this.metrics.restore(state.metrics);
    this.events.restore(state.events);
    world.restore(state.world);
    this.dispatched = state.dispatched;
    this.transportBefore = state.transport;
  }

  /** Whatever stopped the run: flush and close the outputs, the world, the predictor; each failure is recorded, none skips the rest. */
  private async finish(): Promise<void> {
    const attempt = async (part: string, step: () => unknown) => {
      try {
        await step();
      } catch (error) {
        this.record(part, error);
      }
    };
    const transport = this.options.transport;
    const name = `transport ${transport.name}`;
    // Events held back by stream faults go out at the end, unless a checkpoint keeps them held.
    if (this.faults && !this.checkpointedAtStop) await attempt('stream faults', () => this.untilAbandoned(() => this.faults!.flush()));
    await attempt(name, () => this.untilAbandoned(() => transport.flush()));
    for (const output of this.options.outputs ?? []) await attempt(outputName(output), () => output.close());
    if (this.options.closeTransport !== false) await attempt(name, () => this.untilAbandoned(() => transport.close()));
    await attempt('world', () => this.world?.close?.());
    await attempt('predictor', () => this.options.predictor?.close());
    // A failure makes the run a failed one; a run stopped by a signal stays stopped, its failures listed.
    if (this.failures.length > 0 && this.result && this.result.reason !== 'error' && this.result.reason !== 'stopped') {
      this.result = { ...this.result, reason: 'error' };
    }
  }

  /**
   * Records a failure once: the same error met again (a transport's failure, seen first by the
   * scheduler as the run's, then by its flush and close) is not listed twice, but the part it
   * came from replaces `run`, so the summary names where it happened.
   */
  private record(part: string, error: unknown): void {
    // An output's coded error thrown inside a handler says more than the handler it passed through.
    const inner = error instanceof ProdsimError && error.code === ErrorCodes.SCHEDULER_HANDLER ? error.cause : undefined;
    const failure = runFailure(part, inner instanceof ProdsimError ? inner : error);
    const same = this.failures.find((f) => f.error === failure.error && f.code === failure.code);
    if (!same) this.failures.push(failure);
    else if (same.part === 'run') same.part = part;
  }

  /**
   * Waits for the transport unless told to stop waiting (the second Ctrl-C): the transport then
   * drops what it holds (`Transport.abandon`) and the wait ends at once.
   */
  private async untilAbandoned(work: () => unknown): Promise<void> {
    const done = Promise.resolve().then(work);
    const abandon = this.abandon;
    if (abandon === undefined) {
      await done;
      return;
    }
    done.catch(() => {});
    let onAbort!: () => void;
    const stop = new Promise<never>((_, reject) => {
      onAbort = () => {
        this.dropped ??= this.options.transport.abandon?.() ?? 0;
        reject(new ProdsimError(ErrorCodes.TRANSPORT_ABANDONED, `stopped waiting for it: ${this.dropped} events it held were dropped`));
      };
      if (abandon.aborted) onAbort();
      else abandon.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([done, stop]);
    } finally {
      abandon.removeEventListener('abort', onAbort);
    }
  }

  /** What became of the events at each output, for a run that failed or was stopped. */
  private kept(): OutputKept[] {
    const transport = this.options.transport;
    const stats = this.transportStats();
    // A transport shared by several simulations (course mode) counts every team's events.
    const shared = this.options.closeTransport === false ? ' (shared: every team)' : '';
    const count = (...keys: string[]) => keys.map((k) => stats[k]).find((v): v is number => typeof v === 'number');
    // Every event the world emitted was offered to the transport (an event it refused counts as
    // dropped), unless stream faults change what it is offered or other teams share it.
    const counted = count('published') ?? this.events.total;
    const published = this.faults || shared ? counted : Math.max(counted, this.events.total);
    const delivered = Math.min(published, count('delivered', 'acked', 'confirmed') ?? published);
    const transportFailed = this.dropped !== undefined || this.failures.some((f) => f.part === `transport ${transport.name}`);
    const out: OutputKept[] = [
      {
        output: `transport ${transport.name}${shared}`,
        delivered,
        held: transportFailed ? 0 : published - delivered,
        dropped: transportFailed ? published - delivered : 0,
      },
    ];
    for (const output of this.options.outputs ?? []) {
      if (!(output instanceof FileSink)) continue;
      const missing = output.written - output.delivered;
      out.push({ output: outputName(output), delivered: output.delivered, held: output.failed ? 0 : missing, dropped: output.failed ? missing : 0 });
    }
    if (this.faults && this.faults.holding > 0) {
      out.push({
        output: 'stream faults (held back)',
        delivered: 0,
        held: this.checkpointedAtStop ? this.faults.holding : 0,
        dropped: this.checkpointedAtStop ? 0 : this.faults.holding,
      });
    }
    return out;
  }

  private emptyResult(): RunResult {
    return { reason: 'empty', dispatched: this.dispatched, now: this.scheduler.now, wallMs: 0 };
  }

  /** The transport's counters, added to those before the checkpoint resumed from. */
  private transportStats(): Record<string, number | string> {
    const out: Record<string, number | string> = { ...this.transportBefore };
    for (const [k, v] of Object.entries(this.options.transport.stats())) {
      const before = out[k];
      out[k] = typeof v === 'number' && typeof before === 'number' ? before + v : v;
    }
    return out;
  }

  summary(): RunSummary {
    const result = this.result ?? this.emptyResult();
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
      error: this.failures[0]?.error,
      errorCode: this.failures[0]?.code,
      ...(this.failures.length > 0 ? { failures: [...this.failures] } : {}),
      ...(result.reason === 'error' || result.reason === 'stopped' ? { kept: this.kept() } : {}),
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
      transport: { name: transport.name, ...this.transportStats() },
      world: this.world?.summary() ?? {},
      outFile: config.out,
    };
  }
}

function checkpointsUnsupported(domain: string): ProdsimError {
  return new ProdsimError(
    ErrorCodes.CHECKPOINT_UNSUPPORTED,
    `--checkpoint: domain ${domain} cannot be checkpointed (its world has no snapshot() and restore()); run it without --checkpoint`,
  );
}

function outputName(output: EventOutput): string {
  return output instanceof FileSink ? `event file ${output.path}` : 'output';
}
