import type { RandomStream } from '@prodsim/core';
import { SAMPLE_RATE } from '@prodsim/ground-truth-models';
import type { Recording } from './clip-description.js';
import { resampleAudio } from './resample.js';

/**
 * What the recording device does to a clip: band-limits it to its own sample rate (down and back
 * up to 16 kHz), normalises the peak to `level` (clipping above 1) and adds background noise.
 */
export function applyRecording(clean: Float32Array, r: Recording, rng: RandomStream): Float32Array {
  let x = clean;
  if (r.sampleRate < SAMPLE_RATE) {
    const down = resampleAudio(x, SAMPLE_RATE, r.sampleRate);
    const up = resampleAudio(down, r.sampleRate, SAMPLE_RATE);
    x = new Float32Array(clean.length);
    x.set(up.subarray(0, clean.length));
  }
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  const gain = peak > 0 ? r.level / peak : 0;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let v = x[i] * gain;
    if (r.noise > 0) v += r.noise * 1.7320508 * (rng.next() * 2 - 1); // uniform noise with RMS `noise`
    out[i] = v < -1 ? -1 : Math.min(v, 1);
  }
  return out;
}
