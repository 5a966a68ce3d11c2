import type { Counter } from '../metrics/counter.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { AnswerValue } from '../observe/answer-value.js';
import type { RandomStream, RandomStreamState } from '../rng/random-stream.js';
import type { PredictionEndpoint } from './endpoint.js';
import type { Outcome } from './outcome.js';
import type { Predictor } from './predictor.js';

/** The answers a service's is compared with. */
export const HEADROOM_ANSWERS = ['service', 'oracle', 'default', 'random'] as const;
export type HeadroomAnswer = (typeof HEADROOM_ANSWERS)[number];

/** One endpoint's headroom over a run: mean value per request of each answer, on the same requests. */
export interface HeadroomFigures {
  /** What the values measure, as the domain names it. */
  measure: string;
  /** Requests valued (a sample of them where the domain says so). */
  requests: number;
  /** The share of requests valued (1: all). */
  sample: number;
  /** What the service's answers achieved (failed requests valued as the world handles them). */
  service: number;
  /** What the hidden truth's best answers would have achieved. */
  oracle: number;
  /** What the domain's built-in default would have achieved; null when it could not answer in process. */
  default: number | null;
  /** What answers drawn at random would have achieved. */
  random: number;
  /** oracle - service, per request. */
  regret: number;
  /** service / oracle; null when the oracle achieves nothing. */
  shareOfOracle: number | null;
}

/** What a Headroom has summed (for checkpoints). */
export interface HeadroomState {
  rng: RandomStreamState;
  tallies: { endpoint: string; sums: Float64Array; requests: number; defaults: number }[];
}

interface Tally {
  value: AnswerValue;
  sums: Float64Array;
  requests: number;
  defaults: number;
  counters: Counter[];
  requestCounters: Counter[];
}

/**
 * How much better a service could do: for every decided request of an endpoint the domain can
 * value (ResearchProbe.answerValues), the value of the service's answer beside the oracle's, the
 * domain default's and a random answer's for the same request at the same moment, computed with
 * the hidden truth while the world follows the service's answer alone. The domain's default is
 * asked in process at the decision time; when it is the predictor serving, its answer is the
 * service's (asking again would draw from its random stream). Random answers draw from a stream
 * of their own. Staff-only: the figures go to the run summary and the world's metrics registry
 * (/metrics, behind the staff token in course mode), never to the stream or a service.
 */
export class Headroom {
  private readonly tallies = new Map<string, Tally>();

  constructor(
    private readonly values: Readonly<Record<string, AnswerValue>>,
    private readonly fallback: Predictor | undefined,
    private readonly rng: RandomStream,
    private readonly metrics: MetricsRegistry,
  ) {}

  /** Whether the domain values answers to this endpoint. */
  covers(endpoint: string): boolean {
    return Object.hasOwn(this.values, endpoint);
  }

  /** Values one decided request: called just before the world acts on `outcome`. */
  evaluate<Req, Res>(endpoint: PredictionEndpoint<Req, Res>, request: Req, outcome: Outcome<Res>, served: Predictor, deadlineMs: number): void {
    const tally = this.tally(endpoint.name);
    if (!tally) return;
    const v = tally.value as AnswerValue<Req, Res>;
    if (v.sample !== undefined && v.sample < 1 && this.rng.next() >= v.sample) return;
    const service = v.value(request, outcome.kind === 'ok' ? outcome.value : undefined);
    let fallback: number | undefined;
    if (served === this.fallback) fallback = service;
    else if (this.fallback) {
      const answer = this.fallback.predict(endpoint, request, { deadlineMs });
      // A default that answers asynchronously (an outside plugin's) is not asked: the decision is now.
      if (!(answer instanceof Promise)) fallback = v.value(request, answer.kind === 'ok' ? answer.value : undefined);
    }
    const oracle = v.value(request, v.oracle(request));
    const random = v.value(request, v.random(request, this.rng));
    tally.requests++;
    this.add(tally, 0, service);
    this.add(tally, 1, oracle);
    if (fallback !== undefined) {
      tally.defaults++;
      this.add(tally, 2, fallback);
    }
    this.add(tally, 3, random);
  }

  /** The sums so far and the random stream, as data (for checkpoints). */
  snapshot(): HeadroomState {
    return {
      rng: this.rng.snapshot(),
      tallies: [...this.tallies].map(([name, t]) => ({ endpoint: name, sums: t.sums.slice(), requests: t.requests, defaults: t.defaults })),
    };
  }

  restore(state: HeadroomState): void {
    this.rng.restore(state.rng);
    for (const s of state.tallies) {
      const t = this.tally(s.endpoint);
      if (!t) continue;
      t.sums.set(s.sums);
      t.requests = s.requests;
      t.defaults = s.defaults;
    }
  }

  /** Figures per endpoint that had requests valued. */
  figures(): Record<string, HeadroomFigures> {
    const out: Record<string, HeadroomFigures> = {};
    for (const [name, t] of this.tallies) {
      if (t.requests === 0) continue;
      const mean = (i: number) => t.sums[i] / t.requests;
      const service = mean(0);
      const oracle = mean(1);
      out[name] = {
        measure: t.value.measure,
        requests: t.requests,
        sample: t.value.sample ?? 1,
        service,
        oracle,
        default: t.defaults === t.requests ? mean(2) : t.defaults === 0 ? null : t.sums[2] / t.defaults,
        random: mean(3),
        regret: oracle - service,
        shareOfOracle: oracle > 0 ? service / oracle : null,
      };
    }
    return out;
  }

  private add(t: Tally, answer: number, value: number): void {
    t.sums[answer] += value;
    t.counters[answer].inc(value);
    t.requestCounters[answer].inc();
  }

  private tally(endpoint: string): Tally | undefined {
    let t = this.tallies.get(endpoint);
    if (t === undefined) {
      if (!this.covers(endpoint)) return undefined;
      const value = this.values[endpoint];
      const labels = (answer: string) => ({ endpoint, answer });
      t = {
        value,
        sums: new Float64Array(HEADROOM_ANSWERS.length),
        requests: 0,
        defaults: 0,
        counters: HEADROOM_ANSWERS.map((a) =>
          this.metrics.counter(
            'prodsim_headroom_value_total',
            'Staff only: summed value of answers under the hidden truth, in the measure of each endpoint',
            labels(a),
          ),
        ),
        requestCounters: HEADROOM_ANSWERS.map((a) =>
          this.metrics.counter('prodsim_headroom_requests_total', 'Staff only: requests valued, by answer', labels(a)),
        ),
      };
      this.tallies.set(endpoint, t);
    }
    return t;
  }
}
