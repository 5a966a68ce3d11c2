/**
 * Constants for the audio world's in-graph log-mel front end: a Hann-windowed real DFT as one
 * matrix (cos and -sin columns side by side) and a triangular mel filterbank stacked twice, so that
 * power = re^2 + im^2 followed by the filterbank is MatMul(Mul(spec, spec), [fb; fb]). MatMul over
 * framed audio is available in every onnxruntime build, unlike the STFT op.
 */
export interface LogMelConfig {
  readonly sampleRate: number;
  /** Samples per frame; frames do not overlap (hop = frame). */
  readonly frame: number;
  readonly melBands: number;
  readonly fMin: number;
  readonly fMax: number;
}

export const AUDIO_FRONT_END: LogMelConfig = { sampleRate: 16_000, frame: 256, melBands: 40, fMin: 50, fMax: 8000 };

/** [frame, 2 * bins] row-major: column k is w[n]cos(2 pi k n / N), column bins + k is -w[n]sin(...). */
export function windowedDftMatrix(frame: number): Float32Array {
  const bins = frame / 2 + 1;
  const out = new Float32Array(frame * 2 * bins);
  for (let n = 0; n < frame; n++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / frame); // periodic Hann
    for (let k = 0; k < bins; k++) {
      // Reduce k*n modulo N first so the angle is small and exact, whatever the frame size.
      const angle = (2 * Math.PI * ((k * n) % frame)) / frame;
      out[n * 2 * bins + k] = w * Math.cos(angle);
      out[n * 2 * bins + bins + k] = -w * Math.sin(angle);
    }
  }
  return out;
}

const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

/** [2 * bins, bands]: the HTK-style triangular filterbank, repeated for the re^2 and im^2 halves. */
export function stackedMelFilterbank(c: LogMelConfig): Float32Array {
  const bins = c.frame / 2 + 1;
  const binHz = c.sampleRate / c.frame;
  const lo = hzToMel(c.fMin);
  const hi = hzToMel(c.fMax);
  const edges = Array.from({ length: c.melBands + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (c.melBands + 1)));
  const fb = new Float32Array(bins * c.melBands);
  for (let m = 0; m < c.melBands; m++) {
    const [left, centre, right] = [edges[m], edges[m + 1], edges[m + 2]];
    let any = false;
    for (let k = 0; k < bins; k++) {
      const f = k * binHz;
      const w = f <= left || f >= right ? 0 : f <= centre ? (f - left) / (centre - left) : (right - f) / (right - centre);
      fb[k * c.melBands + m] = w;
      if (w > 0) any = true;
    }
    // Low bands can be narrower than one DFT bin; give them the nearest bin rather than nothing.
    if (!any) fb[Math.min(bins - 1, Math.round(centre / binHz)) * c.melBands + m] = 1;
  }
  const stacked = new Float32Array(2 * bins * c.melBands);
  stacked.set(fb, 0);
  stacked.set(fb, bins * c.melBands);
  return stacked;
}
