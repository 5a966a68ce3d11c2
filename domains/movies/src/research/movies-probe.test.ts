import { MemoryTransport, Simulation, runConfigFields, s, type ResearchProbe } from '@prodsim/core';
import { CaptureOutput } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { GENRE_COUNT } from '../genres.js';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';

describe('movies research probe', () => {
  it('trueValue is the value the world reports for what a user watches, at that moment', async () => {
    const config = s.object(runConfigFields).parse({ domain: 'movies', seed: 'probe', days: 1, progress: false }, '');
    let probe: ResearchProbe | undefined;
    const pairs: [reported: number, probed: number][] = [];
    const sim = new Simulation({
      config,
      domainConfig: moviesDomain.config.parse({ users: 800, movies: 300 }, 'movies'),
      plugin: moviesDomain,
      transport: new MemoryTransport(),
      observer: {
        slate() {},
        outcome() {},
        interaction: (_t, user, movie, _r, _e, trueValue) => pairs.push([trueValue, probe!.trueValue!(user, movie)]),
      },
    });
    probe = (await sim.init()).probe;
    await sim.run();
    expect(pairs.length).toBeGreaterThan(100);
    for (const [reported, probed] of pairs) expect(probed).toBe(reported);
    // A real per-user, per-movie value: it varies over users for one movie and over movies for one user.
    const values = Array.from({ length: 50 }, (_, i) => probe!.trueValue!(i, 7));
    expect(new Set(values).size).toBeGreaterThan(40);
    expect(new Set(Array.from({ length: 50 }, (_, m) => probe!.trueValue!(3, m))).size).toBeGreaterThan(40);
  });

  it('measures taste drift from where each user started, keeping only the users whose tastes moved', async () => {
    const config = s.object(runConfigFields).parse({ domain: 'movies', seed: 'drift', days: 2, progress: false }, '');
    const make = () =>
      new Simulation({
        config,
        domainConfig: moviesDomain.config.parse({ users: 600, movies: 300 }, 'movies'),
        plugin: moviesDomain,
        transport: new MemoryTransport(),
        research: true,
      });
    const sim = make();
    const world = (await sim.init()) as MoviesWorld;
    const { truth, population } = world.research();
    const users = population.count;
    const start = truth.genreAffinity.slice(0, users * GENRE_COUNT);
    await sim.run();
    let moved = 0;
    for (let u = 0; u < users; u++) {
      let sum = 0;
      for (let g = 0; g < GENRE_COUNT; g++) sum += (truth.genreAffinity[u * GENRE_COUNT + g] - start[u * GENRE_COUNT + g]) ** 2;
      expect(world.probe.tasteDrift!(u)).toBe(Math.sqrt(sum));
      if (sum > 0) moved++;
    }
    // Users who watched nothing in two days are where they started and cost no copy.
    expect(moved).toBeGreaterThan(50);
    expect(truth.origins.count).toBeGreaterThanOrEqual(moved);
    expect(truth.origins.count).toBeLessThan(users * 0.9);
    // A world restored from a snapshot measures the same drift.
    const other = (await make().init()) as MoviesWorld;
    other.restore(structuredClone(world.snapshot()));
    for (let u = 0; u < population.count; u++) expect(other.probe.tasteDrift!(u)).toBe(world.probe.tasteDrift!(u));
  });

  it('keeps no taste origins in a world nothing observes for research: drift reads NaN, the log is the same', async () => {
    const config = s.object(runConfigFields).parse({ domain: 'movies', seed: 'plain', days: 2, progress: false }, '');
    const run = async (research: boolean) => {
      const capture = new CaptureOutput();
      const sim = new Simulation({
        config,
        domainConfig: moviesDomain.config.parse({ users: 600, movies: 300 }, 'movies'),
        plugin: moviesDomain,
        transport: new MemoryTransport(),
        outputs: [capture],
        ...(research ? { research } : {}),
      });
      const world = (await sim.init()) as MoviesWorld;
      await sim.run();
      return { world, lines: capture.events.map((e) => e.value) };
    };
    const plain = await run(false);
    const research = await run(true);
    expect(plain.world.research().truth.origins.count).toBe(0);
    expect(research.world.research().truth.origins.count).toBeGreaterThan(50);
    expect(plain.world.probe.tasteDrift!(0)).toBeNaN();
    expect(plain.lines.length).toBeGreaterThan(1000);
    expect(plain.lines).toEqual(research.lines);
  });
});
