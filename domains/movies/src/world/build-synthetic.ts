import type { RatingCalendar } from '../movielens/rating-calendar.js';
import type { ConsumptionHistory, DomainContext } from '@prodsim/core';
import type { MoviesConfig } from '../config.js';
import { Catalogue } from './catalogue.js';
import { GroundTruth } from './ground-truth.js';
import { Population } from './population.js';
import { buildSyntheticCatalogue } from './synthetic-movies.js';
import { synthesizeAttributes, synthesizeTaste } from './synthetic-users.js';

export const SYNTHETIC_FACTORS = 8;
/** Global mean of true ratings before choice and selection (stars). */
export const SYNTHETIC_MU = 1.77;

export interface WorldStores {
  population: Population;
  catalogue: Catalogue;
  truth: GroundTruth;
  /** What users watched before the run (a MovieLens source's ratings), oldest first. */
  history?: ConsumptionHistory;
  /** When the source's users rated, for the copies' rating visits (a MovieLens source with `ratingVisits`). */
  ratingCalendar?: RatingCalendar;
}

/**
 * Room for the accounts and releases a run of this length is expected to add. Each day start
 * creates the whole day's new accounts, so a run counts every calendar day it touches (one more
 * than its whole days): a 30-minute run of a 10M-user world otherwise grew and copied every
 * per-user array at its first day start. Room costs no memory until used (the arrays' pages are
 * untouched zeros).
 */
export function capacities(ctx: DomainContext, config: MoviesConfig, users: number, movies: number): { users: number; movies: number } {
  const days = Number.isFinite(ctx.endTime) ? Math.ceil(Math.max(0, (ctx.endTime - ctx.startTime) / 86_400_000)) + 1 : 30;
  const growth = Math.min(users * config.newAccountRate * days * 1.3 + 16, users);
  return { users: Math.ceil(users + growth), movies: Math.ceil(movies + Math.min(config.releasesPerDay * days * 1.5 + 16, movies)) };
}

/** A seeded synthetic world: users, their hidden taste, and the movie catalogue. */
export function buildSyntheticWorld(ctx: DomainContext, config: MoviesConfig): WorldStores {
  const cap = capacities(ctx, config, config.users, config.movies);
  const population = new Population(cap.users);
  const truth = new GroundTruth(
    SYNTHETIC_FACTORS,
    cap.users,
    cap.movies,
    config.minorsPreferR,
    config.idiosyncrasy,
    ctx.rng.stream('idiosyncrasy').int(0x7fffffff),
    config.momentum,
  );
  truth.mu = SYNTHETIC_MU;
  synthesizeAttributes(population, 0, config.users, ctx.rng.stream('population'), config);
  synthesizeTaste(population, truth, 0, config.users, ctx.rng.stream('ground-truth'));
  population.count = config.users;
  const catalogue = new Catalogue(cap.movies);
  buildSyntheticCatalogue(catalogue, truth, ctx.rng.stream('catalogue'), config.movies, ctx.startTime);
  return { population, catalogue, truth };
}
