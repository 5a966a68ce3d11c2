import type { RandomStream } from '@prodsim/core';

/** What the readout reads of one clip: the VAD's two summaries and the audio world's embedding. */
export interface SpeechFeatures {
  /** Silero VAD: the highest mean speech probability over any 250 ms. */
  readonly speechProbability: number;
  /** Silero VAD: the share of its windows at or above 0.5. */
  readonly speechFraction: number;
  /** The audio world's embedding of the clip (secret when the world model is regenerated). */
  readonly embedding: Float32Array;
}

/** Weight of the VAD's peak (the rest goes to its sustained share of speech), drawn per world. */
const PEAK_WEIGHT = [0.2, 0.6] as const;
/** Weight of the world's own direction in embedding space, drawn per world. */
const WORLD_WEIGHT = [0.1, 0.25] as const;
const BIAS = [-0.1, 0.1] as const;

/**
 * A world's hidden speech truth: a seeded readout over the public VAD's features and the audio
 * world's embedding, so that running Silero VAD (public) does not give the truth. Each world draws
 * how much a short peak of speech counts against sustained speech, a direction in the embedding
 * space and its weight, and a bias, from a stream of its run seed (in course mode the offering's
 * secret). Every feature is put on a common scale (about -1..1 for the clips the domain makes)
 * and the weights are bounded, so that clear cases keep their meaning whatever the seed (a peak
 * of 0.78 or more with 40% of the clip spoken is speech; a peak of 0.25 or less with 5% spoken
 * is not: formant babble and voices are speech, tones, music and noise are not); the clips the
 * VAD is unsure of (a techno loop with a voice-like peak, talk under a loud bed) go one way or
 * the other by world.
 */
export class SpeechReadout {
  private constructor(
    private readonly peakWeight: number,
    private readonly worldWeight: number,
    private readonly bias: number,
    /** A unit vector in the embedding space. */
    private readonly direction: Float32Array,
  ) {}

  /** The readout of a world whose embeddings have `dim` dimensions, drawn from `rng`. */
  static seeded(rng: RandomStream, dim: number): SpeechReadout {
    const peakWeight = rng.uniform(PEAK_WEIGHT[0], PEAK_WEIGHT[1]);
    const worldWeight = rng.uniform(WORLD_WEIGHT[0], WORLD_WEIGHT[1]);
    const bias = rng.uniform(BIAS[0], BIAS[1]);
    const direction = new Float32Array(dim);
    let norm = 0;
    for (let i = 0; i < dim; i++) {
      direction[i] = rng.normal();
      norm += direction[i] * direction[i];
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < dim; i++) direction[i] /= norm;
    return new SpeechReadout(peakWeight, worldWeight, bias, direction);
  }

  /** The clip's speech score: positive means it has speech in this world. */
  score(f: SpeechFeatures): number {
    const p = Math.min(1 - 1e-4, Math.max(1e-4, f.speechProbability));
    // log-odds / 4: 0 at the VAD's own threshold, about +-1 where it is sure.
    const peak = Math.log(p / (1 - p)) / 4;
    // 0 at a quarter of the clip spoken: babble lies above 0.4, music and noise below 0.15.
    const sustained = (f.speechFraction - 0.25) * 4;
    // The cosine with the world's direction: about 0.1 spread in 64 dimensions, so x8, and
    // bounded, so that no embedding outweighs what the VAD is sure of.
    const world = Math.max(-1, Math.min(1, 8 * this.cosine(f.embedding)));
    return this.peakWeight * peak + (1 - this.peakWeight) * sustained + this.worldWeight * world + this.bias;
  }

  says(f: SpeechFeatures): boolean {
    return this.score(f) > 0;
  }

  private cosine(e: Float32Array): number {
    if (e.length !== this.direction.length) throw new Error(`embedding of ${e.length} dimensions; the readout has ${this.direction.length}`);
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < e.length; i++) {
      dot += e[i] * this.direction[i];
      norm += e[i] * e[i];
    }
    return norm === 0 ? 0 : dot / Math.sqrt(norm);
  }
}
