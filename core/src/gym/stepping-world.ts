import type { DomainPlugin, DomainWorld } from '../domain/domain-plugin.js';
import { ErrorCodes, ProdsimError } from '../errors.js';
import type { InteractionObserver } from '../observe/interaction-observer.js';
import type { PredictionEndpoint } from '../prediction/endpoint.js';
import { failure, ok, type Outcome, type OutcomeKind } from '../prediction/outcome.js';
import type { PredictOptions, Predictor } from '../prediction/predictor.js';
import { RngStreams } from '../rng/rng-streams.js';
import type { RunConfigBase } from '../run/run-config.js';
import type { RunSummary } from '../run/run-summary.js';
import { Simulation } from '../run/simulation.js';
import { scheduleScenario } from '../scenario/schedule-scenario.js';
import { MemoryTransport } from '../transport/memory-transport.js';
import { ObservationBuilder, type Observation, type SlateEndpointProbe } from './observation-builder.js';
import { rewardOf, type ResolvedStep, type RewardKind } from './step-rewards.js';

export interface SteppingOptions {
  plugin: DomainPlugin;
  /** The run configuration (fast speed, memory transport: see the gym command). */
  config: RunConfigBase;
  domainConfig: unknown;
  reward: RewardKind;
  candidates: number;
  history: number;
}

/** What the policy's side needs to declare its spaces. */
export interface StepSpaces {
  domain: string;
  seed: string;
  endpoint: string;
  /** Items an action may name (the endpoint's slate size). */
  slateSize: number;
  candidates: number;
  history: number;
  userFeatures: readonly string[];
  itemFeatures: readonly string[];
  reward: RewardKind;
  /** Users and items when the world was built (some worlds grow). */
  users: number;
  items: number;
}

export interface StepInfo {
  /** The step this reply answers; -1 for the first observation of an episode. */
  step: number;
  /** The step the observation belongs to (-1 when none). */
  next: number;
  /** Simulated time of the observation's request (or of the end), ms since the epoch. */
  time: number;
  /** How the world took the answered step's action: ok, or malformed with why. */
  outcome?: OutcomeKind;
  error?: string;
  /** Items of the action the endpoint's validation dropped (unknown, duplicates, past the slate size). */
  dropped?: number;
  /** Steps whose consumption became known since the last reply; the reward is the sum of theirs. */
  resolved: ResolvedStep[];
  /** When the episode ended: why (until, empty, stopped) and the world's summary figures. */
  end?: { reason: string; world: Record<string, number | string> };
}

export interface StepReply {
  observation: Observation | null;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: StepInfo;
}

interface PendingStep {
  index: number;
  user: number;
  request: unknown;
  endpoint: PredictionEndpoint<unknown, unknown>;
  observation: Observation;
  resolve: (outcome: Outcome<unknown>) => void;
  outcome?: Outcome<unknown>;
  decided: boolean;
}

/**
 * One world under the step protocol: its slate endpoint is answered by actions from outside,
 * one request at a time. `step(items)` answers the request that is waiting and resolves once the
 * world has reacted to it (its decision time passed) and the next request is waiting (or the
 * run ended). The scheduler waits on an unanswered request as on any slow service, so simulated
 * time and the event sequence depend only on the seed and the actions: the same seed and the
 * same actions give the same trajectory. A reply is cut where the run next awaits (a request's
 * answer, or the scheduler's periodic yield), which depends only on the event sequence, never
 * on wall-clock timing; that is why the world publishes to an in-memory transport that never
 * pushes back.
 */
export class SteppingWorld {
  readonly spaces: StepSpaces;
  private readonly sim: Simulation;
  private readonly builder: ObservationBuilder;
  private readonly slate: SlateEndpointProbe;
  private readonly abort = new AbortController();
  private waiting: PendingStep[] = [];
  private undecided: PendingStep[] = [];
  private readonly open = new Map<number, PendingStep>();
  private resolved: ResolvedStep[] = [];
  private steps = 0;
  private replyFor: PendingStep | undefined;
  private reply: ((reply: StepReply) => void) | undefined;
  private replyError: ((error: Error) => void) | undefined;
  private checkQueued = false;
  private ended: RunSummary | undefined;
  private failed: Error | undefined;
  private running: Promise<void> | undefined;

