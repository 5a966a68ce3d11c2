import { describe, expect, it } from 'vitest';
import { RandomStream } from '@prodsim/core';
import type { TimedRatingRecord } from './ratings-profile.js';
import { userPeriodUnits, userUnits } from './sample-units.js';
import { UnitDraw } from './unit-draw.js';

const DAY = 86_400;
const at = (user: number, movie: number, time: number): TimedRatingRecord => ({ user, movie, stars: 3, hour: Math.floor(time / 3600) % 24, time });

describe('sample units', () => {
  it('a simulated user is a unit with all their ratings, users in order of their first rating', () => {
    const records = [at(1, 10, 0), at(2, 11, 5), at(1, 12, 9)];
    expect(userUnits(records)).toEqual([[records[0], records[2]], [records[1]]]);
  });

  it('cuts the real time line into windows of the period length: a user-period is one user in one window', () => {
    // User 1: a burst at day 0 and one rating 40 days later (more than a 14-day window apart: always two periods).
    // User 2: two ratings at the same instant (always one period).
    const records = [
      at(1, 10, 1000 * DAY),
      at(1, 11, 1000 * DAY + 60),
      at(1, 12, 1000 * DAY + 120),
      at(1, 13, 1040 * DAY),
      at(2, 20, 1020 * DAY),
      at(2, 21, 1020 * DAY),
    ];
    const units = userPeriodUnits(records, 14, 'grid');
    const sizes = units.map((u) => u.length).sort();
    // The burst stays whole unless a window boundary falls inside its two minutes: either [1, 2, 3] or [1, 1, 2, 2].
    expect(units.flat()).toHaveLength(records.length);
    expect(units.length === 3 ? sizes : units.length).toEqual(units.length === 3 ? [1, 2, 3] : 4);
    expect(units.find((u) => u.length === 2 && u[0].movie === 20 && u[1].movie === 21)).toBeDefined();
    // Re-keyed by unit: every unit has its own user key, so a profile counts ratings per user-period.
    const keys = units.map((u) => new Set(u.map((r) => r.user)));
    expect(keys.every((k) => k.size === 1)).toBe(true);
    expect(new Set(keys.map((k) => [...k][0])).size).toBe(units.length);
    // User 1's ratings span 40 days: at least two 14-day periods; a 60-day window boundary can cut them at most once.
    const periodsOfUser1 = (days: number) => userPeriodUnits(records, days, 'grid').filter((u) => (u[0].movie as number) < 20).length;
    expect(periodsOfUser1(14)).toBeGreaterThanOrEqual(2);
    expect(periodsOfUser1(60)).toBeLessThanOrEqual(2);
    expect(() => userPeriodUnits(records, 0, 'grid')).toThrow(RangeError);
  });

  it('where the windows start is seeded: the same seed cuts the same way', () => {
    const rng = new RandomStream('times');
    const records = Array.from({ length: 400 }, (_, i) => at(i % 7, i, Math.floor(rng.next() * 200 * DAY)));
    const sizes = (seed: string) => userPeriodUnits(records, 3, seed).map((u) => u.length);
    expect(sizes('a')).toEqual(sizes('a'));
    expect(sizes('a')).not.toEqual(sizes('b'));
  });
});

describe('drawing units', () => {
  const units = Array.from({ length: 20 }, (_, i) => [at(i, i, 0), at(i, 100 + i, 0)]);
  const usersOf = (records: { user: number }[]) => new Set(records.map((r) => r.user));

  it('draws k distinct whole units, reproducibly from the seed', () => {
    const draw = new UnitDraw(units, new RandomStream('d'));
    const sample = draw.sample(7);
    expect(sample).toHaveLength(14);
    expect(usersOf(sample).size).toBe(7);
    expect(new UnitDraw(units, new RandomStream('d')).sample(7)).toEqual(sample);
    // Draws go on from the order the last one left, and differ.
    expect(draw.sample(7)).not.toEqual(sample);
  });

  it('draws pairs of samples that share no unit, and refuses pairs larger than the pool allows', () => {
    const draw = new UnitDraw(units, new RandomStream('p'));
    for (let i = 0; i < 10; i++) {
      const [a, b] = draw.disjointPair(10);
      const inA = usersOf(a);
      expect(inA.size).toBe(10);
      expect(usersOf(b).size).toBe(10);
      expect([...usersOf(b)].some((u) => inA.has(u))).toBe(false);
    }
    expect(() => draw.disjointPair(11)).toThrow(RangeError);
    expect(() => draw.sample(21)).toThrow(RangeError);
  });
});
