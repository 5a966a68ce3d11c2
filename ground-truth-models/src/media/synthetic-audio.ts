import type { RandomStream } from '@prodsim/core';

/**
 * Procedural 16 kHz mono test signals: tones, noise and formant-synthesised vowel babble (a
 * glottal pulse train with a pitch contour through vowel formant resonators, in syllables with
 * consonant-like noise onsets, grouped into words and pauses). Used to calibrate the audio world,
 * and to check that the speech detector says speech for babble and not for tones or noise.
 */
export const SAMPLE_RATE = 16_000;

export function silence(seconds: number): Float32Array {
  return new Float32Array(Math.round(seconds * SAMPLE_RATE));
}

/** A tone with optional harmonics (amplitudes of the 2nd, 3rd, ... partials relative to the first). */
export function tone(freq: number, seconds: number, amplitude = 0.5, harmonics: readonly number[] = []): Float32Array {
  const out = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  const total = 1 + harmonics.reduce((a, b) => a + Math.abs(b), 0);
  for (let i = 0; i < out.length; i++) {
    const t = i / SAMPLE_RATE;
    let v = Math.sin(2 * Math.PI * freq * t);
    for (let h = 0; h < harmonics.length; h++) if ((h + 2) * freq < SAMPLE_RATE / 2) v += harmonics[h] * Math.sin(2 * Math.PI * freq * (h + 2) * t);
    out[i] = (amplitude * v) / total;
  }
  return out;
}

/** White noise: `amplitude` is the standard deviation, clipped to [-1, 1]. */
export function whiteNoise(rng: RandomStream, seconds: number, amplitude = 0.2): Float32Array {
  const out = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  for (let i = 0; i < out.length; i++) out[i] = clip(rng.normal(0, amplitude));
  return out;
}

/** Noise through a one-pole low-pass (brownish for low cut-offs), renormalised to `amplitude` RMS. */
export function colouredNoise(rng: RandomStream, seconds: number, cutoffHz: number, amplitude = 0.2): Float32Array {
  const out = whiteNoise(rng, seconds, 1);
  const a = Math.exp((-2 * Math.PI * cutoffHz) / SAMPLE_RATE);
  let y = 0;
  for (let i = 0; i < out.length; i++) out[i] = y = (1 - a) * out[i] + a * y;
  return normaliseRms(out, amplitude);
}

/** Adult vowel formants (Hz): F1, F2, F3. */
const VOWELS: readonly (readonly [number, number, number])[] = [
  [730, 1090, 2440], // a
  [530, 1840, 2480], // e
  [270, 2290, 3010], // i
  [570, 840, 2410], // o
  [300, 870, 2240], // u
  [660, 1720, 2410], // ae
  [490, 1350, 1690], // er
];

export interface BabbleOptions {
  /** Speaker's mean pitch (Hz); drawn from 90..230 if omitted. */
  readonly pitchHz?: number;
  /** RMS level of the result. */
  readonly amplitude?: number;
  /** Syllables per second, roughly; 4.5 by default. */
  readonly syllableRate?: number;
}

/**
 * Speech-like babble: no words, but the structure a voice activity detector keys on: voiced
 * harmonics with a moving pitch, formants that move from syllable to syllable, a 3-6 Hz syllable
 * rhythm, consonant noise and pauses.
 */
export function babble(rng: RandomStream, seconds: number, options: BabbleOptions = {}): Float32Array {
  const n = Math.round(seconds * SAMPLE_RATE);
  const out = new Float32Array(n);
  const basePitch = options.pitchHz ?? rng.uniform(90, 230);
  const rate = options.syllableRate ?? 4.5;
  const formants = new FormantFilter();
  let i = Math.round(rng.uniform(0.02, 0.15) * SAMPLE_RATE);
  let phase = 0;
  let vowel = VOWELS[rng.int(VOWELS.length)];
  while (i < n) {
    // A word of 1-4 syllables on a falling phrase pitch, then a pause.
    const syllables = 1 + rng.int(4);
    const wordPitch = basePitch * rng.uniform(0.9, 1.15);
    for (let s = 0; s < syllables && i < n; s++) {
      const length = Math.round((rng.uniform(0.7, 1.3) / rate) * SAMPLE_RATE);
      const onset = Math.round(length * rng.uniform(0.15, 0.35));
      const next = VOWELS[rng.int(VOWELS.length)];
      const fricative = rng.bernoulli(0.6);
      const accent = rng.uniform(-0.08, 0.15);
      for (let k = 0; k < length && i < n; k++, i++) {
        const p = k / length;
        if (k < onset) {
          // Consonant: fricative hiss or a plosive's short burst after a closure.
          const env = fricative ? Math.sin((Math.PI * k) / onset) * 0.35 : k > onset * 0.7 ? 0.6 * (1 - (k - onset * 0.7) / (onset * 0.3)) : 0;
          out[i] = env * highPassNoise(rng);
          continue;
        }
        const v = (k - onset) / (length - onset);
        // Formants glide from the previous vowel to this one over the first third of the nucleus.
        const glide = Math.min(1, v * 3);
        const f1 = vowel[0] + (next[0] - vowel[0]) * glide;
        const f2 = vowel[1] + (next[1] - vowel[1]) * glide;
        const f3 = vowel[2] + (next[2] - vowel[2]) * glide;
        const f0 = wordPitch * (1 + accent * Math.sin(Math.PI * v) - 0.12 * ((s + p) / syllables)) * (1 + 0.01 * rng.normal());
        phase += f0 / SAMPLE_RATE;
        if (phase >= 1) phase -= 1;
        const env = Math.min(1, v * 8) * Math.min(1, (1 - v) * 5);
        const source = glottalPulseDerivative(phase) + 0.02 * rng.normal();
        out[i] = env * formants.step(source, f1, f2, f3);
      }
      vowel = next;
    }
    i += Math.round(rng.uniform(0.05, 0.35) * SAMPLE_RATE);
    formants.reset();
  }
  return normaliseRms(out, options.amplitude ?? 0.1);
}

