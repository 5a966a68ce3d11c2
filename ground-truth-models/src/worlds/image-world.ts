import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import { imageToTensor, type RgbImage } from '../media/rgb-image.js';
import { ModelRunner, type ModelRunnerOptions } from '../runtime/model-runner.js';
import type { ModelSource } from '../runtime/onnx-session.js';
import { float32Tensor, type Results } from '../runtime/tensor.js';
import { DEFAULT_MODELS, metadataInt, modelBytes, readModelMetadata } from './default-models.js';
import { IMAGE_WORLD } from './image-world-model.js';

/** What the secret image world says about one image. */
export interface ImageTruth {
  /** Standardised content embedding (about zero mean, unit spread per dim over varied images). */
  readonly embedding: Float32Array;
  /** Hidden policy-violation score in (0, 1). */
  readonly violation: number;
  /** Hidden latent category probabilities (sum to 1). */
  readonly categories: Float32Array;
  /** The most probable category. */
  readonly category: number;
}

export interface WorldOptions extends ModelRunnerOptions {
  /** A model file or its bytes; the committed default model if omitted. */
  readonly model?: ModelSource;
}

/**
 * The image world at run time: RGB images in, hidden truth out. Images of any size are resized
 * (antialiased, stretched) to the model's input size and scaled to 0..1; requests from many
 * callers are batched by the ModelRunner.
 */
export class ImageWorld {
  private constructor(
    private readonly runner: ModelRunner,
    readonly size: number,
    readonly embeddingDim: number,
    readonly categoryCount: number,
  ) {}

  static async load(options: WorldOptions = {}): Promise<ImageWorld> {
    const bytes = modelBytes(options.model ?? DEFAULT_MODELS.image);
    const meta = readModelMetadata(bytes);
    if (meta['prodsim.world'] !== IMAGE_WORLD.id)
      throw new GroundTruthError(
        GroundTruthErrorCodes.MODEL_MISMATCH,
        `not an ${IMAGE_WORLD.id} model (prodsim.world = ${JSON.stringify(meta['prodsim.world'])})`,
      );
    const runner = await ModelRunner.create(bytes, options);
    return new ImageWorld(
      runner,
      metadataInt(meta, 'prodsim.size', IMAGE_WORLD.id),
      metadataInt(meta, 'prodsim.embedding_dim', IMAGE_WORLD.id),
      metadataInt(meta, 'prodsim.categories', IMAGE_WORLD.id),
    );
  }

  /** The model input for one image: float32 [3, size, size], RGB in 0..1. */
  tensorFor(image: RgbImage): Float32Array {
    return imageToTensor(image, { width: this.size, height: this.size, layout: 'NCHW', scale: 1 / 255 });
  }

  async truth(image: RgbImage): Promise<ImageTruth> {
    const out = await this.runner.infer({ [IMAGE_WORLD.input]: float32Tensor([3, this.size, this.size], this.tensorFor(image)) });
    return toTruth(out);
  }

  truths(images: readonly RgbImage[]): Promise<ImageTruth[]> {
    return Promise.all(images.map((img) => this.truth(img)));
  }

  get stats() {
    return this.runner.stats;
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}

function toTruth(out: Results): ImageTruth {
  const categories = out[IMAGE_WORLD.outputs.categories].data as Float32Array;
  return {
    embedding: out[IMAGE_WORLD.outputs.embedding].data as Float32Array,
    violation: (out[IMAGE_WORLD.outputs.violation].data as Float32Array)[0],
    categories,
    category: argmax(categories),
  };
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
