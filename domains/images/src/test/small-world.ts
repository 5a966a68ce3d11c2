import { InProcessPredictor, MemoryTransport, runConfigFields, s, Simulation, type PredictFunction, type Predictor } from '@prodsim/core';
import { CaptureOutput } from '@prodsim/core/testing';
import { imagesDomain } from '../images-domain.js';
import type { ImagesWorld } from '../world/images-world.js';

/** A small world that runs in about a second a day: for tests. */
export const SMALL: Record<string, unknown> = { users: 300, creators: 40, initialImages: 80, candidates: 30, feedSize: 10 };

export interface SmallRun {
  sim: Simulation;
  world: ImagesWorld;
  capture: CaptureOutput;
  events: { kind: string; [field: string]: unknown }[];
}

/**
 * Runs a small images world with a predictor made from the world (so it may use public tallies,
 * or, for reference policies in tests, the hidden truth).
 */
export async function runSmall(options: { seed?: string; days?: number; config?: Record<string, unknown>; predictor?: (world: ImagesWorld) => Predictor | Record<string, PredictFunction> } = {}): Promise<SmallRun> {
  const config = s.object(runConfigFields).parse({ domain: 'images', seed: options.seed ?? 'test', days: options.days ?? 1, progress: false }, '');
  const domainConfig = imagesDomain.config.parse({ ...SMALL, ...options.config }, 'images');
  const capture = new CaptureOutput();
  let inner: Predictor | undefined;
  const late: Predictor = {
    target: 'in-process:test',
    predict: (endpoint, request, o) => inner!.predict(endpoint, request, o),
    close: async () => {},
  };
  const sim = new Simulation({ config, domainConfig, plugin: imagesDomain, transport: new MemoryTransport(), outputs: [capture], predictor: options.predictor ? late : undefined });
  const world = (await sim.init()) as ImagesWorld;
  if (options.predictor) {
    const made = options.predictor(world);
    inner = typeof (made as Predictor).predict === 'function' ? (made as Predictor) : new InProcessPredictor(made as Record<string, PredictFunction>, { name: 'test' });
  }
  const summary = await sim.run();
  if (summary.reason === 'error') throw new Error(`run failed: ${summary.error}`);
  return { sim, world, capture, events: capture.events.map((e) => JSON.parse(e.value)) };
}

export function count(events: SmallRun['events'], kind: string): number {
  return events.filter((e) => e.kind === kind).length;
}
