import { RandomStream } from '@prodsim/core';
import type { FeedRequest } from '@prodsim/media';
import { describe, expect, it } from 'vitest';
import { imagesConfigSchema } from '../config.js';
import { runSmall } from '../test/small-world.js';
import type { ImagesWorld } from './images-world.js';

const CREATORS = 40;
const meanDrift = (w: ImagesWorld) => Array.from({ length: CREATORS }, (_, c) => w.research().creators.styleDrift(c)).reduce((a, b) => a + b) / CREATORS;
const predictor = () => {
  const rng = new RandomStream('feed');
  return { feed: (r: FeedRequest) => rng.shuffle(r.candidates.slice()), moderate: () => ({ decision: 'allow' }) };
};

describe('creatorFeedback: whether creators drift toward what users liked', () => {
  it('is shared by default: creators move toward their best-liked uploads', () => {
    expect(imagesConfigSchema.parse({}, 'images').creatorFeedback).toBe('shared');
    expect(() => imagesConfigSchema.parse({ creatorFeedback: 'per-arm' }, 'images')).toThrow(/images\.creatorFeedback/);
  });

  it('off: creators keep their style however much is liked; shared: they drift', async () => {
    const config = { users: 400, creators: CREATORS, styleDrift: 1, adversarialShare: 0 };
    const shared = await runSmall({ seed: 'feedback', days: 3, config, predictor });
    const off = await runSmall({ seed: 'feedback', days: 3, config: { ...config, creatorFeedback: 'off' }, predictor });
    expect(off.world.research().counters.likes).toBeGreaterThan(100);
    expect(meanDrift(off.world)).toBe(0);
    expect(meanDrift(shared.world)).toBeGreaterThan(0.1);
  });
});
