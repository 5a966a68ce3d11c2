import type { DomainContext, MetricsRegistry } from '@prodsim/core';
import type { MoviesConfig } from '../config.js';
import type { WorldStores } from '../world/build-synthetic.js';
import type { ContractViews } from '../world/entity-views.js';
import { movieCost, viewCostTotal } from './movie-cost.js';
import { SelfDescriber } from './self-description.js';

/** What the configured contract adds to the public views: nothing for 2024, self-descriptions and costs for 2026. */
export function contractViews(ctx: DomainContext, config: MoviesConfig, stores: WorldStores): ContractViews {
  const describer = config.selfDescriptions ? new SelfDescriber(stores.truth, stores.catalogue, ctx.rng) : undefined;
  const costs = ctx.rng.keyed('movie-cost');
  return {
    describe: describer && ((u) => describer.describe(u)),
    cost: config.movieCost ? (m) => movieCost(stores.catalogue, m, ctx.startTime, costs) : undefined,
  };
}

/** The summary lines of the contract's movie cost (none when the contract has no cost). */
export function contractSummary(config: MoviesConfig, metrics: MetricsRegistry, watches: number): Record<string, number | string> {
  if (!config.movieCost) return {};
  const total = viewCostTotal(metrics);
  return { 'cost of views ($)': Math.round(total * 100) / 100, 'cost per view ($)': watches > 0 ? Math.round((total / watches) * 1000) / 1000 : 'n/a' };
}