  private constructor(
    private readonly options: SteppingOptions,
    sim: Simulation,
    world: DomainWorld,
    seed: string,
  ) {
    this.sim = sim;
    const probe = world.probe;
    const slate = probe?.slateEndpoint;
    if (!probe || !slate)
      throw new ProdsimError(ErrorCodes.USAGE, `domain ${options.plugin.id} has no research probe with a slate endpoint, so it cannot be stepped`);
    if (slate.candidatesOf) {
      throw new ProdsimError(
        ErrorCodes.USAGE,
        `domain ${options.plugin.id}'s ${slate.name} requests bring their own candidates, which the step protocol does not offer; it steps worlds whose slates come from the whole catalogue (slate/v1, movies/v1, toy/v1)`,
      );
    }
    const endpoint = world.endpoints.find((e) => e.name === slate.name);
    if (!endpoint) throw new ProdsimError(ErrorCodes.USAGE, `domain ${options.plugin.id} declares no ${slate.name} endpoint`);
    this.slate = slate;
    this.builder = new ObservationBuilder(world, probe, slate, endpoint, options, new RngStreams(seed).stream('step-candidates'));
    this.spaces = {
      domain: options.plugin.id,
      seed,
      endpoint: slate.name,
      slateSize: slate.size,
      candidates: this.builder.candidateCount,
      history: options.history,
      userFeatures: this.builder.userFeatureNames,
      itemFeatures: this.builder.itemFeatureNames,
      reward: options.reward,
      users: probe.userCount,
      items: probe.itemCount,
    };
  }

  /** Builds the world of `seed`; time starts with `start()`. */
  static async create(options: SteppingOptions, seed: string): Promise<SteppingWorld> {
    let self: SteppingWorld | undefined;
    const observer: InteractionObserver = {
      slate() {},
      interaction: (_time, user, item, recommended, engagement, trueValue) => self?.consumed(user, item, recommended, engagement, trueValue),
      outcome: (_time, user) => self?.decided(user),
    };
    let fallback: Predictor | undefined;
    const predictor: Predictor = {
      target: 'step-protocol',
      predict<Req, Res>(endpoint: PredictionEndpoint<Req, Res>, request: Req, predictOptions: PredictOptions): Outcome<Res> | Promise<Outcome<Res>> {
        if (self && endpoint.name === self.slate.name) return self.ask(endpoint as PredictionEndpoint<unknown, unknown>, request) as Promise<Outcome<Res>>;
        if (!fallback) return failure('http-error', `the step protocol answers only the ${self?.slate.name ?? 'slate'} endpoint`, 0, 404);
        return fallback.predict(endpoint, request, predictOptions);
      },
      close: async () => fallback?.close(),
    };
    const config = { ...options.config, seed };
    const streamFaults = config.scenario.some((step) => step.action === 'stream-faults');
    const sim = new Simulation({
      config,
      domainConfig: options.domainConfig,
      plugin: options.plugin,
      transport: new MemoryTransport(),
      predictor,
      observer,
      streamFaults,
    });
    const world = await sim.init();
    // The timeline (taste shocks, releases, attacks...) changes the world under the policy's feet.
    scheduleScenario(sim, config.scenario);
    // Other endpoints (a domain may have several) keep the domain's own predictor.
    fallback = world.defaultPredictor();
    try {
      self = new SteppingWorld(options, sim, world, seed);
    } catch (error) {
      await world.close?.();
      throw error;
    }
    return self;
  }

