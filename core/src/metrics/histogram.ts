/**
 * A fixed-bucket histogram (cumulative counts per upper bound, as Prometheus expects), with
 * quantiles estimated by linear interpolation inside a bucket.
 */
export const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 800, 1000, 2000, 5000, 10000];

export class Histogram {
  readonly counts: Float64Array;
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  constructor(
    readonly name: string,
    readonly labels: Readonly<Record<string, string>>,
    readonly bounds: readonly number[] = LATENCY_BUCKETS_MS,
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    this.counts[i]++;
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  get mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /** Estimated q-quantile (0..1); NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = q * this.count;
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      const c = this.counts[i];
      if (seen + c >= rank && c > 0) {
        const lo = i === 0 ? Math.min(this.min, this.bounds[0]) : this.bounds[i - 1];
        const hi = i < this.bounds.length ? this.bounds[i] : this.max;
        const est = lo + ((hi - lo) * (rank - seen)) / c;
        return Math.min(Math.max(est, this.min), this.max);
      }
      seen += c;
    }
    return this.max;
  }
}
