import { SAMPLE_RATE } from '@prodsim/ground-truth-models';
import type { InstrumentName } from './clip-description.js';

const TABLE = 2048;

/** Harmonic amplitudes (1st, 2nd, ...) of the wavetable instruments. */
const HARMONICS: Record<Exclude<InstrumentName, 'bell'>, (h: number) => number> = {
  piano: (h) => 1 / (h * h ** 0.6),
  organ: (h) => [1, 0.8, 0.6, 0, 0.4, 0, 0.3, 0.2][h - 1] ?? 0,
  pluck: (h) => 0.9 ** h / h,
  square: (h) => (h % 2 === 1 ? 1 / h : 0),
  saw: (h) => 1 / h,
  pad: (h) => 1 / (h * 1.5),
  flute: (h) => [1, 0.25, 0.08, 0.03][h - 1] ?? 0,
};

/** Attack, decay (s), sustain level, release (s) of each instrument. */
export const ENVELOPES: Record<InstrumentName, readonly [number, number, number, number]> = {
  piano: [0.004, 0.5, 0.15, 0.12],
  organ: [0.01, 0.05, 0.9, 0.05],
  pluck: [0.002, 0.25, 0.0, 0.05],
  square: [0.003, 0.05, 0.7, 0.02],
  saw: [0.01, 0.2, 0.6, 0.08],
  bell: [0.002, 1.2, 0.05, 0.4],
  pad: [0.25, 0.3, 0.8, 0.3],
  flute: [0.06, 0.1, 0.8, 0.08],
};

/**
 * Band-limited single-cycle wavetables, built per instrument and note so that no partial lies
 * above 7.5 kHz (no aliasing at 16 kHz). One bank per renderer: tables are pure functions of
 * (instrument, note), so sharing them never changes a sample.
 */
export class WavetableBank {
  private readonly tables = new Map<string, Float32Array>();
  readonly sine: Float32Array;

  constructor() {
    this.sine = new Float32Array(TABLE + 1);
    for (let i = 0; i <= TABLE; i++) this.sine[i] = Math.sin((2 * Math.PI * i) / TABLE);
  }

  table(instrument: Exclude<InstrumentName, 'bell'>, freq: number): Float32Array {
    // Tables are shared by notes with the same number of partials below the limit.
    const partials = Math.max(1, Math.min(24, Math.floor(7500 / freq)));
    const key = `${instrument}:${partials}`;
    let t = this.tables.get(key);
    if (t === undefined) {
      t = new Float32Array(TABLE + 1);
      const amp = HARMONICS[instrument];
      let peak = 0;
      for (let i = 0; i <= TABLE; i++) {
        let v = 0;
        for (let h = 1; h <= partials; h++) {
          const a = amp(h);
          if (a !== 0) v += a * Math.sin((2 * Math.PI * h * i) / TABLE);
        }
        t[i] = v;
        peak = Math.max(peak, Math.abs(v));
      }
      if (peak > 0) for (let i = 0; i <= TABLE; i++) t[i] /= peak;
      this.tables.set(key, t);
    }
    return t;
  }
}

/** Adds one note of `instrument` at `freq` into `out` from sample `start` for `length` samples (plus release). */
export function addNote(out: Float32Array, bank: WavetableBank, instrument: InstrumentName, freq: number, start: number, length: number, gain: number): void {
  const [attack, decay, sustain, release] = ENVELOPES[instrument];
  const a = Math.max(1, Math.round(attack * SAMPLE_RATE));
  const d = Math.max(1, Math.round(decay * SAMPLE_RATE));
  const r = Math.max(1, Math.round(release * SAMPLE_RATE));
  const end = Math.min(out.length, start + length + r);
  const step = (freq * TABLE) / SAMPLE_RATE;
  if (instrument === 'bell') {
    // Two-operator FM with an inharmonic ratio: the metallic partials of a bell or a gamelan.
    const sine = bank.sine;
    const modStep = step * 3.5;
    let phase = 0;
    let modPhase = 0;
    for (let i = start; i < end; i++) {
      const k = i - start;
      const env = envelope(k, length, a, d, sustain, r);
      const index = 2.5 * env;
      modPhase += modStep;
      if (modPhase >= TABLE) modPhase -= TABLE;
      let p = phase + index * lookup(sine, modPhase) * (TABLE / (2 * Math.PI));
      p = ((p % TABLE) + TABLE) % TABLE;
      out[i] += gain * env * lookup(sine, p);
      phase += step;
      if (phase >= TABLE) phase -= TABLE;
    }
    return;
  }
  const table = bank.table(instrument, freq);
  // A second, slightly detuned oscillator thickens pads and saws.
  const detune = instrument === 'pad' || instrument === 'saw' ? step * 1.006 : 0;
  let phase = 0;
  let phase2 = 0;
  for (let i = start; i < end; i++) {
    const k = i - start;
    const env = envelope(k, length, a, d, sustain, r);
    let v = lookup(table, phase);
    phase += step;
    if (phase >= TABLE) phase -= TABLE;
    if (detune !== 0) {
      v = 0.5 * (v + lookup(table, phase2));
      phase2 += detune;
      if (phase2 >= TABLE) phase2 -= TABLE;
    }
    out[i] += gain * env * v;
  }
}

function envelope(k: number, length: number, a: number, d: number, sustain: number, r: number): number {
  let level: number;
  const t = Math.min(k, length);
  if (t < a) level = t / a;
  else if (t < a + d) level = 1 - (1 - sustain) * ((t - a) / d);
  else level = sustain;
  if (sustain === 0 && t >= a + d) level = 0;
  if (k >= length) level *= 1 - (k - length) / r;
  return Math.max(level, 0);
}

function lookup(table: Float32Array, phase: number): number {
  const i = phase | 0;
  const f = phase - i;
  return table[i] + f * (table[i + 1] - table[i]);
}

export function midiToHz(note: number): number {
  return 440 * 2 ** ((note - 69) / 12);
}
