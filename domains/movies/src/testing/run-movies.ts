import { MemoryTransport, Simulation, runConfigFields, s, type Predictor } from '@prodsim/core';
import { CaptureOutput } from '@prodsim/core/testing';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';

export interface RunMoviesOptions {
  seed?: string;
  days?: number;
  start?: string;
  maxEvents?: number;
  domainConfig?: Record<string, unknown>;
  /** Makes the predictor from the built world (e.g. a recommender over its catalogue). */
  predictor?: (world: MoviesWorld) => Predictor;
  /** Keep every event (default true); false counts only. */
  capture?: boolean;
}

/** Runs a movies world in fast mode, for tests and experiments in this package. */
export async function runMovies(options: RunMoviesOptions = {}): Promise<{ sim: Simulation; world: MoviesWorld; capture: CaptureOutput }> {
  const config = s.object(runConfigFields).parse({ domain: 'movies', seed: options.seed ?? '1', days: options.days ?? 1, start: options.start, maxEvents: options.maxEvents, progress: false }, '');
  const domainConfig = moviesDomain.config.parse(options.domainConfig ?? {}, 'movies');
  const capture = new CaptureOutput();
  const sim = new Simulation({ config, domainConfig, plugin: moviesDomain, transport: new MemoryTransport(), outputs: options.capture === false ? [] : [capture] });
  const world = (await sim.init()) as MoviesWorld;
  if (options.predictor) sim.predictions.use(options.predictor(world));
  await sim.run();
  return { sim, world, capture };
}
