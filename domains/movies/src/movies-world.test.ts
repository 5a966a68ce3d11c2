import { describe, expect, it } from 'vitest';
import { InProcessPredictor, MemoryTransport, Simulation, runConfigFields, s, type InteractionObserver } from '@prodsim/core';
import { moviesDomain } from './movies-domain.js';
import { LINE_PATTERNS } from './text/lines.js';
import { runWorld } from '@prodsim/core/testing';
import type { MoviesWorld } from './movies-world.js';

const small = { users: 600, movies: 400 };
const field = (line: string, i: number) => line.split(',')[i];

describe('movies world: the stream', () => {
  it('emits exactly the contract line kinds on movielog<N>, keyed by user id', async () => {
    const { capture, sim } = await runWorld<MoviesWorld>(moviesDomain, { domainConfig: { ...small, topic: 'movielog7' } });
    expect(
      sim.events
        .kindsDeclared()
        .map((k) => k.name)
        .sort(),
    ).toEqual(['rate', 'recommendation', 'watch']);
    const kinds = { watch: 0, rate: 0, recommendation: 0 };
    for (const e of capture.events) {
      expect(e.topic).toBe('movielog7');
      expect(e.key).toBe(field(e.value, 1));
      if (LINE_PATTERNS.watch.test(e.value)) kinds.watch++;
      else if (LINE_PATTERNS.rate.test(e.value)) kinds.rate++;
      else if (LINE_PATTERNS.recommendation.test(e.value)) kinds.recommendation++;
      else throw new Error(`unexpected line ${e.value}`);
    }
    expect(kinds.watch).toBeGreaterThan(kinds.recommendation * 10);
    expect(kinds.rate).toBeGreaterThan(0);
    expect(kinds.recommendation).toBeGreaterThan(0);
  });

  it('watches minute by minute, one movie at a time per user, with stops, pauses and rewinds', async () => {
    const { capture } = await runWorld<MoviesWorld>(moviesDomain, { days: 2, domainConfig: small });
    const lastByUser = new Map<string, { movie: string; minute: number; time: number }>();
    let rewinds = 0;
    let pauses = 0;
    let newMovies = 0;
    let startsAtOne = 0;
    for (const e of capture.events) {
      const m = /^(\S+?),(\d+),GET \/data\/m\/(\S+)\/(\d+)\.mpg$/.exec(e.value);
      if (!m) continue;
      const time = Date.parse(`${m[1]}Z`);
      const minute = Number(m[4]);
      const prev = lastByUser.get(m[2]);
      if (!prev || prev.movie !== m[3]) {
        newMovies++;
        if (minute === 1) startsAtOne++;
      } else {
        expect(time).toBeGreaterThanOrEqual(prev.time);
        if (minute <= prev.minute) rewinds++;
        else expect(minute).toBe(prev.minute + 1);
        if (minute > prev.minute && time - prev.time > 90_000) pauses++;
      }
      lastByUser.set(m[2], { movie: m[3], minute, time });
    }
    expect(newMovies).toBeGreaterThan(100);
    // Every viewing starts at minute 1 (a re-watch of the same movie shows as a rewind).
    expect(startsAtOne).toBe(newMovies);
    expect(rewinds).toBeGreaterThan(0);
    expect(pauses).toBeGreaterThan(0);
  });

  it('logs each recommendation request at its decision time with status, result and latency', async () => {
    const { capture, world } = await runWorld<MoviesWorld>(moviesDomain, { domainConfig: small });
    const recs = capture.events.filter((e) => LINE_PATTERNS.recommendation.test(e.value));
    expect(recs.length).toBeGreaterThan(50);
    for (const e of recs.slice(0, 50)) {
      const m = /recommendation request in-process:popularity, status 200, result: (.*), (\d+) ms$/.exec(e.value);
      expect(m, e.value).not.toBeNull();
      const ids = m![1].split(', ');
      expect(ids.length).toBe(20);
      for (const id of ids) expect(world.catalogue.indexOf(id)).toBeGreaterThanOrEqual(0);
    }
  });

  it('logs failed requests with status 0 and the error text, and users carry on without recommendations', async () => {
    const slow = new InProcessPredictor({ recommend: () => [] }, { name: 'slow', latencyMs: 5000 });
    const { capture, world } = await runWorld<MoviesWorld>(moviesDomain, { domainConfig: small, predictor: () => slow });
    const recs = capture.events.filter((e) => LINE_PATTERNS.recommendation.test(e.value));
    expect(recs.length).toBeGreaterThan(0);
    for (const e of recs) expect(e.value).toMatch(/recommendation request in-process:slow, status 0, result: no answer within the deadline of 800 ms, 800 ms$/);
    expect(world.research().counters.watches).toBeGreaterThan(0);
    expect(world.research().counters.watchesFromRecommendations).toBe(0);
  });

  it('rates on a 1-5 scale by default and 1-10 when configured', async () => {
    const ratings = async (scale: number) => {
      const { capture } = await runWorld<MoviesWorld>(moviesDomain, { days: 3, domainConfig: { ...small, ratingScale: scale } });
      return capture.events
        .map((e) => /=(\d+)$/.exec(e.value))
        .filter((m) => m !== null)
        .map((m) => Number(m![1]));
    };
    const five = await ratings(5);
    const ten = await ratings(10);
    expect(five.length).toBeGreaterThan(100);
    expect(Math.min(...five)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...five)).toBe(5);
    expect(Math.max(...ten)).toBe(10);
    expect(Math.min(...ten)).toBeGreaterThanOrEqual(1);
    expect(ten.filter((r) => r > 5).length / ten.length).toBeGreaterThan(0.3);
    expect(new Set(ten).size).toBeGreaterThanOrEqual(8);
  });

  it('creates accounts over time, with GET /create_account lines only when enabled', async () => {
    const config = { ...small, newAccountRate: 0.02 };
    const off = await runWorld<MoviesWorld>(moviesDomain, { days: 2, domainConfig: config });
    expect(off.capture.events.some((e) => e.value.endsWith('GET /create_account'))).toBe(false);
    const on = await runWorld<MoviesWorld>(moviesDomain, { days: 2, domainConfig: { ...config, createAccountLines: true } });
    const created = on.capture.events.filter((e) => LINE_PATTERNS.createAccount.test(e.value)).map((e) => Number(field(e.value, 1)));
    expect(created.length).toBeGreaterThan(5);
    expect(created[0]).toBe(small.users + 1);
    expect(created).toEqual(created.map((_, i) => small.users + 1 + i));
    const users = on.world.catalog.get('user')!;
    expect(users.get(String(created[created.length - 1]))).toBeDefined();
    expect(users.get(String(created[created.length - 1] + 1))).toBeUndefined();
    // A new member's first session follows soon after the account is created.
    const firstActivity = on.capture.events.findIndex((e) => field(e.value, 1) === String(created[0]) && !e.value.endsWith('create_account'));
    expect(firstActivity).toBeGreaterThan(-1);
  });

  it('releases new movies over time, which join the catalogue', async () => {
    const { world } = await runWorld<MoviesWorld>(moviesDomain, { days: 3, domainConfig: { ...small, releasesPerDay: 5 } });
    expect(world.catalogue.count).toBeGreaterThan(small.movies + 5);
    const newest = world.catalogue.slugs[world.catalogue.count - 1];
    const json = world.catalog.get('movie')!.get(newest) as Record<string, unknown>;
    expect(json.release_date).toMatch(/^2026-01-0[5-8]$/);
  });

  it('gives course team N the topic movielog<N>', () => {
    const config = moviesDomain.config.parse({}, 'movies');
    expect(moviesDomain.forTeam!(config, { name: 'team03', index: 3 }).topic).toBe('movielog3');
  });

  it('reports slates and viewings to an experiment observer', async () => {
    const slates: number[] = [];
    const viewings: { recommended: boolean; minutes: number; value: number }[] = [];
    const observer: InteractionObserver = {
      slate: (_t, _u, items) => void slates.push(items.length),
      interaction: (_t, _u, _m, recommended, minutes, value) => void viewings.push({ recommended, minutes, value }),
      outcome: () => {},
    };
    const config = s.object(runConfigFields).parse({ domain: 'movies', seed: '1', days: 1, progress: false }, '');
    const sim = new Simulation({
      config,
      domainConfig: moviesDomain.config.parse(small, 'movies'),
      plugin: moviesDomain,
      transport: new MemoryTransport(),
      observer,
    });
    await sim.run();
    expect(slates.length).toBeGreaterThan(50);
    expect(slates.every((n) => n === 20)).toBe(true);
    expect(viewings.length).toBeGreaterThan(50);
    expect(viewings.every((v) => v.minutes >= 1 && Number.isFinite(v.value))).toBe(true);
  });

  it('is the same byte for byte for the same seed and predictor answers', async () => {
    const a = await runWorld<MoviesWorld>(moviesDomain, { seed: 'x', domainConfig: small });
    const b = await runWorld<MoviesWorld>(moviesDomain, { seed: 'x', domainConfig: small });
    expect(b.capture.text()).toBe(a.capture.text());
  });
});

