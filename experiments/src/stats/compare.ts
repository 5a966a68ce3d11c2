import type { RandomStream } from '@prodsim/core';
import { tQuantile, tTwoSidedP } from './student-t.js';

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function variance(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}

export interface WelchResult {
  meanA: number;
  meanB: number;
  difference: number;
  t: number;
  df: number;
  p: number;
  /** 95% confidence interval of meanA - meanB. */
  ci95: [number, number];
}

/** Welch's unequal-variance t-test of mean(a) - mean(b). */
export function welch(a: readonly number[], b: readonly number[]): WelchResult {
  const meanA = mean(a);
  const meanB = mean(b);
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se = Math.sqrt(va + vb);
  const difference = meanA - meanB;
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  if (se === 0) {
    return {
      meanA,
      meanB,
      difference,
      t: difference === 0 ? 0 : Math.sign(difference) * Infinity,
      df: a.length + b.length - 2,
      p: difference === 0 ? 1 : 0,
      ci95: [difference, difference],
    };
  }
  const t = difference / se;
  const q = tQuantile(0.975, df);
  return { meanA, meanB, difference, t, df, p: tTwoSidedP(t, df), ci95: [difference - q * se, difference + q * se] };
}

/** Percentile bootstrap 95% interval of mean(a) - mean(b), resampling each group (seeded). */
export function bootstrapDifference(a: readonly number[], b: readonly number[], rng: RandomStream, resamples = 2000): [number, number] {
  const diffs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sa = 0;
    for (let i = 0; i < a.length; i++) sa += a[rng.int(a.length)];
    let sb = 0;
    for (let i = 0; i < b.length; i++) sb += b[rng.int(b.length)];
    diffs[r] = sa / a.length - sb / b.length;
  }
  diffs.sort();
  return [diffs[Math.floor(0.025 * resamples)], diffs[Math.min(resamples - 1, Math.ceil(0.975 * resamples) - 1)]];
}

/** Mean and 95% t-interval half-width of replications (for confidence bands). */
export function meanWithBand(xs: readonly number[]): { mean: number; half: number } {
  const m = mean(xs);
  if (xs.length < 2) return { mean: m, half: 0 };
  return { mean: m, half: tQuantile(0.975, xs.length - 1) * Math.sqrt(variance(xs) / xs.length) };
}
