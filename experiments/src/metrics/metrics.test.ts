import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { bootstrapDifference, meanWithBand, welch } from '../stats/compare.js';
import { incompleteBeta, tQuantile, tTwoSidedP } from '../stats/student-t.js';
import { coverage, gini, topShare } from './concentration.js';
import { intraListDiversity, jaccard, meanPairwiseJaccard } from './overlap.js';

describe('concentration metrics on hand-computed cases', () => {
  it('gini', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 10])).toBeCloseTo(0.75); // (n-1)/n for one item taking all
    // [1,2,3,4]: 2*(1+4+9+16)/(4*10) - 5/4 = 1.5 - 1.25
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25);
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });

  it('top-k share and coverage', () => {
    expect(topShare([1, 1, 1, 1, 1, 1, 1, 1, 1, 11], 0.1)).toBeCloseTo(11 / 20);
    expect(topShare([3, 1], 0.5)).toBeCloseTo(0.75);
    expect(coverage([0, 2, 0, 1])).toBe(0.5);
    expect(coverage([0, 2], 10)).toBe(0.1);
  });
});

describe('overlap metrics on hand-computed cases', () => {
  it('jaccard', () => {
    expect(jaccard(new Set([1, 2, 3]), new Set([2, 3, 4]))).toBeCloseTo(0.5);
    expect(jaccard(new Set([1]), new Set([2]))).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(1);
  });

  it('mean pairwise jaccard: exact over all pairs when few, a seeded sample when many', () => {
    const sets = [new Set([1, 2]), new Set([2, 3]), new Set([1, 2])];
    // pairs: (0,1) 1/3, (0,2) 1, (1,2) 1/3
    expect(meanPairwiseJaccard(sets, new RandomStream('x'))).toBeCloseTo(5 / 9);
    const many = Array.from({ length: 500 }, (_, i) => new Set([i % 2]));
    const sampled = meanPairwiseJaccard(many, new RandomStream('y'), 1000);
    expect(sampled).toBeGreaterThan(0.4);
    expect(sampled).toBeLessThan(0.6);
    expect(meanPairwiseJaccard(many, new RandomStream('y'), 1000)).toBe(sampled);
  });

  it('mean pairwise jaccard equals the mean of jaccard over the pairs, to the bit, small items or large', () => {
    const rng = new RandomStream('jaccard-sets');
    for (const span of [300, 100_000]) {
      const sets = Array.from({ length: 40 }, (_, i) => new Set(Array.from({ length: i % 7 === 0 ? 0 : 1 + rng.int(60) }, () => rng.int(span))));
      let sum = 0;
      for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) sum += jaccard(sets[i], sets[j]);
      expect(meanPairwiseJaccard(sets, new RandomStream('unused'))).toBe(sum / ((sets.length * (sets.length - 1)) / 2));
    }
  });

  it('intra-list diversity', () => {
    const d = (a: number, b: number) => Math.abs(a - b) / 10;
    // pairs of [0, 5, 10]: 0.5, 1, 0.5
    expect(intraListDiversity([0, 5, 10], d)).toBeCloseTo(2 / 3);
    expect(intraListDiversity([3], d)).toBeNaN();
  });
});

describe('statistics', () => {
  it('t distribution matches known values', () => {
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 10);
    expect(tTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 3); // t_{0.975,10} = 2.228
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.96, 2);
  });

  it("Welch's test: a clear difference is significant, equal samples are not", () => {
    const a = [10.1, 9.8, 10.3, 10.0, 9.9];
    const b = [12.0, 12.4, 11.8, 12.1, 12.2];
    const r = welch(a, b);
    expect(r.difference).toBeCloseTo(-2.08, 2);
    expect(r.p).toBeLessThan(0.001);
    expect(r.ci95[0]).toBeLessThan(r.difference);
    expect(r.ci95[1]).toBeGreaterThan(r.difference);
    expect(r.ci95[1]).toBeLessThan(0);
    expect(welch(a, [...a]).p).toBeCloseTo(1, 6);
  });

  it('bootstrap interval brackets the true difference and is seeded', () => {
    const rng = new RandomStream('data');
    const a = Array.from({ length: 40 }, () => rng.normal(1, 1));
    const b = Array.from({ length: 40 }, () => rng.normal(0, 1));
    const ci = bootstrapDifference(a, b, new RandomStream('boot'));
    expect(ci[0]).toBeLessThan(1);
    expect(ci[1]).toBeGreaterThan(1);
    expect(bootstrapDifference(a, b, new RandomStream('boot'))).toEqual(ci);
    const band = meanWithBand([1, 2, 3]);
    expect(band.mean).toBe(2);
    expect(band.half).toBeCloseTo(4.303 * Math.sqrt(1 / 3), 2);
  });
});
