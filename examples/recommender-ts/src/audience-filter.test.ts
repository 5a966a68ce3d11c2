import { ApiServer, apiWorldOf } from '@prodsim/core';
import { runWorld } from '@prodsim/core/testing';
import { moviesDomain } from '@prodsim/domain-movies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT_AGE, AudienceFilter } from './audience-filter.js';
import { EntityClient } from './entity-client.js';
import { Recommender } from './recommender.js';

// Against prodsim's own entity API and world, with a rate limit small enough to be met.
describe('AudienceFilter: no R-rated movie to a minor, from the entity API in bulk', () => {
  let server: ApiServer;
  let url: string;
  let users: { id: string; age: number }[];
  let movies: { id: string; certificate: string }[];
  beforeAll(async () => {
    const { sim, world } = await runWorld(moviesDomain, { maxEvents: 1, domainConfig: { users: 500, movies: 450 } });
    const userViews = world.catalog.get('user')!;
    const movieViews = world.catalog.get('movie')!;
    users = userViews.sampleIds(500).map((id) => ({ id, age: (userViews.get(id) as { age: number }).age }));
    movies = movieViews.sampleIds(450).map((id) => ({ id, certificate: (movieViews.get(id) as { certificate: string }).certificate }));
    server = await ApiServer.create({ worlds: [apiWorldOf(sim)], port: 0, rateLimit: { max: 2, windowMs: 1000 } });
    url = await server.listen();
  });
  afterAll(() => server.close());

  const watch = (user: string, movie: string) => `2026-01-05T08:00:00,${user},GET /data/m/${movie}/1.mpg`;

  it('learns every user and movie the stream names in a few bulk requests, through the 429s', async () => {
    const client = new EntityClient({ baseUrl: url });
    const filter = new AudienceFilter(client);
    const recommender = new Recommender();
    // Every user watches some movie, every movie is watched: 500 users and 450 movies named.
    for (let i = 0; i < users.length; i++) {
      const event = recommender.handleLine(watch(users[i].id, movies[i % movies.length].id));
      if (event) filter.observe(event);
    }
    await filter.settled();
    expect(filter.stats).toEqual({ users: 500, movies: 450, failures: 0 });
    // 3 user requests and 3 movie requests of up to 200 ids; with 2 allowed per second, some waited.
    expect(client.stats.requests - client.stats.throttled).toBe(6);
    expect(client.stats.throttled).toBeGreaterThanOrEqual(1);
    const minors = users.filter((u) => u.age < ADULT_AGE);
    const rated = movies.filter((m) => m.certificate === 'R');
    expect(minors.length).toBeGreaterThan(10);
    expect(rated.length).toBeGreaterThan(10);
    let wrong = 0;
    for (const u of users) for (const m of movies) if (filter.suits(u.id, m.id) !== !(u.age < ADULT_AGE && m.certificate === 'R')) wrong++;
    expect(wrong).toBe(0);
  }, 30_000);

  it('keeps R-rated movies out of the lists of minors only, and allows what it does not know yet', async () => {
    const filter = new AudienceFilter(new EntityClient({ baseUrl: url }));
    const recommender = new Recommender({ suits: (user, movie) => filter.suits(user, movie) });
    const rated = movies.filter((m) => m.certificate === 'R').slice(0, 10);
    const other = movies.find((m) => m.certificate !== 'R')!;
    // The R-rated movies are the most watched ones, by the first 100 users; 40 others were watched once.
    for (const u of users.slice(0, 100)) for (const m of rated) recommender.handleLine(watch(u.id, m.id));
    for (const m of movies.filter((x) => x.certificate !== 'R').slice(0, 40)) recommender.handleLine(watch(users[1].id, m.id));
    const rest = users.slice(100);
    const adult = rest.find((u) => u.age >= 30)!;
    const [unknownMinor, knownMinor] = rest.filter((u) => u.age < ADULT_AGE);
    // Nothing known about a user yet: the list is not held back.
    const unknownList = recommender.recommend(unknownMinor.id);
    expect(rated.filter((m) => unknownList.includes(m.id)).length).toBe(10);
    for (const line of [watch(adult.id, other.id), watch(knownMinor.id, other.id), ...rated.map((m) => watch(users[0].id, m.id))]) {
      const event = recommender.handleLine(line);
      if (event) filter.observe(event);
    }
    await filter.settled();
    const minorList = recommender.recommend(knownMinor.id);
    expect(minorList.length).toBe(20);
    expect(minorList.filter((id) => rated.some((m) => m.id === id))).toEqual([]);
    const adultList = recommender.recommend(adult.id);
    expect(rated.filter((m) => adultList.includes(m.id)).length).toBe(10);
  }, 30_000);

  it('forgets ids whose request failed, so that the stream asks for them again', async () => {
    const filter = new AudienceFilter(new EntityClient({ baseUrl: 'http://127.0.0.1:1' }), 10);
    filter.observe({ kind: 'account', time: '2026-01-05T08:00:00', user: users[0].id });
    await filter.settled();
    expect(filter.stats.failures).toBe(1);
    // The request never reached a server: the error says so (undici: "fetch failed").
    expect(filter.stats.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    filter.observe({ kind: 'account', time: '2026-01-05T08:00:01', user: users[0].id });
    await filter.settled();
    expect(filter.stats.failures).toBe(2);
  });
});
