import { describe, expect, it } from 'vitest';
import { RandomStream } from '@prodsim/core';
import { DISTRIBUTION_STATISTICS } from './distribution-statistics.js';
import { compareDistributions } from './distributions-tier.js';
import { RateLineCollector } from './rate-line-collector.js';
import { realBands } from './real-band.js';
import { profileOf, type RatingRecord } from './ratings-profile.js';

/** Ratings of `users` users with a heavy-tailed activity, Zipf-like movie popularity and a given star mix. */
function sample(seed: string, users: number, starWeights = [1, 2, 4, 6, 3]): RatingRecord[] {
  const rng = new RandomStream(seed);
  const out: RatingRecord[] = [];
  const popularity = Array.from({ length: 200 }, (_, m) => 1 / (1 + m));
  for (let u = 0; u < users; u++) {
    const n = 1 + Math.floor(Math.exp(rng.normal(2, 1)));
    for (let i = 0; i < n; i++) out.push({ user: u, movie: rng.weighted(popularity), stars: 1 + rng.weighted(starWeights), hour: rng.int(24) });
  }
  return out;
}

const stat = (name: string) => DISTRIBUTION_STATISTICS.find((s) => s.name === name)!;

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

  it('the real band is reproducible from its seed and changes with it', () => {
    const real = sample('real', 300);
    const a = realBands(real, DISTRIBUTION_STATISTICS, { seed: 's', resamples: 20 });
    expect(realBands(real, DISTRIBUTION_STATISTICS, { seed: 's', resamples: 20 })).toEqual(a);
    expect(realBands(real, DISTRIBUTION_STATISTICS, { seed: 't', resamples: 20 })).not.toEqual(a);
    for (const band of a) expect(band).toBeGreaterThan(0);
  });

  it('a sample of the same process lands near the band; a different star mix lands far outside it', () => {
    const real = sample('real', 400);
    const same = sample('same', 400);
    const skewed = sample('skewed', 400, [6, 4, 2, 1, 1]);
    const near = compareDistributions(same, real, { seed: 's', resamples: 30 });
    const far = compareDistributions(skewed, real, { seed: 's', resamples: 30 });
    const hist = (rows: typeof near) => rows.find((r) => r.name === 'rating-histogram')!;
    expect(hist(near).distance).toBeLessThan(2 * hist(near).realBand);
    expect(hist(far).distance).toBeGreaterThan(4 * hist(far).realBand);
    expect(hist(far).withinTarget).toBe(false);
    // The band depends on the real data only.
    expect(near.map((r) => r.realBand)).toEqual(far.map((r) => r.realBand));
    expect(near.map((r) => r.name)).toEqual(DISTRIBUTION_STATISTICS.map((s) => s.name));
  });

  it('compares activity by shape: ten times the ratings per user, same shape, is close; everyone alike is far', () => {
    const base = sample('real', 200);
    const heavier = base.flatMap((r) => Array.from({ length: 10 }, (_, i) => ({ ...r, movie: `${r.movie}/${i}` })));
    const alike = Array.from({ length: 200 * 8 }, (_, i) => ({ user: i % 200, movie: i, stars: 3, hour: 0 }));
    const ks = stat('ratings-per-user-ks');
    expect(ks.distance(profileOf(base), profileOf(heavier))).toBeLessThan(0.1);
    expect(ks.distance(profileOf(base), profileOf(alike))).toBeGreaterThan(0.4);
  });
});
