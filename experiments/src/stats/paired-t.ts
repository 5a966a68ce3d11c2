import { mean, variance, type WelchResult } from './compare.js';
import { tQuantile, tTwoSidedP } from './student-t.js';

/**
 * The paired t-test of mean(a - b), for arms run on copies of the same world (a[i] and b[i]
 * come from replication i): the world-to-world variation common to both arms cancels in the
 * differences, which is why a paired design needs fewer replications. Returns the same shape as
 * Welch's test; df = n - 1. A zero variance of the differences gives an infinite t (p 0, or 1
 * with no difference); callers that must not test in that case check it first.
 */
export function pairedT(a: readonly number[], b: readonly number[]): WelchResult {
  if (a.length !== b.length) throw new Error(`paired samples need equal lengths, got ${a.length} and ${b.length}`);
  const diffs = a.map((x, i) => x - b[i]);
  const n = diffs.length;
  const difference = mean(diffs);
  const se = Math.sqrt(variance(diffs) / n);
  const df = n - 1;
  const base = { meanA: mean(a), meanB: mean(b), difference, df };
  if (se === 0) return { ...base, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, p: difference === 0 ? 1 : 0, ci95: [difference, difference] };
  const t = difference / se;
  const q = tQuantile(0.975, df);
  return { ...base, t, p: tTwoSidedP(t, df), ci95: [difference - q * se, difference + q * se] };
}
