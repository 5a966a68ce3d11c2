import { runWorld } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { audioDomain } from '../audio-domain.js';
import type { AudioWorld } from '../audio-world.js';
import { audioConfigSchema } from '../config.js';
import { SMALL_WORLD } from '../testing/small-world.js';

const meanDrift = (w: AudioWorld) => {
  const { creators } = w.research();
  let sum = 0;
  for (let c = 0; c < creators.count; c++) sum += creators.pool.styleDrift(c);
  return sum / creators.count;
};

describe('creatorFeedback: whether creators drift toward what listeners liked', () => {
  it('off: creators keep their style; shared (the default): they drift', async () => {
    expect(audioConfigSchema.parse({}, 'audio').creatorFeedback).toBe('shared');
    const config = { ...SMALL_WORLD, styleDrift: 1 };
    const shared = await runWorld<AudioWorld>(audioDomain, { seed: 'feedback', days: 3, domainConfig: config });
    const off = await runWorld<AudioWorld>(audioDomain, { seed: 'feedback', days: 3, domainConfig: { ...config, creatorFeedback: 'off' } });
    expect(off.world.figures().plays).toBeGreaterThan(100);
    expect(meanDrift(off.world)).toBe(0);
    expect(meanDrift(shared.world)).toBeGreaterThan(0);
  }, 120_000);
});
