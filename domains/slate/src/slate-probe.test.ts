import { MemoryTransport, Simulation, runConfigFields, s, type InteractionObserver, type ResearchProbe } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { slateDomain } from './slate-domain.js';

interface Seen {
  user: number;
  item: number;
  recommended: boolean;
  engagement: number;
  trueValue: number;
  probeValue: number;
}

/** Runs a slate world with an observer, as experiments and `prodsim gym` do. */
async function observed(domainConfig: Record<string, unknown>): Promise<{ seen: Seen[]; slates: number[][]; probe: ResearchProbe }> {
  const seen: Seen[] = [];
  const slates: number[][] = [];
  let probe: ResearchProbe | undefined;
  const observer: InteractionObserver = {
    slate: (_t, _user, items) => slates.push(Array.from(items)),
    interaction: (_t, user, item, recommended, engagement, trueValue) =>
      seen.push({ user, item, recommended, engagement, trueValue, probeValue: probe!.trueValue!(user, item) }),
    outcome() {},
  };
  const config = s.object(runConfigFields).parse({ domain: 'slate', days: 1, progress: false }, '');
  const sim = new Simulation({
    config,
    domainConfig: slateDomain.config.parse(domainConfig, 'slate'),
    plugin: slateDomain,
    transport: new MemoryTransport(),
    observer,
  });
  probe = (await sim.init()).probe;
  await sim.run();
  return { seen, slates, probe: probe! };
}

describe('slate/v1 for experiments and the step protocol', () => {
  it('reports every slate and choice, with the true value the probe gives at that moment', async () => {
    const { seen, slates } = await observed({ users: 20, items: 50, steps: 3, slate: 4 });
    expect(seen).toHaveLength(60);
    expect(slates).toHaveLength(60);
    expect(slates.every((items) => items.length === 4)).toBe(true);
    for (const [i, choice] of seen.entries()) {
      expect(choice.recommended).toBe(true);
      expect(slates[i]).toContain(choice.item);
      expect(choice.engagement).toBe(1);
      expect(choice.trueValue).toBe(choice.probeValue);
    }
  });

  it('answers the research probe: sizes, the slate endpoint, and taste drift only when users drift', async () => {
    const drifting = await observed({ users: 20, items: 50, steps: 5, drift: 0.2 });
    const still = await observed({ users: 20, items: 50, steps: 5, drift: 0 });
    expect(drifting.probe).toMatchObject({ userCount: 20, itemCount: 50 });
    expect(drifting.probe.slateEndpoint).toMatchObject({ name: 'slate', size: 10 });
    expect(drifting.probe.slateEndpoint!.userOf({ user: 7, step: 0, k: 10 })).toBe(7);
    expect(drifting.probe.slateEndpoint!.answer([4, 2])).toEqual([4, 2]);
    expect(drifting.probe.itemDistance(3, 3)).toBe(0);
    expect(drifting.probe.itemDistance(3, 4)).toBe(1);
    for (let u = 0; u < 20; u++) {
      expect(drifting.probe.tasteDrift(u)).toBeGreaterThan(0);
      expect(still.probe.tasteDrift(u)).toBe(0);
    }
  });
});
