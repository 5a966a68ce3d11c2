import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import { ModelRunner } from '../runtime/model-runner.js';
import { float32Tensor } from '../runtime/tensor.js';
import { AUDIO_WORLD } from './audio-world-model.js';
import { DEFAULT_MODELS, metadataInt, modelBytes, readModelMetadata } from './default-models.js';
import { argmax, type WorldOptions } from './image-world.js';

/** What the secret audio world says about one clip. */
export interface AudioTruth {
  readonly embedding: Float32Array;
  /** Hidden explicit-content score in (0, 1). */
  readonly explicit: number;
  readonly categories: Float32Array;
  readonly category: number;
}

/**
 * A clip as the audio world takes it: samples must be finite; clips longer than 10 s are cut to
 * their first 10 s, shorter than 2 s are padded with silence to 2 s, and the length is padded with
 * silence to a multiple of 256 samples (under 16 ms). Clips of equal prepared length batch together.
 */
export function prepareClip(samples: Float32Array): Float32Array {
  if (!(samples instanceof Float32Array))
    throw new GroundTruthError(GroundTruthErrorCodes.INPUT_INVALID, 'audio clip: expected a Float32Array of 16 kHz mono samples');
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i])) throw new GroundTruthError(GroundTruthErrorCodes.INPUT_INVALID, `audio clip: sample ${i} is ${samples[i]}`);
  }
  const sr = AUDIO_WORLD.sampleRate;
  const cut = Math.min(samples.length, AUDIO_WORLD.maxSeconds * sr);
  const length = Math.max(AUDIO_WORLD.minSeconds * sr, Math.ceil(cut / AUDIO_WORLD.frame) * AUDIO_WORLD.frame);
  if (length === samples.length) return samples;
  const out = new Float32Array(length);
  out.set(samples.subarray(0, cut));
  return out;
}

/** The audio world at run time: 16 kHz mono clips in, hidden truth out (batched by the ModelRunner). */
export class AudioWorld {
  private constructor(
    private readonly runner: ModelRunner,
    readonly embeddingDim: number,
    readonly categoryCount: number,
  ) {}

  static async load(options: WorldOptions = {}): Promise<AudioWorld> {
    const bytes = modelBytes(options.model ?? DEFAULT_MODELS.audio);
    const meta = readModelMetadata(bytes);
    if (meta['prodsim.world'] !== AUDIO_WORLD.id)
      throw new GroundTruthError(
        GroundTruthErrorCodes.MODEL_MISMATCH,
        `not an ${AUDIO_WORLD.id} model (prodsim.world = ${JSON.stringify(meta['prodsim.world'])})`,
      );
    const runner = await ModelRunner.create(bytes, options);
    return new AudioWorld(runner, metadataInt(meta, 'prodsim.embedding_dim', AUDIO_WORLD.id), metadataInt(meta, 'prodsim.categories', AUDIO_WORLD.id));
  }

  async truth(samples: Float32Array): Promise<AudioTruth> {
    const clip = prepareClip(samples);
    const out = await this.runner.infer({ [AUDIO_WORLD.input]: float32Tensor([clip.length], clip) });
    const categories = out[AUDIO_WORLD.outputs.categories].data as Float32Array;
    return {
      embedding: out[AUDIO_WORLD.outputs.embedding].data as Float32Array,
      explicit: (out[AUDIO_WORLD.outputs.explicit].data as Float32Array)[0],
      categories,
      category: argmax(categories),
    };
  }

  truths(clips: readonly Float32Array[]): Promise<AudioTruth[]> {
    return Promise.all(clips.map((c) => this.truth(c)));
  }

  get stats() {
    return this.runner.stats;
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}
