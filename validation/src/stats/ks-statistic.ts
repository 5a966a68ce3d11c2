/** Positive integer counts as a distribution of count / mean, each count spread over [c - 1/2, c + 1/2]. */
class RelativeCounts {
  private readonly values: number[];
  private readonly below: number[];
  private readonly n: number;
  readonly mean: number;

  constructor(counts: ArrayLike<number>) {
    const byValue = new Map<number, number>();
    let sum = 0;
    for (let i = 0; i < counts.length; i++) {
      byValue.set(counts[i], (byValue.get(counts[i]) ?? 0) + 1);
      sum += counts[i];
    }
    this.n = counts.length;
    this.mean = sum / this.n;
    this.values = [...byValue.keys()].sort((p, q) => p - q);
    this.below = [];
    let acc = 0;
    for (const v of this.values) {
      this.below.push(acc);
      acc += byValue.get(v)!;
    }
    this.below.push(acc);
  }

  /** Share of the spread mass at or below relative count x: linear inside each count's interval. */
  cdf(x: number): number {
    const y = x * this.mean;
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid] - 0.5 < y) lo = mid + 1;
      else hi = mid;
    }
    // values[0..lo) start below y; the last of them may be partly below.
    if (lo === 0) return 0;
    const v = this.values[lo - 1];
    const inside = Math.min(1, y - (v - 0.5));
    return (this.below[lo - 1] + inside * (this.below[lo] - this.below[lo - 1])) / this.n;
  }

  /** Where the CDF changes slope: the interval ends of every count, as relative counts. */
  breakpoints(): number[] {
    return this.values.flatMap((v) => [(v - 0.5) / this.mean, (v + 0.5) / this.mean]);
  }
}

/**
 * KS distance between two sets of counts (ratings per item, per user) compared by shape: each
 * divided by its mean, since a month of simulated users and years of real ones differ in scale.
 * Counts are whole numbers, and dividing by two slightly different means puts their atoms at
 * slightly different places, so a plain KS would report the whole mass of "rated once" (a third
 * of MovieLens's movies) as the distance between two halves of the same data. Each count is
 * therefore spread evenly over [c - 1/2, c + 1/2] (a continuity correction) before dividing.
 * Both CDFs are then piecewise linear, so the largest gap lies at a breakpoint of one of them.
 * (KS is unchanged by a monotone transform, so this is also the KS distance of log(count / mean).)
 */
export function relativeCountsKs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return NaN;
  const x = new RelativeCounts(a);
  const y = new RelativeCounts(b);
  let d = 0;
  for (const p of [...x.breakpoints(), ...y.breakpoints()]) d = Math.max(d, Math.abs(x.cdf(p) - y.cdf(p)));
  return d;
}
