import { RngStreams, type EntityCollection } from '@prodsim/core';
import { runDomainConformance, runWorld } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { moviesConfigSchema } from '../config.js';
import { GENRE_COUNT } from '../genres.js';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';
import { LINE_PATTERNS } from '../text/lines.js';
import { Catalogue } from '../world/catalogue.js';
import { movieCost, VIEW_COST_METRIC, viewCostTotal } from './movie-cost.js';
import { genresNamed, NO_DISLIKES_SHARE, NO_LIKES_SHARE, SelfDescriber } from './self-description.js';

const small = { users: 800, movies: 400, newAccountRate: 0.01 };

function views(world: MoviesWorld, name: string): EntityCollection<Record<string, unknown>> {
  return world.catalog.get(name) as EntityCollection<Record<string, unknown>>;
}

describe('contract profiles', () => {
  it('2024 by default: 1-5 stars, 800 ms, no create_account, self-descriptions or cost', () => {
    const c = moviesConfigSchema.parse({}, 'movies');
    expect([c.contract, c.ratingScale, c.recommendDeadlineMs, c.createAccountLines, c.selfDescriptions, c.movieCost]).toEqual([
      '2024',
      5,
      800,
      false,
      false,
      false,
    ]);
  });

  it('2026: 1-10 stars, 600 ms, create_account lines, self-descriptions and cost; a field set on its own wins', () => {
    const c = moviesConfigSchema.parse({ contract: 2026 }, 'movies');
    expect([c.contract, c.ratingScale, c.recommendDeadlineMs, c.createAccountLines, c.selfDescriptions, c.movieCost]).toEqual([
      '2026',
      10,
      600,
      true,
      true,
      true,
    ]);
    const mixed = moviesConfigSchema.parse({ contract: '2026', ratingScale: 5, movieCost: 'false' }, 'movies');
    expect([mixed.ratingScale, mixed.movieCost, mixed.selfDescriptions]).toEqual([5, false, true]);
  });

  it('refuses a contract it does not know, naming the field and what is allowed', () => {
    expect(() => moviesConfigSchema.parse({ contract: '2025' }, 'movies')).toThrow(/movies\.contract.*2025.*2024 .*or 2026/s);
  });
});

describe('the 2026 contract in a run', () => {
  it('streams 1-10 ratings and create_account lines, and asks with a 600 ms deadline', async () => {
    const { capture, world, sim } = await runWorld<MoviesWorld>(moviesDomain, { days: 2, domainConfig: { ...small, contract: '2026' } });
    const ratings = capture.events.filter((e) => LINE_PATTERNS.rate.test(e.value)).map((e) => Number(e.value.split('=')[1]));
    expect(ratings.length).toBeGreaterThan(50);
    expect(Math.min(...ratings)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...ratings)).toBeGreaterThan(5);
    expect(Math.max(...ratings)).toBeLessThanOrEqual(10);
    expect(capture.events.some((e) => LINE_PATTERNS.createAccount.test(e.value))).toBe(true);
    expect(world.endpoints[0].defaultDeadlineMs).toBe(600);
    expect(sim.predictions.deadlineOf(world.endpoints[0])).toBe(600);
  });

  it('serves self-descriptions (null for a share of users) and a per-view cost; the summary and metrics count the cost of views', async () => {
    const { world, summary, sim } = await runWorld<MoviesWorld>(moviesDomain, { days: 2, domainConfig: { ...small, contract: '2026' } });
    const users = views(world, 'user');
    const all = Array.from({ length: small.users }, (_, u) => users.get(String(u + 1))!);
    expect(Object.keys(all[0]).sort()).toEqual(['age', 'gender', 'occupation', 'self_description_dislikes', 'self_description_likes', 'user_id']);
    const noLikes = all.filter((v) => v.self_description_likes === null).length / all.length;
    const noDislikes = all.filter((v) => v.self_description_dislikes === null).length / all.length;
    expect(noLikes).toBeGreaterThan(NO_LIKES_SHARE - 0.06);
    expect(noDislikes).toBeGreaterThan(NO_DISLIKES_SHARE - 0.06);
    expect(noLikes).toBeLessThan(0.6);
    expect(all.every((v) => v.self_description_likes === null || (typeof v.self_description_likes === 'string' && !/\d/.test(v.self_description_likes)))).toBe(
      true,
    );
    // Asking again gives the same words: the noise cannot be averaged away.
    expect(users.get('7')).toEqual(all[6]);

    const movies = views(world, 'movie');
    const costs = movies.sampleIds(200).map((id) => movies.get(id)!.cost as number);
    expect(costs.every((c) => typeof c === 'number' && c >= 0.01 && Math.round(c * 100) === Math.round(c * 100 + 1e-9))).toBe(true);
    expect(new Set(costs).size).toBeGreaterThan(50);
    // The README's figures: a median of about 0.40 dollars, the top 1% about 2.30.
    const sorted = movies
      .sampleIds(small.movies)
      .map((id) => movies.get(id)!.cost as number)
      .sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThan(0.3);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(0.5);
    expect(sorted[Math.floor(sorted.length * 0.99)]).toBeGreaterThan(1.5);
    expect(sorted[Math.floor(sorted.length * 0.99)]).toBeLessThan(3.5);

    const total = viewCostTotal(sim.metrics);
    expect(total).toBeGreaterThan(0);
    expect(summary.world['cost of views ($)']).toBe(Math.round(total * 100) / 100);
    expect(sim.metrics.toPrometheus()).toContain(VIEW_COST_METRIC);
  });
});

