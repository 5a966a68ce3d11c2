import { decodeWav } from '@prodsim/domain-audio';

const FRAME = 512;
const BAND_EDGES_HZ = [0, 150, 300, 600, 1200, 2000, 3000, 4500, 8000];

export const FEATURE_NAMES = [
  ...BAND_EDGES_HZ.slice(0, -1).map((lo, i) => `band${i}_mean(${lo}-${BAND_EDGES_HZ[i + 1]}Hz)`),
  ...BAND_EDGES_HZ.slice(0, -1).map((_, i) => `band${i}_sd`),
  'energy_mean',
  'energy_sd',
  'energy_delta',
  'quiet_frames',
  'centroid_mean',
  'centroid_sd',
  'flatness_mean',
  'zero_crossings',
  'noise_floor',
  'peak',
  'seconds',
] as const;

/**
 * Simple spectral features of a clip, the kind a student computes in an afternoon: log band
 * energies over 32 ms frames (mean and spread), loudness and its modulation (speech rises and
 * falls 3-6 times a second), share of quiet frames, spectral centroid and flatness, zero
 * crossings, the noise floor and the peak level.
 */
export function wavFeatures(bytes: Uint8Array): Float64Array {
  const { samples, sampleRate } = decodeWav(bytes);
  const frames = Math.max(1, Math.floor(samples.length / FRAME));
  const bands = BAND_EDGES_HZ.length - 1;
  const bandLog = new Float64Array(frames * bands);
  const energy = new Float64Array(frames);
  const centroid = new Float64Array(frames);
  const flatness = new Float64Array(frames);
  const re = new Float64Array(FRAME);
  const im = new Float64Array(FRAME);
  const binHz = sampleRate / FRAME;
  let zc = 0;
  let peak = 0;
  for (let i = 1; i < samples.length; i++) {
    if (samples[i] >= 0 !== samples[i - 1] >= 0) zc++;
    peak = Math.max(peak, Math.abs(samples[i]));
  }
  for (let f = 0; f < frames; f++) {
    for (let i = 0; i < FRAME; i++) {
      const x = samples[f * FRAME + i] ?? 0;
      re[i] = x * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (FRAME - 1)));
      im[i] = 0;
    }
    fft(re, im);
    let total = 1e-10;
    let weighted = 0;
    let logSum = 0;
    const bandEnergy = new Float64Array(bands);
    for (let k = 1; k <= FRAME / 2; k++) {
      const p = re[k] * re[k] + im[k] * im[k] + 1e-12;
      const hz = k * binHz;
      total += p;
      weighted += p * hz;
      logSum += Math.log(p);
      let b = 0;
      while (b < bands - 1 && hz >= BAND_EDGES_HZ[b + 1]) b++;
      bandEnergy[b] += p;
    }
    for (let b = 0; b < bands; b++) bandLog[f * bands + b] = Math.log10(bandEnergy[b] + 1e-10);
    energy[f] = Math.log10(total);
    centroid[f] = weighted / total / (sampleRate / 2);
    flatness[f] = Math.exp(logSum / (FRAME / 2)) / (total / (FRAME / 2));
  }
  const out: number[] = [];
  for (let b = 0; b < bands; b++) out.push(mean(bandLog, b, bands, frames));
  for (let b = 0; b < bands; b++) out.push(sd(bandLog, b, bands, frames));
  const eMax = Math.max(...energy);
  let delta = 0;
  let quiet = 0;
  for (let f = 0; f < frames; f++) {
    if (f > 0) delta += Math.abs(energy[f] - energy[f - 1]);
    if (energy[f] < eMax - 2) quiet++;
  }
  const sortedEnergy = Array.from(energy).sort((a, b) => a - b);
  out.push(mean(energy, 0, 1, frames), sd(energy, 0, 1, frames), delta / Math.max(1, frames - 1), quiet / frames);
  out.push(mean(centroid, 0, 1, frames), sd(centroid, 0, 1, frames), mean(flatness, 0, 1, frames));
  out.push(zc / samples.length, sortedEnergy[Math.floor(frames * 0.1)], peak, samples.length / sampleRate);
  return Float64Array.from(out);
}

function mean(x: Float64Array, offset: number, stride: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i * stride + offset];
  return s / n;
}

function sd(x: Float64Array, offset: number, stride: number, n: number): number {
  const m = mean(x, offset, stride, n);
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i * stride + offset] - m) ** 2;
  return Math.sqrt(s / n);
}

/** In-place radix-2 FFT (length a power of two). */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
}
