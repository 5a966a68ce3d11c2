import type { RandomStream, RngStreams } from '@prodsim/core';
import type { ImageRenderer } from '../render/renderer.js';
import { sceneSvg } from '../scene/scene-svg.js';
import { randomStyle, sampleParams, STYLE_DIM } from '../scene/style.js';
import { quantile, type GroundTruth } from './ground-truth.js';

export interface Calibration {
  /** Top principal axes of standardised content embeddings, k x dim (tastes lie along them). */
  axes: Float32Array;
  /** Standardised embeddings of the calibration scenes, n x dim. */
  embeddings: Float32Array;
  /** Violation score above which an image is harmful. */
  threshold: number;
  /** Scene parameters of the harmful calibration scenes, m x STYLE_DIM. */
  harmfulExemplars: Float32Array;
}

export interface CalibrationOptions {
  scenes: number;
  axes: number;
  harmfulShare: number;
  styleSpread: number;
}

/**
 * Calibrates a world on scenes like its creators make: the embedding standardisation, the axes
 * tastes are built from, the violation threshold that makes `harmfulShare` of ordinary scenes
 * harmful, and the harmful scenes adversarial creators imitate. Seeded: the same for a seed.
 */
export async function calibrate(truth: GroundTruth, renderer: ImageRenderer, rngs: RngStreams, options: CalibrationOptions): Promise<Calibration> {
  const rng = rngs.stream('calibration');
  const style = new Float32Array(STYLE_DIM);
  const params = new Float32Array(options.scenes * STYLE_DIM);
  const svgs: string[] = [];
  for (let i = 0; i < options.scenes; i++) {
    randomStyle(rng, style);
    const p = params.subarray(i * STYLE_DIM, (i + 1) * STYLE_DIM);
    sampleParams(style, 0, options.styleSpread, rng, p);
    svgs.push(sceneSvg(p, rngs.derive('calibration-scene', i), renderer.size));
  }
  const raws = await renderer.rawMany(svgs);
  const batch = await truth.run(raws);
  const { axes } = truth.calibrate(batch, options.axes, rng);
  const threshold = options.harmfulShare > 0 ? quantile(batch.violation, 1 - options.harmfulShare) : Infinity;
  return { axes, embeddings: batch.embeddings, threshold, harmfulExemplars: exemplars(batch.violation, threshold, params) };
}

/** Parameters of the scenes above the threshold (the three most violating if none is). */
function exemplars(violation: Float32Array, threshold: number, params: Float32Array): Float32Array {
  let picked = [...violation.keys()].filter((i) => violation[i] > threshold);
  if (picked.length === 0) picked = [...violation.keys()].sort((a, b) => violation[b] - violation[a] || a - b).slice(0, 3);
  const out = new Float32Array(picked.length * STYLE_DIM);
  picked.forEach((i, k) => out.set(params.subarray(i * STYLE_DIM, (i + 1) * STYLE_DIM), k * STYLE_DIM));
  return out;
}

/** Sd of viewer-image affinities over a sample, to give tastes a unit spread. */
export function affinitySd(affinity: (u: number, image: number) => number, users: number, images: number, rng: RandomStream, samples = 4000): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < samples; i++) {
    const a = affinity(rng.int(users), rng.int(images));
    s += a;
    s2 += a * a;
  }
  const mean = s / samples;
  return Math.sqrt(Math.max(1e-12, s2 / samples - mean * mean));
}