describe('movies world: public entities', () => {
  it('serves user JSON with the course fields and integer ids', async () => {
    const { world } = await runWorld<MoviesWorld>(moviesDomain, { maxEvents: 1, domainConfig: small });
    const users = world.catalog.get('user')!;
    const u = users.get('5') as Record<string, unknown>;
    expect(Object.keys(u)).toEqual(['user_id', 'age', 'occupation', 'gender']);
    expect(u.user_id).toBe(5);
    expect(typeof u.age).toBe('number');
    expect(['M', 'F']).toContain(u.gender);
    expect(users.get('0')).toBeUndefined();
    expect(users.get(String(small.users + 1))).toBeUndefined();
    expect(users.get('abc')).toBeUndefined();
  });

  it('serves movie JSON with every field of the course record', async () => {
    const { world } = await runWorld<MoviesWorld>(moviesDomain, { maxEvents: 1, domainConfig: small });
    const movies = world.catalog.get('movie')!;
    const id = movies.sampleIds(3)[1];
    const m = movies.get(id) as Record<string, any>;
    for (const key of [
      'id',
      'tmdb_id',
      'imdb_id',
      'title',
      'original_title',
      'adult',
      'belongs_to_collection',
      'budget',
      'genres',
      'homepage',
      'original_language',
      'overview',
      'popularity',
      'poster_path',
      'production_companies',
      'production_countries',
      'release_date',
      'revenue',
      'runtime',
      'spoken_languages',
      'status',
      'tagline',
      'vote_average',
      'vote_count',
    ]) {
      expect(m, key).toHaveProperty(key);
    }
    expect(m.id).toBe(id);
    expect(m.imdb_id).toMatch(/^tt\d{7,}$/);
    expect(m.genres.length).toBeGreaterThan(0);
    expect(m.genres[0]).toEqual({ id: expect.any(Number), name: expect.any(String) });
    expect(m.production_countries[0]).toHaveProperty('iso_3166_1');
    expect(m.spoken_languages[0]).toHaveProperty('iso_639_1');
    expect(['G', 'PG', 'PG-13', 'R']).toContain(m.certificate);
    expect(m.runtime).toBeGreaterThan(50);
    expect(JSON.stringify(movies.get(id))).toBe(JSON.stringify(m));
  });

  it('serves numbers as strings under the compatibility switch', async () => {
    const { world } = await runWorld<MoviesWorld>(moviesDomain, { maxEvents: 1, domainConfig: { ...small, stringNumbers: true } });
    const m = world.catalog.get('movie')!;
    const movie = m.get(m.sampleIds(1)[0]) as Record<string, unknown>;
    expect(typeof movie.budget).toBe('string');
    expect(typeof movie.runtime).toBe('string');
    expect(typeof (world.catalog.get('user')!.get('1') as Record<string, unknown>).age).toBe('string');
  });
});
