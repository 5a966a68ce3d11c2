import { toyDomain } from '@prodsim/domain-toy';
import { isProdsimError, type ConfigError } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { sweepPoints } from './sweep.js';

const base = {
  name: 'toy-sweep',
  domain: 'toy',
  seed: '5',
  replications: 2,
  days: 3,
  world: { users: 100 },
  arms: [
    { name: 'random', predictor: 'random' },
    { name: 'popular', predictor: 'popularity' },
  ],
  scenario: [{ day: 1, action: 'stream-faults', params: { corrupt: 0.01 } }],
};

const refused = (sweep: unknown): ConfigError => {
  try {
    sweepPoints({ ...base, sweep }, toyDomain);
  } catch (error) {
    if (isProdsimError(error)) return error as ConfigError;
    throw error;
  }
  throw new Error('expected the sweep to be refused');
};

describe('sweep: a grid over settings', () => {
  it('gives every combination, the first key varying slowest, each an ordinary spec with the same seeds', () => {
    const points = sweepPoints({ ...base, sweep: { 'world.items': [20, 40], 'scenario.0.params.corrupt': [0, 0.1, 0.2] } }, toyDomain)!;
    expect(points.map((p) => p.name)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
    expect(points.map((p) => [p.settings['world.items'], p.settings['scenario.0.params.corrupt']])).toEqual([
      [20, 0],
      [20, 0.1],
      [20, 0.2],
      [40, 0],
      [40, 0.1],
      [40, 0.2],
    ]);
    expect(points[4].label).toBe('world.items = 40, scenario.0.params.corrupt = 0.1');
    expect(points[4].specInput.sweep).toBeUndefined();
    expect(points[4].spec.domainConfig).toMatchObject({ users: 100, items: 40 });
    expect(points[4].spec.scenario[0].params).toMatchObject({ corrupt: 0.1 });
    expect(points[4].spec.seed).toBe('5');
    expect(points[4].spec.description).toBe('(sweep point p4: world.items = 40, scenario.0.params.corrupt = 0.1)');
    // The base spec is left as it was.
    expect(base.scenario[0].params.corrupt).toBe(0.01);
  });

  it('creates fields a base spec leaves to their defaults', () => {
    const points = sweepPoints({ ...base, world: undefined, sweep: { 'world.sessionsPerDay': [1, 2], deadlineMs: [100] } }, toyDomain)!;
    expect(points.map((p) => (p.spec.domainConfig as { sessionsPerDay: number }).sessionsPerDay)).toEqual([1, 2]);
    expect(points.map((p) => p.spec.deadlineMs)).toEqual([100, 100]);
  });

  it('is absent without a sweep', () => {
    expect(sweepPoints(base, toyDomain)).toBeUndefined();
  });

  it('names the sweep key, and the point and its settings, of what it refuses', () => {
    expect(refused(['world.users']).field).toBe('sweep');
    expect(refused({}).field).toBe('sweep');
    expect(refused({ 'world..users': [1] }).field).toBe('sweep["world..users"]');
    expect(refused({ 'world.users': [] }).field).toBe('sweep["world.users"]');
    expect(refused({ 'world.users': 5 }).field).toBe('sweep["world.users"]');
    expect(refused({ seed: ['1', '2'] }).message).toMatch(/sweep\["seed"\] = \["1","2"\]; allowed: a path outside name, domain, sweep, seed, replications/);
    expect(refused({ replications: [3] }).field).toBe('sweep["replications"]');
    expect(refused({ 'scenario.4.params.corrupt': [0.1] }).message).toMatch(/index 4 exists in scenario \(a list of 1\)/);
    expect(refused({ 'world.users': Array.from({ length: 40 }, (_, i) => i + 1), 'world.items': Array.from({ length: 30 }, (_, i) => i + 2) }).message).toMatch(
      /sweep = "1200 points"; allowed: at most 1000 points/,
    );
    const point = refused({ 'world.users': [100, -1] });
    expect(point.code).toBe('PRODSIM_ERR_CONFIG_INVALID');
    expect(point.message).toMatch(/^sweep point p1 \(world\.users = -1\): invalid configuration: world\.users = -1/);
    expect(refused({ 'arms.1.name': ['popular', 'pop'] }).field).toBe('sweep["arms.1.name"]');
  });
});
