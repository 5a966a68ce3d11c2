import { welch } from '@prodsim/experiments';

export interface PairedResult {
  /** Mean of a[i] - b[i]. */
  difference: number;
  t: number;
  df: number;
  /** Two-sided p of the paired t-test. */
  p: number;
}

/**
 * The paired t-test of a[i] - b[i] over replications (replication i of both arms shares its
 * seed, and so its world). It is the one-sample t-test of the differences against 0, which is
 * Welch's test of the differences against a sample of n zeros: that sample adds no variance
 * and its degrees of freedom come out as n - 1, so experiments' welch gives exactly the paired
 * t and p without a second copy of the t distribution.
 */
export function pairedTest(a: readonly number[], b: readonly number[]): PairedResult {
  if (a.length !== b.length) throw new RangeError(`a paired test needs as many values in each arm, got ${a.length} and ${b.length}`);
  if (a.length < 2) return { difference: a.length === 1 ? a[0] - b[0] : NaN, t: NaN, df: 0, p: NaN };
  const d = a.map((x, i) => x - b[i]);
  const w = welch(d, new Array<number>(d.length).fill(0));
  return { difference: w.difference, t: w.t, df: d.length - 1, p: w.p };
}
