import { describe, expect, it } from 'vitest';
import type { DayMetrics } from '../recorder/day-metrics.js';
import { meanWithBand } from '../stats/compare.js';
import { band, dailyBands, finalPeriod, finalValues, rowsByArm } from './aggregate.js';

const row = (replication: number, day: number, arm: string, uptake: unknown) => ({ replication, day, arm, uptake }) as unknown as DayMetrics;

describe('report aggregation', () => {
  it('gives the same bands as the stats module, with the quantile memoised', () => {
    for (const xs of [[1], [1, 2], [3, 1, 4, 1, 5], [2.5, 2.5, 2.5], Array.from({ length: 30 }, (_, i) => (i * 7) % 11)]) {
      expect(band(xs)).toEqual(meanWithBand(xs));
      expect(band(xs)).toEqual(meanWithBand(xs));
    }
  });

  it('averages replications per day, skipping missing values and counting what is left', () => {
    const rows = [row(0, 0, 'a', 0.2), row(1, 0, 'a', 0.4), row(0, 1, 'a', null), row(1, 1, 'a', 0.5), row(0, 2, 'a', NaN), row(1, 2, 'a', undefined)];
    const points = dailyBands(rows, (r) => r.uptake);
    expect(points.map((p) => [p.day, p.n])).toEqual([
      [0, 2],
      [1, 1],
      [2, 0],
    ]);
    expect(points[0].mean).toBeCloseTo(0.3, 12);
    expect(points[0].half).toBeCloseTo(meanWithBand([0.2, 0.4]).half, 12);
    expect(points[1]).toEqual({ day: 1, mean: 0.5, half: 0, n: 1 });
    expect(points[2].mean).toBeNaN();
  });

  it("takes each replication's mean over the final days, leaving out replications with no value there", () => {
    const rows = [0, 1, 2, 3].flatMap((day) => [row(0, day, 'a', day), row(1, day, 'a', day >= 2 ? null : 10), row(2, day, 'a', day === 3 ? NaN : 2 * day)]);
    const period = finalPeriod(rows, 2)!;
    expect(period).toEqual({ from: 2, to: 3 });
    expect(finalValues(rows, (r) => r.uptake, period)).toEqual([2.5, 4]);
    expect(finalPeriod([], 7)).toBeUndefined();
  });

  it('keeps the spec order of arms and does not drop rows of an arm missing from it', () => {
    const byArm = rowsByArm([row(0, 0, 'b', 1), row(0, 0, 'x', 1), row(0, 0, 'a', 1)], ['a', 'b']);
    expect([...byArm.keys()]).toEqual(['a', 'b', 'x']);
    expect(byArm.get('x')).toHaveLength(1);
  });
});
