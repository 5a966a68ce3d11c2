import { ConfigError } from '@prodsim/core';
import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import { imageToTensor, type RgbImage } from '../media/rgb-image.js';
import { ModelRunner, type ModelRunnerOptions } from '../runtime/model-runner.js';
import type { ValueInfo } from '../runtime/onnx-session.js';
import { float32Tensor, type Feeds, type TensorData } from '../runtime/tensor.js';
import { modelBytes } from '../worlds/default-models.js';
import { parseAdapterSpec, resolveModelPath, type AdapterSpec, type ConstantSpec, type ImageAdapterSpec } from './adapter-spec.js';
import { exposeTensors } from './expose-tensors.js';
import { applyReadout, type Readouts } from './readout.js';

export interface AdapterOptions extends Omit<ModelRunnerOptions, 'outputs' | 'constants'> {
  /** Directory relative model paths in the spec start from; the current directory by default. */
  readonly baseDir?: string;
}

/**
 * A real pretrained image model behind an adapter spec: images in (any size, 8-bit RGB), named
 * readout vectors out (e.g. a pooled inner feature map as an embedding, a pooled output map as a
 * score). Requests are batched by a ModelRunner.
 */
export class ImageAdapter {
  private constructor(
    readonly spec: ImageAdapterSpec,
    private readonly runner: ModelRunner,
    private readonly itemDims: readonly number[],
  ) {}

  static async load(spec: unknown, options: AdapterOptions = {}): Promise<ImageAdapter> {
    const parsed = parseAdapterSpec(spec);
    if (parsed.kind !== 'image') throw new ConfigError('kind', parsed.kind, '"image" for an ImageAdapter');
    const { runner, inputs } = await openAdapterModel(parsed, options);
    try {
      const input = checkInput(parsed, inputs);
      const { layout, width, height } = parsed.input;
      const itemDims = layout === 'NCHW' ? [3, height, width] : [height, width, 3];
      const declared = parsed.input.shape.slice(1);
      const modelDims = input.shape?.slice(1) ?? [];
      itemDims.forEach((d, i) => {
        for (const fixed of [declared[i], modelDims[i]]) {
          if (typeof fixed === 'number' && fixed !== d) {
            throw new GroundTruthError(
              GroundTruthErrorCodes.MODEL_MISMATCH,
              `adapter ${parsed.name}: input ${input.name} has shape [${(input.shape ?? []).join(', ')}] but the spec fits images to ${layout} [${itemDims.join(', ')}]`,
            );
          }
        }
      });
      return new ImageAdapter(parsed, runner, itemDims);
    } catch (error) {
      await runner.close();
      throw error;
    }
  }

  /** The model input for one image (without the batch dim), preprocessed as the spec says. */
  tensorFor(image: RgbImage): TensorData {
    const i = this.spec.input;
    const data = imageToTensor(image, {
      width: i.width,
      height: i.height,
      layout: i.layout,
      channelOrder: i.channelOrder,
      resize: i.resize,
      scale: i.scale,
      mean: i.mean,
      std: i.std,
      padValue: i.padValue,
    });
    return float32Tensor(this.itemDims, data);
  }

  async read(image: RgbImage): Promise<Readouts> {
    const out = await this.runner.infer({ [this.spec.input.name]: this.tensorFor(image) });
    return readAll(this.spec, out);
  }

  readMany(images: readonly RgbImage[]): Promise<Readouts[]> {
    return Promise.all(images.map((img) => this.read(img)));
  }

  get stats() {
    return this.runner.stats;
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}

/** Loads the spec's model with its readout tensors exposed as the only outputs. */
export async function openAdapterModel(
  spec: AdapterSpec,
  options: AdapterOptions,
  extraOutputs: readonly string[] = [],
): Promise<{ runner: ModelRunner; inputs: readonly ValueInfo[] }> {
  const file = resolveModelPath(spec.model, options.baseDir ?? process.cwd());
  const bytes = exposeTensors(modelBytes(file), [...spec.readouts.map((r) => r.tensor), ...extraOutputs]);
  const runner = await ModelRunner.create(bytes, { ...options, constants: constantFeeds(spec.constants) });
  return { runner, inputs: runner.inputs };
}

export function constantFeeds(constants: readonly ConstantSpec[]): Feeds {
  const feeds: Record<string, TensorData> = {};
  for (const c of constants) {
    const data =
      c.type === 'float32'
        ? Float32Array.from(c.values)
        : c.type === 'int64'
          ? BigInt64Array.from(c.values, (v) => BigInt(Math.trunc(v)))
          : Int32Array.from(c.values);
    feeds[c.name] = { type: c.type, dims: c.dims, data };
  }
  return feeds;
}

/** The model input the spec feeds, checked to exist; every other model input must be a constant or state. */
export function checkInput(spec: AdapterSpec, inputs: readonly ValueInfo[], fedElsewhere: readonly string[] = []): ValueInfo {
  const input = inputs.find((i) => i.name === spec.input.name);
  if (!input)
    throw new GroundTruthError(
      GroundTruthErrorCodes.MODEL_MISMATCH,
      `adapter ${spec.name}: the model has no input ${spec.input.name}; its inputs: ${inputs.map((i) => i.name).join(', ')}`,
    );
  const known = new Set([spec.input.name, ...spec.constants.map((c) => c.name), ...fedElsewhere]);
  const missing = inputs.filter((i) => !known.has(i.name)).map((i) => i.name);
  if (missing.length > 0)
    throw new GroundTruthError(
      GroundTruthErrorCodes.MODEL_MISMATCH,
      `adapter ${spec.name}: the model also takes ${missing.join(', ')}; give them as constants (or state)`,
    );
  return input;
}

export function readAll(spec: AdapterSpec, out: Record<string, TensorData>): Readouts {
  const readouts: Readouts = {};
  for (const r of spec.readouts) readouts[r.name] = applyReadout(out[r.tensor], r);
  return readouts;
}
