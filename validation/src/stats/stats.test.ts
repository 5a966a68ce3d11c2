import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holm.js';
import { kendallTau } from './kendall-tau.js';
import { ksStatistic, logRelativeCounts } from './ks-statistic.js';
import { pairedTest } from './paired-test.js';
import { totalVariation } from './total-variation.js';

describe("Kendall's tau", () => {
  it('is 1 for the same order, -1 for the reverse, and counts discordant pairs in between', () => {
    expect(kendallTau([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(kendallTau([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    // One swap of adjacent items out of 4: 5 concordant, 1 discordant of 6 pairs.
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 12);
  });

  it('is tau-b with ties (they count for neither side) and NaN when one side ties everything', () => {
    // x: 1,1,2  y: 1,2,3 -> pairs (0,1) tie in x; (0,2),(1,2) concordant: 2 / sqrt(2 * 3).
    expect(kendallTau([1, 1, 2], [1, 2, 3])).toBeCloseTo(2 / Math.sqrt(6), 12);
    expect(kendallTau([5, 5, 5], [1, 2, 3])).toBeNaN();
    expect(() => kendallTau([1, 2], [1])).toThrow(RangeError);
  });
});

describe('distances between distributions', () => {
  it('KS is the largest gap between the empirical CDFs', () => {
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksStatistic([1, 2], [3, 4])).toBe(1);
    // CDFs at 1: 1/2 vs 0; at 2: 1 vs 1/3; at 3: 1 vs 2/3... the largest gap is 2/3 at x = 2.
    expect(ksStatistic([1, 2], [2, 3, 4])).toBeCloseTo(2 / 3, 12);
    // Ties across samples step together: the same values in other proportions.
    expect(ksStatistic([1, 1, 2, 2], [1, 2, 2, 2])).toBeCloseTo(0.25, 12);
  });

  it('compares shapes, not scale, once counts are divided by their mean', () => {
    const month = [1, 1, 2, 4, 12];
    const years = month.map((c) => c * 37);
    expect(ksStatistic(logRelativeCounts(month), logRelativeCounts(years))).toBe(0);
    expect(ksStatistic(month, years)).toBeGreaterThan(0.5);
  });

  it('total variation is half the L1 distance of the shares', () => {
    expect(totalVariation([1, 1], [5, 5])).toBe(0);
    expect(totalVariation([1, 0], [0, 3])).toBe(1);
    expect(totalVariation([2, 1, 1], [1, 1, 2])).toBeCloseTo(0.25, 12);
    expect(() => totalVariation([1], [1, 2])).toThrow(RangeError);
  });
});

describe('tests over replications', () => {
  it("Holm multiplies the i-th smallest p by (m - i), keeps the order monotone and caps at 1", () => {
    expect(holmAdjust([0.01, 0.04, 0.03, 0.5])).toEqual([0.04, 0.09, 0.09, 0.5]);
    expect(holmAdjust([0.4, 0.3])).toEqual([0.6, 0.6]);
    expect(holmAdjust([0.9, 0.001])).toEqual([0.9, 0.002]);
    const withNaN = holmAdjust([NaN, 0.01]);
    expect(withNaN[0]).toBeNaN();
    expect(withNaN[1]).toBe(0.02);
  });

  it('the paired test is the one-sample t-test of the differences', () => {
    // Differences 1, 2, 3: mean 2, sd 1, t = 2 / (1 / sqrt 3) = 3.4641 on 2 df, two-sided p = 0.0742.
    const r = pairedTest([11, 12, 13], [10, 10, 10]);
    expect(r.difference).toBeCloseTo(2, 12);
    expect(r.t).toBeCloseTo(2 * Math.sqrt(3), 9);
    expect(r.df).toBe(2);
    expect(r.p).toBeCloseTo(0.0742, 3);
    // Shifting both arms by the same per-replication amount changes nothing: that is the pairing.
    expect(pairedTest([111, 2, 53], [110, 0, 50]).p).toBeCloseTo(r.p, 12);
    expect(pairedTest([1], [0]).p).toBeNaN();
  });
});
