import { MemoryTransport, Simulation, runConfigFields, s, type ResearchProbe } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { moviesDomain } from '../movies-domain.js';

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
});
