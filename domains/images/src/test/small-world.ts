import { InProcessPredictor, type PredictFunction, type Predictor } from '@prodsim/core';
import { runWorld, type WorldRun } from '@prodsim/core/testing';
import { imagesDomain } from '../images-domain.js';
import type { ImagesWorld } from '../world/images-world.js';

/** A small world that runs in about a second a day (the domain's conformance world): for tests. */
export const SMALL: Record<string, unknown> = { ...imagesDomain.conformance!.domainConfig };

export interface SmallRun extends WorldRun<ImagesWorld> {
  events: { kind: string; [field: string]: unknown }[];
}

/**
 * Runs a small images world (core's runWorld) with a predictor made from the world (so it may use
 * public tallies, or, for reference policies in tests, the hidden truth). Throws if the run fails.
 */
export async function runSmall(
  options: {
    seed?: string;
    days?: number;
    config?: Record<string, unknown>;
    scenario?: { day: number; action: string; params?: Record<string, unknown> }[];
    predictor?: (world: ImagesWorld) => Predictor | Record<string, PredictFunction>;
  } = {},
): Promise<SmallRun> {
  const make = options.predictor;
  const run = await runWorld<ImagesWorld>(imagesDomain, {
    seed: options.seed ?? 'test',
    days: options.days ?? 1,
    domainConfig: { ...SMALL, ...options.config },
    scenario: options.scenario,
    predictor: make && ((world) => asPredictor(make(world))),
  });
  if (run.summary.reason === 'error') throw new Error(`run failed: ${run.summary.error}`);
  return { ...run, events: run.capture.events.map((e) => JSON.parse(e.value)) };
}

function asPredictor(made: Predictor | Record<string, PredictFunction>): Predictor {
  return typeof (made as Predictor).predict === 'function'
    ? (made as Predictor)
    : new InProcessPredictor(made as Record<string, PredictFunction>, { name: 'test' });
}

export function count(events: SmallRun['events'], kind: string): number {
  return events.filter((e) => e.kind === kind).length;
}
