import { MemoryTransport, Simulation, runConfigFields, s } from '@prodsim/core';
import { CaptureOutput } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';
import { MOVIES_SCENARIO_ACTIONS } from './scenario-actions.js';

const START = Date.parse('2026-01-05T00:00:00Z');
const HOUR = 3_600_000;

/** A one-day world of 1,500 users with one scenario step at noon. */
async function withStep(action: string, params: Record<string, unknown>, domainConfig: Record<string, unknown> = {}) {
  const config = s.object(runConfigFields).parse({ domain: 'movies', seed: 'scenario', days: 1, progress: false }, '');
  const capture = new CaptureOutput();
  const sim = new Simulation({
    config,
    domainConfig: moviesDomain.config.parse({ users: 1500, movies: 400, ...domainConfig }, 'movies'),
    plugin: moviesDomain,
    transport: new MemoryTransport(),
    research: true,
    outputs: [capture],
  });
  const world = (await sim.init()) as MoviesWorld;
  const parsed = (MOVIES_SCENARIO_ACTIONS as Record<string, { params: { parse(v: unknown, p: string): unknown } }>)[action].params.parse(params, 'params');
  const before = { movies: world.catalogue.count, users: 0 };
  sim.scheduler.call(START + 12 * HOUR, () => {
    before.movies = world.catalogue.count;
    before.users = world.research().population.count;
    world.applyScenario(action, parsed);
  });
  await sim.run();
  const lines = capture.events.map((e) => e.value);
  const after = lines.filter((l) => Date.parse(`${l.slice(0, 19)}Z`) >= START + 12 * HOUR);
  const beforeStep = lines.filter((l) => Date.parse(`${l.slice(0, 19)}Z`) < START + 12 * HOUR);
  return { world, sim, lines, after, beforeStep, before };
}

describe('movies scenario actions', () => {
  it('schema-change: watch lines gain a device field, or a renamed path, from the step on', async () => {
    const added = await withStep('schema-change', { variant: 'added-field' });
    const watchBefore = added.beforeStep.filter((l) => l.includes('.mpg'));
    const watchAfter = added.after.filter((l) => l.includes('.mpg'));
    expect(watchBefore.length).toBeGreaterThan(100);
    expect(watchAfter.length).toBeGreaterThan(100);
    for (const l of watchBefore) expect(l).toMatch(/\.mpg$/);
    for (const l of watchAfter) expect(l).toMatch(/\.mpg,(web|ios|android|tv)$/);
    const renamed = await withStep('schema-change', { variant: 'renamed-path' });
    for (const l of renamed.after.filter((x) => x.includes('.mpg'))) expect(l).toContain(',GET /data/movie/');
  });

  it('fake-ratings: new accounts give the promoted movie the top rating', async () => {
    const { after, world, before } = await withStep('fake-ratings', { accounts: 40, hours: 2 }, { createAccountLines: true });
    const population = world.research().population;
    const fakeIds = new Set(Array.from({ length: 40 }, (_, i) => String(before.users + i + 1)));
    const fakeRates = after.filter((l) => l.includes('GET /rate/') && fakeIds.has(l.split(',')[1]));
    expect(fakeRates.length).toBe(40);
    expect(new Set(fakeRates.map((l) => /GET \/rate\/(.+)=(\d+)$/.exec(l)![1])).size).toBe(1);
    for (const l of fakeRates) expect(l).toMatch(/=5$/);
    expect(after.filter((l) => l.endsWith('GET /create_account') && fakeIds.has(l.split(',')[1])).length).toBe(40);
    expect(population.count).toBeGreaterThanOrEqual(before.users + 40);
    expect(world.summary()['fake ratings (attack)']).toBe(40);
  });

  it("r-rated-to-minors: minors' lists then start with R-rated movies", async () => {
    const { after, world } = await withStep('r-rated-to-minors', { share: 1 });
    const pop = world.research().population;
    const movies = world.catalog.get('movie')!;
    const minorsLists = after.filter((l) => l.includes('recommendation request') && l.includes('status 200') && pop.age[Number(l.split(',')[1]) - 1] < 18);
    expect(minorsLists.length).toBeGreaterThan(0);
    for (const l of minorsLists) {
      const first = /result: ([^,]+),/.exec(l)![1];
      expect((movies.get(first) as { certificate: string }).certificate).toBe('R');
    }
  });

  it('taste-shock: the affected genre taste moves by delta (taste drift shows it)', async () => {
    const { world } = await withStep('taste-shock', { genre: 'Horror', delta: 2, share: 0.5 });
    const drifts = Array.from({ length: 1500 }, (_, u) => world.probe.tasteDrift(u));
    const shocked = drifts.filter((d) => d >= 1.9).length;
    expect(shocked / 1500).toBeGreaterThan(0.4);
    expect(shocked / 1500).toBeLessThan(0.6);
  });

  it('release: the catalogue grows by the batch', async () => {
    const { world, before } = await withStep('release', { movies: 25 });
    expect(world.catalogue.count).toBeGreaterThanOrEqual(before.movies + 25);
  });
});

describe('ground-truth update frequency', () => {
  async function driftsOverTime(truthUpdateDays: number) {
    const config = s.object(runConfigFields).parse({ domain: 'movies', seed: 'truth', days: 4, progress: false }, '');
    const sim = new Simulation({
      config,
      domainConfig: moviesDomain.config.parse({ users: 800, movies: 300, truthUpdateDays }, 'movies'),
      plugin: moviesDomain,
      transport: new MemoryTransport(),
      research: true,
    });
    const world = (await sim.init()) as MoviesWorld;
    const total = () => Array.from({ length: 800 }, (_, u) => world.probe.tasteDrift(u)).reduce((a, b) => a + b, 0);
    const seen: number[] = [];
    for (const day of [0.9, 2.9, 3.5]) sim.scheduler.call(START + day * 24 * HOUR, () => seen.push(total()));
    await sim.run();
    return seen;
  }

  it('continuous by default; in batches every N days when configured, with nothing lost', async () => {
    const continuous = await driftsOverTime(0);
    expect(continuous[0]).toBeGreaterThan(0);
    const batched = await driftsOverTime(3);
    // Nothing absorbed before the first batch on day 3; then three days of drift arrive at once.
    expect(batched[0]).toBe(0);
    expect(batched[1]).toBe(0);
    expect(batched[2]).toBeGreaterThan(continuous[0]);
  });
});

describe('movies research probe', () => {
  it('answers age bands, genre distances and baseline answers in movie ids', async () => {
    const { world } = await withStep('release', { movies: 1 });
    const probe = world.probe;
    const pop = world.research().population;
    expect(probe.userGroup(0)).toBe(pop.age[0] < 18 ? 'under 18' : probe.userGroup(0));
    expect(new Set(Array.from({ length: 1500 }, (_, u) => probe.userGroup(u))).size).toBeGreaterThanOrEqual(4);
    expect(probe.itemDistance(3, 3)).toBe(0);
    const ids = probe.slateEndpoint!.answer([0, 1]) as string[];
    expect(ids).toEqual([world.catalogue.slugs[0], world.catalogue.slugs[1]]);
    expect(probe.slateEndpoint!.userOf({ userId: '7' })).toBe(6);
    // A baseline's answer passes the endpoint's own validation.
    const checked = world.endpoints[0].validate(ids, { userId: '1' });
    expect(checked.ok).toBe(true);
  });
});
