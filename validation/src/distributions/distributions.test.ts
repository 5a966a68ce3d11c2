import { describe, expect, it } from 'vitest';
import { RandomStream } from '@prodsim/core';
import { compareDistributions, type DistributionRow } from './distributions-tier.js';
import { RateLineCollector } from './rate-line-collector.js';
import { profileOf, type RatingRecord, type TimedRatingRecord } from './ratings-profile.js';
import { userPeriodUnits } from './sample-units.js';
import { countsKs } from '../stats/ks-statistic.js';

const DAY = 86_400;

interface RealLikeOptions {
  starWeights?: number[];
  /** Movie m is chosen with weight 1 / (1 + m)^exponent: 1 is Zipf-like, 0 uniform. */
  popularityExponent?: number;
}

/**
 * Ratings shaped like MovieLens's: users arrive over two years and rate in bursts (most ratings
 * follow the previous one within minutes, the others after weeks), heavy-tailed activity,
 * Zipf-like movie popularity, a given star mix, the hour of day from the time.
 */
function realLike(seed: string, users: number, options: RealLikeOptions = {}): TimedRatingRecord[] {
  const rng = new RandomStream(seed);
  const popularity = Array.from({ length: 400 }, (_, m) => 1 / (1 + m) ** (options.popularityExponent ?? 1));
  const starWeights = options.starWeights ?? [1, 2, 4, 6, 3];
  const out: TimedRatingRecord[] = [];
  for (let u = 0; u < users; u++) {
    const n = 1 + Math.floor(Math.exp(rng.normal(2.5, 1)));
    let time = 1_500_000_000 + Math.floor(rng.next() * 730 * DAY);
    for (let i = 0; i < n; i++) {
      time += rng.next() < 0.8 ? 30 + rng.int(600) : Math.floor(rng.exponential(1 / (40 * DAY)));
      out.push({ user: u, movie: rng.weighted(popularity), stars: 1 + rng.weighted(starWeights), hour: Math.floor(time / 3600) % 24, time });
    }
  }
  return out;
}

/** The ratings of `count` random real user-periods (cut on another grid than the tier's), one simulated user each. */
function someUserPeriods(records: readonly TimedRatingRecord[], days: number, count: number, seed: string): RatingRecord[] {
  const units = new RandomStream(seed).shuffle(userPeriodUnits(records, days, `other/${seed}`)).slice(0, count);
  return units.flatMap((unit, i) => unit.map((r) => ({ user: i, movie: r.movie, stars: r.stars, hour: r.hour })));
}

const row = (rows: DistributionRow[], name: string) => rows.find((r) => r.name === name)!;
const OPTIONS = { seed: 's', resamples: 40, periodDays: 14 };

