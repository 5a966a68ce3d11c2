import { readFileSync } from 'node:fs';
import { RandomStream } from '@prodsim/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroundTruthErrorCodes } from '../errors.js';
import { solidImage, stripesImage, syntheticImage } from '../media/synthetic-images.js';
import type { RgbImage } from '../media/rgb-image.js';
import { DEFAULT_MODELS, DEFAULT_WORLD_SEED } from './default-models.js';
import { ImageWorld } from './image-world.js';
import { buildImageWorldModel } from './image-world-model.js';

const distance = (a: Float32Array, b: Float32Array) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0));

function jitter(img: RgbImage, rng: RandomStream, sd: number): RgbImage {
  return { ...img, data: Uint8Array.from(img.data, (v) => Math.max(0, Math.min(255, Math.round(v + rng.normal(0, sd))))) };
}

describe('image world model (authoring)', () => {
  it('is byte-identical for a seed and differs for another seed', () => {
    const a = buildImageWorldModel({ seed: 'course-2026-spring' }).bytes;
    const b = buildImageWorldModel({ seed: 'course-2026-spring' }).bytes;
    const c = buildImageWorldModel({ seed: 'course-2026-fall' }).bytes;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    expect(a.length).toBeLessThan(300_000);
  });

  it('the committed default model is what the default seed regenerates', () => {
    const committed = readFileSync(DEFAULT_MODELS.image);
    expect(committed.equals(Buffer.from(buildImageWorldModel({ seed: DEFAULT_WORLD_SEED }).bytes))).toBe(true);
  });

  it('rejects bad options with a ConfigError naming the field', () => {
    expect(() => buildImageWorldModel({ seed: '' })).toThrow(expect.objectContaining({ code: 'PRODSIM_ERR_CONFIG_INVALID', field: 'seed' }));
    expect(() => buildImageWorldModel({ seed: 'x', categories: 1 })).toThrow(expect.objectContaining({ field: 'categories' }));
    expect(() => buildImageWorldModel({ seed: 'x', channels: [8, 8] as unknown as [number, number, number] })).toThrow(
      expect.objectContaining({ field: 'channels' }),
    );
  });
});

describe('ImageWorld (runtime, committed default model)', () => {
  let world: ImageWorld;
  beforeAll(async () => {
    world = await ImageWorld.load();
  });
  afterAll(() => world.close());

  it('gives hidden heads that spread over their range on varied images (not identical, not saturated)', async () => {
    // Images from a stream the authoring never used, so this is not the calibration set.
    const rng = new RandomStream('image-world-test-images');
    const truths = await world.truths(Array.from({ length: 200 }, () => syntheticImage(rng)));
    const v = truths.map((t) => t.violation);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    expect(sd).toBeGreaterThan(0.1);
    expect(v.filter((x) => x > 0.5).length).toBeGreaterThan(10);
    expect(v.filter((x) => x < 0.5).length).toBeGreaterThan(10);
    // Not saturated: most scores are away from 0 and 1.
    expect(v.filter((x) => x > 0.01 && x < 0.99).length).toBeGreaterThan(160);
    const counts = new Array(world.categoryCount).fill(0);
    for (const t of truths) counts[t.category]++;
    expect(counts.filter((c) => c > 0).length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...counts)).toBeLessThan(100);
    const top = truths.map((t) => t.categories[t.category]);
    expect(top.filter((p) => p > 0.99).length).toBeLessThan(100);
    for (const t of truths) {
      expect(t.embedding).toHaveLength(world.embeddingDim);
      expect(t.categories.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it('embeds similar images closer than different ones (colour, texture, shape)', async () => {
    const rng = new RandomStream('similar');
    const base = [solidImage(200, 40, 40), stripesImage([0, 0, 0], [255, 255, 255], 6, 0.3), syntheticImage(rng)];
    const others = [solidImage(40, 40, 200), stripesImage([0, 0, 0], [255, 255, 255], 6, 1.8), syntheticImage(rng)];
    for (let i = 0; i < base.length; i++) {
      const [a, near, far] = await world.truths([base[i], jitter(base[i], rng, 4), others[i]]);
      expect(distance(a.embedding, near.embedding)).toBeLessThan(distance(a.embedding, far.embedding));
      expect(distance(a.embedding, far.embedding)).toBeGreaterThan(0.5);
    }
  });

  it('gives identical floats for the same image, alone or in any batch, any size', async () => {
    const rng = new RandomStream('determinism');
    const images = Array.from({ length: 40 }, () => syntheticImage(rng, 96, 80));
    const alone = await world.truth(images[7]);
    const batched = await world.truths(images);
    const again = await world.truths(images.slice(0, 9));
    expect(Buffer.from(batched[7].embedding.buffer).equals(Buffer.from(alone.embedding.buffer))).toBe(true);
    expect(batched[7].violation).toBe(alone.violation);
    expect(Buffer.from(again[7].categories.buffer).equals(Buffer.from(alone.categories.buffer))).toBe(true);
  });

  it('rejects a malformed image with a coded error and keeps serving others', async () => {
    const bad = { width: 10, height: 10, data: new Uint8Array(7) };
    await expect(world.truth(bad)).rejects.toMatchObject({ code: GroundTruthErrorCodes.INPUT_INVALID });
    await expect(world.truth(solidImage(1, 2, 3))).resolves.toHaveProperty('category');
  });

  it('refuses a model that is not an image world', async () => {
    await expect(ImageWorld.load({ model: DEFAULT_MODELS.audio })).rejects.toMatchObject({ code: GroundTruthErrorCodes.MODEL_MISMATCH });
    await expect(ImageWorld.load({ model: '/nonexistent/model.onnx' })).rejects.toMatchObject({ code: GroundTruthErrorCodes.MODEL_LOAD });
  });
});
