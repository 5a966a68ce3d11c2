import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import type { TensorData } from '../runtime/tensor.js';
import type { ReadoutSpec } from './adapter-spec.js';

/** A readout's value for one item: a vector (one value per channel, or the whole tensor with pooling "none"). */
export type Readouts = Record<string, Float32Array>;

/**
 * Reduces one item's tensor (without its batch axis) to the readout's vector: mean or max over
 * every axis except the channel axis, or the whole tensor flattened; then optionally L2-normalised.
 */
export function applyReadout(t: TensorData, r: Pick<ReadoutSpec, 'name' | 'tensor' | 'channelAxis' | 'pooling' | 'normalize'>): Float32Array {
  if (t.type !== 'float32')
    throw new GroundTruthError(GroundTruthErrorCodes.MODEL_MISMATCH, `readout ${r.name}: tensor ${r.tensor} is ${t.type}, expected float32`);
  const data = t.data as Float32Array;
  let out: Float32Array;
  if (r.pooling === 'none') out = Float32Array.from(data);
  else {
    const axis = r.channelAxis - 1;
    if (axis >= t.dims.length) {
      throw new GroundTruthError(
        GroundTruthErrorCodes.MODEL_MISMATCH,
        `readout ${r.name}: channelAxis ${r.channelAxis} but tensor ${r.tensor} has shape [batch, ${t.dims.join(', ')}]`,
      );
    }
    const channels = t.dims[axis];
    const inner = t.dims.slice(axis + 1).reduce((a, b) => a * b, 1);
    const outer = t.dims.slice(0, axis).reduce((a, b) => a * b, 1);
    const acc = new Float64Array(channels).fill(r.pooling === 'max' ? -Infinity : 0);
    for (let o = 0; o < outer; o++) {
      for (let c = 0; c < channels; c++) {
        const base = (o * channels + c) * inner;
        let v = acc[c];
        if (r.pooling === 'max') for (let i = 0; i < inner; i++) v = Math.max(v, data[base + i]);
        else for (let i = 0; i < inner; i++) v += data[base + i];
        acc[c] = v;
      }
    }
    const count = outer * inner;
    out = Float32Array.from(acc, (v) => (r.pooling === 'mean' ? v / count : v));
  }
  if (r.normalize === 'l2') {
    let norm = 0;
    for (let i = 0; i < out.length; i++) norm += out[i] * out[i];
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < out.length; i++) out[i] /= norm;
  }
  return out;
}
