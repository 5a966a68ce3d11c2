import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toyDomain } from '@prodsim/domain-toy';
import type { ConfigError } from '@prodsim/core';
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
    const rows = readFileSync(join(out, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.length).toBe(3 * 4 * 2);
    expect(new Set(rows.map((row) => `${row.replication}/${row.day}/${row.arm}`)).size).toBe(24);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.replications).toBe(3);
    // Popularity concentrates consumption compared with random: the toy's users follow suggestions.
    const gini = summary.comparisons.find((c: { metric: string }) => c.metric === 'gini');
    expect(gini.difference).toBeGreaterThan(0);
    expect(gini.sentence).toMatch(
      /^popular raised popularity concentration \(Gini\) by [\d.]+ \(\+\d+%\) compared with random, from [\d.]+ to [\d.]+ \(95% CI of the difference .* Holm-adjusted p .* over \d+ comparisons; 3 replications, Welch's t-test\)/,
    );
    expect(gini.adjustedP).toBeGreaterThanOrEqual(gini.p);
    // Toy users never change their tastes: both arms are 0 in every replication, so no test.
    expect(summary.comparisons.some((c: { metric: string }) => c.metric === 'tasteDrift')).toBe(false);
    expect(summary.notTested).toContainEqual(
      expect.objectContaining({ metric: 'tasteDrift', arm: 'popular', reason: expect.stringMatching(/one value in every replication/) }),
    );
    expect(summary.warnings).toEqual([]);
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
    expect(
      bad({
        arms: [
          { name: 'a', predictor: 'random', share: 0.5 },
          { name: 'b', predictor: 'mf', share: 0.4 },
        ],
      }).field,
    ).toBe('arms[*].share');
    expect(bad({ world: { users: -1 } }).field).toBe('world.users');
    expect(bad({ scenario: [{ day: 1, action: 'meteor', params: {} }] }).message).toMatch(/scenario\[0\]\.action = "meteor"; allowed: one of stream-faults/);
    expect(bad({ scenario: [{ day: 1, action: 'stream-faults', params: { corrupt: 2 } }] }).field).toBe('scenario[0].params.corrupt');
    expect(bad({ canary: { arm: 'nope', steps: [{ day: 0, share: 0.1 }] } }).field).toBe('canary.arm');
    expect(bad({ replications: 0 }).field).toBe('replications');
    expect(bad({ design: 'crossover' }).field).toBe('design');
  });

  it('refuses a canary or arm shares in the paired design', () => {
    const canary = bad({ design: 'paired', canary: { arm: 'popular', steps: [{ day: 1, share: 0.5 }] } });
    expect(canary.field).toBe('design');
    expect(canary.message).toMatch(/a canary is a split of users by nature/);
    expect(
      bad({
        design: 'paired',
        arms: [
          { name: 'a', predictor: 'random' },
          { name: 'b', predictor: 'random', share: 0.5 },
        ],
      }).field,
    ).toBe('arms[1].share');
    const paired = parseExperimentSpec({ ...spec, design: 'paired' }, toyDomain);
    expect(paired.arms.map((a) => a.share)).toEqual([1, 1]);
  });

  it('checks expectations against the metrics and arms, naming the field', () => {
    const e = (x: Record<string, unknown>) => bad({ expect: [{ metric: 'gini', direction: 'greater', arms: ['popular', 'random'] }, x] });
    expect(e({ metric: 'gni', direction: 'greater', arm: 'popular' }).field).toBe('expect[1].metric');
    expect(e({ metric: 'gni', direction: 'greater', arm: 'popular' }).message).toMatch(/allowed: one of engagementPerUser, .*giniDay/);
    expect(e({ metric: 'gini', direction: 'greater', arms: ['popular', 'nope'] }).field).toBe('expect[1].arms[1]');
    expect(e({ metric: 'gini', direction: 'greater', arms: ['popular'] }).field).toBe('expect[1].arms');
    expect(e({ metric: 'gini', direction: 'greater', arms: ['popular', 'popular'] }).field).toBe('expect[1].arms');
    expect(e({ metric: 'gini', direction: 'greater', arm: 'nope' }).field).toBe('expect[1].arm');
    expect(e({ metric: 'gini', direction: 'greater', arm: 'popular', than: 'nope' }).field).toBe('expect[1].than');
    expect(e({ metric: 'gini', direction: 'greater' }).field).toBe('expect[1].arm');
    expect(e({ metric: 'gini', direction: 'greater', arms: ['popular', 'random'], arm: 'popular' }).field).toBe('expect[1].arms');
    expect(e({ metric: 'gini', direction: 'up', arm: 'popular' }).field).toBe('expect[1].direction');
    expect(e({ metric: 'gini', direction: 'less', arm: 'popular', fromDay: 4 }).field).toBe('expect[1].fromDay');
    expect(e({ metric: 'gini', direction: 'less', arm: 'popular', alpha: 0 }).field).toBe('expect[1].alpha');
    expect(e({ metric: 'gini', direction: 'less', arm: 'popular', colour: 'red' }).field).toBe('expect[1].colour');
  });

  it('fills expectation defaults: the final days, alpha 0.05, the first arm as the other side', () => {
    const parsed = parseExperimentSpec(
      {
        ...spec,
        days: 10,
        finalDays: 3,
        expect: [
          { metric: 'uptake', direction: 'less', arm: 'popular' },
          { metric: 'gini', direction: 'greater', arms: ['random', 'popular'], fromDay: 2, alpha: 0.01, label: 'x' },
        ],
      },
      toyDomain,
    );
    expect(parsed.expect).toEqual([
      { metric: 'uptake', arm: 'popular', than: 'random', direction: 'less', fromDay: 7, alpha: 0.05 },
      { metric: 'gini', arm: 'random', than: 'popular', direction: 'greater', fromDay: 2, alpha: 0.01, label: 'x' },
    ]);
  });
});
