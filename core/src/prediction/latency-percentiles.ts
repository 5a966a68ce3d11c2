/** Relative width of a bucket: a reported percentile is within 0.5% of a latency observed. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Latencies below this (ms) share the first bucket: in-process answers, loopback at best. */
const FLOOR_MS = 0.01;
/** Buckets up to about 15 minutes; anything slower shares the last one. */
const BUCKETS = Math.ceil(Math.log(900_000 / FLOOR_MS) / LOG_GROWTH) + 1;

/**
 * Latency percentiles of one endpoint over a whole run, in constant memory: counts in
 * logarithmic buckets 1% wide (a course's 90-day run makes hundreds of millions of requests, too
 * many to keep). The Prometheus histogram beside it has the course's coarse buckets for
 * dashboards; this one answers p95 and p99 to within half a percent for the run summary.
 */
export class LatencyPercentiles {
  private readonly counts = new Float64Array(BUCKETS);
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;

  get count(): number {
    return this.n;
  }

  /** The counts as data (for checkpoints). */
  snapshot(): { counts: Float64Array; n: number; lo: number; hi: number } {
    return { counts: this.counts.slice(), n: this.n, lo: this.lo, hi: this.hi };
  }

  restore(state: { counts: Float64Array; n: number; lo: number; hi: number }): void {
    this.counts.set(state.counts);
    this.n = state.n;
    this.lo = state.lo;
    this.hi = state.hi;
  }

  observe(ms: number): void {
    const v = Math.max(ms, 0);
    const i = v <= FLOOR_MS ? 0 : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(v / FLOOR_MS) / LOG_GROWTH));
    this.counts[i]++;
    this.n++;
    if (v < this.lo) this.lo = v;
    if (v > this.hi) this.hi = v;
  }

  /**
   * The q-quantile (0..1) in ms: the geometric middle of its bucket, within the range seen; the
   * maximum for q = 1 and for latencies beyond the last bucket; NaN when empty.
   */
  quantile(q: number): number {
    if (this.n === 0) return NaN;
    // The smallest latency with at least q of the observations at or below it (nearest rank).
    const rank = Math.max(1, Math.ceil(q * this.n));
    if (rank >= this.n) return this.hi;
    let seen = 0;
    for (let i = 0; i < BUCKETS - 1; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        // The first bucket (under 0.01 ms) reports the least latency seen, so zeros stay zero.
        if (i === 0) return this.lo;
        return Math.min(this.hi, Math.max(this.lo, FLOOR_MS * GROWTH ** (i - 0.5)));
      }
    }
    return this.hi;
  }
}
