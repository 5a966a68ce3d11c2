import type { Clock } from '../clock/clock.js';
import type { Schema } from '../config/schema.js';
import type { EventSink } from '../events/event-sink.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { DomainMetric } from '../observe/domain-metric.js';
import type { InteractionObserver, ResearchProbe } from '../observe/interaction-observer.js';
import type { PredictionEndpoint } from '../prediction/endpoint.js';
import type { PredictionGateway } from '../prediction/prediction-gateway.js';
import type { Predictor } from '../prediction/predictor.js';
import type { RngStreams } from '../rng/rng-streams.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { PublicCatalog } from '../world/entity-collection.js';
import type { RouteDeclaration } from '../world/route.js';

/** What a domain gets from the core: everything through here, nothing through globals. */
export interface DomainContext {
  /** The run seed (in course mode, derived per team). */
  readonly seed: string;
  readonly rng: RngStreams;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly events: EventSink;
  readonly predictions: PredictionGateway;
  readonly metrics: MetricsRegistry;
  /** Where the domain reports slates and consumption for experiment metrics (a no-op otherwise). */
  readonly observe: InteractionObserver;
  /**
   * Whether something observes this world for research (an experiment, the gym): only then may
   * the research probe be read, so a domain may skip bookkeeping that only the probe needs.
   */
  readonly research: boolean;
  /** Simulated start time, ms since epoch (UTC). */
  readonly startTime: number;
  /** Simulated end time, if the run has one; domains may plan days up to it. */
  readonly endTime: number;
  /** Team name in course mode; undefined for a single world. */
  readonly team: string | undefined;
  log(message: string): void;
}

/**
 * A running world of one domain. Its hidden ground truth stays inside: only `catalog`, `routes`,
 * emitted events and prediction requests ever leave it.
 */
export interface DomainWorld {
  readonly catalog: PublicCatalog;
  readonly endpoints: readonly PredictionEndpoint<any, any>[];
  readonly routes: readonly RouteDeclaration[];
  /** The in-process predictor used when no outside service is configured (e.g. popularity). */
  defaultPredictor(): Predictor;
  /** Schedules the first agents and day-planning hooks. */
  start(): void;
  /** Domain figures for the run summary (e.g. users, movies, mean rating). */
  summary(): Record<string, number | string>;
  /** Questions experiments ask of the world (taste drift, user groups, item distance); optional. */
  readonly probe?: ResearchProbe;
  /** Applies a scenario step the plugin declared in `scenarioActions` (experiments' timelines). */
  applyScenario?(action: string, params: unknown): void;
  /** Testing hook for the conformance suite: strings that would only appear if the ground truth leaked. */
  groundTruthCanaries(): string[];
  /**
   * Checkpoints (`--checkpoint`): the world's whole state between two events, as data the V8
   * serializer copies (typed arrays, plain objects and arrays, Maps, strings, numbers) or as bytes.
   * Its scheduled events are saved by the scheduler (events of registered handlers only: a world
   * that keeps one-off closures queued cannot be checkpointed), its random streams with the run's.
   * A world with `snapshot` must have `restore`; without both, `--checkpoint` is a usage error
   * naming the domain.
   */
  snapshot?(): Uint8Array | object;
  /**
   * Puts a world that was just built from the same seed and configuration, and started, into the
   * state `snapshot` returned (the random streams and the scheduler are restored by core).
   */
  restore?(snapshot: Uint8Array | object): void;
  close?(): Promise<void>;
}

export interface DomainPlugin<C = any> {
  /** Versioned id, `name/vN`, e.g. `movies/v1`. */
  readonly id: string;
  readonly description: string;
  /** The range of @prodsim/core versions this plugin works with, e.g. `^0.1.0`. */
  readonly coreVersion: string;
  /** Validates and defaults the domain's section of the configuration. */
  readonly config: Schema<C>;
  /**
   * Names of config fields that the CLI's common flags set, e.g. `{ users: 'users' }` lets
   * `--users 1000` set this domain's `users`.
   */
  readonly flags?: Readonly<Record<string, string>>;
  create(ctx: DomainContext, config: C): DomainWorld | Promise<DomainWorld>;
  /**
   * The version of the world's snapshot format (default 1): raise it when what `snapshot`
   * returns changes, so that an older checkpoint is refused by name rather than misread.
   */
  readonly snapshotVersion?: number;
  /**
   * Scenario steps this domain understands (taste shocks, releases, attacks...), each with the
   * schema of its parameters, so that an experiment spec is validated before anything runs.
   */
  readonly scenarioActions?: Readonly<Record<string, { description: string; params: Schema<any> }>>;
  /**
   * The domain's own experiment metrics (ratios of counters it reports through
   * `InteractionObserver.count`; see observe/domain-metric.ts), declared here so that a spec's
   * `expect:` naming one is checked before anything runs.
   */
  readonly metrics?: readonly DomainMetric[];
  /**
   * Course mode: the configuration of team number `index` (1-based) derived from the shared
   * one, e.g. its own topic `movielog<index>`. Without it every team gets the shared config.
   */
  forTeam?(config: C, team: { name: string; index: number }): C;
  /**
   * `prodsim course init`: writes into `dir` (a staff-only folder) what this domain's hidden world
   * needs for one offering beyond the seed, derived from the offering's `secret` (e.g. the media
   * domains' ONNX world models, which are public by default), and returns the fields of the
   * domain's configuration section that point at it. Without it the seed is all a world needs.
   */
  prepareOffering?(secret: string, dir: string): Promise<Partial<C>> | Partial<C>;
  /**
   * How the conformance suite (`prodsim check`, `runDomainConformance`) runs this domain: a small
   * world, an event checker, example parameters for scenario actions that have required ones.
   */
  readonly conformance?: DomainConformanceHints;
}

/** What the conformance suite needs to know to run a domain quickly and check its events. */
export interface DomainConformanceHints {
  /** The domain's configuration for a small world that runs in seconds (defaults fill the rest). */
  readonly domainConfig?: Record<string, unknown>;
  /** Simulated days per run (default 1). */
  readonly days?: number;
  /** At least this many events must be emitted by a run (default 50). */
  readonly minEvents?: number;
  /** Checks one encoded event of the domain's wire format; throws (with the reason) if it is not well formed. */
  validateEvent?(value: string, topic: string): void;
  /** Parameters to apply each scenario action with; `{}` (the schema's defaults) for actions not listed. */
  readonly scenarioParams?: Readonly<Record<string, Record<string, unknown>>>;
}