describe('the distributions tier', () => {
  it('profiles ratings: histogram, counts per item and user, hours, decile means', () => {
    const p = profileOf([
      { user: 1, movie: 'a', stars: 5, hour: 3 },
      { user: 1, movie: 'b', stars: 1, hour: 3 },
      { user: 2, movie: 'a', stars: 4, hour: 23 },
    ]);
    expect(p.ratings).toBe(3);
    expect(p.histogram).toEqual([1, 0, 0, 1, 1]);
    expect(p.perUser.sort()).toEqual([1, 2]);
    expect(p.perItem.sort()).toEqual([1, 2]);
    expect(p.hours[3]).toBe(2);
    expect(p.hours[23]).toBe(1);
    // Two movies, ranks 0 and 1 of 2: the less rated (b, 1 star) opens the first decile, a (4.5 stars) the sixth; the rest are empty.
    expect(p.decileMeans).toEqual([1, NaN, NaN, NaN, NaN, 4.5, NaN, NaN, NaN, NaN]);
  });

  it('parses rate lines as a stream consumer would, and nothing else', () => {
    const c = new RateLineCollector(10);
    c.publish('movielog1', null, '2026-01-05T13:04:05,4711,GET /rate/the+matrix+1999=9');
    c.publish('movielog1', null, '2026-01-05T13:04:06,4711,GET /data/m/the+matrix+1999/3.mpg');
    c.publish('movielog1', null, '2026-01-06T00:59:59,12,GET /rate/heat+1995=1');
    expect(c.ratings).toEqual([
      { user: 4711, movie: 'the+matrix+1999', stars: 5, hour: 13 },
      { user: 12, movie: 'heat+1995', stars: 1, hour: 0 },
    ]);
  });

  it('real user-periods at the simulated number of users are within twice every band, and within the band on most', () => {
    const real = realLike('real', 1500);
    const sim = someUserPeriods(real, 14, 300, 'sim');
    const rows = compareDistributions(sim, real, OPTIONS);
    for (const r of rows) {
      expect(r.sampleSize).toBe(300);
      expect(r.simulatedRatings).toBe(sim.length);
      expect(r.withinTarget, r.name).toBe(true);
    }
    expect(rows.filter((r) => r.distance <= r.realBand).length).toBeGreaterThanOrEqual(5);
    // Equal user-periods, so about as many ratings on both sides.
    expect(rows[0].realRatings).toBeGreaterThan(0.7 * sim.length);
    expect(rows[0].realRatings).toBeLessThan(1.4 * sim.length);
    // What the comparison with all of the real data got wrong: 1,500 ratings over 400 movies
    // leave most movies rated once or twice, 30,000 do not, whatever made them.
    const perItem = row(rows, 'ratings-per-item-ks');
    expect(countsKs(profileOf(sim).perItem, profileOf(real).perItem)).toBeGreaterThan(3 * perItem.realBand);
    expect(perItem.distance).toBeLessThan(perItem.realBand);
    // Ratings per user are counted in windows as long as the simulated period, not over a user's whole history: bursts, not lifetimes.
    const perUser = row(rows, 'ratings-per-user-ks');
    const lifetimes = profileOf(real).perUser.sort((x, y) => x - y);
    expect((perUser.realAll as number[])[2]).toBeLessThan(lifetimes[Math.floor(lifetimes.length / 2)] / 2);
  });

  it('a clearly different process lands outside twice its band', () => {
    const real = realLike('real', 800);
    const base = someUserPeriods(real, 14, 200, 'other');
    const check = (name: string, sim: RatingRecord[]) => {
      const r = row(compareDistributions(sim, real, OPTIONS), name);
      expect(r.distance, name).toBeGreaterThan(2 * r.realBand);
      expect(r.withinTarget).toBe(false);
    };
    // Low stars where the real data has high ones.
    check(
      'rating-histogram',
      base.map((r) => ({ ...r, stars: 6 - r.stars })),
    );
    // Every movie alike where the real data is Zipf-like, with the same users and ratings.
    const rng = new RandomStream('flat');
    const flat = base.map((r) => ({ ...r, movie: rng.int(400) }));
    for (const name of ['ratings-per-item-gini', 'ratings-per-item-top10', 'ratings-per-item-ks']) check(name, flat);
    // Popular movies rated low, rare ones high, where the real stars do not depend on popularity.
    check(
      'mean-rating-by-popularity-decile',
      base.map((r) => ({ ...r, stars: (r.movie as number) < 20 ? 1 : 5 })),
    );
    // Steady users, one rating each per period, where real users rate in bursts.
    check(
      'ratings-per-user-ks',
      Array.from({ length: 200 }, (_, i) => ({ user: i, movie: i, stars: 4, hour: 20 })),
    );
    // Everything at 3 in the morning.
    check(
      'hour-of-day',
      base.map((r) => ({ ...r, hour: 3 })),
    );
  });

  it('counts what independent ratings would miss: the bursts, and the ratings an active user makes', () => {
    const real = realLike('real', 1500);
    const month = someUserPeriods(real, 14, 600, 'sim');
    // The same ratings with the users shuffled: each rating goes to a random one of as many users, so the bursts are gone.
    const rng = new RandomStream('scatter');
    const scattered = compareDistributions(
      month.map((r) => ({ ...r, user: rng.int(600) })),
      real,
      OPTIONS,
    );
    expect(row(scattered, 'ratings-per-user-ks').withinTarget).toBe(false);
    for (const name of ['rating-histogram', 'ratings-per-item-gini', 'ratings-per-item-ks', 'hour-of-day'])
      expect(row(scattered, name).withinTarget, name).toBe(true);
    // The right users, a tenth of their ratings (each user-period cut to its first 10%): at as many
    // active users, too few ratings per movie.
    const users = new Map<number, RatingRecord[]>();
    for (const r of month) users.set(r.user, [...(users.get(r.user) ?? []), r]);
    const sparse = [...users.values()].flatMap((u) => u.slice(0, Math.ceil(u.length / 10)));
    const rows = compareDistributions(sparse, real, OPTIONS);
    expect(rows[0].sampleSize).toBe(600);
    expect(rows[0].simulatedRatings).toBeLessThan(rows[0].realRatings / 3);
    for (const name of ['ratings-per-item-gini', 'ratings-per-item-top10', 'ratings-per-item-ks']) {
      const r = row(rows, name);
      expect(r.distance, name).toBeGreaterThan(2 * r.realBand);
    }
  });

  it('the band depends on the real data, the number of user-periods and the seed, not on what was simulated', () => {
    const real = realLike('real', 600);
    const sim = someUserPeriods(real, 14, 200, 'sim');
    const other = sim.map((r) => ({ ...r, stars: 6 - r.stars, hour: (r.hour + 7) % 24 }));
    const a = compareDistributions(sim, real, OPTIONS);
    const b = compareDistributions(other, real, OPTIONS);
    expect(b.map((r) => r.realBand)).toEqual(a.map((r) => r.realBand));
    expect(row(b, 'rating-histogram').distance).not.toBe(row(a, 'rating-histogram').distance);
    // Reproducible from the seed, and another seed draws other samples.
    expect(compareDistributions(sim, real, OPTIONS)).toEqual(a);
    expect(compareDistributions(sim, real, { ...OPTIONS, seed: 't' }).map((r) => r.realBand)).not.toEqual(a.map((r) => r.realBand));
    // Fewer simulated users: smaller samples, wider bands.
    const smaller = compareDistributions(
      sim.filter((r) => r.user < 50),
      real,
      OPTIONS,
    );
    expect(smaller[0].sampleSize).toBe(50);
    for (const name of ['rating-histogram', 'ratings-per-item-gini', 'hour-of-day'])
      expect(row(smaller, name).realBand, name).toBeGreaterThan(row(a, name).realBand);
  });

  it('a simulated side larger than half the real data is subsampled to it, so the real pairs stay disjoint', () => {
    const real = realLike('few', 80);
    const sim = realLike('many', 300);
    const rows = compareDistributions(sim, real, OPTIONS);
    const hist = row(rows, 'rating-histogram');
    expect(hist.sampleSize).toBe(Math.floor(userPeriodUnits(real, OPTIONS.periodDays, OPTIONS.seed).length / 2));
    expect(hist.sampleSize).toBeLessThan(300);
    expect(hist.method).toMatch(/larger than half the real data/);
    expect(Number.isFinite(hist.distance)).toBe(true);
    // The simulated figure is of the subsamples: fewer ratings than all simulated.
    expect(hist.simulatedRatings).toBeLessThan(sim.length);
    expect(compareDistributions(sim, real, OPTIONS)).toEqual(rows);
  });

  it('with nothing simulated there is nothing to compare, and it says so', () => {
    const rows = compareDistributions([], realLike('real', 100), OPTIONS);
    for (const r of rows) {
      expect(r.sampleSize).toBe(0);
      expect(r.distance).toBeNaN();
      expect(r.withinTarget).toBe(false);
      expect(r.method).toMatch(/^no comparison/);
    }
  });
});
