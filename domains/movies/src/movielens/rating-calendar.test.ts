import { describe, expect, it } from 'vitest';
import { RatingColumns } from './dataset.js';
import { RatingCalendar } from './rating-calendar.js';

const DAY = 86_400;
const D0 = 17_000;

/** User 0 signs up with 3 ratings, comes back 2 days later with 2 and 10 days later with 1; user 1 rates once on one day; user 2 never. */
function calendar(): RatingCalendar {
  const r = new RatingColumns(8);
  const at = (day: number, second: number) => (D0 + day) * DAY + second;
  // Out of order on purpose: the file order of MovieLens is by user, not by time.
  r.push(0, 5, 4, at(10, 100));
  r.push(0, 1, 4, at(0, 10));
  r.push(0, 2, 3, at(0, 20));
  r.push(0, 3, 5, at(2, 86_000));
  r.push(0, 4, 2, at(0, 30));
  r.push(0, 6, 1, at(2, 5));
  r.push(1, 1, 3, at(40, 0));
  r.push(1, 2, 3, at(40, 50));
  return RatingCalendar.fromRatings(r.done(), 3);
}

describe('a rating calendar', () => {
  it('gives each day after the sign-up day its count, and nothing on the sign-up day', () => {
    const c = calendar();
    expect(c.users).toBe(3);
    expect(c.ratingsOn(0, 0)).toBe(0);
    expect(c.ratingsOn(0, 2)).toBe(2);
    expect(c.ratingsOn(0, 10)).toBe(1);
    expect([1, 3, 9, 11, 39].map((d) => c.ratingsOn(0, d))).toEqual([0, 0, 0, 0, 0]);
  });

  it('repeats from the first rating to a month after the last, in both directions', () => {
    const c = calendar();
    expect(c.cycleDays(0)).toBe(40);
    expect(c.ratingsOn(0, 42)).toBe(2);
    expect(c.ratingsOn(0, 50)).toBe(1);
    expect(c.ratingsOn(0, -38)).toBe(2);
    let perCycle = 0;
    for (let d = 1000; d < 1040; d++) perCycle += c.ratingsOn(0, d);
    // Every rating but the sign-up day's three, once per cycle.
    expect(perCycle).toBe(3);
  });

  it('has no visits for a user who rated on one day only, or never', () => {
    const c = calendar();
    for (const u of [1, 2]) {
      expect(c.cycleDays(u)).toBe(30);
      for (let d = 0; d < 30; d++) expect(c.ratingsOn(u, d)).toBe(0);
    }
  });
});