// The conformance suite on a 2026 world: same seed same bytes, well-formed lines, and no ground-truth
// canary in any line, user view (self-descriptions) or movie view (cost).
runDomainConformance({
  ...moviesDomain,
  conformance: { ...moviesDomain.conformance, domainConfig: { ...moviesDomain.conformance?.domainConfig, contract: '2026' } },
});

describe('the 2024 contract stays as it was', () => {
  it('user JSON has the four fields, movie JSON no cost, the summary no cost lines', async () => {
    const { world, summary } = await runWorld<MoviesWorld>(moviesDomain, { days: 1, domainConfig: { users: 300, movies: 200 } });
    expect(Object.keys(views(world, 'user').get('1')!).sort()).toEqual(['age', 'gender', 'occupation', 'user_id']);
    const movies = views(world, 'movie');
    expect(movies.get(movies.sampleIds(1)[0])).not.toHaveProperty('cost');
    expect(Object.keys(summary.world).some((k) => k.includes('cost'))).toBe(false);
    expect(world.endpoints[0].defaultDeadlineMs).toBe(800);
  });
});

describe('self-descriptions: a real but imperfect signal of the hidden tastes', () => {
  it('names genres the user likes more than those they dislike, though not always their favourite', async () => {
    const { world } = await runWorld<MoviesWorld>(moviesDomain, { maxEvents: 1, domainConfig: { users: 3000, movies: 600 } });
    const { truth, catalogue } = world.research();
    const describer = new SelfDescriber(truth, catalogue, new RngStreams('descriptions'));
    // The user's true taste for each genre: the mean truth over the genre's movies.
    const tasteOf = (u: number, g: number) => {
      let sum = 0;
      let n = 0;
      for (let m = 0; m < catalogue.count; m++) {
        if (!(catalogue.genreMask[m] & (1 << g))) continue;
        sum += truth.score(u, m, world.research().population, catalogue);
        n++;
      }
      return sum / n;
    };
    let pairs = 0;
    let ordered = 0;
    let favouriteNamed = 0;
    let described = 0;
    for (let u = 0; u < 400; u++) {
      const d = describer.describe(u);
      const liked = genresNamed(d.likes);
      const disliked = genresNamed(d.dislikes);
      if (liked.length > 0) {
        described++;
        const tastes = Array.from({ length: GENRE_COUNT }, (_, g) => tasteOf(u, g));
        const favourite = tastes.indexOf(Math.max(...tastes));
        if (liked.includes(favourite)) favouriteNamed++;
        for (const a of liked)
          for (const b of disliked) {
            pairs++;
            if (tastes[a] > tastes[b]) ordered++;
          }
      }
    }
    expect(pairs).toBeGreaterThan(50);
    // A signal: a liked genre beats a disliked one far more often than chance (0.5).
    expect(ordered / pairs).toBeGreaterThan(0.75);
    // Imperfect: the favourite genre is named for some users, not for all.
    expect(favouriteNamed / described).toBeGreaterThan(0.2);
    expect(favouriteNamed / described).toBeLessThan(0.9);
  }, 60_000);
});

describe('movie cost', () => {
  it('is higher for popular and recent movies, and the same for a movie whenever asked', () => {
    const cat = new Catalogue(4);
    const start = Date.UTC(2026, 0, 5);
    const year = 365.25 * 86_400_000;
    cat.count = 4;
    cat.popularity.set([1, 60, 1, 60]);
    cat.released.set([start - 20 * year, start - 20 * year, start - 0.2 * year, start - 0.2 * year]);
    const random = new RngStreams('cost').keyed('movie-cost');
    // Average over many seeds' markups so that the noise does not decide the order.
    const mean = (m: number) => {
      let sum = 0;
      for (let i = 0; i < 300; i++) sum += movieCost(cat, m, start, new RngStreams(`cost${i}`).keyed('movie-cost'));
      return sum / 300;
    };
    const [oldObscure, oldPopular, newObscure, newPopular] = [0, 1, 2, 3].map(mean);
    expect(oldPopular).toBeGreaterThan(oldObscure * 1.5);
    expect(newObscure).toBeGreaterThan(oldObscure * 2);
    expect(newPopular).toBeGreaterThan(Math.max(oldPopular, newObscure));
    expect(movieCost(cat, 3, start, random)).toBe(movieCost(cat, 3, start, random));
  });
});
