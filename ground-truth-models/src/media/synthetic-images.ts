import type { RandomStream } from '@prodsim/core';
import type { RgbImage } from './rgb-image.js';

/**
 * Procedural images with varied colour, texture and shapes: a background (flat, gradient or
 * blotchy texture) under a few shapes (discs, boxes, stripe gratings, checkerboards) and a little
 * pixel noise. Used to calibrate the image world while it is authored and to test that its hidden
 * heads spread; domains may use them as placeholder content.
 */
export function syntheticImage(rng: RandomStream, width = 64, height = 64): RgbImage {
  const px = new Float32Array(width * height * 3);
  paintBackground(px, width, height, rng);
  const shapes = rng.int(5);
  for (let s = 0; s < shapes; s++) paintShape(px, width, height, rng);
  const noise = rng.uniform(0, 12);
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = clamp255(px[i] + (noise > 0 ? rng.normal(0, noise) : 0));
  return { width, height, channels: 3, data };
}

export function solidImage(r: number, g: number, b: number, width = 64, height = 64): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    data[i * 3] = r;
    data[i * 3 + 1] = g;
    data[i * 3 + 2] = b;
  }
  return { width, height, channels: 3, data };
}

/** A sinusoidal grating between two colours: `period` pixels, `angle` radians. */
export function stripesImage(a: readonly number[], b: readonly number[], period: number, angle: number, width = 64, height = 64): RgbImage {
  const data = new Uint8Array(width * height * 3);
  const cx = Math.cos(angle);
  const cy = Math.sin(angle);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = 0.5 + 0.5 * Math.sin(((x * cx + y * cy) * 2 * Math.PI) / period);
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = clamp255(a[c] * (1 - t) + b[c] * t);
    }
  }
  return { width, height, channels: 3, data };
}

function colour(rng: RandomStream): [number, number, number] {
  return [rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256)];
}

function paintBackground(px: Float32Array, w: number, h: number, rng: RandomStream): void {
  const kind = rng.int(3);
  const a = colour(rng);
  const b = colour(rng);
  const angle = rng.uniform(0, 2 * Math.PI);
  const cell = 4 + rng.int(13);
  const gw = Math.ceil(w / cell) + 1;
  const grid = Array.from({ length: gw * (Math.ceil(h / cell) + 1) }, () => rng.next());
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let t = 0;
      if (kind === 1) t = 0.5 + ((x / w - 0.5) * Math.cos(angle) + (y / h - 0.5) * Math.sin(angle));
      else if (kind === 2) {
        // Bilinear value noise: soft blotches of the two colours.
        const gx = x / cell;
        const gy = y / cell;
        const x0 = Math.floor(gx);
        const y0 = Math.floor(gy);
        const fx = gx - x0;
        const fy = gy - y0;
        const v = (i: number, j: number) => grid[(y0 + j) * gw + x0 + i];
        t = v(0, 0) * (1 - fx) * (1 - fy) + v(1, 0) * fx * (1 - fy) + v(0, 1) * (1 - fx) * fy + v(1, 1) * fx * fy;
      }
      const p = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) px[p + c] = a[c] * (1 - t) + b[c] * t;
    }
  }
}

function paintShape(px: Float32Array, w: number, h: number, rng: RandomStream): void {
  const kind = rng.int(4);
  const col = colour(rng);
  const col2 = colour(rng);
  const cx = rng.uniform(0, w);
  const cy = rng.uniform(0, h);
  const rx = rng.uniform(w / 10, w / 2.5);
  const ry = kind === 0 ? rx : rng.uniform(h / 10, h / 2.5);
  const period = rng.uniform(2.5, 16);
  const angle = rng.uniform(0, Math.PI);
  const cell = 2 + rng.int(8);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = (x - cx) / rx;
      const dy = (y - cy) / ry;
      const inside = kind === 0 ? dx * dx + dy * dy <= 1 : Math.abs(dx) <= 1 && Math.abs(dy) <= 1;
      if (!inside) continue;
      let t = 0;
      if (kind === 2) t = 0.5 + 0.5 * Math.sin(((x * Math.cos(angle) + y * Math.sin(angle)) * 2 * Math.PI) / period);
      else if (kind === 3) t = (Math.floor(x / cell) + Math.floor(y / cell)) % 2;
      const p = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) px[p + c] = col[c] * (1 - t) + col2[c] * t;
    }
  }
}

function clamp255(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}
