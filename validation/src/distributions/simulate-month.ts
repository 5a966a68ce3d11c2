import { MemoryTransport, Simulation, runConfigFields, s, type DomainPlugin } from '@prodsim/core';
import { randomRecommender, type MoviesConfig, type MoviesWorld } from '@prodsim/domain-movies';
import { RateLineCollector } from './rate-line-collector.js';
import type { RatingRecord } from './ratings-profile.js';

export interface SimulateOptions {
  plugin: DomainPlugin;
  /** The movies configuration of the world, e.g. `{ source: <training dir>, users: 10000 }`. */
  world: Record<string, unknown>;
  days: number;
  seed: string;
}

/**
 * Simulates the world fitted to the training part for `days` and returns its ratings as a
 * stream consumer sees them. The recommender is random, as in `prodsim stats`: it carries no
 * information, so what users watch is their own discovery. MovieLens users rated what they had
 * seen anywhere over years, not what one recommender showed them; recommenders then shift
 * behaviour, which the decisions tier measures.
 */
export async function simulateRatings(options: SimulateOptions): Promise<{ ratings: RatingRecord[]; events: number; wallSeconds: number }> {
  const config = s.object(runConfigFields).parse({ domain: options.plugin.id, seed: options.seed, days: options.days, progress: false }, '');
  const domainConfig = options.plugin.config.parse(options.world, 'movies') as MoviesConfig;
  const collector = new RateLineCollector(domainConfig.ratingScale);
  const sim = new Simulation({ config, domainConfig, plugin: options.plugin, transport: new MemoryTransport(), outputs: [collector] });
  const world = (await sim.init()) as MoviesWorld;
  sim.predictions.use(randomRecommender(world, { seed: options.seed }));
  const summary = await sim.run();
  if (summary.reason === 'error') throw new Error(`the simulated period failed: ${summary.error}`);
  return { ratings: collector.ratings, events: summary.events, wallSeconds: summary.wallSeconds };
}
