import { describe, expect, it } from 'vitest';
import { welch } from './compare.js';
import { pairedT } from './paired-t.js';
import { tOneSidedP } from './student-t.js';

describe('paired t-test', () => {
  // Differences 1..5: mean 3, sd sqrt(2.5), t = 3 / sqrt(0.5) = 4.2426 on 4 df. With 4 df the
  // t CDF has a closed form, F(t) = 1/2 + 3/8 * u * (1 - u^2 / 12) with u = t / sqrt(1 + t^2 / 4),
  // so the two-sided p is 2 * (1 - F(4.2426)) = 0.013232; t(0.975, 4) = 2.7764.
  const a = [11, 22, 33, 44, 55];
  const b = [10, 20, 30, 40, 50];

  it('tests the mean of per-replication differences', () => {
    const r = pairedT(a, b);
    expect(r.difference).toBe(3);
    expect(r.df).toBe(4);
    expect(r.t).toBeCloseTo(4.2426, 4);
    expect(r.p).toBeCloseTo(0.013232, 5);
    // 95% CI: 3 +- 2.7764 * sqrt(0.5)
    expect(r.ci95[0]).toBeCloseTo(3 - 2.7764 * Math.SQRT1_2, 3);
    expect(r.ci95[1]).toBeCloseTo(3 + 2.7764 * Math.SQRT1_2, 3);
  });

  it('is far more sensitive than Welch when the worlds vary more than the arms differ', () => {
    expect(welch(a, b).p).toBeGreaterThan(0.5);
    expect(pairedT(a, b).p).toBeLessThan(0.05);
  });

  it('refuses unequal lengths and handles constant differences', () => {
    expect(() => pairedT([1, 2], [1])).toThrow(/equal lengths/);
    expect(pairedT([2, 3], [1, 2])).toMatchObject({ difference: 1, p: 0, t: Infinity });
    expect(pairedT([2, 3], [2, 3])).toMatchObject({ difference: 0, p: 1 });
  });

  it('gives one-sided p values in either direction', () => {
    expect(tOneSidedP(4.2426, 4, 'greater')).toBeCloseTo(0.013232 / 2, 5);
    expect(tOneSidedP(4.2426, 4, 'less')).toBeCloseTo(1 - 0.013232 / 2, 5);
    expect(tOneSidedP(-4.2426, 4, 'less')).toBeCloseTo(0.013232 / 2, 5);
    expect(tOneSidedP(Infinity, 4, 'greater')).toBe(0);
    expect(tOneSidedP(0, 4, 'greater')).toBeCloseTo(0.5, 10);
  });
});
