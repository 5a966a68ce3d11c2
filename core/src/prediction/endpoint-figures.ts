import type { HeadroomFigures } from './headroom.js';
import { LatencyPercentiles } from './latency-percentiles.js';
import { OUTCOME_KINDS, type Outcome, type OutcomeKind } from './outcome.js';

/** One endpoint's figures over a run, for the run summary. */
export interface EndpointFigures {
  requests: number;
  /** Decided requests by outcome (ok, timeout, refused, ...), kinds that occurred only. */
  outcomes: Partial<Record<OutcomeKind, number>>;
  deadlineMs: number;
  /** Latency the world observed, ms; null before any request was decided. */
  latencyMs: { p50: number; p95: number; p99: number } | null;
  /** Requests without a usable answer in time: timeouts, and answers slower than the deadline. */
  deadlineMisses: number;
  /** Present when the domain values this endpoint's answers (staff only). */
  headroom?: HeadroomFigures;
}

export interface EndpointTallyState {
  byKind: Float64Array;
  latency: ReturnType<LatencyPercentiles['snapshot']>;
  misses: number;
  deadlineMs: number;
}

/** What the prediction gateway tallies per endpoint as requests are decided. */
export class EndpointTally {
  private readonly byKind = new Float64Array(OUTCOME_KINDS.length);
  private readonly latency = new LatencyPercentiles();
  private misses = 0;

  constructor(private deadlineMs: number) {}

  record(outcome: Outcome<unknown>, deadlineMs: number): void {
    this.deadlineMs = deadlineMs;
    this.byKind[OUTCOME_KINDS.indexOf(outcome.kind)]++;
    this.latency.observe(outcome.latencyMs);
    if (outcome.kind === 'timeout' || outcome.latencyMs > deadlineMs) this.misses++;
  }

  /** The tally as data (for checkpoints). */
  snapshot(): EndpointTallyState {
    return { byKind: this.byKind.slice(), latency: this.latency.snapshot(), misses: this.misses, deadlineMs: this.deadlineMs };
  }

  restore(state: EndpointTallyState): void {
    this.byKind.set(state.byKind);
    this.latency.restore(state.latency);
    this.misses = state.misses;
    this.deadlineMs = state.deadlineMs;
  }

  figures(headroom?: HeadroomFigures): EndpointFigures {
    const outcomes: Partial<Record<OutcomeKind, number>> = {};
    OUTCOME_KINDS.forEach((kind, i) => {
      if (this.byKind[i] > 0) outcomes[kind] = this.byKind[i];
    });
    const l = this.latency;
    return {
      requests: l.count,
      outcomes,
      deadlineMs: this.deadlineMs,
      latencyMs: l.count > 0 ? { p50: l.quantile(0.5), p95: l.quantile(0.95), p99: l.quantile(0.99) } : null,
      deadlineMisses: this.misses,
      ...(headroom ? { headroom } : {}),
    };
  }
}
