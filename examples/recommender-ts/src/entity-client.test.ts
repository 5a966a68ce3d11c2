import { ApiServer, apiWorldOf } from '@prodsim/core';
import { runWorld } from '@prodsim/core/testing';
import { moviesDomain } from '@prodsim/domain-movies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntityClient, retryAfterMs } from './entity-client.js';

// Against prodsim's own entity API, with a limit small enough to be met.
describe('EntityClient: bulk lookups that wait out the rate limit', () => {
  let server: ApiServer;
  let url: string;
  let movieIds: string[];
  beforeAll(async () => {
    const { sim, world } = await runWorld(moviesDomain, { maxEvents: 1, domainConfig: { users: 500, movies: 450 } });
    movieIds = world.catalog.get('movie')!.sampleIds(450);
    server = await ApiServer.create({ worlds: [apiWorldOf(sim)], port: 0, rateLimit: { max: 2, windowMs: 1000 } });
    url = await server.listen();
  });
  afterAll(() => server.close());

  it('gets 450 movies in 3 bulk requests, waits Retry-After on each 429, and loses none', async () => {
    const waits: number[] = [];
    const client = new EntityClient({
      baseUrl: url,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    const movies = await client.getMany<{ id: string }>('movie', movieIds);
    expect(movies.map((m) => m?.id)).toEqual(movieIds);
    // 2 requests fit the window; the third met a 429 and was sent again after the wait.
    expect(client.stats.throttled).toBeGreaterThanOrEqual(1);
    expect(client.stats.requests).toBe(3 + client.stats.throttled);
    expect(waits.every((ms) => ms >= 50 && ms <= 1000)).toBe(true);
  }, 30_000);

  it('answers null for an unknown id, alone or in a list', async () => {
    const client = new EntityClient({ baseUrl: url });
    expect(await client.getMany('movie', ['no+such+movie+1900'])).toEqual([null]);
  }, 30_000);

  it('reads Retry-After as seconds or a date, one second when absent', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(null)).toBe(1000);
    expect(retryAfterMs('soon')).toBe(1000);
  });
});
