import type { KeyedRandom, MetricsRegistry } from '@prodsim/core';
import type { Catalogue } from '../world/catalogue.js';

const YEAR_MS = 365.25 * 86_400_000;
/** Dollars per view of a movie of popularity 0 released long ago, before noise. */
const BASE_DOLLARS = 0.12;
/** Sd of the log of the licensor's own markup: movies alike in public facts cost differently. */
const COST_NOISE = 0.35;

export const VIEW_COST_METRIC = 'prodsim_movies_view_cost_dollars_total';

/**
 * A movie's license cost per view (the 2026 contract's `cost`, dollars, whole cents): more for
 * popular movies and for recent ones (about 3 times as much in a movie's first year, falling
 * toward the catalogue price over a few years), times a seeded markup per movie. Made only of
 * public facts (popularity, release date) and noise: it tells a team nothing of the hidden truth.
 * Recency counts from the run's start (a movie released during the run is new), so a movie's cost
 * never changes during a run.
 */
export function movieCost(cat: Catalogue, m: number, startTime: number, random: KeyedRandom): number {
  const ageYears = Math.max(0, (startTime - cat.released[m]) / YEAR_MS);
  const recency = 1 + 2 * Math.exp(-ageYears / 1.5);
  const popularity = 1 + Math.log1p(Math.max(0, cat.popularity[m]));
  const markup = Math.exp(COST_NOISE * random.at(m, 0).normal());
  return Math.max(0.01, Math.round(100 * BASE_DOLLARS * popularity * recency * markup) / 100);
}

/** What the views of a run cost so far (dollars), as counted in `metrics`. */
export function viewCostTotal(metrics: MetricsRegistry): number {
  return metrics.all(VIEW_COST_METRIC).reduce((sum, c) => sum + (c as { value: number }).value, 0);
}
