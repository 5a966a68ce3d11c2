import type { RandomStream } from '@prodsim/core';
import { SAMPLE_RATE } from '@prodsim/ground-truth-models';
import { SCALES, type MusicDescription } from './clip-description.js';
import { addHat, addKick, addSnare, drumHits } from './drums.js';
import { addNote, midiToHz, type WavetableBank } from './oscillators.js';

/**
 * A music loop: a 16-step melody pattern in a scale on one instrument, a bass on the bar's chord
 * root, a drum pattern and swing, repeated bar after bar through a chord progression. Draws from
 * `rng` only for drum noise, so the notes are a function of the description alone.
 */
export function renderMusic(d: MusicDescription, rng: RandomStream, bank: WavetableBank): Float32Array {
  const out = new Float32Array(d.seconds * SAMPLE_RATE);
  const scale = SCALES[d.scale];
  const stepSamples = (60 / d.tempo / 4) * SAMPLE_RATE;
  const steps = Math.ceil(out.length / stepSamples);
  const noteOf = (degree: number, octaveShift: number) => {
    const octave = Math.floor(degree / scale.length);
    const within = ((degree % scale.length) + scale.length) % scale.length;
    return d.root + 12 * (octave + octaveShift) + scale[within];
  };
  for (let s = 0; s < steps; s++) {
    const bar = Math.floor(s / 16);
    const inBar = s % 16;
    const chord = d.progression[bar % d.progression.length];
    const start = Math.round(s * stepSamples + (inBar % 2 === 1 ? d.swing * stepSamples : 0));
    if (start >= out.length) break;
    const degree = d.pattern[inBar];
    if (degree >= 0) {
      // The note lasts until the next onset in the pattern (at most a beat).
      let len = 1;
      while (len < 4 && d.pattern[(inBar + len) % 16] < 0) len++;
      addNote(out, bank, d.instrument, midiToHz(noteOf(degree + chord, 0)), start, Math.round(len * stepSamples * 0.9), 0.35);
    }
    if (d.bass && (inBar === 0 || inBar === 8 || (inBar === 14 && bar % 2 === 1))) {
      addNote(out, bank, 'saw', midiToHz(noteOf(chord, -2)), start, Math.round(stepSamples * (inBar === 14 ? 1.8 : 3.6)), 0.3);
    }
    const hits = drumHits(d.drums, inBar);
    if (hits.kick) addKick(out, start, 0.6);
    if (hits.snare) addSnare(out, start, 0.3, rng);
    if (hits.hat) addHat(out, start, 0.25, rng);
  }
  return out;
}
