import { toStars, type MovieLensData } from '@prodsim/domain-movies';
import { DISTRIBUTION_STATISTICS, type Figure } from './distribution-statistics.js';
import { realBands, type BandOptions } from './real-band.js';
import { profileOf, type RatingRecord } from './ratings-profile.js';

/** One statistic, simulated against real, beside the real-against-real band. */
export interface DistributionRow {
  name: string;
  label: string;
  measure: string;
  simulated: Figure;
  real: Figure;
  distance: number;
  /** 95th percentile of the same distance between two random halves of the real users. */
  realBand: number;
  /** The target: the distance is at most twice its band. */
  withinTarget: boolean;
}

/** A MovieLens release's ratings as records: half stars rounded up to 1-5 stars (as the stream's), hour of the timestamp in UTC. */
export function movieLensRecords(data: MovieLensData): RatingRecord[] {
  const r = data.ratings;
  const out: RatingRecord[] = new Array(r.count);
  for (let i = 0; i < r.count; i++) out[i] = { user: r.user[i], movie: r.movie[i], stars: toStars(r.value[i], 5), hour: Math.floor(r.time[i] / 3600) % 24 };
  return out;
}

/**
 * The distributions tier: the simulated ratings (as a stream consumer parses them) against a
 * real dataset's, statistic by statistic, each distance beside its real-against-real band.
 */
export function compareDistributions(simulated: readonly RatingRecord[], real: readonly RatingRecord[], options: BandOptions): DistributionRow[] {
  const sim = profileOf(simulated);
  const data = profileOf(real);
  const bands = realBands(real, DISTRIBUTION_STATISTICS, options);
  return DISTRIBUTION_STATISTICS.map((stat, i) => {
    const distance = stat.distance(sim, data);
    return {
      name: stat.name,
      label: stat.label,
      measure: stat.measure,
      simulated: stat.figure(sim),
      real: stat.figure(data),
      distance,
      realBand: bands[i],
      withinTarget: distance <= 2 * bands[i],
    };
  });
}
