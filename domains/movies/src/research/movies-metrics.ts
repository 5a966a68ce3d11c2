import type { DomainMetric } from '@prodsim/core';
import { movieCost, VIEW_COST_METRIC } from '../contract/movie-cost.js';
import { CERT_R } from '../world/catalogue.js';
import type { MoviesState } from '../world/world-state.js';

/** Below this age a user is a minor (the probe's "under 18" group). */
const ADULT_AGE = 18;

/**
 * The movie domain's own experiment metrics (see core's observe/domain-metric.ts): how far the
 * scenario's attacks get. An attacked movie is one a `fake-ratings` step promotes; what minors
 * watch shows the `r-rated-to-minors` attack.
 */
export const MOVIES_METRICS: readonly DomainMetric[] = [
  {
    name: 'attackedRecommendationShare',
    label: 'share of recommendations on attacked movies',
    quantity: 'recommended items attacked',
    unit: 'fraction',
    numerator: 'attackedSlateItems',
    denominator: 'slateItems',
    range: [0, 1],
  },
  {
    name: 'attackedWatchShare',
    label: 'share of watches on attacked movies',
    quantity: 'watches of attacked movies',
    unit: 'fraction',
    numerator: 'attackedWatches',
    denominator: 'interactions',
    range: [0, 1],
  },
  {
    name: 'costPerWatch',
    label: 'license cost per watch',
    quantity: 'cost per watch',
    unit: 'dollars',
    numerator: 'viewCost',
    denominator: 'interactions',
  },
  {
    name: 'minorsRRatedWatchShare',
    label: "share of minors' watches that are R-rated",
    quantity: "minors' watches R-rated",
    unit: 'fraction',
    numerator: 'minorRRatedWatches',
    denominator: 'minorWatches',
    range: [0, 1],
  },
];

/** Counts the attacked movies in a slate shown to `user` (nothing to do before an attack). */
export function countAttackedSlate(s: MoviesState, time: number, user: number, items: readonly number[]): void {
  const targets = s.attacks.targets;
  if (targets.length === 0) return;
  let n = 0;
  for (let i = 0; i < items.length; i++) if (targets.includes(items[i])) n++;
  if (n > 0) s.ctx.observe.count?.(time, user, 'attackedSlateItems', n);
}

/** Counts a finished viewing toward the attack metrics and its license cost (called where the interaction is reported). */
export function countWatch(s: MoviesState, time: number, user: number, movie: number): void {
  const observe = s.ctx.observe;
  const cost = movieCost(s.catalogue, movie, s.ctx.startTime, s.ctx.rng.keyed('movie-cost'));
  s.ctx.metrics.counter(VIEW_COST_METRIC, 'License cost of the views watched, dollars (the 2026 contract movie cost)').inc(cost);
  if (!observe.count) return;
  observe.count(time, user, 'viewCost', cost);
  if (s.attacks.targets.length > 0 && s.attacks.targets.includes(movie)) observe.count(time, user, 'attackedWatches', 1);
  if (s.population.age[user] < ADULT_AGE) {
    observe.count(time, user, 'minorWatches', 1);
    if (s.catalogue.certificate[movie] === CERT_R) observe.count(time, user, 'minorRRatedWatches', 1);
  }
}
