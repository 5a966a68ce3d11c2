import type { DomainContext, DomainPlugin } from '@prodsim/core';
import { LINE_PATTERNS } from './text/lines.js';
import { moviesConfigSchema, type MoviesConfig } from './config.js';
import { MoviesWorld } from './movies-world.js';
import { MOVIES_METRICS } from './research/movies-metrics.js';
import { MOVIES_SCENARIO_ACTIONS } from './research/scenario-actions.js';
import { buildSyntheticWorld } from './world/build-synthetic.js';
import { buildMovieLensWorld } from './movielens/build-from-movielens.js';
import { MOVIES_SNAPSHOT_VERSION } from './world/movies-snapshot.js';
import { movieLensSource } from './movielens/movielens-source.js';

/**
 * movies/v1: the movie-streaming world of the ML-in-production course, speaking its wire
 * contract (movielog<N> lines, the `recommend` endpoint, user and movie JSON).
 */
export const moviesDomain: DomainPlugin<MoviesConfig> = {
  id: 'movies/v1',
  description: 'movie streaming: users watch minute by minute, rate, and ask a recommend service (the course contract)',
  coreVersion: '^0.1.0',
  config: moviesConfigSchema,
  flags: { users: 'users', contract: 'contract' },
  scenarioActions: MOVIES_SCENARIO_ACTIONS,
  metrics: MOVIES_METRICS,
  snapshotVersion: MOVIES_SNAPSHOT_VERSION,
  /** Course mode: team N streams to its own topic movielog<N>, as in the course. */
  forTeam(config: MoviesConfig, team: { name: string; index: number }): MoviesConfig {
    return { ...config, topic: `movielog${team.index}` };
  },
  conformance: {
    domainConfig: { users: 400, movies: 300, createAccountLines: true, newAccountRate: 0.01 },
    minEvents: 1000,
    validateEvent(value) {
      if (!Object.values(LINE_PATTERNS).some((p) => p.test(value))) throw new Error(`not a line of the contract: ${value}`);
    },
    scenarioParams: {
      'taste-shock': { genre: 'Drama', delta: -1 },
      release: { movies: 5 },
      'fake-ratings': { accounts: 5 },
      'r-rated-to-minors': { share: 0.5 },
      'truth-update': { everyDays: 1 },
      'schema-change': { variant: 'added-field' },
    },
  },
  create(ctx: DomainContext, config: MoviesConfig): MoviesWorld {
    if (config.source === 'synthetic') return new MoviesWorld(ctx, config, buildSyntheticWorld(ctx, config), 'synthetic');
    const { stores, description } = movieLensSource(() => buildMovieLensWorld(ctx, config), config.source);
    return new MoviesWorld(ctx, config, stores, description);
  },
};
