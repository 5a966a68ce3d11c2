import { RandomStream } from '@prodsim/core';
import { AudioWorld, SpeechDetector, type ModelRunnerOptions } from '@prodsim/ground-truth-models';
import { AudioError, AudioErrorCodes } from '../errors.js';
import { SpeechReadout, type SpeechFeatures } from './speech-readout.js';

/** The hidden truth about one clip. Never leaves the world (not in events, views or requests). */
export interface ClipTruth {
  /** 64-d embedding from the secret log-mel CNN. */
  readonly embedding: Float32Array;
  /** Hidden explicit-content score in (0, 1); `explicit` is it thresholded at 0.5 (worlds may set their own line). */
  readonly explicitScore: number;
  readonly explicit: boolean;
  /** Latent category (0..7) from the world's category head. */
  readonly category: number;
  /** Silero VAD: the highest mean speech probability over any 250 ms (public: anyone can run the VAD). */
  readonly speechProbability: number;
  /** The world's speech truth: its seeded readout over the VAD's features and the embedding (SpeechReadout). */
  readonly speech: boolean;
}

/** The truth models' outputs for one clip: the audio world's, and the VAD's features. */
export interface ClipFeatures extends SpeechFeatures {
  readonly explicitScore: number;
  readonly category: number;
}

export interface TruthOracleOptions {
  /** Worker threads per model (0 = sessions on the calling thread). Workers need the compiled dist/. */
  readonly workers?: number;
  /** A secret audio-world model (path or bytes) instead of the committed default. */
  readonly model?: string;
  /**
   * The stream the world's speech readout is drawn from (the domain passes one of the run seed).
   * Without it a fixed public readout, for tests and benches.
   */
  readonly speech?: RandomStream;
}

/** The readout of tests and benches: public, like the committed world. */
const PUBLIC_READOUT_SEED = 'prodsim-public-speech-readout';

/**
 * The two truth models together: the authored audio world (embedding, explicit, category) and
 * Silero VAD, whose features the world's seeded readout turns into speech. `truths` runs a batch of clips through both at once; the models' runners
 * stack concurrent clips into batches, and outputs do not depend on the batching.
 */
export class TruthOracle {
  private constructor(
    private readonly world: AudioWorld,
    private readonly vad: SpeechDetector,
    private readonly readout: SpeechReadout,
  ) {}

  static async load(options: TruthOracleOptions = {}): Promise<TruthOracle> {
    const runner: ModelRunnerOptions = { workers: options.workers ?? 0, maxBatch: 16 };
    try {
      const [world, vad] = await Promise.all([AudioWorld.load({ ...runner, model: options.model }), SpeechDetector.load(runner)]);
      const readout = SpeechReadout.seeded(options.speech ?? new RandomStream(PUBLIC_READOUT_SEED), world.embeddingDim);
      return new TruthOracle(world, vad, readout);
    } catch (cause) {
      throw new AudioError(AudioErrorCodes.TRUTH_FAILED, `could not load the audio truth models: ${(cause as Error)?.message ?? cause}`, { cause });
    }
  }

  async truths(clips: readonly Float32Array[]): Promise<ClipTruth[]> {
    const features = await this.features(clips);
    return features.map((f) => ({
      embedding: f.embedding,
      explicitScore: f.explicitScore,
      explicit: f.explicitScore >= 0.5,
      category: f.category,
      speechProbability: f.speechProbability,
      speech: this.readout.says(f),
    }));
  }

  /** What the models say of each clip, before the world's speech readout (tests read it through other readouts). */
  async features(clips: readonly Float32Array[]): Promise<ClipFeatures[]> {
    try {
      const [world, speech] = await Promise.all([this.world.truths(clips), Promise.all(clips.map((c) => this.vad.analyse(c)))]);
      return world.map((w, i) => ({
        embedding: w.embedding,
        explicitScore: w.explicit,
        category: w.category,
        speechProbability: speech[i].speechProbability,
        speechFraction: speech[i].speechFraction,
      }));
    } catch (cause) {
      throw new AudioError(AudioErrorCodes.TRUTH_FAILED, `audio truth inference failed: ${(cause as Error)?.message ?? cause}`, { cause });
    }
  }

  get stats(): { world: unknown; vad: unknown } {
    return { world: this.world.stats, vad: this.vad.stats };
  }

  async close(): Promise<void> {
    await Promise.all([this.world.close(), this.vad.close()]);
  }
}
