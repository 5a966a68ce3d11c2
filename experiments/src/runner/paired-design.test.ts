import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toyDomain } from '@prodsim/domain-toy';
import { describe, expect, it } from 'vitest';
import type { DayMetrics } from '../recorder/day-metrics.js';
import { parseExperimentSpec } from '../spec/experiment-spec.js';
import { runExperiment } from './experiment-runner.js';
import { runReplication } from './run-replication.js';

const REGISTRY = new URL('../../test/toy-registry.mjs', import.meta.url).href;
const tmp = () => mkdtempSync(join(tmpdir(), 'prodsim-paired-'));

const spec = {
  name: 'toy-paired',
  domain: 'toy',
  seed: '9',
  design: 'paired',
  replications: 3,
  days: 4,
  finalDays: 2,
  world: { users: 300, items: 40, sessionsPerDay: 2 },
  arms: [
    { name: 'random', predictor: 'random' },
    { name: 'popular', predictor: 'popularity' },
  ],
  expect: [{ metric: 'gini', arm: 'popular', direction: 'greater' }],
};

describe('the paired design', () => {
  it('runs every arm on its own copy of the world, with all users, and compares by paired differences', async () => {
    const out = tmp();
    const { summary, results } = await runExperiment({ specInput: spec, plugin: toyDomain, outDir: out, workers: 0 });
    for (const rep of [0, 1, 2]) for (const arm of ['random', 'popular']) expect(existsSync(join(out, 'replications', `rep-${rep}-${arm}.json`))).toBe(true);
    expect(results.map((r) => r.replication)).toEqual([0, 1, 2]);
    const rows = readFileSync(join(out, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as DayMetrics);
    expect(rows.map((r) => `${r.replication}/${r.day}/${r.arm}`).slice(0, 4)).toEqual(['0/0/random', '0/0/popular', '0/1/random', '0/1/popular']);
    for (const row of rows) {
      expect(row.users).toBe(300);
      expect(row.sampledUsers).toBe(300);
    }
    expect(summary.design).toBe('paired');
    expect(summary.comparisons.length).toBeGreaterThan(0);
    for (const c of summary.comparisons) expect(c.method).toBe('paired-t');
    expect(summary.comparisons.find((c) => c.metric === 'gini')!.sentence).toMatch(/paired t-test on per-replication differences/);
    expect(summary.expectations[0]).toMatchObject({ held: true, method: 'paired-t', replications: 3 });
  });

  it('uses common random numbers: two arms with the same predictor give the same rows', async () => {
    const same = {
      ...spec,
      arms: [
        { name: 'a', predictor: 'default' },
        { name: 'b', predictor: 'default' },
      ],
      expect: [],
    };
    const { summary, results } = await runExperiment({ specInput: same, plugin: toyDomain, outDir: tmp(), workers: 0 });
    for (const r of results) {
      const strip = (arm: string) => r.rows.filter((x) => x.arm === arm).map((x) => ({ ...x, arm: '' }));
      expect(strip('b')).toEqual(strip('a'));
    }
    expect(summary.comparisons).toEqual([]);
    expect(summary.notTested.find((n) => n.metric === 'engagementPerUser')!.reason).toBe('the difference was 0 in every replication');
    // The split design puts different users in the two arms: their figures differ.
    const split = await runExperiment({ specInput: { ...same, design: 'split' }, plugin: toyDomain, outDir: tmp(), workers: 0 });
    expect(split.summary.comparisons.length).toBeGreaterThan(0);
  });

  it('gives the same bytes in worker threads, and resumes with the units still missing', async () => {
    const a = tmp();
    const b = tmp();
    await runExperiment({ specInput: spec, plugin: toyDomain, outDir: a, workers: 0 });
    await runExperiment({ specInput: spec, plugin: toyDomain, outDir: b, workers: 2, registryModule: REGISTRY });
    const summaryA = readFileSync(join(a, 'summary.json'), 'utf8');
    expect(readFileSync(join(b, 'summary.json'), 'utf8')).toBe(summaryA);
    expect(readFileSync(join(b, 'metrics.jsonl'), 'utf8')).toBe(readFileSync(join(a, 'metrics.jsonl'), 'utf8'));
    rmSync(join(a, 'replications', 'rep-1-popular.json'));
    const resumed = await runExperiment({ specInput: spec, plugin: toyDomain, outDir: a, workers: 0 });
    expect(resumed.resumedUnits).toEqual(['0-random', '0-popular', '1-random', '2-random', '2-popular']);
    expect(resumed.resumed).toEqual([0, 2]);
    expect(readFileSync(join(a, 'summary.json'), 'utf8')).toBe(summaryA);
  });

  it('needs an arm per world', async () => {
    const parsed = parseExperimentSpec(spec, toyDomain);
    await expect(runReplication(parsed, toyDomain, 0)).rejects.toThrow(/one arm per world/);
  });
});
