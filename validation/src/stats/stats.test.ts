import { describe, expect, it } from 'vitest';
import { kendallTau } from './kendall-tau.js';
import { countsKs, relativeCountsKs } from './ks-statistic.js';
import { percentile } from './percentile.js';
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
  it('KS on relative counts spreads each count over [c - 1/2, c + 1/2] before dividing by the mean', () => {
    expect(relativeCountsKs([1, 2, 2, 7], [7, 2, 1, 2])).toBe(0);
    // [1] is spread over [0.5, 1.5]; [2] (mean 2) over [0.75, 1.25]: at 0.75 the CDFs are 0.25 and 0.
    expect(relativeCountsKs([1], [2])).toBeCloseTo(0.25, 12);
    // [1, 3] (mean 2) puts half its mass on [0.25, 0.75], [2, 2] none: the gap is 0.5.
    expect(relativeCountsKs([1, 3], [2, 2])).toBeCloseTo(0.5, 12);
    expect(relativeCountsKs([], [1])).toBeNaN();
  });

  it('compares shapes, not scale: the same shape at 37 times the counts is close, another shape is far', () => {
    const month = [1, 1, 1, 2, 2, 3, 5, 8, 13, 40];
    const years = month.map((c) => c * 37);
    const flat = [9, 9, 10, 10, 10, 10, 11, 11, 12, 12];
    // Not 0: a count of 1 is spread over [0.5, 1.5], a count of 37 over a much narrower share of itself.
    expect(relativeCountsKs(month, years)).toBeLessThan(0.2);
    expect(relativeCountsKs(month, flat)).toBeGreaterThan(0.5);
  });

  it('KS on counts compares them as they are, with the same continuity correction', () => {
    expect(countsKs([1, 2, 2, 7], [7, 2, 1, 2])).toBe(0);
    // [1] on [0.5, 1.5], [2] on [1.5, 2.5]: disjoint, the whole mass apart.
    expect(countsKs([1], [2])).toBe(1);
    // [1, 1, 2, 2] against [1, 1, 1, 2]: the CDFs differ by a quarter at 1.5.
    expect(countsKs([1, 1, 2, 2], [1, 1, 1, 2])).toBeCloseTo(0.25, 12);
    // Scale is part of it now: the same shape at ten times the counts is far.
    const month = [1, 1, 2, 3, 5, 8];
    expect(
      relativeCountsKs(
        month,
        month.map((c) => 10 * c),
      ),
    ).toBeLessThan(0.2);
    expect(
      countsKs(
        month,
        month.map((c) => 10 * c),
      ),
    ).toBeGreaterThan(0.6);
    expect(countsKs([], [1])).toBeNaN();
  });

  it('the percentile is nearest-rank over the finite values', () => {
    const values = [5, 1, NaN, 4, 2, 3, Infinity];
    expect(percentile(values, 0.95)).toBe(5);
    expect(percentile(values, 0.5)).toBe(3);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([NaN], 0.5)).toBeNaN();
  });

  it('total variation is half the L1 distance of the shares', () => {
    expect(totalVariation([1, 1], [5, 5])).toBe(0);
    expect(totalVariation([1, 0], [0, 3])).toBe(1);
    expect(totalVariation([2, 1, 1], [1, 1, 2])).toBeCloseTo(0.25, 12);
    expect(() => totalVariation([1], [1, 2])).toThrow(RangeError);
  });
});
