import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toyDomain } from '@prodsim/domain-toy';
import { describe, expect, it } from 'vitest';
import { renderSweepReport } from '../report/sweep-report.js';
import type { SweepSummary } from '../summary/sweep-summary.js';
import { runExperiment } from './experiment-runner.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'prodsim-sweep-'));

const spec = {
  name: 'toy-sessions',
  domain: 'toy',
  seed: '11',
  replications: 3,
  days: 3,
  finalDays: 2,
  world: { users: 200, items: 30 },
  arms: [
    { name: 'random', predictor: 'random' },
    { name: 'popular', predictor: 'popularity' },
  ],
  sweep: { 'world.sessionsPerDay': [1, 3] },
};

describe('a sweep run', () => {
  it('runs every point as its own experiment and compares the points, paired by replication', async () => {
    const out = tmp();
    const r = await runExperiment({ specInput: spec, plugin: toyDomain, outDir: out, workers: 0, renderSweepReport });
    expect(r.sweep?.points.map((p) => p.name)).toEqual(['p0', 'p1']);
    const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as SweepSummary;
    expect(sweep.settings).toEqual(['world.sessionsPerDay']);
    expect(sweep.points.map((p) => p.settings)).toEqual([{ 'world.sessionsPerDay': 1 }, { 'world.sessionsPerDay': 3 }]);
    // Three sessions a day instead of one: more picks per user, in both arms, replication by replication.
    for (const arm of ['random', 'popular']) {
      const c = sweep.comparisons.find((x) => x.metric === 'engagementPerUser' && x.arm === arm)!;
      expect(c.point).toBe('p1');
      expect(c.baselinePoint).toBe('p0');
      expect(c.method).toBe('paired-t');
      expect(c.difference).toBeGreaterThan(0);
      expect(c.meanArm).toBeCloseTo(sweep.final.p1[arm].engagementPerUser.mean, 12);
      expect(c.sentence).toMatch(new RegExp(`^${arm} at world\\.sessionsPerDay = 3 raised picks per user|^${arm} at world\\.sessionsPerDay = 3 raised`));
    }
    // Each point is an ordinary experiment: its folder holds what a run of its spec alone writes.
    const alone = tmp();
    const pointSpec = JSON.parse(readFileSync(join(out, 'points', 'p1', 'spec.json'), 'utf8')).spec;
    expect(pointSpec.world).toEqual({ users: 200, items: 30, sessionsPerDay: 3 });
    await runExperiment({ specInput: pointSpec, plugin: toyDomain, outDir: alone, workers: 0 });
    expect(readFileSync(join(out, 'points', 'p1', 'summary.json'), 'utf8')).toBe(readFileSync(join(alone, 'summary.json'), 'utf8'));
    expect(readFileSync(join(out, 'points', 'p1', 'metrics.jsonl'), 'utf8')).toBe(readFileSync(join(alone, 'metrics.jsonl'), 'utf8'));
    // Points share seeds: replication i has the same seed at every point.
    expect(r.sweep!.points[0].summary.seeds).toEqual(r.sweep!.points[1].summary.seeds);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h1>toy-sessions: sweep</h1>');
    expect(html).toContain('href="points/p1/report.html"');
    expect(html).toMatch(/data-metric="engagementPerUser" data-arm="popular" data-point="p1"/);
    expect(html).not.toMatch(/<script/);
  });

  it('resumes: a rerun keeps every unit of every point', async () => {
    const out = tmp();
    await runExperiment({ specInput: spec, plugin: toyDomain, outDir: out, workers: 0 });
    const before = readFileSync(join(out, 'sweep.json'), 'utf8');
    const again = await runExperiment({ specInput: spec, plugin: toyDomain, outDir: out, workers: 0 });
    expect(again.sweep!.points.map((p) => p.resumedUnits)).toEqual([
      ['0', '1', '2'],
      ['0', '1', '2'],
    ]);
    expect(readFileSync(join(out, 'sweep.json'), 'utf8')).toBe(before);
    // Another grid cannot resume into the same folder.
    await expect(
      runExperiment({ specInput: { ...spec, sweep: { 'world.sessionsPerDay': [1, 2] } }, plugin: toyDomain, outDir: out, workers: 0 }),
    ).rejects.toThrow(/same spec/);
  });
});
