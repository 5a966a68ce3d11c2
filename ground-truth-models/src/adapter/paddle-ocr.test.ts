import { RandomStream } from '@prodsim/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../media/rgb-image.js';
import { solidImage, stripesImage, syntheticImage } from '../media/synthetic-images.js';
import type { ImageAdapter } from './image-adapter.js';
import { loadImageAdapter } from './presets.js';

const cosine = (a: Float32Array, b: Float32Array) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
};

/** Dark glyph-like strokes on a light background: a crude line of "text". */
function textLine(rng: RandomStream, width = 240, height = 48): RgbImage {
  const data = new Uint8Array(width * height * 3).fill(235);
  let x = 8;
  while (x < width - 12) {
    const w = 4 + rng.int(10);
    const strokes = 1 + rng.int(3);
    for (let s = 0; s < strokes; s++) {
      const vertical = rng.bernoulli(0.6);
      const x0 = x + rng.int(Math.max(1, w - 2));
      const y0 = 10 + rng.int(8);
      for (let k = 0; k < (vertical ? 24 : w); k++) {
        for (let t = 0; t < 2; t++) {
          const px = vertical ? x0 + t : x + k;
          const py = vertical ? y0 + k : y0 + 12 + t;
          if (px < width && py < height) data.fill(20, (py * width + px) * 3, (py * width + px) * 3 + 3);
        }
      }
    }
    x += w + 3 + rng.int(4) + (rng.bernoulli(0.15) ? 10 : 0);
  }
  return { width, height, channels: 3, data };
}

function jitter(img: RgbImage, rng: RandomStream, sd: number): RgbImage {
  return { ...img, data: Uint8Array.from(img.data, (v) => Math.max(0, Math.min(255, Math.round(v + rng.normal(0, sd))))) };
}

describe('PaddleOCR through the adapter (real PP-OCRv4 weights)', () => {
  let det: ImageAdapter;
  let rec: ImageAdapter;
  beforeAll(async () => {
    det = await loadImageAdapter('paddleocr-det');
    rec = await loadImageAdapter('paddleocr-rec');
  });
  afterAll(async () => {
    await det?.close();
    await rec?.close();
  });

  it('detection: exposes the inner feature map as a stable 96-d embedding', async () => {
    const rng = new RandomStream('ocr-det');
    const img = syntheticImage(rng, 180, 120);
    const [a, b] = [await det.read(img), await det.read(img)];
    expect(a.embedding).toHaveLength(96);
    expect(Buffer.from(a.embedding.buffer).equals(Buffer.from(b.embedding.buffer))).toBe(true);
    // Batched with other images, still the same floats.
    const batch = await det.readMany([syntheticImage(rng, 64, 64), img, solidImage(0, 0, 0)]);
    expect(Buffer.from(batch[1].embedding.buffer).equals(Buffer.from(a.embedding.buffer))).toBe(true);
  });

  it('detection: similar images are closer than dissimilar ones, and text scores higher than flat colour', async () => {
    const rng = new RandomStream('ocr-similar');
    const text = textLine(rng);
    const stripes = stripesImage([30, 30, 30], [220, 220, 220], 8, 0.4, 160, 160);
    const [t, tNear, s, sNear, flat] = await det.readMany([text, jitter(text, rng, 6), stripes, jitter(stripes, rng, 6), solidImage(120, 160, 200)]);
    expect(cosine(t.embedding, tNear.embedding)).toBeGreaterThan(cosine(t.embedding, s.embedding));
    expect(cosine(s.embedding, sNear.embedding)).toBeGreaterThan(cosine(s.embedding, t.embedding));
    // The detector's probability map fires on the glyph strokes and stays dark on flat colour and plain stripes.
    expect(t.text_peak[0]).toBeGreaterThan(0.5);
    expect(flat.text_peak[0]).toBeLessThan(0.1);
    expect(s.text_peak[0]).toBeLessThan(0.1);
    expect(t.text_fraction[0]).toBeGreaterThan(100 * flat.text_fraction[0]);
  });

  it('recognition: a stable 120-d line embedding; two renderings of one line are closer than another line', async () => {
    const rng = new RandomStream('ocr-rec');
    const line = textLine(rng);
    const other = textLine(rng);
    const [a, a2, again, b] = await rec.readMany([line, jitter(line, rng, 6), line, other]);
    expect(a.embedding).toHaveLength(120);
    expect(Buffer.from(a.embedding.buffer).equals(Buffer.from(again.embedding.buffer))).toBe(true);
    expect(cosine(a.embedding, a2.embedding)).toBeGreaterThan(cosine(a.embedding, b.embedding));
  });
});
