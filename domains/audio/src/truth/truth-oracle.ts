import { AudioWorld, SpeechDetector, type ModelRunnerOptions } from '@prodsim/ground-truth-models';
import { AudioError, AudioErrorCodes } from '../errors.js';

/** The hidden truth about one clip. Never leaves the world (not in events, views or requests). */
export interface ClipTruth {
  /** 64-d embedding from the secret log-mel CNN. */
  readonly embedding: Float32Array;
  /** Hidden explicit-content score in (0, 1); `explicit` is it thresholded at 0.5 (worlds may set their own line). */
  readonly explicitScore: number;
  readonly explicit: boolean;
  /** Latent category (0..7) from the world's category head. */
  readonly category: number;
  /** Silero VAD: the highest mean speech probability over any 250 ms. */
  readonly speechProbability: number;
  readonly speech: boolean;
}

export interface TruthOracleOptions {
  /** Worker threads per model (0 = sessions on the calling thread). Workers need the compiled dist/. */
  readonly workers?: number;
  /** A secret audio-world model (path or bytes) instead of the committed default. */
  readonly model?: string;
}

/**
 * The two truth models together: the authored audio world (embedding, explicit, category) and
 * Silero VAD (speech). `truths` runs a batch of clips through both at once; the models' runners
 * stack concurrent clips into batches, and outputs do not depend on the batching.
 */
export class TruthOracle {
  private constructor(
    private readonly world: AudioWorld,
    private readonly vad: SpeechDetector,
  ) {}

  static async load(options: TruthOracleOptions = {}): Promise<TruthOracle> {
    const runner: ModelRunnerOptions = { workers: options.workers ?? 0, maxBatch: 16 };
    try {
      const [world, vad] = await Promise.all([AudioWorld.load({ ...runner, model: options.model }), SpeechDetector.load(runner)]);
      return new TruthOracle(world, vad);
    } catch (cause) {
      throw new AudioError(AudioErrorCodes.TRUTH_FAILED, `could not load the audio truth models: ${(cause as Error)?.message ?? cause}`, { cause });
    }
  }

  async truths(clips: readonly Float32Array[]): Promise<ClipTruth[]> {
    try {
      const [world, speech] = await Promise.all([this.world.truths(clips), Promise.all(clips.map((c) => this.vad.analyse(c)))]);
      return world.map((w, i) => ({
        embedding: w.embedding,
        explicitScore: w.explicit,
        explicit: w.explicit >= 0.5,
        category: w.category,
        speechProbability: speech[i].speechProbability,
        speech: speech[i].containsSpeech,
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
