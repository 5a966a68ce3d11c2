import { ApiServer, apiWorldOf, HttpPredictor, runConfigFields, s, Simulation, type HeadroomFigures, type RunSummary, type Transport } from '@prodsim/core';
import { imagesDomain } from '@prodsim/domain-images';
import { Communities } from './communities.js';
import { FeatureCache } from './feature-cache.js';
import { ImagesLearner, type LearnerOptions, type LearnerStats } from './learner.js';
import { BaselineService } from './service.js';
import type { StreamSource } from './stream-sources.js';

/** The world of the example's tests: small enough for a minute, big enough to learn from. */
export const EXAMPLE_WORLD = { users: 800, creators: 80, initialImages: 400, candidates: 200 };

/** Two runs side by side, in words. */
export function formatComparison(learned: RunFigures, naive: RunFigures): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return `like rate ${pct(learned.likeRate)} vs random feed ${pct(naive.likeRate)}; reports per 1k impressions ${learned.reportsPer1k.toFixed(2)} vs allow-all ${naive.reportsPer1k.toFixed(2)}; blocked ${learned.blocked}`;
}

/** What a run's stream shows: like rate and reports per 1,000 impressions (what the course grades on). */
export interface RunFigures {
  impressions: number;
  likes: number;
  reports: number;
  likeRate: number;
  reportsPer1k: number;
  feedOk: number;
  feedFailed: number;
  moderationOk: number;
  blocked: number;
  learner?: LearnerStats;
  /** Per endpoint: the service beside the oracle, default and random (the world's staff-only figures). */
  headroom?: Record<string, HeadroomFigures>;
}

export interface CompareOptions {
  seed: string;
  days: number;
  world: Record<string, unknown>;
  /** A fresh transport per run (memory, or Kafka with a topic of its own). */
  transport(run: 'service' | 'baseline'): { transport: Transport; topic: string };
  /** How the service reads the stream of a run (from the transport, or over HTTP from the entity API at `api`). */
  source(transport: Transport, topic: string, onLine: (line: string) => void, api: string): StreamSource;
  learner?: Partial<LearnerOptions>;
}

/**
 * One world run end to end against the example: the example service is the HTTP predictor for
 * both endpoints, the entity API serves the images on a free port, and the service learns from
 * the run's stream as it goes.
 */
export async function runWithService(options: CompareOptions): Promise<RunFigures> {
  const { transport, topic } = options.transport('service');
  const features = new FeatureCache('http://127.0.0.1:1');
  const communities = new Communities('http://127.0.0.1:1');
  const learner = new ImagesLearner(features, communities, options.learner);
  const service = await BaselineService.start(learner);
  await transport.connect();
  const figures = new StreamFigures();
  const sim = simulation(options, transport, topic, {});
  await sim.init();
  const api = await ApiServer.create({ worlds: [apiWorldOf(sim)], host: '127.0.0.1', port: 0, rateLimit: false });
  features.apiBase = communities.apiBase = await api.listen();
  const predictor = new HttpPredictor(service.url);
  sim.predictions.use(predictor);
  const source = options.source(
    transport,
    topic,
    (line) => {
      figures.add(line);
      learner.handle(line);
    },
    features.apiBase,
  );
  let headroom: RunFigures['headroom'];
  try {
    await source.ready;
    headroom = headroomOf(await sim.run());
  } finally {
    await source.close();
    await predictor.close();
    await service.close();
    await api.close();
  }
  return { ...figures.result(), learner: { ...learner.stats }, headroom };
}

/** The same world (same seed) with the naive built-ins: a random feed and a moderator that lets everything through. */
export async function runBaseline(options: CompareOptions): Promise<RunFigures> {
  const { transport, topic } = options.transport('baseline');
  await transport.connect();
  const figures = new StreamFigures();
  // No entity API in this run: a source reads the transport ('' for the API's address).
  const source = options.source(transport, topic, (line) => figures.add(line), '');
  const sim = simulation(options, transport, topic, { defaultFeed: 'random', defaultModerator: 'allow-all' });
  let headroom: RunFigures['headroom'];
  try {
    await source.ready;
    headroom = headroomOf(await sim.run());
  } finally {
    await source.close();
  }
  return { ...figures.result(), headroom };
}

/** Tallies a run's figures from its stream, as anyone reading the topic could. */
export class StreamFigures {
  private readonly counts = { impressions: 0, likes: 0, reports: 0, feedOk: 0, feedFailed: 0, moderationOk: 0, blocked: 0 };
  /** Lines seen. */
  lines = 0;

  add(line: string): void {
    this.lines++;
    const e = JSON.parse(line) as { kind: string; error?: string; decision?: string; fallback?: boolean };
    const c = this.counts;
    if (e.kind === 'impression') c.impressions++;
    else if (e.kind === 'like') c.likes++;
    else if (e.kind === 'report') c.reports++;
    else if (e.kind === 'feed') e.error === undefined ? c.feedOk++ : c.feedFailed++;
    else if (e.kind === 'moderation') {
      if (!e.fallback) c.moderationOk++;
      if (e.decision === 'block') c.blocked++;
    }
  }

  result(): RunFigures {
    const c = this.counts;
    return { ...c, likeRate: c.impressions > 0 ? c.likes / c.impressions : 0, reportsPer1k: c.impressions > 0 ? (1000 * c.reports) / c.impressions : 0 };
  }
}

/** The headroom of each endpoint from a run's summary (computed by the world with its hidden truth). */
export function headroomOf(summary: RunSummary): Record<string, HeadroomFigures> {
  const out: Record<string, HeadroomFigures> = {};
  for (const [name, e] of Object.entries(summary.endpoints ?? {})) if (e.headroom) out[name] = e.headroom;
  return out;
}

function simulation(options: CompareOptions, transport: Transport, topic: string, services: Record<string, string>): Simulation {
  const config = s.object(runConfigFields).parse({ domain: 'images', seed: options.seed, days: options.days, progress: false }, '');
  const domainConfig = imagesDomain.config.parse({ ...options.world, ...services, topic }, 'images');
  return new Simulation({ config, domainConfig, plugin: imagesDomain, transport });
}
