/**
 * The two-sample Kolmogorov-Smirnov statistic: the largest vertical distance between the
 * empirical distribution functions of a and b (0 = the same distribution, 1 = disjoint).
 */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return NaN;
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    // Step past every copy of the smaller value in both samples, then compare the two CDFs.
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/**
 * Counts as a shape: log(count / mean count). A month of simulated users and years of real ones
 * differ in scale by an order of magnitude; dividing by the mean compares how the counts spread
 * (the heavy tail), and the log spreads the many small counts that a KS test would otherwise
 * read as one step.
 */
export function logRelativeCounts(counts: ArrayLike<number>): Float64Array {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) sum += counts[i];
  const mean = sum / counts.length;
  // Rounded to 1e-9, so that counts of the same shape at another scale give equal values
  // (float rounding would otherwise make equal values differ in the last bit, and KS steps apart).
  return Float64Array.from(counts, (c) => Math.round(Math.log(c / mean) * 1e9) / 1e9);
}
