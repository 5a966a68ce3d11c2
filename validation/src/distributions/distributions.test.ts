import { describe, expect, it } from 'vitest';
import { RandomStream } from '@prodsim/core';
import { compareDistributions, type DistributionRow } from './distributions-tier.js';
import { RateLineCollector } from './rate-line-collector.js';
import { profileOf, type RatingRecord, type TimedRatingRecord } from './ratings-profile.js';
import { userPeriodUnits } from './sample-units.js';

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

/** `count` random ratings of the data: a simulated sample that is the real process itself. */
function someRatings(records: readonly RatingRecord[], count: number, seed: string): RatingRecord[] {
  return new RandomStream(seed).shuffle([...records]).slice(0, count);
}

/** The ratings of `count` random real user-periods (cut on another grid than the tier's), one simulated user each. */
function someUserPeriods(records: readonly TimedRatingRecord[], days: number, count: number, seed: string): RatingRecord[] {
  const units = new RandomStream(seed).shuffle(userPeriodUnits(records, days, `other/${seed}`)).slice(0, count);
  return units.flatMap((unit, i) => unit.map((r) => ({ ...r, user: i })));
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

  it('a sample of the real ratings at the simulated size is within its band on every ratings statistic, though all of the real data is far from it', () => {
    const real = realLike('real', 1500);
    const sim = someRatings(real, 400, 'sim');
    const rows = compareDistributions(sim, real, OPTIONS);
    for (const r of rows.filter((r) => r.unit === 'ratings')) {
      expect(r.sampleSize).toBe(400);
      expect(r.distance, r.name).toBeLessThanOrEqual(r.realBand);
    }
    // What the comparison with all of the real data got wrong: 400 ratings over 400 movies are
    // far less concentrated than 30,000 are, whatever made them.
    const gini = row(rows, 'ratings-per-item-gini');
    expect(Math.abs((gini.simulated as number) - (gini.realAll as number))).toBeGreaterThan(3 * gini.realBand);
    expect(Math.abs((gini.simulated as number) - (gini.real as number))).toBeLessThan(gini.realBand);
  });

  it('real user-periods at the simulated number of users are within the band of ratings per user, and within twice every band', () => {
    const real = realLike('real', 1500);
    const sim = someUserPeriods(real, 14, 300, 'sim');
    const rows = compareDistributions(sim, real, OPTIONS);
    const perUser = row(rows, 'ratings-per-user-ks');
    expect(perUser.unit).toBe('user-periods');
    expect(perUser.sampleSize).toBe(300);
    expect(perUser.distance).toBeLessThanOrEqual(perUser.realBand);
    // Whole bursts are clustered (a user's ratings share an hour), which independent ratings are not: within the target, not always within the band.
    for (const r of rows) expect(r.withinTarget, r.name).toBe(true);
    // Counted in windows as long as the simulated period, not over a user's whole history: bursts, not lifetimes.
    const lifetimes = profileOf(real).perUser.sort((x, y) => x - y);
    expect((perUser.realAll as number[])[2]).toBeLessThan(lifetimes[Math.floor(lifetimes.length / 2)] / 2);
  });

  it('a clearly different process lands outside twice its band', () => {
    const real = realLike('real', 800);
    const check = (name: string, sim: RatingRecord[]) => {
      const r = row(compareDistributions(sim, real, OPTIONS), name);
      expect(r.distance, name).toBeGreaterThan(2 * r.realBand);
      expect(r.withinTarget).toBe(false);
    };
    // Low stars where the real data has high ones.
    check('rating-histogram', realLike('other', 150, { starWeights: [6, 4, 2, 1, 1] }));
    // Every movie alike where the real data is Zipf-like.
    const flat = realLike('other', 150, { popularityExponent: 0 });
    for (const name of ['ratings-per-item-gini', 'ratings-per-item-top10', 'ratings-per-item-ks']) check(name, flat);
    // Steady users, one rating each per period, where real users rate in bursts.
    check(
      'ratings-per-user-ks',
      Array.from({ length: 300 }, (_, i) => ({ user: i, movie: i, stars: 4, hour: 20 })),
    );
    // Everything at 3 in the morning.
    check(
      'hour-of-day',
      someRatings(real, 400, 'night').map((r) => ({ ...r, hour: 3 })),
    );
  });

  it('the band depends on the real data, the sample size and the seed, not on what was simulated', () => {
    const real = realLike('real', 600);
    const sim = someRatings(real, 300, 'sim');
    const other = sim.map((r) => ({ ...r, stars: 6 - r.stars, hour: (r.hour + 7) % 24 }));
    const a = compareDistributions(sim, real, OPTIONS);
    const b = compareDistributions(other, real, OPTIONS);
    expect(b.map((r) => r.realBand)).toEqual(a.map((r) => r.realBand));
    expect(row(b, 'rating-histogram').distance).not.toBe(row(a, 'rating-histogram').distance);
    // Reproducible from the seed, and another seed draws other samples.
    expect(compareDistributions(sim, real, OPTIONS)).toEqual(a);
    expect(compareDistributions(sim, real, { ...OPTIONS, seed: 't' }).map((r) => r.realBand)).not.toEqual(a.map((r) => r.realBand));
    // Fewer simulated ratings: smaller samples, wider bands on the concentration figures.
    const smaller = compareDistributions(sim.slice(0, 100), real, OPTIONS);
    expect(row(smaller, 'rating-histogram').sampleSize).toBe(100);
    expect(row(smaller, 'rating-histogram').realBand).toBeGreaterThan(row(a, 'rating-histogram').realBand);
  });

  it('a simulated side larger than half the real data is subsampled to it, so the real pairs stay disjoint', () => {
    const real = realLike('few', 80);
    const sim = realLike('many', 300);
    const rows = compareDistributions(sim, real, OPTIONS);
    const hist = row(rows, 'rating-histogram');
    expect(hist.sampleSize).toBe(Math.floor(real.length / 2));
    expect(hist.method).toMatch(/larger than half the real data/);
    expect(Number.isFinite(hist.distance)).toBe(true);
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
