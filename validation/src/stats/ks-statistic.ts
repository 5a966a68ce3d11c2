/** Positive integer counts as a distribution of count / scale, each count spread over [c - 1/2, c + 1/2]. */
class SpreadCounts {
  private readonly values: number[];
  private readonly below: number[];
  private readonly n: number;
  /** What counts are divided by: their mean (compared by shape), or 1 (compared as they are). */
  private readonly scale: number;

  constructor(counts: ArrayLike<number>, relative: boolean) {
    const byValue = new Map<number, number>();
    let sum = 0;
    for (let i = 0; i < counts.length; i++) {
      byValue.set(counts[i], (byValue.get(counts[i]) ?? 0) + 1);
      sum += counts[i];
    }
    this.n = counts.length;
    this.scale = relative ? sum / this.n : 1;
    this.values = [...byValue.keys()].sort((p, q) => p - q);
    this.below = [];
    let acc = 0;
    for (const v of this.values) {
      this.below.push(acc);
      acc += byValue.get(v)!;
    }
    this.below.push(acc);
  }

  /** Share of the spread mass at or below count / scale x: linear inside each count's interval. */
  cdf(x: number): number {
    const y = x * this.scale;
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

  /** Where the CDF changes slope: the interval ends of every count, divided by the scale. */
  breakpoints(): number[] {
    return this.values.flatMap((v) => [(v - 0.5) / this.scale, (v + 0.5) / this.scale]);
  }
}

/** Both CDFs are piecewise linear, so the largest gap lies at a breakpoint of one of them. */
function spreadKs(x: SpreadCounts, y: SpreadCounts): number {
  let d = 0;
  for (const p of [...x.breakpoints(), ...y.breakpoints()]) d = Math.max(d, Math.abs(x.cdf(p) - y.cdf(p)));
  return d;
}

/**
 * KS distance between two sets of counts (ratings per item, per user) compared by shape: each
 * divided by its mean, since a month of simulated users and years of real ones differ in scale.
 * Counts are whole numbers, and dividing by two slightly different means puts their atoms at
 * slightly different places, so a plain KS would report the whole mass of "rated once" (a third
 * of MovieLens's movies) as the distance between two halves of the same data. Each count is
 * therefore spread evenly over [c - 1/2, c + 1/2] (a continuity correction) before dividing.
 * (KS is unchanged by a monotone transform, so this is also the KS distance of log(count / mean).)
 */
export function relativeCountsKs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return NaN;
  return spreadKs(new SpreadCounts(a, true), new SpreadCounts(b, true));
}

/**
 * KS distance between two sets of counts compared as they are, for samples of the same size
 * (the distributions tier compares like with like, so scale is part of what is compared). The
 * same continuity correction: each count spread over [c - 1/2, c + 1/2], so that the distance
 * between two samples that differ only by chance is not dominated by the atom at 1.
 * (Also the KS distance of log counts.)
 */
export function countsKs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return NaN;
  return spreadKs(new SpreadCounts(a, false), new SpreadCounts(b, false));
}
