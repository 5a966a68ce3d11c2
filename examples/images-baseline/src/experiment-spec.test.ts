import { loadConfigFile } from '@prodsim/core';
import { imagesDomain } from '@prodsim/domain-images';
import { parseExperimentSpec, runReplication } from '@prodsim/experiments';
import { describe, expect, it } from 'vitest';

const SPEC = new URL('../experiments/lighting-drift.yaml', import.meta.url).pathname;

describe('experiments/lighting-drift.yaml', () => {
  it('is a valid images experiment', () => {
    const spec = parseExperimentSpec(loadConfigFile(SPEC), imagesDomain);
    expect(spec.domain).toBe('images');
    expect(spec.scenario.map((s) => s.action)).toEqual(['lighting', 'filter', 'adversarial']);
  });

  it('runs (shortened, with a lighting step): per-day metrics for both arms and every community', async () => {
    const full = parseExperimentSpec(loadConfigFile(SPEC), imagesDomain);
    // Two days: the spec's expectations (about days 4-11) are left out; test/example-expectations.test.ts runs them.
    const spec = parseExperimentSpec(
      {
        ...loadConfigFile(SPEC),
        days: 2,
        expect: [],
        world: { users: 300, creators: 40, initialImages: 100, candidates: 50 },
        scenario: [{ day: 1, action: 'lighting', params: { brightness: 0.6 } }],
      },
      imagesDomain,
    );
    expect(full.days).toBe(12);
    const result = await runReplication(spec, imagesDomain, 0);
    expect(result.rows.map((r) => `${r.day}:${r.arm}`)).toEqual(['0:popular', '0:random', '1:popular', '1:random']);
    for (const row of result.rows) {
      expect(row.interactions).toBeGreaterThan(100);
      expect(Number.isFinite(row.meanTrueValue)).toBe(true);
      expect(Object.keys(row.groups).length).toBe(8);
    }
    expect(result.eventsByKind.impression).toBeGreaterThan(500);
  }, 120_000);
});
