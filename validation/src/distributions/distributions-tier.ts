import { toStars, type MovieLensData } from '@prodsim/domain-movies';
import { DISTRIBUTION_STATISTICS, type Figure } from './distribution-statistics.js';
import { profileOf, type RatingRecord, type RatingsProfile, type TimedRatingRecord } from './ratings-profile.js';
import { ratingUnits, userPeriodUnits, userUnits, type SampleUnit, type Unit } from './sample-units.js';
import { compareAtEqualSize, type SizeMatched, type SizeMatchedOptions } from './size-matched.js';

/** One statistic, simulated against real at the same size, beside the real-against-real band. */
export interface DistributionRow {
  name: string;
  label: string;
  measure: string;
  /** Of the simulated sample (the mean over its subsamples, when it was larger than half the real data). */
  simulated: Figure;
  /** The mean over the real samples of the same size as the simulated one. */
  real: Figure;
  /** Mean over the real samples of distance(simulated, real sample). */
  distance: number;
  /** 95th percentile of the same distance between two disjoint real samples of that size. */
  realBand: number;
  /** The target: the distance is at most twice its band. */
  withinTarget: boolean;
  /** What the samples are counted in: `ratings` or `user-periods` (a user's ratings in one period as long as the simulated one). */
  unit: SampleUnit;
  /** Units in every compared sample. */
  sampleSize: number;
  /** How distance and band were computed, in words. */
  method: string;
  /** The figure of all the real data (all ratings, or all user-periods): not size-matched, for reference only. */
  realAll: Figure;
}

export interface DistributionOptions extends SizeMatchedOptions {
  /** The length of the simulated period: real ratings per user are counted in windows this long. */
  periodDays: number;
}

/** A MovieLens release's ratings as records: half stars rounded up to 1-5 stars (as the stream's), hour of the timestamp in UTC, the timestamp. */
export function movieLensRecords(data: MovieLensData): TimedRatingRecord[] {
  const r = data.ratings;
  const out: TimedRatingRecord[] = new Array(r.count);
  for (let i = 0; i < r.count; i++)
    out[i] = { user: r.user[i], movie: r.movie[i], stars: toStars(r.value[i], 5), hour: Math.floor(r.time[i] / 3600) % 24, time: r.time[i] };
  return out;
}

/**
 * The distributions tier: the simulated ratings (as a stream consumer parses them) against a
 * real dataset's, statistic by statistic, each at the same sample size on both sides and each
 * distance beside its real-against-real band at that size (see size-matched.ts).
 */
export function compareDistributions(simulated: readonly RatingRecord[], real: readonly TimedRatingRecord[], options: DistributionOptions): DistributionRow[] {
  const pools: Record<SampleUnit, { simulated: Unit[]; real: Unit[] }> = {
    ratings: { simulated: ratingUnits(simulated), real: ratingUnits(real) },
    'user-periods': { simulated: userUnits(simulated), real: userPeriodUnits(real, options.periodDays, options.seed) },
  };
  const results = new Map<SampleUnit, SizeMatched>();
  const whole = new Map<SampleUnit, RatingsProfile>();
  for (const unit of Object.keys(pools) as SampleUnit[]) {
    const statistics = DISTRIBUTION_STATISTICS.filter((s) => s.unit === unit);
    results.set(unit, compareAtEqualSize(pools[unit].simulated, pools[unit].real, statistics, unit, options));
    whole.set(unit, profileOf(pools[unit].real.flat()));
  }
  return DISTRIBUTION_STATISTICS.map((stat) => {
    const result = results.get(stat.unit)!;
    const i = DISTRIBUTION_STATISTICS.filter((s) => s.unit === stat.unit).indexOf(stat);
    const distance = result.distance[i];
    return {
      name: stat.name,
      label: stat.label,
      measure: stat.measure,
      simulated: result.simulated[i],
      real: result.real[i],
      distance,
      realBand: result.band[i],
      withinTarget: distance <= 2 * result.band[i],
      unit: stat.unit,
      sampleSize: result.size,
      method: methodText(stat.unit, result, options),
      realAll: stat.figure(whole.get(stat.unit)!),
    };
  });
}

/** The method of one row in words, with its sizes: validation.json is read without the code. */
function methodText(unit: SampleUnit, r: SizeMatched, options: DistributionOptions): string {
  const resamples = options.resamples ?? 50;
  const pct = Math.round((options.percentile ?? 0.95) * 100);
  const what = unit === 'ratings' ? 'ratings' : `user-periods (a user's ratings in one ${options.periodDays}-day window of the real time line)`;
  if (r.size === 0) return `no comparison: the simulated side has ${r.simulatedUnits} and the real side ${r.realUnits} ${unit}`;
  const simulated =
    r.size < r.simulatedUnits
      ? `the simulated side (${r.simulatedUnits} ${unit}) is larger than half the real data, so each of ${resamples} seeded samples of ${r.size} simulated ${unit} against a random sample of ${r.size} of the ${r.realUnits} real ${what}`
      : `the simulated ${r.size} ${unit} against each of ${resamples} seeded random samples of ${r.size} of the ${r.realUnits} real ${what}`;
  return `size-matched: mean distance of ${simulated}; band: ${pct}th percentile of the distance between two disjoint random samples of ${r.size} real ${unit}, over ${resamples} pairs`;
}
