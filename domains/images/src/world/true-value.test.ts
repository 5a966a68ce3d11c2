import { MemoryTransport, runConfigFields, s, Simulation, type ResearchProbe } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { imagesDomain } from '../images-domain.js';
import { SMALL } from '../test/small-world.js';

describe('images research probe: trueValue', () => {
  it('is the hidden affinity the world reports for each image a user views, at that moment', async () => {
    const config = s.object(runConfigFields).parse({ domain: 'images', seed: 'true-value', days: 1, progress: false }, '');
    let probe: ResearchProbe | undefined;
    const pairs: [reported: number, probed: number][] = [];
    const sim = new Simulation({
      config,
      domainConfig: imagesDomain.config.parse(SMALL, 'images'),
      plugin: imagesDomain,
      transport: new MemoryTransport(),
      observer: {
        slate() {},
        outcome() {},
        interaction: (_t, user, item, _r, _e, trueValue) => pairs.push([trueValue, probe!.trueValue!(user, item)]),
      },
    });
    probe = (await sim.init()).probe;
    await sim.run();
    expect(pairs.length).toBeGreaterThan(100);
    for (const [reported, probed] of pairs) expect(probed).toBe(reported);
    expect(new Set(pairs.map(([v]) => v)).size).toBeGreaterThan(pairs.length / 4);
  });
});
