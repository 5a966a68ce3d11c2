import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';

/** The element types the runtime passes around (what the authored and adapted models use). */
export type TensorType = 'float32' | 'int64' | 'int32';
export type TensorArray = Float32Array | BigInt64Array | Int32Array;

/**
 * A plain tensor: type, dims and a typed array. Unlike onnxruntime's Tensor it can cross a
 * worker_threads boundary (its buffer is transferable) and is cheap to build.
 */
export interface TensorData {
  readonly type: TensorType;
  readonly dims: readonly number[];
  readonly data: TensorArray;
}

export type Feeds = Readonly<Record<string, TensorData>>;
export type Results = Record<string, TensorData>;

export function float32Tensor(dims: readonly number[], data?: Float32Array): TensorData {
  const size = dims.reduce((a, b) => a * b, 1);
  const array = data ?? new Float32Array(size);
  if (array.length !== size) throw inputError(`float32 tensor [${dims.join(', ')}] needs ${size} values, got ${array.length}`);
  return { type: 'float32', dims: [...dims], data: array };
}

export function int64Tensor(dims: readonly number[], values: readonly (number | bigint)[]): TensorData {
  return { type: 'int64', dims: [...dims], data: BigInt64Array.from(values, (v) => BigInt(v)) };
}

export function sizeOf(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** A key equal for tensors that can be stacked into one batch (same type and item dims). */
export function shapeKey(item: Feeds): string {
  return Object.keys(item)
    .sort()
    .map((name) => `${name}:${item[name].type}[${item[name].dims.join(',')}]`)
    .join(';');
}

/** Stacks per-item tensors (no batch dim) into batch tensors with a leading batch dim. */
export function stackBatch(items: readonly Feeds[]): Results {
  const out: Results = {};
  for (const name of Object.keys(items[0])) {
    const first = items[0][name];
    const per = first.data.length;
    const data = allocate(first.type, per * items.length);
    items.forEach((item, i) => {
      const t = item[name];
      if (!t || t.type !== first.type || t.data.length !== per) throw inputError(`batch item ${i}: input ${name} differs in type or size from item 0`);
      (data as Float32Array).set(t.data as Float32Array, i * per);
    });
    out[name] = { type: first.type, dims: [items.length, ...first.dims], data };
  }
  return out;
}

/** Splits batch tensors along the leading dim into per-item tensors (without the batch dim). */
export function unstackBatch(batch: Results, count: number): Results[] {
  const items: Results[] = Array.from({ length: count }, () => ({}));
  for (const [name, t] of Object.entries(batch)) {
    if (t.dims[0] !== count)
      throw new GroundTruthError(GroundTruthErrorCodes.MODEL_MISMATCH, `output ${name} has leading dim ${t.dims[0]}, expected the batch size ${count}`);
    const per = t.data.length / count;
    for (let i = 0; i < count; i++) items[i][name] = { type: t.type, dims: t.dims.slice(1), data: t.data.slice(i * per, (i + 1) * per) };
  }
  return items;
}

export function allocate(type: TensorType, size: number): TensorArray {
  return type === 'float32' ? new Float32Array(size) : type === 'int64' ? new BigInt64Array(size) : new Int32Array(size);
}

function inputError(message: string): GroundTruthError {
  return new GroundTruthError(GroundTruthErrorCodes.INPUT_INVALID, message);
}
