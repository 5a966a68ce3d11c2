import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { SpeechReadout, type SpeechFeatures } from './speech-readout.js';

const DIM = 64;

/** Embeddings as the audio world gives them: any direction, any length. */
function embedding(rng: RandomStream): Float32Array {
  const e = new Float32Array(DIM);
  for (let i = 0; i < DIM; i++) e[i] = rng.normal(0, 0.8);
  return e;
}

const readouts = (n: number) => Array.from({ length: n }, (_, i) => SpeechReadout.seeded(new RandomStream(`offering-${i}`), DIM));

describe('SpeechReadout: the world seed decides what the VAD is unsure of', () => {
  it('the same seed gives the same readout, score for score', () => {
    const rng = new RandomStream('features');
    const features: SpeechFeatures[] = Array.from({ length: 50 }, () => ({
      speechProbability: rng.next(),
      speechFraction: rng.next(),
      embedding: embedding(rng),
    }));
    const a = SpeechReadout.seeded(new RandomStream('course-2026'), DIM);
    const b = SpeechReadout.seeded(new RandomStream('course-2026'), DIM);
    expect(features.map((f) => a.score(f))).toEqual(features.map((f) => b.score(f)));
  });

  it('clear cases keep their meaning under every seed, whatever the embedding (even one along the readout direction)', () => {
    const rng = new RandomStream('clear');
    for (const readout of readouts(200)) {
      for (let k = 0; k < 5; k++) {
        const e = embedding(rng);
        expect(readout.says({ speechProbability: 0.78 + 0.22 * rng.next(), speechFraction: 0.4 + 0.6 * rng.next(), embedding: e })).toBe(true);
        expect(readout.says({ speechProbability: 0.25 * rng.next(), speechFraction: 0.05 * rng.next(), embedding: e })).toBe(false);
      }
    }
  });

  it('what the public VAD alone says is not the truth: ambiguous clips go either way by seed, and against the VAD threshold', () => {
    const rng = new RandomStream('ambiguous');
    // A techno loop with a voice-like peak (the VAD says speech), talk under a loud bed (it says speech, briefly).
    const ambiguous: SpeechFeatures[] = [
      ...Array.from({ length: 20 }, () => ({ speechProbability: 0.7, speechFraction: 0.05, embedding: embedding(rng) })),
      ...Array.from({ length: 20 }, () => ({ speechProbability: 0.9, speechFraction: 0.25, embedding: embedding(rng) })),
    ];
    const labels = readouts(50).map((r) => ambiguous.map((f) => r.says(f)));
    const yes = labels.flat().filter(Boolean).length;
    // The VAD (0.5 threshold) says speech for every one of them; the worlds do not agree with it, nor with each other.
    expect(yes).toBeGreaterThan(0.05 * labels.flat().length);
    expect(yes).toBeLessThan(0.95 * labels.flat().length);
    // Most of these clips are speech in some worlds and not in others.
    const split = ambiguous.filter((_, i) => new Set(labels.map((l) => l[i])).size === 2).length;
    expect(split).toBeGreaterThan(ambiguous.length / 2);
    // Within one world, the same VAD readings get different truths by the clip's embedding.
    expect(labels.some((l) => new Set(l.slice(0, 20)).size === 2 || new Set(l.slice(20)).size === 2)).toBe(true);
  });
});
