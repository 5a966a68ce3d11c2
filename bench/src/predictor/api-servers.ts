import { ApiServer, MetricsRegistry, PublicCatalog, type EntityCollection } from '@prodsim/core';
import Fastify from 'fastify';

/**
 * The entity-API servers bench/predictor compares: a bare fastify route and prodsim's API server
 * (rate limit on or off, course mode), over one movie-like catalog. Used in the bench's process
 * and in api-server-process.ts (a server in a process of its own).
 */

/** A TMDb-like record per movie, as the movie domain's `/movie/:id` serves. */
export function movieCatalog(count: number): { catalog: PublicCatalog; ids: string[]; record: (id: string) => object | undefined } {
  const ids = Array.from({ length: count }, (_, i) => `movie+number+${i}+${1950 + (i % 70)}`);
  const index = new Map(ids.map((id, i) => [id, i]));
  const record = (id: string) => {
    const i = index.get(id);
    if (i === undefined) return undefined;
    return {
      id,
      tmdb_id: 10_000 + i,
      imdb_id: `tt${String(1_000_000 + i)}`,
      title: `Movie Number ${i}`,
      original_title: `Movie Number ${i}`,
      adult: 'False',
      belongs_to_collection: {},
      budget: String(1_000_000 * (i % 90)),
      genres: [
        { id: 18, name: 'Drama' },
        { id: 35, name: 'Comedy' },
      ],
      homepage: 'null',
      original_language: 'en',
      overview: 'A film about a benchmark that measures an API under load, on a machine with two cores shared by several engineers.',
      popularity: String((i % 1000) / 37),
      poster_path: `/p${i}.jpg`,
      production_companies: [{ name: 'Studio', id: 1 }],
      production_countries: [{ iso_3166_1: 'US', name: 'United States of America' }],
      release_date: `${1950 + (i % 70)}-06-01`,
      revenue: String(2_000_000 * (i % 50)),
      runtime: 90 + (i % 60),
      spoken_languages: [{ iso_639_1: 'en', name: 'English' }],
      status: 'Released',
      tagline: 'Measured, not guessed.',
      vote_average: String(5 + (i % 50) / 10),
      vote_count: String(i % 5000),
    };
  };
  const movies: EntityCollection = { name: 'movie', idPattern: /^[a-z0-9+._-]{1,200}$/, size: count, get: record, sampleIds: (k) => ids.slice(0, k) };
  return { catalog: new PublicCatalog().add(movies), ids, record };
}

/** A server under test; `headers` go with every request (a team's token). */
export type Server = { url: string; headers?: Record<string, string>; close: () => Promise<void> };

/** Baseline: the same record from a bare fastify route (no rate limit, no id checks, no metrics). */
export async function bareFastify(record: (id: string) => object | undefined): Promise<Server> {
  const bare = Fastify({ logger: false });
  bare.get('/movie/:id', (request, reply) => {
    const view = record((request.params as { id: string }).id);
    return view ? reply.type('application/json').send(JSON.stringify(view)) : reply.code(404).send();
  });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  return { url: `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`, close: () => bare.close() };
}

export async function prodsimApi(catalog: PublicCatalog, limited: boolean, server: Pick<typeof ApiServer, 'create'> = ApiServer): Promise<Server> {
  // The per-client rate limit set high: the load generator is one client.
  const api = await server.create({
    worlds: [{ catalog, routes: [], metrics: new MetricsRegistry() }],
    port: 0,
    rateLimit: limited ? { max: 1e9, windowMs: 1000 } : false,
  });
  return { url: await api.listen(), close: () => api.close() };
}

/**
 * Course mode: 50 team worlds behind tokens, a staff token, the load as one team (its token on
 * every request, `/team25/movie/:id`): the token check, the limit keyed by team, the team route.
 */
export async function courseApi(catalog: PublicCatalog, server: Pick<typeof ApiServer, 'create'> = ApiServer): Promise<Server> {
  const teams = Array.from({ length: 50 }, (_, i) => `team${String(i + 1).padStart(2, '0')}`);
  const api = await server.create({
    worlds: teams.map((team) => ({ team, token: `token-of-${team}-0123456789abcdef`, catalog, routes: [], metrics: new MetricsRegistry() })),
    port: 0,
    staffToken: 'staff-token-0123456789abcdef',
    rateLimit: { max: 1e9, windowMs: 1000 },
  });
  return { url: await api.listen(), headers: { authorization: 'Bearer token-of-team25-0123456789abcdef' }, close: () => api.close() };
}
