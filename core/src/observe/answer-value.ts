import type { RandomStream } from '../rng/random-stream.js';

/**
 * What an answer to one of a domain's prediction endpoints is worth under the hidden truth: the
 * domain's side of the headroom figures (core/src/prediction/headroom.ts). At the moment the world
 * acts on a service's answer, core also values what the oracle, the domain's default and a random
 * answer would have achieved for the same request; the world follows the service's answer only.
 *
 * Values are expectations under the world's own behaviour model (e.g. the chance that a user
 * starts a movie from the list, the expected likes of a feed as it would be scrolled), never a
 * draw: valuing an answer must not touch any random stream or state of the world, so a run's
 * event log is the same with or without headroom. Staff-only: the figures reach the run summary
 * and /metrics, never the stream, the entity API or a service.
 */
export interface AnswerValue<Req = any, Res = any> {
  /** What `value` measures, with its unit, e.g. `expected watches from the list`. */
  readonly measure: string;
  /**
   * The share of requests valued (default 1), drawn from the headroom's own stream: for domains
   * whose oracle is costly (movies ranks the whole catalogue per request). All four answers are
   * valued on the same sampled requests.
   */
  readonly sample?: number;
  /**
   * The expected true utility of `answer` for `request` now; `undefined` is a failed request,
   * valued as what the world does without an answer (e.g. the feed in request order).
   */
  value(request: Req, answer: Res | undefined): number;
  /** The best answer by the hidden truth (what the `oracle` would answer). */
  oracle(request: Req): Res;
  /** An answer that knows nothing, drawn from `rng` (a stream of its own, not the world's). */
  random(request: Req, rng: RandomStream): Res;
}
