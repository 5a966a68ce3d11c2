import type { MovieLensData } from './dataset.js';

const DAY_SECONDS = 86_400;
/**
 * Days a member stays after their last rating before the calendar starts again: a member's time
 * on the site runs from their first rating to a month after their last (a stated choice).
 */
const STAY_AFTER_LAST_DAYS = 30;

/**
 * When each user of a MovieLens release rated, day by day: the calendar a simulated copy of that
 * user re-enacts. MovieLens is a rating site: its members rate movies they saw anywhere, in
 * bursts on the days they visit (in ml-latest-small, 334 of the 610 users rated everything on one
 * day; a real user's month holds a median of 10 ratings and a p99 of about 500), not one movie
 * after each viewing. The calendar keeps, per user, how many ratings they gave on each day after
 * their first; the first day is left out, because it is the sign-up (MovieLens asks a new member
 * for 15 ratings before it recommends: Harper and Konstan, "The MovieLens Datasets", ACM TiiS
 * 2015) and a copy is an established member. The sign-up days' counts are kept apart, for
 * accounts created during a run. A user's cycle runs from their first rating to
 * STAY_AFTER_LAST_DAYS after their last, and repeats.
 */
export class RatingCalendar {
  /** Per user: where their rating days start in `day`/`count` (CSR, length users + 1). */
  private readonly start: Int32Array;
  /** Days since the user's first rating, ascending within a user. */
  private readonly day: Int32Array;
  /** Ratings given on that day. */
  private readonly count: Int32Array;
  /** Per user: the length of their cycle, days. */
  private readonly cycle: Int32Array;
  /** Per user who rated: ratings on their first day (the sign-up), in user order. */
  private readonly signUps: Int32Array;

  private constructor(start: Int32Array, day: Int32Array, count: Int32Array, cycle: Int32Array, signUps: Int32Array) {
    this.start = start;
    this.day = day;
    this.count = count;
    this.cycle = cycle;
    this.signUps = signUps;
  }

  static fromRatings(ratings: MovieLensData['ratings'], users: number): RatingCalendar {
    // Each user's rating days, by sorting (user, day) keys once: ml-latest has 33M ratings.
    const keys = new Float64Array(ratings.count);
    for (let i = 0; i < ratings.count; i++) keys[i] = ratings.user[i] * 1e6 + Math.floor(ratings.time[i] / DAY_SECONDS);
    keys.sort();
    const first = new Int32Array(users).fill(-1);
    const last = new Int32Array(users);
    const days: number[] = [];
    const signUps: number[] = [];
    const counts: number[] = [];
    const owner: number[] = [];
    for (let i = 0; i < keys.length; ) {
      let j = i;
      while (j < keys.length && keys[j] === keys[i]) j++;
      const u = Math.floor(keys[i] / 1e6);
      const d = keys[i] - u * 1e6;
      if (first[u] < 0) {
        first[u] = d;
        signUps.push(j - i);
      } else {
        owner.push(u);
        days.push(d - first[u]);
        counts.push(j - i);
      }
      last[u] = d;
      i = j;
    }
    const start = new Int32Array(users + 1);
    for (const u of owner) start[u + 1]++;
    for (let u = 0; u < users; u++) start[u + 1] += start[u];
    const cycle = new Int32Array(users);
    for (let u = 0; u < users; u++) cycle[u] = (first[u] < 0 ? 0 : last[u] - first[u]) + STAY_AFTER_LAST_DAYS;
    // Days are already in (user, day) order, so the CSR is the lists as they are.
    return new RatingCalendar(start, Int32Array.from(days), Int32Array.from(counts), cycle, Int32Array.from(signUps));
  }

  /** Days user `u` rated on after their sign-up day (0: they never came back to rate). */
  returnDays(u: number): number {
    return this.start[u + 1] - this.start[u];
  }

  get users(): number {
    return this.cycle.length;
  }

  /** The length of user `u`'s cycle, days (at least STAY_AFTER_LAST_DAYS). */
  cycleDays(u: number): number {
    return this.cycle[u];
  }

  /** The sign-up ratings of a random user of the dataset (`uniform` in [0, 1)); 0 when nobody rated. */
  signUpRatings(uniform: number): number {
    return this.signUps.length === 0 ? 0 : this.signUps[Math.floor(uniform * this.signUps.length)];
  }

  /** Ratings user `u` gave on day `d` of their cycle (any integer: it wraps). */
  ratingsOn(u: number, d: number): number {
    const c = this.cycle[u];
    const day = ((d % c) + c) % c;
    let lo = this.start[u];
    let hi = this.start[u + 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.day[mid] < day) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.start[u + 1] && this.day[lo] === day ? this.count[lo] : 0;
  }
}
