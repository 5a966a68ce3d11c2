import { describe, expect, it } from 'vitest';
import { interactionSpread, rankBandLabels, rankBandShares, sortedHistogramArea } from './consumption-histogram.js';

/** numpy.trapz(sorted(counts, reverse=True), dx=1), written out as T-RECS computes it. */
function trapzSorted(counts: number[]): number {
  const h = [...counts].sort((a, b) => b - a);
  let area = 0;
  for (let i = 1; i < h.length; i++) area += (h[i - 1] + h[i]) / 2;
  return area;
}

describe('consumption histogram', () => {
  it('computes the sorted-histogram area as the trapezoidal rule over the sorted counts', () => {
    for (const counts of [[3, 0, 5, 1, 1], [0, 0, 0], [7], [2, 2, 2, 2], [0, 9, 0, 4, 0, 0, 1]]) {
      expect(sortedHistogramArea(counts)).toBeCloseTo(trapzSorted(counts), 12);
    }
  });

  it('gives interaction spread as yesterday minus today, NaN without a yesterday', () => {
    const monday = [5, 5, 0, 0];
    const tuesday = [10, 0, 0, 0];
    expect(interactionSpread(NaN, sortedHistogramArea(monday))).toBeNaN();
    // Same volume, more concentrated: the area shrinks, so the spread is positive.
    expect(interactionSpread(sortedHistogramArea(monday), sortedHistogramArea(tuesday))).toBeCloseTo(trapzSorted(monday) - trapzSorted(tuesday), 12);
    expect(trapzSorted(monday) - trapzSorted(tuesday)).toBeGreaterThan(0);
  });

  it('splits the day into shares by doubling rank bands that sum to one', () => {
    // Ranks: 8 (item 2), 4, 2, 1, 1, then zeros: bands 1 | 2-3 | 4-7 | 8-15.
    const counts = [1, 4, 8, 0, 2, 1, 0, 0, 0, 0];
    const shares = rankBandShares(counts);
    expect(shares).toHaveLength(4); // ceil(log2(11)) bands cover 10 items
    expect(shares[0]).toBeCloseTo(8 / 16);
    expect(shares[1]).toBeCloseTo(6 / 16);
    expect(shares[2]).toBeCloseTo(2 / 16);
    expect(shares[3]).toBe(0);
    expect(rankBandLabels(4)).toEqual(['1', '2-3', '4-7', '8-15']);
    expect(rankBandShares([0, 0, 0])).toEqual([]);
  });
});
