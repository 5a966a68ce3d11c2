import { describe, expect, it } from 'vitest';
import { genreIndex } from '../genres.js';
import { compareFigures, formatComparison } from './fidelity-compare.js';
import { computeFigures, toStars } from './fidelity-figures.js';
import { gini, quantile, topShare } from './distribution.js';

describe('distribution figures', () => {
  it('Gini is 0 for equal values and (n-1)/n when one holds everything', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 10])).toBeCloseTo(0.75);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25);
  });

  it('quantiles and top shares', () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(topShare([1, 1, 1, 1, 1, 1, 1, 1, 1, 91], 0.1)).toBeCloseTo(0.91);
  });

  it('maps half stars and the 10-point scale onto 1-5 stars', () => {
    expect([0.5, 1, 1.5, 2, 3.5, 4.5, 5].map((v) => toStars(v, 5))).toEqual([1, 1, 2, 2, 4, 5, 5]);
    expect([1, 2, 3, 9, 10].map((v) => toStars(v, 10))).toEqual([1, 1, 2, 5, 5]);
  });
});

describe('fidelity figures and comparison', () => {
  const drama = 1 << genreIndex('Drama');
  const horror = 1 << genreIndex('Horror');
  // Users 0 and 1 rate three movies each; movie 0 is a drama, 1 and 2 horror.
  const sample = { count: 6, user: [0, 0, 0, 1, 1, 1], movie: [0, 1, 2, 0, 1, 0], stars: [5, 4, 3, 1, 2, 1], genreMask: [drama, horror, horror] };

  it('computes the histogram, per-user and per-movie counts, spreads and genre shares', () => {
    const f = computeFigures(sample);
    expect(f.histogram).toEqual([2 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6]);
    expect(f.meanRating).toBeCloseTo(16 / 6);
    expect(f.perUser.entities).toBe(2);
    expect(f.perMovie.entities).toBe(3);
    expect(f.perMovie.quantiles.p50).toBe(2);
    expect(f.perMovie.mean).toBe(2);
    expect(f.genreShares.Drama).toBeCloseTo(3 / 6);
    expect(f.genreShares.Horror).toBeCloseTo(3 / 6);
    // User means 4 and 4/3: raw sd 4/3; the noise correction takes the within-user spread off.
    expect(f.userMeanSdRaw).toBeCloseTo(4 / 3);
    expect(f.userMeanSd).toBeLessThan(f.userMeanSdRaw);
  });

  it('gates shape figures, not sizes, and reports the seed range', () => {
    const real = computeFigures(sample);
    const a = computeFigures({ ...sample, stars: [5, 4, 3, 1, 2, 2] });
    const b = computeFigures({ ...sample, stars: [5, 5, 3, 1, 2, 1] });
    const rows = compareFigures(real, [a, b]);
    const hist1 = rows.find((r) => r.figure === 'share of 1-star ratings')!;
    expect(hist1.gated).toBe(true);
    expect(hist1.min).toBeCloseTo(1 / 6);
    expect(hist1.max).toBeCloseTo(2 / 6);
    expect(hist1.simulated).toBeCloseTo(1.5 / 6);
    expect(hist1.within).toBe(false);
    expect(rows.find((r) => r.figure === 'ratings (context)')!.gated).toBe(false);
    expect(rows.find((r) => r.figure === 'ratings per user: Gini')!.within).toBe(true);
    expect(formatComparison(rows)).toMatch(/gated figures within 20%/);
  });
});
