import type { DomainContext, DomainPlugin } from '@prodsim/core';
import { moviesConfigSchema, type MoviesConfig } from './config.js';
import { MoviesWorld } from './movies-world.js';
import { MOVIES_METRICS } from './research/movies-metrics.js';
import { MOVIES_SCENARIO_ACTIONS } from './research/scenario-actions.js';
import { buildSyntheticWorld } from './world/build-synthetic.js';
import { buildMovieLensWorld } from './movielens/build-from-movielens.js';

/**
 * movies/v1: the movie-streaming world of the ML-in-production course, speaking its wire
 * contract (movielog<N> lines, the `recommend` endpoint, user and movie JSON).
 */
export const moviesDomain: DomainPlugin<MoviesConfig> = {
  id: 'movies/v1',
  description: 'movie streaming: users watch minute by minute, rate, and ask a recommend service (the course contract)',
  coreVersion: '^0.1.0',
  config: moviesConfigSchema,
  flags: { users: 'users' },
  scenarioActions: MOVIES_SCENARIO_ACTIONS,
  metrics: MOVIES_METRICS,
  /** Course mode: team N streams to its own topic movielog<N>, as in the course. */
  forTeam(config: MoviesConfig, team: { name: string; index: number }): MoviesConfig {
    return { ...config, topic: `movielog${team.index}` };
  },
  create(ctx: DomainContext, config: MoviesConfig): MoviesWorld {
    if (config.source === 'synthetic') return new MoviesWorld(ctx, config, buildSyntheticWorld(ctx, config), 'synthetic');
    const { stores, description } = buildMovieLensWorld(ctx, config);
    return new MoviesWorld(ctx, config, stores, description);
  },
};
