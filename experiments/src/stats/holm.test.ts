import { describe, expect, it } from 'vitest';
import { holm } from './holm.js';

describe('holm', () => {
  it('adjusts step-down and keeps the input order', () => {
    // Sorted: 0.005 x 4 = 0.02, 0.01 x 3 = 0.03, 0.03 x 2 = 0.06, 0.04 x 1 = 0.04 -> 0.06 (monotone).
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
    expect(adjusted[3]).toBeCloseTo(0.02, 12);
  });

  it('caps at 1, leaves a single test alone, and does not count tests that were not run', () => {
    expect(holm([0.5, 0.6])).toEqual([1, 1]);
    expect(holm([0.02])).toEqual([0.02]);
    const adjusted = holm([0.01, NaN, 0.02]);
    expect(adjusted[0]).toBeCloseTo(0.02, 12);
    expect(adjusted[1]).toBeNaN();
    expect(adjusted[2]).toBeCloseTo(0.02, 12);
    expect(holm([])).toEqual([]);
  });

  it('is never below the raw p, and never more than Bonferroni', () => {
    const ps = [0.001, 0.2, 0.013, 0.04, 0.3, 0.0004, 0.07];
    holm(ps).forEach((q, i) => {
      expect(q).toBeGreaterThanOrEqual(ps[i]);
      expect(q).toBeLessThanOrEqual(Math.min(1, ps[i] * ps.length) + 1e-15);
    });
  });
});
