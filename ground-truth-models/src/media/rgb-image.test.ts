import { describe, expect, it } from 'vitest';
import { GroundTruthErrorCodes } from '../errors.js';
import { imageToTensor, resample, type RgbImage } from './rgb-image.js';
import { solidImage } from './synthetic-images.js';

/** Left half one colour, right half another. */
function halves(w: number, h: number, left: number[], right: number[], channels: 3 | 4 = 3): RgbImage {
  const data = new Uint8Array(w * h * channels);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([...(x < w / 2 ? left : right), 77].slice(0, channels), (y * w + x) * channels);
  return { width: w, height: h, channels, data };
}

describe('imageToTensor', () => {
  it('keeps a flat colour flat at any size and normalises per channel', () => {
    const t = imageToTensor(solidImage(255, 0, 51, 37, 211), { width: 16, height: 16, mean: [0.5, 0.5, 0.5], std: [0.25, 0.5, 0.1] });
    for (let i = 0; i < 256; i++) {
      expect(t[i]).toBeCloseTo(2, 4);
      expect(t[256 + i]).toBeCloseTo(-1, 4);
      expect(t[512 + i]).toBeCloseTo(-3, 4);
    }
  });

  it('averages when shrinking (antialiasing) instead of picking pixels', () => {
    // A one-pixel checkerboard shrunk 8x is mid grey everywhere.
    const w = 64;
    const data = new Uint8Array(w * w * 3);
    for (let i = 0; i < w * w; i++) data.fill(((i % w) + Math.floor(i / w)) % 2 ? 255 : 0, i * 3, i * 3 + 3);
    const small = resample({ width: w, height: w, data }, 8, 8);
    for (const v of small) expect(v).toBeCloseTo(127.5, 0);
  });

  it('orders channels (BGR), lays out NHWC, ignores alpha', () => {
    const img = halves(4, 2, [10, 20, 30], [40, 50, 60], 4);
    const chw = imageToTensor(img, { width: 4, height: 2, scale: 1, channelOrder: 'BGR' });
    expect(Array.from(chw.slice(0, 4))).toEqual([30, 30, 60, 60]);
    const hwc = imageToTensor(img, { width: 4, height: 2, scale: 1, layout: 'NHWC' });
    expect(Array.from(hwc.slice(0, 6))).toEqual([10, 20, 30, 10, 20, 30]);
  });

  it('letterboxes with the pad value and centre-crops wide images', () => {
    const wide = halves(40, 10, [255, 0, 0], [0, 0, 255]);
    const boxed = imageToTensor(wide, { width: 8, height: 8, resize: 'letterbox', scale: 1, padValue: -1 });
    expect(boxed[0]).toBeCloseTo(255, 0); // top-left is image
    expect(boxed[7 * 8]).toBe(-1); // bottom rows are padding
    const cropped = imageToTensor(wide, { width: 8, height: 8, resize: 'center-crop', scale: 1 });
    expect(cropped[0]).toBeCloseTo(255, 0); // red on the left of the centre
    expect(cropped[2 * 64 + 7]).toBeCloseTo(255, 0); // blue on the right
  });

  it('rejects images whose byte count does not match their size', () => {
    expect(() => imageToTensor({ width: 3, height: 3, data: new Uint8Array(20) }, { width: 2, height: 2 })).toThrow(
      expect.objectContaining({ code: GroundTruthErrorCodes.INPUT_INVALID }),
    );
    expect(() => imageToTensor({ width: 0, height: 3, data: new Uint8Array(0) }, { width: 2, height: 2 })).toThrow(/expected width x height/);
  });
});
