import { RandomStream } from '@prodsim/core';
import { percentile } from '../stats/percentile.js';
import type { DistributionStatistic, Figure } from './distribution-statistics.js';
import { profileOf, type RatingsProfile } from './ratings-profile.js';
import type { Unit } from './sample-units.js';
import { UnitDraw } from './unit-draw.js';

export interface SizeMatchedOptions {
  seed: string;
  /** Random real samples, and pairs of them, per statistic (default 50). */
  resamples?: number;
  /** The percentile of the real-against-real distances reported as the band (default 0.95). */
  percentile?: number;
}

/** The statistics compared at an equal number of units; arrays are in the order of the statistics given. */
export interface SizeMatched {
  /** Units in every compared sample, simulated and real. */
  size: number;
  /** Units the simulated side has: more than `size` when it was subsampled too. */
  simulatedUnits: number;
  realUnits: number;
  /** Ratings in the simulated sample (the mean over its subsamples when it was subsampled). */
  simulatedRatings: number;
  /** The mean number of ratings in the real samples. */
  realRatings: number;
  /** Each statistic's figure of the simulated sample (the mean over its subsamples when it was subsampled). */
  simulated: Figure[];
  /** The mean figure of the real samples of that size. */
  real: Figure[];
  /** Mean over the real samples of distance(simulated, real sample). */
  distance: number[];
  /** The percentile of distance(real sample A, real sample B) over pairs of disjoint real samples. */
  band: number[];
}

/**
 * Compares the simulated units with the real ones at the same size. Figures such as Gini or the
 * share of movies rated once depend on how much data they are computed from, so the real side
 * is never taken whole: `resamples` seeded random samples of as many real units as the
 * simulated side has, the distance being the mean of distance(simulated, real sample); the band
 * is the 95th percentile of distance(A, B) over as many pairs of disjoint real samples of that
 * size (disjoint: they share no unit, so no rating). The size is capped at half the real units,
 * so that the pairs can always be disjoint; the simulated side, if larger, is then subsampled to
 * the same size too (its figure and distance are means over its subsamples). Each purpose has
 * its own seeded stream, so the band depends on the real data, the size and the seed only.
 */
export function compareAtEqualSize(
  simulated: readonly Unit[],
  real: readonly Unit[],
  statistics: readonly DistributionStatistic[],
  streamName: string,
  options: SizeMatchedOptions,
): SizeMatched {
  const resamples = options.resamples ?? 50;
  const size = Math.min(simulated.length, Math.floor(real.length / 2));
  const result: SizeMatched = {
    size,
    simulatedUnits: simulated.length,
    realUnits: real.length,
    simulatedRatings: 0,
    realRatings: NaN,
    simulated: [],
    real: [],
    distance: [],
    band: [],
  };
  if (size === 0 || resamples < 1) {
    const whole = profileOf(simulated.flat());
    result.simulatedRatings = whole.ratings;
    for (const stat of statistics) {
      result.simulated.push(stat.figure(whole));
      result.real.push(NaN);
      result.distance.push(NaN);
      result.band.push(NaN);
    }
    return result;
  }
  const stream = (purpose: string) => new RandomStream(`validation/distributions/${options.seed}/${streamName}/${purpose}`);
  const realDraw = new UnitDraw(real, stream('real'));
  const pairDraw = new UnitDraw(real, stream('band'));
  const simDraw = size < simulated.length ? new UnitDraw(simulated, stream('simulated')) : null;
  const whole = simDraw ? null : profileOf(simulated.flat());

  const distances = statistics.map(() => new Float64Array(resamples));
  const pairDistances = statistics.map(() => new Float64Array(resamples));
  const simFigures: Figure[][] = statistics.map(() => []);
  const realFigures: Figure[][] = statistics.map(() => []);
  const simRatings = new Float64Array(resamples);
  const realRatings = new Float64Array(resamples);
  for (let s = 0; s < resamples; s++) {
    const sim: RatingsProfile = whole ?? profileOf(simDraw!.sample(size));
    const data = profileOf(realDraw.sample(size));
    simRatings[s] = sim.ratings;
    realRatings[s] = data.ratings;
    const [a, b] = pairDraw.disjointPair(size).map(profileOf);
    statistics.forEach((stat, i) => {
      distances[i][s] = stat.distance(sim, data);
      pairDistances[i][s] = stat.distance(a, b);
      if (!whole) simFigures[i].push(stat.figure(sim));
      realFigures[i].push(stat.figure(data));
    });
  }
  statistics.forEach((stat, i) => {
    result.simulated.push(whole ? stat.figure(whole) : meanFigure(simFigures[i]));
    result.real.push(meanFigure(realFigures[i]));
    result.distance.push(finiteMean(distances[i]));
    result.band.push(percentile(pairDistances[i], options.percentile ?? 0.95));
  });
  result.simulatedRatings = finiteMean(simRatings);
  result.realRatings = finiteMean(realRatings);
  return result;
}

/** Mean of the finite values (NaN when there are none). */
function finiteMean(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      sum += values[i];
      n++;
    }
  }
  return n > 0 ? sum / n : NaN;
}

/** The mean figure of several samples: of the numbers, or element by element of the lists (undefined elements left out). */
function meanFigure(figures: readonly Figure[]): Figure {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  if (figures.length === 0) return NaN;
  const first = figures[0];
  if (!Array.isArray(first)) return round(finiteMean(figures as number[]));
  return first.map((_, j) => round(finiteMean((figures as number[][]).map((f) => f[j]))));
}