/** A random clip of one of several kinds (for calibration: the world must see varied sound). */
export function syntheticClip(rng: RandomStream, seconds: number): Float32Array {
  const kind = rng.int(6);
  const level = rng.uniform(0.02, 0.3);
  switch (kind) {
    case 0:
      return tone(
        rng.uniform(80, 3000),
        seconds,
        level * 2,
        Array.from({ length: rng.int(6) }, () => rng.uniform(0, 0.8)),
      );
    case 1:
      return whiteNoise(rng, seconds, level);
    case 2:
      return colouredNoise(rng, seconds, rng.uniform(100, 4000), level);
    case 3:
      return babble(rng, seconds, { amplitude: level });
    case 4: {
      // A melody: notes of a few hundred ms with harmonics.
      const out = new Float32Array(Math.round(seconds * SAMPLE_RATE));
      let at = 0;
      while (at < out.length) {
        const note = tone(110 * 2 ** (rng.int(36) / 12), rng.uniform(0.1, 0.5), level * 2, [0.5, 0.3, 0.2]);
        for (let k = 0; k < note.length && at + k < out.length; k++) out[at + k] = note[k] * Math.min(1, (note.length - k) / 800);
        at += note.length;
      }
      return out;
    }
    default: {
      // Rhythmic clicks over quiet noise.
      const out = whiteNoise(rng, seconds, level * 0.05);
      const period = Math.round(rng.uniform(0.1, 0.6) * SAMPLE_RATE);
      for (let at = 0; at < out.length; at += period)
        for (let k = 0; k < 400 && at + k < out.length; k++) out[at + k] += level * 3 * Math.exp(-k / 60) * rng.normal();
      return out.map(clip);
    }
  }
}

export function mix(a: Float32Array, b: Float32Array, gainB = 1): Float32Array {
  const out = new Float32Array(Math.max(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = clip((a[i] ?? 0) + gainB * (b[i] ?? 0));
  return out;
}

export function rms(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, x.length));
}

function normaliseRms(x: Float32Array, target: number): Float32Array {
  const r = rms(x);
  if (r > 0) for (let i = 0; i < x.length; i++) x[i] = clip((x[i] * target) / r);
  return x;
}

/** Derivative of a Rosenberg glottal pulse (opening 40%, closing 16% of the period). */
function glottalPulseDerivative(phase: number): number {
  const open = 0.4;
  const close = 0.16;
  if (phase < open) return Math.sin((Math.PI * phase) / open) * (Math.PI / open) * 0.5 * 0.05;
  if (phase < open + close) return -Math.sin((Math.PI * (phase - open)) / (2 * close)) * (Math.PI / (2 * close)) * 0.05;
  return 0;
}

function highPassNoise(rng: RandomStream): number {
  // Difference of two draws: white noise tilted towards high frequencies, like /s/ or /f/.
  return (rng.normal() - rng.normal()) * 0.5;
}

/**
 * Cascade of three two-pole resonators (plus a fixed fourth formant) with bandwidths of natural
 * speech. The coefficients that depend only on a bandwidth are computed once, and a resonator's
 * cosine only when its frequency changes (formants hold still after their glide): the same
 * expressions as per sample, so the same samples, at a fraction of the exp and cos calls.
 */
class FormantFilter {
  private readonly y1 = new Float64Array(4);
  private readonly y2 = new Float64Array(4);
  private static readonly bandwidths = [80, 100, 140, 200];
  /** -exp(-2 pi bw / rate) per resonator. */
  private static readonly cs = Float64Array.from(FormantFilter.bandwidths, (bw) => -Math.exp((-2 * Math.PI * bw) / SAMPLE_RATE));
  /** 2 exp(-pi bw / rate) per resonator. */
  private static readonly es = Float64Array.from(FormantFilter.bandwidths, (bw) => 2 * Math.exp((-Math.PI * bw) / SAMPLE_RATE));
  private readonly freqs = new Float64Array(4).fill(Number.NaN);
  private readonly bs = new Float64Array(4);

  step(x: number, f1: number, f2: number, f3: number): number {
    let v = this.resonate(0, x, f1);
    v = this.resonate(1, v, f2);
    v = this.resonate(2, v, f3);
    return this.resonate(3, v, 3500);
  }

  private resonate(j: number, v: number, freq: number): number {
    if (freq !== this.freqs[j]) {
      this.freqs[j] = freq;
      this.bs[j] = FormantFilter.es[j] * Math.cos((2 * Math.PI * freq) / SAMPLE_RATE);
    }
    const b = this.bs[j];
    const c = FormantFilter.cs[j];
    const a = 1 - b - c;
    const y = a * v + b * this.y1[j] + c * this.y2[j];
    this.y2[j] = this.y1[j];
    this.y1[j] = y;
    return y;
  }

  reset(): void {
    this.y1.fill(0);
    this.y2.fill(0);
  }
}

function clip(v: number): number {
  return v < -1 ? -1 : Math.min(v, 1);
}
