import { RandomStream } from '@prodsim/core';
import type { RatingRecord, TimedRatingRecord } from './ratings-profile.js';

/**
 * What "the same size" means for a statistic, i.e. what a sample is counted in:
 * - `ratings`: single ratings. Every statistic of single ratings or of counts per movie (the
 *   star histogram, hour of day, ratings per item, mean stars by popularity decile) depends on
 *   how many ratings it is computed from, so both sides are samples of as many ratings.
 * - `user-periods`: one user's ratings in one period as long as the simulated one. Ratings per
 *   user are compared within equal time windows (a simulated month against real months, not
 *   against a real user's years), at as many active user-periods on both sides.
 */
export type SampleUnit = 'ratings' | 'user-periods';

/** The units a sample is drawn in: each a group of ratings that is taken whole or not at all. */
export type Unit = readonly RatingRecord[];

/** Every rating is a unit of its own. */
export function ratingUnits(records: readonly RatingRecord[]): Unit[] {
  return records.map((r) => [r]);
}

/** Each user's ratings, users in order of their first rating: the simulated period is one window, so a simulated user is a user-period. */
export function userUnits(records: readonly RatingRecord[]): Unit[] {
  const byUser = new Map<number, RatingRecord[]>();
  for (const r of records) {
    let unit = byUser.get(r.user);
    if (!unit) byUser.set(r.user, (unit = []));
    unit.push(r);
  }
  return [...byUser.values()];
}

/**
 * The real user-periods: the real time line cut into consecutive windows of `days` days (the
 * simulated period's length), starting at a seeded random offset before the first rating so
 * that where the cuts fall is not a choice; each user's ratings in each window with at least
 * one is a unit. Records are re-keyed by their unit (`user` is the unit's index), so that a
 * profile of a sample counts ratings per user-period; a user active in three windows is three
 * units, as three simulated users active in one month would be.
 */
export function userPeriodUnits(records: readonly TimedRatingRecord[], days: number, seed: string): Unit[] {
  if (!(days > 0)) throw new RangeError(`a user-period needs a positive number of days, got ${days}`);
  if (records.length === 0) return [];
  const length = days * 86_400;
  let first = Infinity;
  for (const r of records) first = Math.min(first, r.time);
  const start = first - new RandomStream(`validation/distributions/${seed}/period-grid`).next() * length;
  const byKey = new Map<string, RatingRecord[]>();
  for (const r of records) {
    const key = `${r.user}/${Math.floor((r.time - start) / length)}`;
    let unit = byKey.get(key);
    if (!unit) byKey.set(key, (unit = []));
    unit.push(r);
  }
  return [...byKey.values()].map((unit, index) => unit.map((r) => ({ user: index, movie: r.movie, stars: r.stars, hour: r.hour })));
}
