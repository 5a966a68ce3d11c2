import { gini, topShare } from '@prodsim/domain-movies';
import { countsKs } from '../stats/ks-statistic.js';
import { shares, totalVariation } from '../stats/total-variation.js';
import type { RatingsProfile } from './ratings-profile.js';

/** A figure of one dataset: a number, or a short list of them (shares, quantiles, decile means). */
export type Figure = number | number[];

/** One statistic of the distributions tier: a figure per dataset and a distance between two datasets. */
export interface DistributionStatistic {
  /** Stable identifier (validation.json, tests). */
  name: string;
  label: string;
  /** What `distance` measures, in words. */
  measure: string;
  figure(p: RatingsProfile): Figure;
  distance(a: RatingsProfile, b: RatingsProfile): number;
}

/** Quantiles (p10, p25, p50, p75, p90, p99) of counts: what a KS distance on them compares. */
function countQuantiles(counts: readonly number[]): number[] {
  if (counts.length === 0) return [];
  const sorted = Float64Array.from(counts).sort();
  return [0.1, 0.25, 0.5, 0.75, 0.9, 0.99].map((q) => sorted[Math.floor(q * (sorted.length - 1))]);
}

/** Mean absolute difference over the deciles defined in both (NaN when none is). */
function meanAbsoluteDifference(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  let n = 0;
  a.forEach((x, i) => {
    if (Number.isFinite(x) && Number.isFinite(b[i])) {
      sum += Math.abs(x - b[i]);
      n++;
    }
  });
  return n > 0 ? sum / n : NaN;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * The statistics, in report order. Each is computed on samples of as many whole user-periods
 * on both sides (see size-matched.ts and sample-units.ts), because concentration figures and
 * count distributions change with the amount of data: 900 ratings over 800 movies leave most
 * movies rated once whatever the process that made them.
 */
export const DISTRIBUTION_STATISTICS: readonly DistributionStatistic[] = [
  {
    name: 'rating-histogram',
    label: 'rating histogram (share of 1-5 stars)',
    measure: 'total-variation distance',
    figure: (p) => shares(p.histogram).map(round),
    distance: (a, b) => totalVariation(a.histogram, b.histogram),
  },
  {
    name: 'ratings-per-item-gini',
    label: 'ratings per item: Gini',
    measure: 'absolute difference',
    figure: (p) => round(gini(p.perItem)),
    distance: (a, b) => Math.abs(gini(a.perItem) - gini(b.perItem)),
  },
  {
    name: 'ratings-per-item-top10',
    label: 'ratings per item: share on the top 10% of items',
    measure: 'absolute difference',
    figure: (p) => round(topShare(p.perItem, 0.1)),
    distance: (a, b) => Math.abs(topShare(a.perItem, 0.1) - topShare(b.perItem, 0.1)),
  },
  {
    name: 'ratings-per-item-ks',
    label: 'ratings per rated item: quantiles of the count (p10, p25, p50, p75, p90, p99)',
    measure: 'KS distance on counts (continuity-corrected)',
    figure: (p) => countQuantiles(p.perItem),
    distance: (a, b) => countsKs(a.perItem, b.perItem),
  },
  {
    name: 'ratings-per-user-ks',
    label: 'ratings per active user in a period as long as the simulated one: quantiles (p10, p25, p50, p75, p90, p99)',
    measure: 'KS distance on counts (continuity-corrected)',
    figure: (p) => countQuantiles(p.perUser),
    distance: (a, b) => countsKs(a.perUser, b.perUser),
  },
  {
    name: 'mean-rating-by-popularity-decile',
    label: 'mean stars by item-popularity decile (least rated tenth first)',
    measure: 'mean absolute difference over deciles (stars)',
    figure: (p) => p.decileMeans.map(round),
    distance: (a, b) => meanAbsoluteDifference(a.decileMeans, b.decileMeans),
  },
  {
    name: 'hour-of-day',
    label: 'hour of day of ratings (UTC shares)',
    measure: 'total-variation distance',
    figure: (p) => shares(p.hours).map(round),
    distance: (a, b) => totalVariation(a.hours, b.hours),
  },
];
