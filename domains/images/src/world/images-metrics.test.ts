import { MemoryTransport, Simulation, checkDomainMetrics, runConfigFields, s, type InteractionObserver } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { imagesDomain } from '../images-domain.js';
import { SMALL } from '../test/small-world.js';
import type { ImagesWorld } from './images-world.js';

describe('the images domain metrics', () => {
  it('are valid declarations', () => {
    expect(() => checkDomainMetrics(imagesDomain.id, imagesDomain.metrics!)).not.toThrow();
  });

  it("count harmful impressions, reports and moderation outcomes as the world's own counters do", async () => {
    const counts = new Map<string, number>();
    const units = new Map<string, Set<number>>();
    let interactions = 0;
    const observer: InteractionObserver = {
      slate() {},
      interaction: () => void interactions++,
      outcome() {},
      count(_time, unit, counter, n) {
        counts.set(counter, (counts.get(counter) ?? 0) + n);
        if (!units.has(counter)) units.set(counter, new Set());
        units.get(counter)!.add(unit);
      },
    };
    const config = s.object(runConfigFields).parse({ domain: 'images', seed: 'metrics', days: 2, progress: false }, '');
    // The built-in moderator blocks creators with many reports: some blocks, some harmful ones among them.
    const domainConfig = imagesDomain.config.parse({ ...SMALL, adversarialShare: 0.2, harmfulShare: 0.2 }, 'images');
    const sim = new Simulation({ config, domainConfig, plugin: imagesDomain, transport: new MemoryTransport(), observer });
    const world = (await sim.init()) as ImagesWorld;
    await sim.run();
    const c = world.research().counters;
    expect(c.harmfulImpressions).toBeGreaterThan(0);
    expect(c.blocked).toBeGreaterThan(0);
    expect(counts.get('harmfulImpressions')).toBe(c.harmfulImpressions);
    expect(counts.get('reports')).toBe(c.reports);
    expect(counts.get('blocked')).toBe(c.blocked);
    expect(counts.get('blockedHarmful') ?? 0).toBe(c.harmfulBlocked);
    expect(counts.get('harmfulModerated')).toBe(c.harmfulBlocked + c.harmfulAllowed);
    expect(interactions).toBe(c.impressions);
    // Moderation counts belong to creators (the unit its requests are routed by), impressions to users.
    for (const creator of units.get('blocked')!) expect(creator).toBeLessThan(domainConfig.creators);
    await world.close();
  }, 120_000);
});
