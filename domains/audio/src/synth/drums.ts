import type { RandomStream } from '@prodsim/core';
import { SAMPLE_RATE } from '@prodsim/ground-truth-models';
import type { DrumPattern } from './clip-description.js';

/** Which of the 16 steps of a bar hit kick (k), snare (s) and hi-hat (h). */
const PATTERNS: Record<Exclude<DrumPattern, 'none'>, { k: readonly number[]; s: readonly number[]; h: readonly number[] }> = {
  four: { k: [0, 4, 8, 12], s: [4, 12], h: [2, 6, 10, 14] },
  backbeat: { k: [0, 7, 10], s: [4, 12], h: [0, 2, 4, 6, 8, 10, 12, 14] },
  breaks: { k: [0, 3, 10], s: [4, 9, 12, 15], h: [0, 2, 4, 6, 8, 10, 12, 14] },
  shuffle: { k: [0, 8], s: [4, 12], h: [0, 3, 4, 7, 8, 11, 12, 15] },
};

export function drumHits(pattern: DrumPattern, step: number): { kick: boolean; snare: boolean; hat: boolean } {
  if (pattern === 'none') return { kick: false, snare: false, hat: false };
  const p = PATTERNS[pattern];
  return { kick: p.k.includes(step), snare: p.s.includes(step), hat: p.h.includes(step) };
}

/** A kick: a sine whose pitch falls from 120 to 45 Hz under a fast exponential decay. */
export function addKick(out: Float32Array, start: number, gain: number): void {
  const n = Math.min(out.length - start, Math.round(0.25 * SAMPLE_RATE));
  let phase = 0;
  for (let k = 0; k < n; k++) {
    const t = k / SAMPLE_RATE;
    const f = 45 + 75 * Math.exp(-t * 30);
    phase += (2 * Math.PI * f) / SAMPLE_RATE;
    out[start + k] += gain * Math.exp(-t * 14) * Math.sin(phase);
  }
}

/** A snare: a noise burst over a 190 Hz body. */
export function addSnare(out: Float32Array, start: number, gain: number, rng: RandomStream): void {
  const n = Math.min(out.length - start, Math.round(0.18 * SAMPLE_RATE));
  for (let k = 0; k < n; k++) {
    const t = k / SAMPLE_RATE;
    const body = 0.5 * Math.sin(2 * Math.PI * 190 * t) * Math.exp(-t * 30);
    out[start + k] += gain * (body + 0.6 * (rng.next() * 2 - 1) * Math.exp(-t * 22));
  }
}

/** A closed hi-hat: high-passed noise (difference of draws) for 40 ms. */
export function addHat(out: Float32Array, start: number, gain: number, rng: RandomStream): void {
  const n = Math.min(out.length - start, Math.round(0.04 * SAMPLE_RATE));
  let prev = 0;
  for (let k = 0; k < n; k++) {
    const x = rng.next() * 2 - 1;
    out[start + k] += gain * 0.5 * (x - prev) * Math.exp((-k / SAMPLE_RATE) * 90);
    prev = x;
  }
}
