import { ApiServer, apiWorldOf, HttpPredictor, runConfigFields, s, Simulation, type HeadroomFigures, type RunSummary, type Transport } from '@prodsim/core';
import { audioDomain, type AudioWorld } from '@prodsim/domain-audio';
import { FeatureCache } from './feature-cache.js';
import { AudioLearner, type LearnerStats } from './learner.js';
import { BaselineService } from './service.js';
import type { StreamSource } from './stream-sources.js';

export interface RunFigures {
  listenThrough: number;
  classifyAccuracy: number;
  plays: number;
  classified: number;
  uploadsClassified: number;
  uploadsClassifyAccuracy: number;
  learner?: LearnerStats;
  /** Per endpoint: the service beside the oracle, default and random (the world's staff-only figures). */
  headroom?: Record<string, HeadroomFigures>;
}

export interface CompareOptions {
  seed: string;
  days: number;
  world: Record<string, unknown>;
  /** A fresh transport per run (memory, or Kafka with a topic of its own). */
  transport(run: 'service' | 'naive'): { transport: Transport; topic: string };
  /** How the service reads the stream of a run (from the transport, or over HTTP from the entity API at `api`). */
  source(transport: Transport, topic: string, onLine: (line: string) => void, api: string): StreamSource;
}

/**
 * One world run end to end against the example: the example service is the HTTP predictor, the
 * entity API serves the clips on a free port, and the service learns from the run's stream as it
 * goes. Returns the world's figures: listen-through, and classify accuracy against the hidden truth
 * (which only the world knows).
 */
export async function runWithService(options: CompareOptions): Promise<RunFigures> {
  const { transport, topic } = options.transport('service');
  const features = new FeatureCache('http://127.0.0.1:1');
  const learner = new AudioLearner(features);
  const service = await BaselineService.start(learner);
  await transport.connect();
  const sim = simulation(options, transport, topic, {});
  await sim.init();
  const api = await ApiServer.create({ worlds: [apiWorldOf(sim)], host: '127.0.0.1', port: 0, rateLimit: false });
  features.apiBase = await api.listen();
  sim.predictions.use(new HttpPredictor(service.url));
  const source = options.source(transport, topic, (line) => learner.handle(line), features.apiBase);
  let headroom: RunFigures['headroom'];
  try {
    await source.ready;
    headroom = headroomOf(await sim.run());
  } finally {
    await source.close();
    await service.close();
    await api.close();
  }
  return { ...(sim.domainWorld as AudioWorld).figures(), learner: { ...learner.stats }, headroom };
}

/** The same world (same seed) with naive services: a random ranking and the constant label "other". */
export async function runNaive(options: CompareOptions): Promise<RunFigures> {
  const { transport, topic } = options.transport('naive');
  await transport.connect();
  const sim = simulation(options, transport, topic, { defaultRanker: 'random', defaultClassifier: 'constant' });
  const headroom = headroomOf(await sim.run());
  return { ...(sim.domainWorld as AudioWorld).figures(), headroom };
}

/** The headroom of each endpoint from a run's summary (computed by the world with its hidden truth). */
export function headroomOf(summary: RunSummary): Record<string, HeadroomFigures> {
  const out: Record<string, HeadroomFigures> = {};
  for (const [name, e] of Object.entries(summary.endpoints ?? {})) if (e.headroom) out[name] = e.headroom;
  return out;
}

function simulation(options: CompareOptions, transport: Transport, topic: string, services: Record<string, string>): Simulation {
  const config = s.object(runConfigFields).parse({ domain: 'audio', seed: options.seed, days: options.days, progress: false }, '');
  const domainConfig = audioDomain.config.parse({ ...options.world, ...services, topic }, 'audio');
  return new Simulation({ config, domainConfig, plugin: audioDomain, transport });
}
