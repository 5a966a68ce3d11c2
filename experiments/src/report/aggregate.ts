import type { DayMetrics } from '../recorder/day-metrics.js';
import { mean, variance } from '../stats/compare.js';
import { tQuantile } from '../stats/student-t.js';

/** A metric's value in a row, or NaN when missing (metrics.jsonl stores NaN as null). */
export type Accessor = (row: DayMetrics) => unknown;

export function finite(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : NaN;
}

/** One simulated day of one arm: mean over replications, 95% half-width, replications counted. */
export interface BandPoint {
  day: number;
  mean: number;
  /** 0 with fewer than two replications that day: no band. */
  half: number;
  n: number;
}

const quantiles = new Map<number, number>();

/**
 * Mean and 95% t half-width, the same numbers as stats' meanWithBand; the t quantile is memoised
 * per sample size, because a long experiment asks for the same few quantiles a hundred thousand
 * times and each one is a bisection over the incomplete beta function.
 */
export function band(xs: readonly number[]): { mean: number; half: number } {
  const m = mean(xs);
  if (xs.length < 2) return { mean: m, half: 0 };
  let q = quantiles.get(xs.length);
  if (q === undefined) quantiles.set(xs.length, (q = tQuantile(0.975, xs.length - 1)));
  return { mean: m, half: q * Math.sqrt(variance(xs) / xs.length) };
}

/** The rows of each arm, in the given arm order, keeping arms that appear only in rows (last). */
export function rowsByArm(rows: readonly DayMetrics[], arms: readonly string[]): Map<string, DayMetrics[]> {
  const byArm = new Map<string, DayMetrics[]>(arms.map((a) => [String(a), []]));
  for (const row of rows) {
    const arm = String(row.arm);
    let list = byArm.get(arm);
    if (!list) byArm.set(arm, (list = []));
    list.push(row);
  }
  return byArm;
}

/** Per day, the mean of the replications' finite values and its 95% t band (NaN values skipped). */
export function dailyBands(rows: readonly DayMetrics[], value: Accessor): BandPoint[] {
  const byDay = new Map<number, number[]>();
  for (const row of rows) {
    const day = finite(row.day);
    if (Number.isNaN(day)) continue;
    let xs = byDay.get(day);
    if (!xs) byDay.set(day, (xs = []));
    const v = finite(value(row));
    if (!Number.isNaN(v)) xs.push(v);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, xs]) => {
      if (xs.length === 0) return { day, mean: NaN, half: 0, n: 0 };
      const { mean, half } = band(xs);
      return { day, mean, half: Number.isFinite(half) ? half : 0, n: xs.length };
    });
}

/** The inclusive day range whose mean per replication is its final value. */
export function finalPeriod(rows: readonly DayMetrics[], finalDays: number): { from: number; to: number } | undefined {
  let last = -Infinity;
  for (const row of rows) if (finite(row.day) > last) last = finite(row.day);
  if (!Number.isFinite(last)) return undefined;
  return { from: last - Math.max(1, Math.floor(finalDays)) + 1, to: last };
}

/**
 * Each replication's final value: the mean of its finite values over the final period, in
 * replication order; replications with no finite value there are left out.
 */
export function finalValues(rows: readonly DayMetrics[], value: Accessor, period: { from: number; to: number }): number[] {
  const byReplication = new Map<number, { sum: number; n: number }>();
  for (const row of rows) {
    const day = finite(row.day);
    if (!(day >= period.from && day <= period.to)) continue;
    const v = finite(value(row));
    const rep = finite(row.replication);
    let acc = byReplication.get(rep);
    if (!acc) byReplication.set(rep, (acc = { sum: 0, n: 0 }));
    if (!Number.isNaN(v)) {
      acc.sum += v;
      acc.n++;
    }
  }
  return [...byReplication.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, acc]) => acc.n > 0)
    .map(([, acc]) => acc.sum / acc.n);
}

/** User groups present in the rows' `groups`, in first-seen order. */
export function groupNames(rows: readonly DayMetrics[]): string[] {
  const names = new Set<string>();
  for (const row of rows) {
    if (row.groups && typeof row.groups === 'object') for (const name of Object.keys(row.groups)) names.add(name);
  }
  return [...names];
}
