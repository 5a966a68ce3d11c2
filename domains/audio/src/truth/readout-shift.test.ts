import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import type { ClipDescription } from '../synth/clip-description.js';
import { ClipCatalogue, EMBEDDING_DIM } from '../world/clip-catalogue.js';
import { applyReadoutShift, drawReadoutShift } from './readout-shift.js';
import type { ClipTruth } from './truth-oracle.js';

const ROWS = 2000;
const DIM = EMBEDDING_DIM;

/** Embeddings like the audio world's: a large common part plus each clip's own; scores in (0, 1) that partly follow the sound. */
function clips(seed: string): { embeddings: Float32Array; scores: Float32Array } {
  const rng = new RandomStream(seed);
  const common = Float32Array.from({ length: DIM }, () => rng.normal(0, 0.7));
  const embeddings = new Float32Array(ROWS * DIM);
  const scores = new Float32Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    for (let d = 0; d < DIM; d++) embeddings[i * DIM + d] = common[d] + rng.normal(0, 0.55);
    scores[i] = 1 / (1 + Math.exp(-(embeddings[i * DIM] - common[0] + rng.normal(0, 1))));
  }
  return { embeddings, scores };
}

/** Shifts a copy of the clips; returns the new embeddings and scores. */
function shifted(seed: string, strength: number, data = clips('clips')): { embeddings: Float32Array; scores: Float32Array } {
  const embeddings = data.embeddings.slice();
  const shift = drawReadoutShift(new RandomStream(seed), DIM, strength, embeddings, data.scores, ROWS);
  const scratch = new Float32Array(DIM);
  const scores = data.scores.map((s, i) => applyReadoutShift(shift, embeddings, i * DIM, s, scratch));
  return { embeddings, scores };
}

describe('audio readout shift', () => {
  const old = clips('clips');
  const threshold = Array.from(old.scores).sort((a, b) => a - b)[Math.floor(0.9 * ROWS)];
  const explicitShare = (scores: Float32Array) => scores.filter((s) => s >= threshold).length / ROWS;
  // A taste centred on the clips' own directions, as listeners' are.
  const taste = Float32Array.from({ length: DIM }, (_, d) => old.embeddings[DIM + d] - old.embeddings[2 * DIM + d]);
  const affinities = (e: Float32Array) => Array.from({ length: ROWS }, (_, i) => taste.reduce((sum, t, d) => sum + t * e[i * DIM + d], 0));

  it('at full strength makes affinities and explicit scores unrelated to the old ones and keeps the explicit share', () => {
    const next = shifted('s1', 1);
    expect(Math.abs(correlation(affinities(old.embeddings), affinities(next.embeddings)))).toBeLessThan(0.2);
    expect(Math.abs(correlation(Array.from(old.scores), Array.from(next.scores)))).toBeLessThan(0.2);
    expect(explicitShare(old.scores)).toBeCloseTo(0.1, 2);
    expect(Math.abs(explicitShare(next.scores) - explicitShare(old.scores))).toBeLessThan(0.01);
    // The turn leaves the embeddings' common part (their mean) where it was.
    const mean = (e: Float32Array, d: number) => Array.from({ length: ROWS }, (_, i) => e[i * DIM + d]).reduce((a, b) => a + b, 0) / ROWS;
    for (let d = 0; d < DIM; d += 7) expect(mean(next.embeddings, d)).toBeCloseTo(mean(old.embeddings, d), 4);
  });

  it('at half strength changes them partly, the same way for the same seed, and another way for another seed', () => {
    const half = shifted('s1', 0.5);
    const r = correlation(affinities(old.embeddings), affinities(half.embeddings));
    expect(r).toBeGreaterThan(0.5);
    expect(r).toBeLessThan(0.9);
    expect(Math.abs(explicitShare(half.scores) - explicitShare(old.scores))).toBeLessThan(0.01);
    expect(shifted('s1', 0.5)).toEqual(half);
    expect(shifted('s2', 0.5).embeddings).not.toEqual(half.embeddings);
  });

  it('at strength 0 changes nothing, exactly', () => {
    expect(shifted('s1', 0)).toEqual({ embeddings: old.embeddings, scores: old.scores });
  });

  it('in the catalogue reads a clip stored after the shift as one stored before it', () => {
    const catalogue = new ClipCatalogue();
    const description = { recording: { sampleRate: 16_000, noise: 0, level: 0.7 } } as unknown as ClipDescription;
    const truth = (i: number): ClipTruth => ({
      embedding: old.embeddings.slice(i * DIM, (i + 1) * DIM),
      explicitScore: old.scores[i],
      explicit: false,
      category: 0,
      speechProbability: 0.1,
      speech: false,
    });
    for (let i = 0; i < 200; i++) catalogue.add(description, 0, 0, truth(i), 0);
    catalogue.calibrateExplicit(0.1);
    catalogue.shift(drawReadoutShift(new RandomStream('s1'), DIM, 1, catalogue.embedding, catalogue.explicitScore, catalogue.count));
    const late = catalogue.add(description, 0, 0, truth(7), 0);
    expect(catalogue.embedding.subarray(late * DIM, (late + 1) * DIM)).toEqual(catalogue.embedding.subarray(7 * DIM, 8 * DIM));
    expect(catalogue.explicitScore[late]).toBe(catalogue.explicitScore[7]);
    expect(catalogue.explicitScore[7]).not.toBe(Math.fround(old.scores[7]));
    const explicit = Array.from(catalogue.explicit.subarray(0, 200)).filter((x) => x === 1).length;
    expect(explicit).toBeGreaterThanOrEqual(17);
    expect(explicit).toBeLessThanOrEqual(23);
    // An edit after the shift is read through it too.
    catalogue.edit(3, description, truth(9), 0);
    expect(catalogue.explicitScore[3]).toBe(catalogue.explicitScore[9]);
  });
});

function correlation(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
