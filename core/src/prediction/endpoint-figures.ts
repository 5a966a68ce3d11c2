import type { HeadroomFigures } from './headroom.js';
import { LatencyPercentiles } from './latency-percentiles.js';
import { OUTCOME_KINDS, type FailureKind, type Outcome, type OutcomeKind } from './outcome.js';

/**
 * How the summary sorts answers: the world's outcome kinds, with `ok` answers that listed only
 * unknown (or repeated) ids counted apart as `unknown-ids`: the world got nothing usable from them.
 */
export type SummaryOutcomeKind = OutcomeKind | 'unknown-ids';

/** What a service reported of its own cost in `Server-Timing` headers (see server-timing.ts). */
export interface ReportedCost {
  /** Answers that came with a `Server-Timing` header that could be read. */
  answers: number;
  /** Of those, answers that reported a `cpu` metric. */
  cpuAnswers: number;
  /** The `cpu` durations added up, ms. */
  cpuMsTotal: number;
  /** cpuMsTotal / cpuAnswers; null when no answer reported `cpu`. */
  cpuMsMean: number | null;
  /** Headers ignored because they broke the syntax; the first one's fault in `firstInvalid`. */
  invalid: number;
  firstInvalid?: string;
}

/** One endpoint's figures over a run, for the run summary. */
export interface EndpointFigures {
  requests: number;
  /** Decided requests by kind (ok, unknown-ids, timeout, refused, ...), kinds that occurred only. */
  outcomes: Partial<Record<SummaryOutcomeKind, number>>;
  /** The first error text of each failure kind that occurred, as an example of its cause. */
  firstErrors: Partial<Record<FailureKind, string>>;
  deadlineMs: number;
  /** Latency the world observed, ms; null before any request was decided. */
  latencyMs: { p50: number; p95: number; p99: number } | null;
  /** Requests without a usable answer in time: timeouts, and answers slower than the deadline. */
  deadlineMisses: number;
  /** Present when the service sent a `Server-Timing` header at least once. */
  reportedCost?: ReportedCost;
  /** Present when the domain values this endpoint's answers (staff only). */
  headroom?: HeadroomFigures;
}

export interface EndpointTallyState {
  byKind: Float64Array;
  latency: ReturnType<LatencyPercentiles['snapshot']>;
  misses: number;
  deadlineMs: number;
  /** Absent in checkpoints written before these were tallied. */
  onlyUnknown?: number;
  firstErrors?: Partial<Record<FailureKind, string>>;
  cost?: Omit<ReportedCost, 'cpuMsMean'>;
}

/** What the prediction gateway tallies per endpoint as requests are decided. */
export class EndpointTally {
  private readonly byKind = new Float64Array(OUTCOME_KINDS.length);
  private readonly latency = new LatencyPercentiles();
  private misses = 0;
  private onlyUnknown = 0;
  private firstErrors: Partial<Record<FailureKind, string>> = {};
  private cost: Omit<ReportedCost, 'cpuMsMean'> = { answers: 0, cpuAnswers: 0, cpuMsTotal: 0, invalid: 0 };

  constructor(private deadlineMs: number) {}

  record(outcome: Outcome<unknown>, deadlineMs: number): void {
    this.deadlineMs = deadlineMs;
    this.byKind[OUTCOME_KINDS.indexOf(outcome.kind)]++;
    this.latency.observe(outcome.latencyMs);
    if (outcome.kind === 'timeout' || outcome.latencyMs > deadlineMs) this.misses++;
    if (outcome.kind === 'ok') {
      if (outcome.onlyUnknown) this.onlyUnknown++;
    } else {
      this.firstErrors[outcome.kind] ??= outcome.error;
    }
    const timing = outcome.serverTiming;
    if (timing === undefined) return;
    const cost = this.cost;
    if (!timing.ok) {
      cost.invalid++;
      cost.firstInvalid ??= timing.error;
      return;
    }
    cost.answers++;
    if (timing.cpuMs !== undefined) {
      cost.cpuAnswers++;
      cost.cpuMsTotal += timing.cpuMs;
    }
  }

  /** The tally as data (for checkpoints). */
  snapshot(): EndpointTallyState {
    return {
      byKind: this.byKind.slice(),
      latency: this.latency.snapshot(),
      misses: this.misses,
      deadlineMs: this.deadlineMs,
      onlyUnknown: this.onlyUnknown,
      firstErrors: { ...this.firstErrors },
      cost: { ...this.cost },
    };
  }

  restore(state: EndpointTallyState): void {
    this.byKind.set(state.byKind);
    this.latency.restore(state.latency);
    this.misses = state.misses;
    this.deadlineMs = state.deadlineMs;
    this.onlyUnknown = state.onlyUnknown ?? 0;
    this.firstErrors = { ...state.firstErrors };
    this.cost = state.cost ? { ...state.cost } : { answers: 0, cpuAnswers: 0, cpuMsTotal: 0, invalid: 0 };
  }

  figures(headroom?: HeadroomFigures): EndpointFigures {
    const outcomes: Partial<Record<SummaryOutcomeKind, number>> = {};
    OUTCOME_KINDS.forEach((kind, i) => {
      const n = kind === 'ok' ? this.byKind[i] - this.onlyUnknown : this.byKind[i];
      if (n > 0) outcomes[kind] = n;
      if (kind === 'ok' && this.onlyUnknown > 0) outcomes['unknown-ids'] = this.onlyUnknown;
    });
    const l = this.latency;
    const c = this.cost;
    return {
      requests: l.count,
      outcomes,
      firstErrors: { ...this.firstErrors },
      deadlineMs: this.deadlineMs,
      latencyMs: l.count > 0 ? { p50: l.quantile(0.5), p95: l.quantile(0.95), p99: l.quantile(0.99) } : null,
      deadlineMisses: this.misses,
      ...(c.answers + c.invalid > 0 ? { reportedCost: { ...c, cpuMsMean: c.cpuAnswers > 0 ? c.cpuMsTotal / c.cpuAnswers : null } } : {}),
      ...(headroom ? { headroom } : {}),
    };
  }
}