  /** Starts simulated time; resolves with the first request's observation (or the end). */
  start(): Promise<StepReply> {
    if (this.running) throw new ProdsimError(ErrorCodes.USAGE, 'this world has already started');
    return this.awaitReply(undefined, () => {
      this.running = this.sim.run({ signal: this.abort.signal }).then(
        (summary) => this.end(summary),
        (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  /**
   * Answers the waiting request with these items (indices, as candidates name them). An answer
   * the endpoint rejects is a `malformed` outcome, as from any service; the world reacts to it.
   */
  step(items: readonly number[]): Promise<StepReply> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.ended) return Promise.resolve(this.terminal([], -1));
    const current = this.waiting.shift();
    if (!current) throw new ProdsimError(ErrorCodes.USAGE, 'no request is waiting for an action: reset first');
    let outcome: Outcome<unknown>;
    try {
      const checked = current.endpoint.validate(this.slate.answer(items), current.request);
      outcome = checked.ok ? ok(checked.value, 0, checked.dropped) : failure('malformed', checked.error, 0, 200);
    } catch (error) {
      outcome = failure('malformed', `the action is not an answer: ${(error as Error)?.message ?? error}`, 0, 200);
    }
    current.outcome = outcome;
    this.undecided.push(current);
    return this.awaitReply(current, () => current.resolve(outcome));
  }

  /** Stops the run (requests still waiting are refused) and waits for it to wind down. */
  async close(): Promise<void> {
    this.abort.abort();
    for (const pending of [...this.waiting, ...this.undecided]) if (!pending.outcome) pending.resolve(failure('refused', 'the episode was closed', 0));
    this.waiting = [];
    if (this.running) await this.running;
    else await this.sim.domainWorld.close?.();
  }

  private awaitReply(target: PendingStep | undefined, then: () => void): Promise<StepReply> {
    return new Promise<StepReply>((resolve, reject) => {
      this.replyFor = target;
      this.reply = resolve;
      this.replyError = reject;
      then();
      this.check();
    });
  }

  /** A request of the slate endpoint: its observation is taken now, at issue time. */
  private ask(endpoint: PredictionEndpoint<unknown, unknown>, request: unknown): Promise<Outcome<unknown>> {
    const user = this.slate.userOf(request);
    // A user who asks again took nothing from the previous slate.
    this.resolve(user, -1, false, 0, 0);
    const observation = this.builder.build(request, user, this.sim.scheduler.now);
    return new Promise((resolve) => {
      this.waiting.push({ index: this.steps++, user, request, endpoint, observation, resolve, decided: false });
      this.check();
    });
  }

  private decided(user: number): void {
    const head = this.undecided[0];
    if (head === undefined || head.user !== user) return;
    this.undecided.shift();
    head.decided = true;
    this.open.set(user, head);
    this.check();
  }

  private consumed(user: number, item: number, recommended: boolean, engagement: number, trueValue: number): void {
    this.builder.consumed(user, item);
    this.resolve(user, item, recommended, engagement, trueValue);
  }

  private resolve(user: number, item: number, recommended: boolean, engagement: number, trueValue: number): void {
    const step = this.open.get(user);
    if (step === undefined) return;
    this.open.delete(user);
    const kind = this.options.reward;
    const resolved: ResolvedStep = { step: step.index, user, item, recommended, engagement, reward: rewardOf(kind, recommended, engagement, trueValue) };
    if (kind === 'value' && item >= 0) resolved.value = trueValue;
    this.resolved.push(resolved);
  }

  private end(summary: RunSummary): void {
    this.ended = summary;
    if (summary.reason === 'error') this.fail(new ProdsimError(ErrorCodes.SCHEDULER_HANDLER, summary.error ?? 'the run failed'));
    else this.check();
  }

  private fail(error: Error): void {
    this.failed = error;
    const reject = this.replyError;
    this.reply = this.replyError = undefined;
    reject?.(error);
  }

  /**
   * Replies once the answered step is decided and the next request waits (or the run ended).
   * Runs as a microtask: after the synchronous stretch of events that changed the state, where
   * the run next awaits.
   */
  private check(): void {
    if (this.checkQueued || !this.reply) return;
    this.checkQueued = true;
    queueMicrotask(() => {
      this.checkQueued = false;
      const target = this.replyFor;
      const reply = this.reply;
      if (!reply || this.failed) return;
      if (this.ended) {
        this.reply = this.replyError = undefined;
        return reply(this.terminal(this.takeResolved(), target?.index ?? -1, target));
      }
      if ((target !== undefined && !target.decided) || this.waiting.length === 0) return;
      this.reply = this.replyError = undefined;
      const next = this.waiting[0];
      const resolved = this.takeResolved();
      reply({
        observation: next.observation,
        reward: sum(resolved),
        terminated: false,
        truncated: false,
        info: { step: target?.index ?? -1, next: next.index, time: next.observation.time, ...outcomeInfo(target), resolved },
      });
    });
  }

  private terminal(resolved: ResolvedStep[], step: number, target?: PendingStep): StepReply {
    const summary = this.ended!;
    return {
      observation: null,
      reward: sum(resolved),
      // Time ran out (a truncation), unless the world had nothing left to do.
      terminated: summary.reason === 'empty',
      truncated: summary.reason !== 'empty',
      info: { step, next: -1, time: this.sim.scheduler.now, ...outcomeInfo(target), resolved, end: { reason: summary.reason, world: summary.world } },
    };
  }

  private takeResolved(): ResolvedStep[] {
    const out = this.resolved;
    this.resolved = [];
    return out;
  }
}

function outcomeInfo(step: PendingStep | undefined): Pick<StepInfo, 'outcome' | 'error' | 'dropped'> {
  const outcome = step?.outcome;
  if (!outcome) return {};
  return outcome.kind === 'ok' ? { outcome: 'ok', dropped: outcome.dropped } : { outcome: outcome.kind, error: outcome.error };
}

function sum(resolved: ResolvedStep[]): number {
  let total = 0;
  for (const r of resolved) total += r.reward;
  return total;
}
