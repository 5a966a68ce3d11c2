import type { RandomStream } from '@prodsim/core';
import { clamp01 } from './colour.js';

/**
 * A style is a point in scene-parameter space; a creator's uploads scatter around theirs, and an
 * image's own parameters are its realised style (what creators drift toward when it is liked).
 * Every parameter is in 0..1; categorical choices (background kind, preferred shape) are read off
 * a parameter in bands, so a drifting style changes them gradually and then switches.
 */
export const STYLE = {
  hue: 0,
  hueSpread: 1,
  saturation: 2,
  lightness: 3,
  contrast: 4,
  background: 5,
  shapeCount: 6,
  shapeSize: 7,
  shapeKind: 8,
  text: 9,
  digits: 10,
  angle: 11,
} as const;

export const STYLE_DIM = 12;
export const STYLE_NAMES = Object.keys(STYLE) as (keyof typeof STYLE)[];

/** A random style centre (a new creator's taste in making images). */
export function randomStyle(rng: RandomStream, out: Float32Array, offset = 0): void {
  for (let d = 0; d < STYLE_DIM; d++) out[offset + d] = rng.next();
  // Most creators mostly photograph things, not text: text-heavy styles are the minority.
  out[offset + STYLE.text] = rng.next() ** 2;
  out[offset + STYLE.hueSpread] = 0.5 * rng.next() ** 1.5;
}

/** One image's parameters: the creator's style plus per-image variation (`spread`, sd in 0..1 units). */
export function sampleParams(style: Float32Array, offset: number, spread: number, rng: RandomStream, out: Float32Array): void {
  for (let d = 0; d < STYLE_DIM; d++) {
    const v = style[offset + d] + rng.normal(0, spread);
    // Hue is circular; everything else stays in its range.
    out[d] = d === STYLE.hue ? v - Math.floor(v) : clamp01(v);
  }
}
