import { MemoryTransport, Simulation, runConfigFields, s, type EventOutput } from '@prodsim/core';
import { randomRecommender } from '../recommend/recommenders.js';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';
import type { MovieLensData } from '../movielens/dataset.js';
import { loadMovieLens } from '../movielens/load.js';
import { compareFigures, type FidelityRow } from './fidelity-compare.js';
import { computeFigures, toStars, type FidelityFigures } from './fidelity-figures.js';

/** Keeps the rate lines of a run, parsed as a stream consumer would: nothing else is stored. */
class RateCollector implements EventOutput {
  users: number[] = [];
  slugs: string[] = [];
  values: number[] = [];

  publish(_topic: string, _key: string | null, value: string): void {
    const at = value.indexOf(',GET /rate/');
    if (at < 0) return;
    const comma = value.indexOf(',');
    const eq = value.lastIndexOf('=');
    this.users.push(Number(value.slice(comma + 1, at)));
    this.slugs.push(value.slice(at + 11, eq));
    this.values.push(Number(value.slice(eq + 1)));
  }

  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

export interface FidelityOptions {
  /** A MovieLens directory to compare against. */
  against: string;
  days?: number;
  /**
   * Seeds to simulate (default 1, 2, 3). Genre shares of one simulated month swing by 20-40%
   * between seeds (most viewing goes to a few hundred movies, as in MovieLens), so the
   * comparison is on the mean over seeds, with the range shown.
   */
  seeds?: string[];
  users?: number;
  /** Overrides of the movies domain's configuration (the default: the calibrated synthetic world). */
  domainConfig?: Record<string, unknown>;
  /**
   * The recommender during the simulated month. `random` (the default) carries no information,
   * so what users watch is their own discovery: MovieLens users rated what they had seen
   * anywhere over years, not what one recommender showed them, so the world's organic behaviour
   * is what is calibrated against it; recommenders then shift it, which experiments measure.
   * `popularity` is the domain's default predictor.
   */
  recommender?: 'random' | 'popularity';
}

export interface FidelityResult {
  real: FidelityFigures;
  /** One set of figures per seed. */
  simulated: FidelityFigures[];
  rows: FidelityRow[];
  wallSeconds: number;
  events: number;
}

export function movieLensFigures(data: MovieLensData): FidelityFigures {
  const stars = new Uint8Array(data.ratings.count);
  for (let i = 0; i < stars.length; i++) stars[i] = toStars(data.ratings.value[i], 5);
  return computeFigures({ count: data.ratings.count, user: data.ratings.user, movie: data.ratings.movie, stars, genreMask: data.movies.genreMasks });
}

/** Simulates `days` (default 30) per seed and compares its ratings with a MovieLens release. */
export async function runFidelity(options: FidelityOptions): Promise<FidelityResult> {
  const real = movieLensFigures(loadMovieLens(options.against));
  const simulated: FidelityFigures[] = [];
  let wallSeconds = 0;
  let events = 0;
  for (const seed of options.seeds ?? ['1', '2', '3']) {
    const run = await simulateMonth(seed, options);
    simulated.push(run.figures);
    wallSeconds += run.wallSeconds;
    events += run.events;
  }
  return { real, simulated, rows: compareFigures(real, simulated), wallSeconds, events };
}

async function simulateMonth(seed: string, options: FidelityOptions): Promise<{ figures: FidelityFigures; wallSeconds: number; events: number }> {
  const config = s.object(runConfigFields).parse({ domain: 'movies', seed, days: options.days ?? 30, progress: false }, '');
  const domainConfig = moviesDomain.config.parse({ ...(options.users === undefined ? {} : { users: options.users }), ...options.domainConfig }, 'movies');
  const collector = new RateCollector();
  const sim = new Simulation({ config, domainConfig, plugin: moviesDomain, transport: new MemoryTransport(), outputs: [collector] });
  const world = (await sim.init()) as MoviesWorld;
  if ((options.recommender ?? 'random') === 'random') sim.predictions.use(randomRecommender(world, { seed }));
  const summary = await sim.run();
  const cat = world.catalogue;
  const movie = collector.slugs.map((slug) => cat.indexOf(slug));
  const stars = collector.values.map((v) => toStars(v, domainConfig.ratingScale));
  const figures = computeFigures({ count: movie.length, user: collector.users, movie, stars, genreMask: cat.genreMask });
  return { figures, wallSeconds: summary.wallSeconds, events: summary.events };
}
