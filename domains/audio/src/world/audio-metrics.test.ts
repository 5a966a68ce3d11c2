import { MemoryTransport, Simulation, checkDomainMetrics, runConfigFields, s, type InteractionObserver } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { audioDomain } from '../audio-domain.js';
import type { AudioWorld } from '../audio-world.js';
import { SMALL_WORLD } from '../testing/small-world.js';

describe('the audio domain metrics', () => {
  it('are valid declarations', () => {
    expect(() => checkDomainMetrics(audioDomain.id, audioDomain.metrics!)).not.toThrow();
  });

  it("count classification answers and plays heard to the end as the world's own figures do", async () => {
    const counts = new Map<string, number>();
    let plays = 0;
    const observer: InteractionObserver = {
      slate() {},
      interaction: () => void plays++,
      outcome() {},
      count: (_time, _unit, counter, n) => void counts.set(counter, (counts.get(counter) ?? 0) + n),
    };
    const config = s.object(runConfigFields).parse({ domain: 'audio', seed: 'metrics', days: 1, progress: false }, '');
    const sim = new Simulation({
      config,
      domainConfig: audioDomain.config.parse(SMALL_WORLD, 'audio'),
      plugin: audioDomain,
      transport: new MemoryTransport(),
      observer,
    });
    const world = (await sim.init()) as AudioWorld;
    await sim.run();
    const f = world.figures();
    expect(f.classified).toBeGreaterThan(10);
    expect(counts.get('classified')).toBe(f.classified);
    expect(counts.get('classifiedCorrect')! / counts.get('classified')!).toBeCloseTo(f.classifyAccuracy, 12);
    expect(f.completes).toBeGreaterThan(10);
    // A play is reported when it starts and counted by the world when the listener moves on:
    // plays still going when the run ends are the only difference.
    expect(plays).toBeGreaterThanOrEqual(f.plays);
    expect(counts.get('completePlays')!).toBeGreaterThanOrEqual(f.completes);
    expect(plays - f.plays).toBeLessThan(20);
    expect(counts.get('completePlays')! - f.completes).toBeLessThanOrEqual(plays - f.plays);
    await world.close();
  }, 120_000);
});
