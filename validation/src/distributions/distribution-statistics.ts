import { gini, topShare } from '@prodsim/domain-movies';
import { relativeCountsKs } from '../stats/ks-statistic.js';
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

/** Quantiles (p10, p25, p50, p75, p90, p99) of counts divided by their mean: the shape a KS distance compares. */
function relativeQuantiles(counts: readonly number[]): number[] {
  if (counts.length === 0) return [];
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const sorted = Float64Array.from(counts, (c) => c / mean).sort();
  return [0.1, 0.25, 0.5, 0.75, 0.9, 0.99].map((q) => round(sorted[Math.floor(q * (sorted.length - 1))]));
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
 * The statistics, in report order. Sizes differ (a month of simulated users against years of
 * real ones), so every statistic compares shapes: shares instead of counts, counts divided by
 * their mean before a KS distance, and concentration figures that do not grow with volume.
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
    label: 'ratings per item: quantiles of count / mean (p10, p25, p50, p75, p90, p99)',
    measure: 'KS distance on count / mean (continuity-corrected)',
    figure: (p) => relativeQuantiles(p.perItem),
    distance: (a, b) => relativeCountsKs(a.perItem, b.perItem),
  },
  {
    name: 'ratings-per-user-ks',
    label: 'ratings per user: quantiles of count / mean (p10, p25, p50, p75, p90, p99)',
    measure: 'KS distance on count / mean (continuity-corrected)',
    figure: (p) => relativeQuantiles(p.perUser),
    distance: (a, b) => relativeCountsKs(a.perUser, b.perUser),
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
