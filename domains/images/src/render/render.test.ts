import { createHash } from 'node:crypto';
import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { sceneSvg } from '../scene/scene-svg.js';
import { randomStyle, sampleParams, STYLE_DIM } from '../scene/style.js';
import { NO_EFFECTS } from './effects.js';
import { decodePng, ImageRenderer } from './renderer.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function scenes(n: number, seed: string, size = 64): string[] {
  const rng = new RandomStream(seed);
  const style = new Float32Array(STYLE_DIM);
  const p = new Float32Array(STYLE_DIM);
  return Array.from({ length: n }, (_, i) => {
    randomStyle(rng, style);
    sampleParams(style, 0, 0.07, rng, p);
    return sceneSvg(p, new RandomStream(`${seed}/${i}`), size);
  });
}

const mean = (px: Uint8Array) => px.reduce((a, b) => a + b, 0) / px.length;

describe('scenes', () => {
  it('the same parameters and stream give the same SVG text; scenes differ from each other', () => {
    expect(scenes(20, 'a')).toEqual(scenes(20, 'a'));
    expect(new Set(scenes(20, 'a')).size).toBe(20);
  });
});

describe('ImageRenderer', () => {
  const renderer = new ImageRenderer(64);

  it('gives byte-identical PNGs for the same scene, across renders and renderer instances', async () => {
    const svgs = scenes(12, 'png');
    const first = await Promise.all(svgs.map(async (svg) => sha(await renderer.encode(await renderer.raw(svg), NO_EFFECTS))));
    const other = new ImageRenderer(64);
    const second = await Promise.all(svgs.map(async (svg) => sha(await other.encode(await other.raw(svg), NO_EFFECTS))));
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(12);
    const effects = { ...NO_EFFECTS, brightness: 0.6, filter: 'sepia' as const, resolution: 0.5, perturbation: 0.5 };
    const raw = await renderer.raw(svgs[0]);
    const a = await renderer.encode(raw, effects, new RandomStream('p'));
    const b = await renderer.encode(raw, effects, new RandomStream('p'));
    expect(sha(a)).toBe(sha(b));
  });

  it('serves exactly the clean pixels when there are no effects (PNG is lossless)', async () => {
    const raw = await renderer.raw(scenes(1, 'clean')[0]);
    expect(raw.length).toBe(64 * 64 * 3);
    const png = await renderer.encode(raw, NO_EFFECTS);
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const decoded = await decodePng(png);
    expect(decoded.width).toBe(64);
    expect(decoded.height).toBe(64);
    expect(Buffer.compare(Buffer.from(decoded.data), Buffer.from(raw))).toBe(0);
  });

  it('changes the served pixels with lighting, filters, resolution and perturbation', async () => {
    const raw = await renderer.raw(scenes(1, 'fx')[0]);
    const served = async (e: Partial<typeof NO_EFFECTS>) => (await decodePng(await renderer.encode(raw, { ...NO_EFFECTS, ...e }, new RandomStream('n')))).data;
    const dark = await served({ brightness: 0.5 });
    expect(mean(dark)).toBeLessThan(mean(raw) * 0.6);
    const mono = await served({ filter: 'mono' });
    for (let i = 0; i < mono.length; i += 3 * 97) expect(Math.abs(mono[i] - mono[i + 1]) + Math.abs(mono[i + 1] - mono[i + 2])).toBeLessThanOrEqual(2);
    const blocky = await served({ resolution: 0.25 });
    // 16x16 captured, upscaled with nearest neighbour: every 4x4 block is flat.
    expect(blocky[0]).toBe(blocky[(1 * 64 + 1) * 3]);
    expect(blocky.length).toBe(raw.length);
    const perturbed = await served({ perturbation: 1 });
    let diff = 0;
    for (let i = 0; i < raw.length; i++) diff += Math.abs(perturbed[i] - raw[i]);
    expect(diff / raw.length).toBeGreaterThan(10);
  });

  it('renders many scenes at once (a sprite sheet): reproducibly, and the same pictures as one by one', async () => {
    const svgs = scenes(37, 'sheet');
    const many = await renderer.rawMany(svgs);
    expect(many.length).toBe(37);
    const again = await new ImageRenderer(64).rawMany(svgs);
    let differing = 0;
    let largest = 0;
    for (let i = 0; i < svgs.length; i++) {
      expect(Buffer.compare(Buffer.from(again[i]), Buffer.from(many[i])), `scene ${i}`).toBe(0);
      const one = await renderer.raw(svgs[i]);
      for (let j = 0; j < one.length; j++) {
        largest = Math.max(largest, Math.abs(one[j] - many[i][j]));
        if (one[j] !== many[i][j]) differing++;
      }
    }
    expect(largest).toBeLessThanOrEqual(2);
    expect(differing / (37 * 64 * 64 * 3)).toBeLessThan(0.01);
    expect(await renderer.rawMany([])).toEqual([]);
    await expect(renderer.rawMany(['<html/>'])).rejects.toThrow(/SVG document/);
  });

  it('renders at other sizes', async () => {
    const big = new ImageRenderer(128);
    const raw = await big.raw(scenes(1, 'big', 128)[0]);
    expect(raw.length).toBe(128 * 128 * 3);
    expect((await decodePng(await big.encode(raw, NO_EFFECTS))).width).toBe(128);
  });
});
