import type { RandomSource } from '@prodsim/core';
import { ZONE_OFFSETS } from '../world/places.js';

/** When people stream, by local hour (0-23): low at night, a peak at 20-22h. */
const HOURLY = [0.6, 0.35, 0.2, 0.12, 0.1, 0.1, 0.15, 0.25, 0.3, 0.35, 0.4, 0.45, 0.55, 0.6, 0.6, 0.65, 0.75, 0.9, 1.2, 1.6, 2.0, 2.1, 1.7, 1.1];
/** By local weekday, Sunday first (as Date.getUTCDay counts): more on Friday to Sunday. */
const WEEKDAY = [1.1, 0.9, 0.9, 0.92, 0.95, 1.1, 1.2];

const HOUR_MS = 3_600_000;

/**
 * Time-of-day and weekday profiles in each user's own time zone, turned into per-zone tables
 * over the 24 UTC hours of each UTC weekday. A user's local evening is what drives when they
 * watch; lines are still stamped in the simulator's UTC clock.
 */
export class ActivityProfile {
  /** Per (zone, UTC weekday): the day's activity relative to an average day (mean 1 over a week). */
  private readonly dayFactor: Float64Array;
  /** Per (zone, UTC weekday, UTC hour): cumulative weights. */
  private readonly cumulative: Float64Array;

  constructor(offsets: readonly number[] = ZONE_OFFSETS) {
    const zones = offsets.length;
    this.dayFactor = new Float64Array(zones * 7);
    this.cumulative = new Float64Array(zones * 7 * 24);
    const hourMean = HOURLY.reduce((a, b) => a + b, 0) / 24;
    const dayMean = WEEKDAY.reduce((a, b) => a + b, 0) / 7;
    for (let z = 0; z < zones; z++) {
      for (let w = 0; w < 7; w++) {
        let sum = 0;
        for (let h = 0; h < 24; h++) {
          const local = h * 60 + 30 + offsets[z];
          const shift = Math.floor(local / 1440);
          const localHour = Math.floor((local - shift * 1440) / 60);
          const localDay = (((w + shift) % 7) + 7) % 7;
          sum += (HOURLY[localHour] / hourMean) * (WEEKDAY[localDay] / dayMean);
          this.cumulative[(z * 7 + w) * 24 + h] = sum;
        }
        this.dayFactor[z * 7 + w] = sum / 24;
      }
    }
  }

  factor(zone: number, utcWeekday: number): number {
    return this.dayFactor[zone * 7 + utcWeekday];
  }

  /** A time within the UTC day (ms from its start, with a microsecond fraction), drawn from the profile. */
  drawOffset(zone: number, utcWeekday: number, rng: RandomSource): number {
    const base = (zone * 7 + utcWeekday) * 24;
    const c = this.cumulative;
    const r = rng.next() * c[base + 23];
    // The first hour whose cumulative weight exceeds r (or the last): a binary search, as a
    // 10M-user day start draws some 5 million of these.
    let lo = 0;
    let hi = 23;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[base + mid] <= r) lo = mid + 1;
      else hi = mid;
    }
    const h = lo;
    return h * HOUR_MS + Math.floor(rng.next() * HOUR_MS * 1000) / 1000;
  }
}
