import type { OutcomeKind } from '../prediction/outcome.js';
import type { AnswerValue } from './answer-value.js';

/**
 * What a domain tells the experiment machinery about consumption, in domain-agnostic terms:
 * users and items are the domain's integer indices. Nothing here reaches the stream or the
 * API; experiments aggregate it into metrics (coverage, concentration, homogenisation, uptake).
 * Outside experiments the observer is a no-op, so domains call it unconditionally.
 */
export interface InteractionObserver {
  /** A user was shown a ranked slate (recommendations) at `time`. */
  slate(time: number, user: number, items: ArrayLike<number>): void;
  /**
   * A user consumed an item: whether it came from the slate, how much they engaged (minutes
   * watched, dwell seconds), and its true value to them under the hidden ground truth.
   */
  interaction(time: number, user: number, item: number, recommended: boolean, engagement: number, trueValue: number): void;
  /** A prediction request for `user` was decided (reported by the PredictionGateway). */
  outcome(time: number, user: number, kind: OutcomeKind, latencyMs: number): void;
  /**
   * Adds `n` to one of the domain's counters (the numerators and denominators of the metrics it
   * declares, see domain-metric.ts) for `user`: the unit the prediction gateway routes by, so a
   * user, or the creator whose upload a moderation or classify request was about. Experiments
   * attribute it to the arm serving that unit on that day. Optional: observers that keep no
   * domain metrics (learning baselines) leave it out, so domains call `observe.count?.(...)`.
   * The counter is a string literal of the domain's (no allocation per call).
   */
  count?(time: number, user: number, counter: string, n: number): void;
}

export const nullObserver: InteractionObserver = {
  slate() {},
  interaction() {},
  outcome() {},
};

/** Consumption before a run, as parallel columns, oldest first. */
export interface ConsumptionHistory {
  count: number;
  user: Int32Array;
  item: Int32Array;
  /** When, ms since the epoch. */
  time: Float64Array;
  /** Engagement as the domain reports it during a run (minutes watched for movies). */
  engagement: Float32Array;
}

/** A rating as read off the stream: who rated which item, in the units of `ResearchProbe.trueValue`. */
export interface StreamRating {
  user: number;
  item: number;
  /** The rating on the true value's scale (movies: stars 1-5, whatever the contract's rating scale). */
  value: number;
}

/** Reads explicit ratings off the domain's event stream. */
export interface StreamRatings {
  /** The rating an event carries, or undefined for every other event (cheap: it sees every event). */
  read(topic: string, key: string | null, value: string): StreamRating | undefined;
}

/**
 * Read-only questions about a world that experiments ask at the end of each simulated day.
 * Answers come from the ground truth (taste drift) or public features (item distance); they
 * go into research metrics only, never to services under test.
 */
export interface ResearchProbe {
  readonly userCount: number;
  /** Items that exist now (for catalogue coverage). */
  readonly itemCount: number;
  /** A user's group for fairness splits, e.g. an age band. */
  userGroup(user: number): string;
  /** Distance in [0, 1] between two items by their public features (intra-list diversity). */
  itemDistance(a: number, b: number): number;
  /**
   * Optional: a list's intra-list diversity, the mean itemDistance over its pairs (NaN for
   * fewer than two items), for a domain that computes it faster than pair by pair. Experiments
   * measure every slate shown, 190 pairs for 20 items; the conformance suite checks the two agree.
   */
  listDiversity?(items: ArrayLike<number>): number;
  /** How far a user's current tastes are from their initial ones (0 = unchanged). */
  tasteDrift(user: number): number;
  /**
   * The hidden ground truth's value of an item to a user right now, on the scale the domain
   * reports as `trueValue` to `InteractionObserver.interaction` (stars for movies, affinity for
   * the media domains). For experiments and validation only (the `oracle` baseline, upper
   * bounds): it must never reach a service, the stream or the entity API, so a plain run never
   * calls it. Absent when a domain has no per-user, per-item hidden value.
   */
  trueValue?(user: number, item: number): number;
  /**
   * What the world's users consumed before the simulated span, oldest first (e.g. the ratings a
   * MovieLens-fitted world was fitted to): the historic log a team would train on before going
   * live, so built-in baselines learn from it first. Public: it is the stream's past, not truth.
   */
  history?(): ConsumptionHistory;
  /**
   * How the explicit ratings users give appear on the stream, for baselines that learn to
   * predict ratings (experiments route every event through `read`). Public: it reads only what a
   * service consuming the stream sees. Absent when the domain's users give no ratings.
   */
  readonly streamRatings?: StreamRatings;
  /**
   * How generic baselines (random, popularity, item-kNN, matrix factorisation, learned from the
   * observed interactions) answer this domain's slate endpoint: which user a request is for,
   * and how a ranked list of item indices becomes the endpoint's raw answer.
   */
  readonly slateEndpoint?: {
    name: string;
    userOf(request: unknown): number;
    answer(items: readonly number[]): unknown;
    size: number;
    /** When requests carry their own candidates (media feeds), which items may be ranked. */
    candidatesOf?(request: unknown): readonly number[];
  };
  /**
   * What an answer to each endpoint (by name) is worth under the hidden truth, and the oracle's
   * and a random answer: the headroom figures of staff summaries (answer-value.ts). Endpoints
   * left out get latency figures only.
   */
  readonly answerValues?: Readonly<Record<string, AnswerValue>>;
}
