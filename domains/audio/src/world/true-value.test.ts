import { MemoryTransport, runConfigFields, s, Simulation, type ResearchProbe } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { audioDomain } from '../audio-domain.js';
import { SMALL_WORLD } from '../testing/small-world.js';

describe('audio research probe: trueValue', () => {
  it("is the hidden affinity the world reports for each clip played, in the session's mood, at that moment", async () => {
    const config = s.object(runConfigFields).parse({ domain: 'audio', seed: 'true-value', days: 1, progress: false }, '');
    let probe: ResearchProbe | undefined;
    const pairs: [reported: number, probed: number][] = [];
    const sim = new Simulation({
      config,
      domainConfig: audioDomain.config.parse(SMALL_WORLD, 'audio'),
      plugin: audioDomain,
      transport: new MemoryTransport(),
      observer: {
        slate() {},
        outcome() {},
        interaction: (_t, user, clip, _r, _e, trueValue) => pairs.push([trueValue, probe!.trueValue!(user, clip)]),
      },
    });
    probe = (await sim.init()).probe;
    await sim.run();
    expect(pairs.length).toBeGreaterThan(50);
    for (const [reported, probed] of pairs) expect(probed).toBe(reported);
    expect(new Set(pairs.map(([v]) => v)).size).toBeGreaterThan(pairs.length / 4);
  });
});
