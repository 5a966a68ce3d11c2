import type { RandomStream } from '@prodsim/core';
import { SAMPLE_RATE } from '@prodsim/ground-truth-models';
import type { TextureDescription } from './clip-description.js';

/**
 * Ambient and noise textures: filtered noises with slow modulation (rain, wind, waves), drones,
 * bird chirps, mains hum, vinyl crackle, and plain white, pink and brown noise. Unit-ish level;
 * the recording stage sets the final level.
 */
export function renderTexture(d: TextureDescription, rng: RandomStream): Float32Array {
  const n = d.seconds * SAMPLE_RATE;
  const out = new Float32Array(n);
  const white = () => rng.next() * 2 - 1;
  switch (d.texture) {
    case 'white':
      for (let i = 0; i < n; i++) out[i] = white();
      break;
    case 'pink': {
      // Paul Kellet's economy pink filter.
      let b0 = 0,
        b1 = 0,
        b2 = 0;
      for (let i = 0; i < n; i++) {
        const w = white();
        b0 = 0.99765 * b0 + w * 0.099046;
        b1 = 0.963 * b1 + w * 0.2965164;
        b2 = 0.57 * b2 + w * 1.0526913;
        out[i] = (b0 + b1 + b2 + w * 0.1848) * 0.25;
      }
      break;
    }
    case 'brown':
      lowPassNoise(out, white, 120);
      break;
    case 'rain': {
      lowPassNoise(out, white, d.frequency);
      for (let i = 0; i < n; i++) out[i] *= 0.6;
      // Drops: short decaying sines at random times.
      const drops = Math.round(d.density * d.seconds);
      for (let k = 0; k < drops; k++) {
        const at = rng.int(n);
        const f = rng.uniform(1500, 5000);
        const len = Math.min(n - at, 400);
        for (let j = 0; j < len; j++) out[at + j] += 0.5 * Math.exp(-j / 60) * Math.sin((2 * Math.PI * f * j) / SAMPLE_RATE);
      }
      break;
    }
    case 'wind': {
      // Noise through a resonator whose centre sweeps slowly around `frequency`.
      let y1 = 0,
        y2 = 0;
      const lfo = rng.uniform(0, 2 * Math.PI);
      for (let i = 0; i < n; i++) {
        const t = i / SAMPLE_RATE;
        const f = d.frequency * (1 + 0.5 * Math.sin(2 * Math.PI * d.density * 0.1 * t + lfo));
        const r = 0.995;
        const y = white() * 0.05 + 2 * r * Math.cos((2 * Math.PI * f) / SAMPLE_RATE) * y1 - r * r * y2;
        y2 = y1;
        y1 = y;
        out[i] = y * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.23 * t + lfo * 2));
      }
      break;
    }
    case 'waves': {
      lowPassNoise(out, white, d.frequency);
      const period = 4 + 4 / Math.max(0.2, d.density);
      const offset = rng.uniform(0, period);
      for (let i = 0; i < n; i++) {
        const p = ((i / SAMPLE_RATE + offset) % period) / period;
        out[i] *= Math.sin(Math.PI * p) ** 3;
      }
      break;
    }
    case 'drone': {
      // Three slightly detuned partials that beat slowly against each other.
      const partials = [1, 1.003, 2.0 * 0.998, 3.01];
      for (let i = 0; i < n; i++) {
        const t = i / SAMPLE_RATE;
        let v = 0;
        for (let k = 0; k < partials.length; k++) v += Math.sin(2 * Math.PI * d.frequency * partials[k] * t) / (k + 1);
        out[i] = v * (0.8 + 0.2 * Math.sin(2 * Math.PI * 0.1 * d.density * t));
      }
      break;
    }
    case 'birds': {
      for (let i = 0; i < n; i++) out[i] = white() * 0.02;
      const chirps = Math.max(1, Math.round(d.density * d.seconds));
      for (let k = 0; k < chirps; k++) {
        const at = rng.int(n);
        const len = Math.min(n - at, Math.round(rng.uniform(0.05, 0.15) * SAMPLE_RATE));
        const f0 = rng.uniform(2000, 4500);
        const sweep = rng.uniform(-1500, 2000);
        let phase = 0;
        for (let j = 0; j < len; j++) {
          const p = j / len;
          phase += (2 * Math.PI * (f0 + sweep * p)) / SAMPLE_RATE;
          out[at + j] += 0.6 * Math.sin(Math.PI * p) * Math.sin(phase);
        }
      }
      break;
    }
    case 'hum': {
      for (let i = 0; i < n; i++) {
        const t = i / SAMPLE_RATE;
        out[i] =
          Math.sin(2 * Math.PI * d.frequency * t) +
          0.5 * Math.sin(4 * Math.PI * d.frequency * t) +
          0.3 * Math.sin(6 * Math.PI * d.frequency * t) +
          0.05 * white();
      }
      break;
    }
    case 'crackle': {
      for (let i = 0; i < n; i++) out[i] = white() * 0.01;
      const pops = Math.round(d.density * d.seconds * 5);
      for (let k = 0; k < pops; k++) {
        const at = rng.int(n);
        const g = rng.uniform(0.2, 1) * (rng.bernoulli(0.5) ? 1 : -1);
        for (let j = 0; j < 24 && at + j < n; j++) out[at + j] += g * Math.exp(-j / 4);
      }
      break;
    }
  }
  return out;
}

function lowPassNoise(out: Float32Array, white: () => number, cutoffHz: number): void {
  const a = Math.exp((-2 * Math.PI * cutoffHz) / SAMPLE_RATE);
  let y = 0;
  for (let i = 0; i < out.length; i++) out[i] = y = (1 - a) * white() + a * y;
}
