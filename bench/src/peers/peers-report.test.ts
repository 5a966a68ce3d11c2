import { describe, expect, it } from 'vitest';
import { comparisonTable, computesLines, targetChecks, truncationLines } from './peers-report.js';
import type { ScenarioResult } from './scenarios.js';

const MiB = 1048576;
const result = (
  simulator: string,
  recommender: 'popularity' | 'random',
  users: number,
  rate: number,
  peakMiB: number,
  extra: Partial<ScenarioResult> = {},
): ScenarioResult => ({
  simulator,
  version: '1.0',
  recommender,
  users,
  items: 1000,
  steps: 100,
  stepsRun: 100,
  truncated: false,
  interactions: users * 100,
  setupSeconds: 0.1,
  wallSeconds: (users * 100) / rate,
  interactionsPerSecond: rate,
  peakRssBytes: peakMiB * MiB,
  computes: `${simulator} ${recommender} does things`,
  ...extra,
});

const results = [
  result('T-RECS', 'popularity', 1000, 2000, 300),
  result('T-RECS', 'random', 1000, 4000, 320),
  result('RecLab', 'popularity', 1000, 1000, 250),
  result('RecLab', 'random', 1000, 30_000, 260),
  result('prodsim', 'popularity', 1000, 500_000, 90),
  result('prodsim', 'random', 1000, 400_000, 95),
  result('T-RECS', 'popularity', 10_000, 2500, 2000, { stepsRun: 9, truncated: true, interactions: 90_000 }),
  result('prodsim', 'popularity', 10_000, 200_000, 100),
];

describe('peers report', () => {
  it('checks targets against each peer best rate at a size, with the popularity recommender, and memory', () => {
    const checks = targetChecks(results);
    const trecs = checks.find((c) => c.peer === 'T-RECS' && c.size.startsWith('1,000 '))!;
    expect(trecs.peerBest.recommender).toBe('random');
    expect(trecs.speedRatio).toBe(125);
    expect(trecs.met).toBe(true);
    const reclab = checks.find((c) => c.peer === 'RecLab')!;
    // 500,000 / 30,000 = 16.7x against a target of 10x.
    expect(reclab.speedRatio).toBeCloseTo(16.67, 1);
    expect(reclab.met).toBe(true);
    const big = checks.find((c) => c.peer === 'T-RECS' && c.size.startsWith('10,000'))!;
    expect(big.speedRatio).toBe(80);
    expect(big.met).toBe(false);
    expect(checks).toHaveLength(3);
  });

  it('fails a target when prodsim needs more memory than the peer', () => {
    const heavy = results.map((r) => (r.simulator === 'prodsim' && r.users === 1000 && r.recommender === 'popularity' ? { ...r, peakRssBytes: 400 * MiB } : r));
    const trecs = targetChecks(heavy).find((c) => c.peer === 'T-RECS' && c.size.startsWith('1,000 '))!;
    expect(trecs.speedRatio).toBe(125);
    expect(trecs.memoryOk).toBe(false);
    expect(trecs.met).toBe(false);
  });

  it('prints peers before prodsim per scenario, with prodsim ratios, marking truncated runs', () => {
    const lines = comparisonTable(results).split('\n');
    const row = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
    const trecsPopular = row(/^T-RECS 1\.0\s+popularity\s+1,000 x 1,000 x 100\s/);
    expect(trecsPopular).toBeGreaterThan(1);
    expect(trecsPopular).toBeLessThan(row(/^prodsim\s+popularity\s+1,000 x 1,000 x 100\s/));
    // prodsim popularity 500,000/s over T-RECS popularity 2,000/s; memory 90 / 300 MiB.
    expect(lines[trecsPopular]).toMatch(/\s250x\s+0\.30x$/);
    expect(row(/^T-RECS 1\.0\s+popularity\s+10,000 x 1,000 x 9\/100 \*/)).toBeGreaterThan(1);
    // prodsim rows carry no ratio.
    expect(lines[row(/^prodsim\s+random/)]).toMatch(/MiB$/);
    expect(truncationLines(results, 45)).toEqual([
      '* T-RECS popularity 10,000 x 1,000 x 100: stopped after 9 of 100 steps at the 45 s budget (--full runs every step); its rate is over the steps it ran, its peak memory is at that point.',
    ]);
    expect(computesLines(results)).toHaveLength(6);
  });
});
