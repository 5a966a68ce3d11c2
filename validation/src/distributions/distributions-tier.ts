import { toStars, type MovieLensData } from '@prodsim/domain-movies';
import { DISTRIBUTION_STATISTICS, type Figure } from './distribution-statistics.js';
import { profileOf, type RatingRecord, type TimedRatingRecord } from './ratings-profile.js';
import { userPeriodUnits, userUnits } from './sample-units.js';
import { compareAtEqualSize, type SizeMatched, type SizeMatchedOptions } from './size-matched.js';

/** One statistic, simulated against real at the same number of user-periods, beside the real-against-real band. */
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
  /** User-periods in every compared sample (a user's ratings in one period as long as the simulated one; a simulated user is one). */
  sampleSize: number;
  /** Ratings in the compared simulated sample (the mean over its subsamples, when it was subsampled). */
  simulatedRatings: number;
  /** The mean number of ratings in the real samples of `sampleSize` user-periods. */
  realRatings: number;
  /** How distance and band were computed, in words. */
  method: string;
  /** The figure of all the real data (all its user-periods): not size-matched, for reference only. */
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
 * real dataset's, every statistic on samples of as many whole user-periods on both sides (each
 * simulated user is one; the real time line is cut into windows of the simulated length), each
 * distance beside its real-against-real band at that size (see size-matched.ts). Whole
 * user-periods because ratings come in users' bursts: the band is then how much two sets of
 * real users' months differ (the halves of the users), not how much two samples of
 * independent ratings do, which is far less. And an equal number of active user-periods makes
 * the ratings per active user part of what is compared: a world whose users rate too little
 * has too few ratings per movie at that size.
 */
export function compareDistributions(simulated: readonly RatingRecord[], real: readonly TimedRatingRecord[], options: DistributionOptions): DistributionRow[] {
  const realUnits = userPeriodUnits(real, options.periodDays, options.seed);
  const result = compareAtEqualSize(userUnits(simulated), realUnits, DISTRIBUTION_STATISTICS, 'user-periods', options);
  const whole = profileOf(realUnits.flat());
  const method = methodText(result, options);
  return DISTRIBUTION_STATISTICS.map((stat, i) => ({
    name: stat.name,
    label: stat.label,
    measure: stat.measure,
    simulated: result.simulated[i],
    real: result.real[i],
    distance: result.distance[i],
    realBand: result.band[i],
    withinTarget: result.distance[i] <= 2 * result.band[i],
    sampleSize: result.size,
    simulatedRatings: round(result.simulatedRatings),
    realRatings: round(result.realRatings),
    method,
    realAll: stat.figure(whole),
  }));
}

const round = (x: number) => Math.round(x * 10) / 10;

/** The method of a row in words, with its sizes: validation.json is read without the code. */
function methodText(r: SizeMatched, options: DistributionOptions): string {
  const resamples = options.resamples ?? 50;
  const pct = Math.round((options.percentile ?? 0.95) * 100);
  const what = `user-periods (a user's ratings in one ${options.periodDays}-day window of the real time line)`;
  if (r.size === 0) return `no comparison: the simulated side has ${r.simulatedUnits} and the real side ${r.realUnits} user-periods`;
  const simulated =
    r.size < r.simulatedUnits
      ? `the simulated side (${r.simulatedUnits} active users) is larger than half the real data, so each of ${resamples} seeded samples of ${r.size} simulated users against a random sample of ${r.size} of the ${r.realUnits} real ${what}`
      : `the ${r.size} active simulated users against each of ${resamples} seeded random samples of ${r.size} of the ${r.realUnits} real ${what}`;
  return `size-matched in whole user-periods: mean distance of ${simulated}; band: ${pct}th percentile of the distance between two disjoint random samples of ${r.size} real user-periods, over ${resamples} pairs`;
}
