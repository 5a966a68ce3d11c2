import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moviesDomain } from '@prodsim/domain-movies';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentReport } from '../report/experiment-report.js';
import { runExperiment, type ExperimentRunResult } from '../runner/experiment-runner.js';
import type { ReplicationResult } from '../runner/run-replication.js';
import { headroomLines, summarizeHeadroom } from './headroom-summary.js';
import type { ExperimentSummary } from './summarize.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'prodsim-headroom-'));

// A small paired movies experiment: the oracle arm answers with the hidden truth, random does not.
const spec = {
  name: 'movies-headroom',
  domain: 'movies',
  seed: 'headroom',
  design: 'paired',
  replications: 2,
  days: 2,
  finalDays: 1,
  world: { users: 300, movies: 200 },
  arms: [
    { name: 'random', predictor: 'random' },
    { name: 'oracle', predictor: 'oracle' },
  ],
};

describe('headroom in experiments', () => {
  const out = tmp();
  let run: ExperimentRunResult;
  let written: ExperimentSummary;
  beforeAll(async () => {
    run = await runExperiment({ specInput: spec, plugin: moviesDomain, outDir: out, workers: 0, renderReport: experimentReport });
    written = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as ExperimentSummary;
  });

  it("keeps in every replication the figures of each arm's own world", () => {
    for (const r of run.results) {
      expect(Object.keys(r.headroom ?? {})).toEqual(['random', 'oracle']);
      const random = r.headroom!.random.recommend;
      const oracle = r.headroom!.oracle.recommend;
      expect(random.requests).toBeGreaterThan(0);
      // Each arm's own world: the service is the arm's answers, so the oracle arm's is the oracle's.
      expect(oracle.service).toBe(oracle.oracle);
      expect(random.service).toBeLessThan(random.oracle / 2);
    }
  });

  it('writes per arm the mean over replications: the oracle arm near the oracle, random well below it', () => {
    const h = written.headroom!;
    expect(Object.keys(h)).toEqual(['random', 'oracle']);
    const oracle = h.oracle.recommend;
    const random = h.random.recommend;
    expect(oracle.measure).toBe(random.measure);
    expect(oracle.replications).toBe(2);
    expect(oracle.shareOfOracle!.mean).toBeGreaterThan(0.95);
    expect(random.shareOfOracle!.mean).toBeLessThan(0.5);
    expect(random.regret.mean).toBeGreaterThan(oracle.regret.mean);
    // Means of the replications' own figures, no interval with two replications.
    const perRep = run.results.map((r) => r.headroom!.random.recommend.service);
    expect(random.service.mean).toBeCloseTo((perRep[0] + perRep[1]) / 2, 12);
    expect(random.service.ci95).toBeUndefined();
    expect(written.headroom).toEqual(run.summary.headroom);
  });

  it('shows a staff-only table per endpoint in the report, one row per arm', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.includes('<h2>Headroom (staff only: computed with the hidden truth)</h2>')).toBe(true);
    const table = html.match(/<table class="headroom" data-endpoint="recommend">[\s\S]*?<\/table>/)?.[0];
    expect(table).toBeDefined();
    expect([...table!.matchAll(/<tr data-arm="([^"]+)"/g)].map((m) => m[1])).toEqual(['random', 'oracle']);
  });

  it("gives the CLI one line per endpoint with each arm's share of the oracle", () => {
    const share = (arm: 'random' | 'oracle') => `${(100 * written.headroom![arm].recommend.shareOfOracle!.mean).toFixed(1)}%`;
    expect(headroomLines(written.headroom)).toEqual([
      "headroom (staff only: computed with the hidden truth), each arm's share of the oracle, mean over replications:",
      `- recommend (chance of a watch from the list): random ${share('random')}, oracle ${share('oracle')}`,
    ]);
    expect(headroomLines(undefined)).toEqual([]);
  });

  it('has none in the split design, whose arms share one world', async () => {
    const split = await runExperiment({ specInput: { ...spec, design: 'split', replications: 1, days: 1 }, plugin: moviesDomain, outDir: tmp(), workers: 0 });
    expect(split.results[0].headroom).toBeUndefined();
    expect(split.summary.headroom).toBeUndefined();
  });
});

describe('summarizeHeadroom', () => {
  const figures = (service: number, def: number | null) => ({
    measure: 'm',
    requests: 10,
    sample: 0.5,
    service,
    oracle: 1,
    default: def,
    random: 0.1,
    regret: 1 - service,
    shareOfOracle: service,
  });
  const rep = (i: number, service: number, def: number | null) =>
    ({ replication: i, headroom: { a: { feed: figures(service, def) } } }) as unknown as ReplicationResult;

  it('gives a 95% t interval from 3 replications, and averages the defaults that exist', () => {
    const h = summarizeHeadroom([{ name: 'a' }, { name: 'b' }], [rep(0, 0.2, 0.5), rep(1, 0.4, null), rep(2, 0.6, 0.7)])!;
    expect(Object.keys(h)).toEqual(['a']);
    const feed = h.a.feed;
    expect(feed).toMatchObject({ measure: 'm', sample: 0.5, replications: 3 });
    expect(feed.service.mean).toBeCloseTo(0.4, 12);
    // sd 0.2 over 3 replications: half-width t(0.975, 2) * 0.2 / sqrt(3), t = 4.3027.
    const half = (4.302652729911275 * 0.2) / Math.sqrt(3);
    expect(feed.service.ci95![0]).toBeCloseTo(0.4 - half, 6);
    expect(feed.service.ci95![1]).toBeCloseTo(0.4 + half, 6);
    expect(feed.default!.mean).toBeCloseTo(0.6, 12);
    expect(feed.default!.ci95).toBeUndefined();
    expect(feed.regret.mean).toBeCloseTo(0.6, 12);
  });

  it('has nothing to say without figures (the split design, or a domain that values nothing)', () => {
    expect(summarizeHeadroom([{ name: 'a' }], [{ replication: 0 } as ReplicationResult])).toBeUndefined();
    expect(summarizeHeadroom([{ name: 'a' }], [rep(0, 0.5, null)])!.a.feed.default).toBeNull();
  });
});
