import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toyDomain } from '@prodsim/domain-toy';
import { ConfigError } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { parseExperimentSpec } from '../spec/experiment-spec.js';
import { runExperiment } from './experiment-runner.js';

const REGISTRY = new URL('../../test/toy-registry.mjs', import.meta.url).href;
const tmp = () => mkdtempSync(join(tmpdir(), 'prodsim-exp-'));

const spec = {
  name: 'toy-ab',
  domain: 'toy',
  seed: '3',
  replications: 3,
  days: 4,
  world: { users: 400, items: 40, sessionsPerDay: 2 },
  arms: [
    { name: 'random', predictor: 'random' },
    { name: 'popular', predictor: 'popularity' },
  ],
  scenario: [{ day: 2, action: 'stream-faults', label: 'corrupt 5%', params: { corrupt: 0.05 } }],
};

describe('runExperiment', () => {
  it('runs replications, writes metrics.jsonl and summary.json, and compares arms in plain words', async () => {
    const out = tmp();
    const r = await runExperiment({ specInput: spec, plugin: toyDomain, outDir: out, workers: 0 });
    const rows = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.length).toBe(3 * 4 * 2);
    expect(new Set(rows.map((row) => `${row.replication}/${row.day}/${row.arm}`)).size).toBe(24);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.replications).toBe(3);
    // Popularity concentrates consumption compared with random: the toy's users follow suggestions.
    const gini = summary.comparisons.find((c: { metric: string }) => c.metric === 'gini');
    expect(gini.difference).toBeGreaterThan(0);
    expect(gini.sentence).toMatch(/^popular raised popularity concentration \(Gini\) by [\d.]+ compared with random \(95% CI .* 3 replications\)/);
    // The scenario step took effect: about 5% of the events after day 2 were corrupted.
    const perRep = r.results.map((x) => x.streamFaults.corrupted / x.events);
    for (const share of perRep) {
      expect(share).toBeGreaterThan(0.01);
      expect(share).toBeLessThan(0.04);
    }
  });

  it('gives identical summary.json for the same seeds, in worker threads or not, and resumes after an interruption', async () => {
    const a = tmp();
    const b = tmp();
    await runExperiment({ specInput: spec, plugin: toyDomain, outDir: a, workers: 0 });
    await runExperiment({ specInput: spec, plugin: toyDomain, outDir: b, workers: 2, registryModule: REGISTRY });
    const summaryA = readFileSync(join(a, 'summary.json'), 'utf8');
    expect(readFileSync(join(b, 'summary.json'), 'utf8')).toBe(summaryA);
    expect(readFileSync(join(b, 'metrics.jsonl'), 'utf8')).toBe(readFileSync(join(a, 'metrics.jsonl'), 'utf8'));
    // Interrupted after replications 0 and 2 finished: only replication 1 runs again.
    rmSync(join(a, 'replications', 'rep-1.json'));
    const resumed = await runExperiment({ specInput: spec, plugin: toyDomain, outDir: a, workers: 0 });
    expect(resumed.resumed).toEqual([0, 2]);
    expect(readFileSync(join(a, 'summary.json'), 'utf8')).toBe(summaryA);
    // Another spec cannot resume into the same folder.
    await expect(runExperiment({ specInput: { ...spec, days: 5 }, plugin: toyDomain, outDir: a, workers: 0 })).rejects.toThrow(/same spec/);
  });
});

describe('experiment spec validation', () => {
  const bad = (patch: Record<string, unknown>) => {
    try {
      parseExperimentSpec({ ...spec, ...patch }, toyDomain);
    } catch (error) {
      return error as ConfigError;
    }
    throw new Error('expected a ConfigError');
  };

  it('names the field, the value and what is allowed', () => {
    expect(bad({ arms: [{ name: 'a', predictor: 'magic' }] }).field).toBe('arms[0].predictor');
    expect(bad({ arms: [{ name: 'a', predictor: 'random', share: 0.5 }, { name: 'b', predictor: 'mf', share: 0.4 }] }).field).toBe('arms[*].share');
    expect(bad({ world: { users: -1 } }).field).toBe('world.users');
    expect(bad({ scenario: [{ day: 1, action: 'meteor', params: {} }] }).message).toMatch(/scenario\[0\]\.action = "meteor"; allowed: one of stream-faults/);
    expect(bad({ scenario: [{ day: 1, action: 'stream-faults', params: { corrupt: 2 } }] }).field).toBe('scenario[0].params.corrupt');
    expect(bad({ canary: { arm: 'nope', steps: [{ day: 0, share: 0.1 }] } }).field).toBe('canary.arm');
    expect(bad({ replications: 0 }).field).toBe('replications');
  });
});
