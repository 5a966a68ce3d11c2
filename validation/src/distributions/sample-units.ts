import { RandomStream } from '@prodsim/core';
import type { RatingRecord, TimedRatingRecord } from './ratings-profile.js';

/**
 * What every sample of the distributions tier is drawn in: whole user-periods, never single
 * ratings. A user-period is one user's ratings in one period as long as the simulated one; a
 * group of ratings that is taken whole or not at all. Ratings are clustered (a month's ratings
 * come in users' bursts, which share the user's taste and hour), so samples of independent
 * ratings would vary far less than any real month does, and the band would be too narrow.
 */
export type Unit = readonly RatingRecord[];

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
