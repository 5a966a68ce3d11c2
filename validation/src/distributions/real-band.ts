import { RandomStream } from '@prodsim/core';
import type { DistributionStatistic } from './distribution-statistics.js';
import { profileOf, type RatingRecord } from './ratings-profile.js';

export interface BandOptions {
  seed: string;
  /** Random halvings of the real users (default 50). */
  resamples?: number;
  /** The percentile of the half-against-half distances reported as the band (default 0.95). */
  percentile?: number;
}

/**
 * The real-against-real band of each statistic: split the real users at random into two
 * halves, measure the same distance between the halves, repeat (seeded), and take the 95th
 * percentile. A simulated distance near its band is as close to the data as the data is to
 * itself; the yardstick each distance is read against.
 */
export function realBands(records: readonly RatingRecord[], statistics: readonly DistributionStatistic[], options: BandOptions): number[] {
  const resamples = options.resamples ?? 50;
  const rng = new RandomStream(`validation/real-band/${options.seed}`);
  const users = [...new Set(records.map((r) => r.user))].sort((a, b) => a - b);
  const distances = statistics.map(() => new Float64Array(resamples));
  for (let s = 0; s < resamples; s++) {
    const order = rng.shuffle([...users]);
    const inFirst = new Set(order.slice(0, Math.floor(order.length / 2)));
    const a = profileOf(records.filter((r) => inFirst.has(r.user)));
    const b = profileOf(records.filter((r) => !inFirst.has(r.user)));
    statistics.forEach((stat, i) => (distances[i][s] = stat.distance(a, b)));
  }
  return distances.map((d) => percentile(d, options.percentile ?? 0.95));
}

/** Nearest-rank percentile of the finite values (NaN when there are none). */
export function percentile(values: ArrayLike<number>, q: number): number {
  const finite = Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();
  if (finite.length === 0) return NaN;
  return finite[Math.min(finite.length - 1, Math.max(0, Math.ceil(q * finite.length) - 1))];
}
