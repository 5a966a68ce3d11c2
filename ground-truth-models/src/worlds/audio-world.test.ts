import { readFileSync } from 'node:fs';
import { RandomStream } from '@prodsim/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroundTruthErrorCodes } from '../errors.js';
import { babble, syntheticClip, tone, whiteNoise } from '../media/synthetic-audio.js';
import { AudioWorld, prepareClip } from './audio-world.js';
import { buildAudioWorldModel } from './audio-world-model.js';
import { DEFAULT_MODELS, DEFAULT_WORLD_SEED } from './default-models.js';

const distance = (a: Float32Array, b: Float32Array) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0));

describe('audio world model (authoring)', () => {
  it('is byte-identical for a seed and differs for another seed', () => {
    const a = buildAudioWorldModel({ seed: 'course-2026-spring' }).bytes;
    const b = buildAudioWorldModel({ seed: 'course-2026-spring' }).bytes;
    const c = buildAudioWorldModel({ seed: 'course-2026-fall' }).bytes;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('the committed default model is what the default seed regenerates', () => {
    const committed = readFileSync(DEFAULT_MODELS.audio);
    expect(committed.equals(Buffer.from(buildAudioWorldModel({ seed: DEFAULT_WORLD_SEED }).bytes))).toBe(true);
  });
});

describe('prepareClip', () => {
  it('pads short clips to 2 s, cuts long ones at 10 s, pads to whole 256-sample frames', () => {
    expect(prepareClip(new Float32Array(100)).length).toBe(32_000);
    expect(prepareClip(new Float32Array(200_000)).length).toBe(160_000);
    expect(prepareClip(new Float32Array(40_001)).length).toBe(40_192);
    const exact = new Float32Array(48_128); // 188 frames: already a valid length
    expect(prepareClip(exact)).toBe(exact);
  });

  it('rejects non-finite samples with a coded error', () => {
    const clip = new Float32Array(32_000);
    clip[5] = Number.NaN;
    expect(() => prepareClip(clip)).toThrow(expect.objectContaining({ code: GroundTruthErrorCodes.INPUT_INVALID }));
  });
});

describe('AudioWorld (runtime, committed default model)', () => {
  let world: AudioWorld;
  beforeAll(async () => {
    world = await AudioWorld.load();
  });
  afterAll(() => world.close());

  it('gives hidden heads that spread over their range on varied clips (not identical, not saturated)', async () => {
    const rng = new RandomStream('audio-world-test-clips');
    const truths = await world.truths(Array.from({ length: 96 }, () => syntheticClip(rng, 3)));
    const e = truths.map((t) => t.explicit);
    const mean = e.reduce((a, b) => a + b, 0) / e.length;
    const sd = Math.sqrt(e.reduce((a, b) => a + (b - mean) ** 2, 0) / e.length);
    expect(sd).toBeGreaterThan(0.1);
    expect(e.filter((x) => x > 0.5).length).toBeGreaterThan(5);
    expect(e.filter((x) => x < 0.5).length).toBeGreaterThan(5);
    expect(e.filter((x) => x > 0.01 && x < 0.99).length).toBeGreaterThan(60);
    const counts = new Array(world.categoryCount).fill(0);
    for (const t of truths) counts[t.category]++;
    expect(counts.filter((c) => c > 0).length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...counts)).toBeLessThan(60);
  });

  it('embeds similar clips closer than different ones', async () => {
    const rng = new RandomStream('similar-audio');
    const speech = babble(rng, 4, { pitchHz: 120 });
    const [a, near, far1, far2] = await world.truths([speech, speech.map((v) => v * 0.9 + rng.normal(0, 0.002)), tone(440, 4, 0.3), whiteNoise(rng, 4, 0.1)]);
    expect(distance(a.embedding, near.embedding)).toBeLessThan(distance(a.embedding, far1.embedding));
    expect(distance(a.embedding, near.embedding)).toBeLessThan(distance(a.embedding, far2.embedding));
  });

  it('gives identical floats for the same clip, alone or batched, across loads', async () => {
    const rng = new RandomStream('audio-determinism');
    const clips = Array.from({ length: 12 }, () => syntheticClip(rng, 2));
    const alone = await world.truth(clips[3]);
    const batched = await world.truths(clips);
    const other = await AudioWorld.load({ intraOpNumThreads: 2 });
    const reloaded = await other.truth(clips[3]);
    await other.close();
    expect(world.stats.largestBatch).toBeGreaterThan(1);
    for (const t of [batched[3], reloaded]) {
      expect(Buffer.from(t.embedding.buffer).equals(Buffer.from(alone.embedding.buffer))).toBe(true);
      expect(t.explicit).toBe(alone.explicit);
    }
  });
});
