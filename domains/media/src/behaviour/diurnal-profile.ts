import type { RandomStream } from '@prodsim/core';

/** Share of a day's activity in each UTC hour: a quiet night, a lunch bump, a busy evening. */
export const DEFAULT_HOURLY_ACTIVITY: readonly number[] = [
  1.2, 0.7, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.2, 2.6, 2.8, 3.2, 3.8, 3.6, 3.2, 3.2, 3.5, 4.2, 5.0, 5.8, 6.2, 5.6, 4.2, 2.4,
];

/** Draws times of day from an hourly profile (when users open the app, when creators post). */
export class DiurnalProfile {
  private readonly weights: Float64Array;
  private readonly total: number;

  constructor(hourly: readonly number[] = DEFAULT_HOURLY_ACTIVITY) {
    if (hourly.length !== 24 || hourly.some((w) => !(w >= 0))) throw new RangeError('an hourly profile has 24 non-negative weights');
    this.weights = Float64Array.from(hourly);
    this.total = hourly.reduce((a, b) => a + b, 0);
  }

  /** A time within the day that starts at `dayStart` (whole milliseconds). */
  sample(dayStart: number, rng: RandomStream): number {
    const hour = rng.weighted(this.weights, this.total);
    return dayStart + hour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
  }
}
