import { describe, expect, it } from 'vitest';
import type { DayMetrics } from '@prodsim/experiments';
import { onlineFigures } from './online-figures.js';

const row = (replication: number, day: number, arm: string, interactions: number, engagementPerUser: number, uptake: number, meanTrueValue: number) =>
  ({ replication, day, arm, interactions, engagementPerUser, uptake, meanTrueValue }) as DayMetrics;

describe('online figures of an arm', () => {
  it("sums watch minutes per user over days, weighs uptake and true value by each day's watches, per replication", () => {
    const rows = [
      row(0, 0, 'mf', 10, 5, 0.2, 4),
      row(0, 1, 'mf', 30, 7, 0.6, 3),
      row(0, 0, 'random', 99, 1, 0, 1),
      row(1, 0, 'mf', 0, 0, NaN, NaN),
      row(1, 1, 'mf', 20, 9, 0.5, 4.5),
    ];
    const f = onlineFigures(rows, 'mf');
    expect(f.watchMinutesPerUser.values).toEqual([12, 9]);
    expect(f.watchMinutesPerUser.mean).toBe(10.5);
    // Replication 0: (10 x 0.2 + 30 x 0.6) / 40; a day without watches adds nothing.
    expect(f.uptake.values[0]).toBeCloseTo(0.5, 12);
    expect(f.uptake.values[1]).toBeCloseTo(0.5, 12);
    expect(f.meanTrueValue.values[0]).toBeCloseTo((10 * 4 + 30 * 3) / 40, 12);
    expect(f.meanTrueValue.values[1]).toBe(4.5);
    expect(f.watchMinutesPerUser.ci95[0]).toBeLessThan(10.5);
  });
});
