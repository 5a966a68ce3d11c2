import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import {
  ElemType,
  encodeModel,
  onnx,
  type ElemTypeName,
  type IAttributeProto,
  type IModelProto,
  type ITensorProto,
  type IValueInfoProto,
} from '../onnx/onnx-proto.js';

/** A dimension: a fixed size or a named dynamic one ("batch"). */
export type Dim = number | string;

/** An attribute value, tagged so that ints and floats never get confused in the protobuf. */
export type Attr = { int: number } | { ints: readonly number[] } | { float: number } | { floats: readonly number[] } | { string: string };

export interface NodeSpec {
  readonly name: string;
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs: Readonly<Record<string, Attr>>;
}

export interface ConstantTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | BigInt64Array | Int32Array;
}

export interface ValueSpec {
  readonly name: string;
  readonly dims: readonly Dim[];
  readonly type: ElemTypeName;
}

export interface ModelMetadata {
  /** Free text stored as the model's doc_string (no dates: the bytes must depend on the seed only). */
  readonly docString?: string;
  /** Key/value pairs stored as metadata_props, in the given order. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly producerName?: string;
  readonly producerVersion?: string;
  /** ai.onnx opset; 17 by default (LayerNormalization, and what onnxruntime 1.x fully supports). */
  readonly opset?: number;
}

/** IR version 8 goes with opset 17 and is the newest onnx-proto 8 knows. */
const IR_VERSION = 8;
const DEFAULT_OPSET = 17;

/**
 * A tiny ONNX graph builder. It records inputs, constants (initializers), nodes and outputs in
 * the order they are added, names everything deterministically and encodes a ModelProto with no
 * timestamps or host details, so the same calls give the same bytes. The recorded graph can also
 * be evaluated in plain TypeScript (see reference-evaluator.ts) to calibrate a model while it is
 * being authored.
 */
export class GraphBuilder {
  readonly inputs: ValueSpec[] = [];
  readonly outputs: ValueSpec[] = [];
  readonly constants = new Map<string, ConstantTensor>();
  readonly nodes: NodeSpec[] = [];
  private readonly known = new Set<string>();
  private counter = 0;

  constructor(readonly name: string) {}

  input(name: string, dims: readonly Dim[], type: ElemTypeName = 'float32'): string {
    this.claim(name);
    this.inputs.push({ name, dims: [...dims], type });
    return name;
  }

  /** Marks a tensor as a graph output (under its own name). */
  output(tensor: string, dims: readonly Dim[], type: ElemTypeName = 'float32'): void {
    this.requireKnown(tensor);
    if (this.outputs.some((o) => o.name === tensor)) throw graphError(`output ${tensor} declared twice`);
    this.outputs.push({ name: tensor, dims: [...dims], type });
  }

  constant(name: string, dims: readonly number[], data: Float32Array | BigInt64Array | Int32Array): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== data.length) throw graphError(`constant ${name}: dims [${dims.join(', ')}] hold ${size} values, got ${data.length}`);
    this.claim(name);
    this.constants.set(name, { name, dims: [...dims], data });
    return name;
  }

  floats(name: string, dims: readonly number[], values: ArrayLike<number>): string {
    return this.constant(name, dims, Float32Array.from(values));
  }

  int64s(name: string, values: readonly number[]): string {
    return this.constant(name, [values.length], BigInt64Array.from(values.map((v) => BigInt(v))));
  }

  /** Adds a node; returns its output tensor names (named `<name>` or `<name>_<i>`). */
  node(op: string, inputs: readonly string[], attrs: Record<string, Attr> = {}, options: { name?: string; outputs?: number } = {}): string[] {
    for (const input of inputs) if (input !== '') this.requireKnown(input);
    const base = options.name ?? `${op.toLowerCase()}_${this.counter++}`;
    const count = options.outputs ?? 1;
    const outputs = count === 1 ? [base] : Array.from({ length: count }, (_, i) => `${base}_${i}`);
    for (const o of outputs) this.claim(o);
    this.nodes.push({ name: base, op, inputs: [...inputs], outputs, attrs: { ...attrs } });
    return outputs;
  }

  private op(op: string, inputs: readonly string[], attrs: Record<string, Attr> = {}, name?: string): string {
    return this.node(op, inputs, attrs, { name })[0];
  }

  conv(
    x: string,
    w: string,
    b: string | undefined,
    o: { kernel: readonly number[]; strides?: readonly number[]; pads?: readonly number[] },
    name?: string,
  ): string {
    const rank = o.kernel.length;
    const attrs: Record<string, Attr> = {
      kernel_shape: { ints: o.kernel },
      strides: { ints: o.strides ?? new Array(rank).fill(1) },
      pads: { ints: o.pads ?? new Array(rank * 2).fill(0) },
    };
    return this.op('Conv', b === undefined ? [x, w] : [x, w, b], attrs, name);
  }

  relu(x: string, name?: string): string {
    return this.op('Relu', [x], {}, name);
  }
  sigmoid(x: string, name?: string): string {
    return this.op('Sigmoid', [x], {}, name);
  }
  log(x: string, name?: string): string {
    return this.op('Log', [x], {}, name);
  }
  add(a: string, b: string, name?: string): string {
    return this.op('Add', [a, b], {}, name);
  }
  sub(a: string, b: string, name?: string): string {
    return this.op('Sub', [a, b], {}, name);
  }
  mul(a: string, b: string, name?: string): string {
    return this.op('Mul', [a, b], {}, name);
  }
  div(a: string, b: string, name?: string): string {
    return this.op('Div', [a, b], {}, name);
  }
  matmul(a: string, b: string, name?: string): string {
    return this.op('MatMul', [a, b], {}, name);
  }
  /** Y = A * B + C (B given as [K, N]). */
  gemm(a: string, b: string, c: string, name?: string): string {
    return this.op('Gemm', [a, b, c], {}, name);
  }
  softmax(x: string, axis = -1, name?: string): string {
    return this.op('Softmax', [x], { axis: { int: axis } }, name);
  }
  flatten(x: string, axis = 1, name?: string): string {
    return this.op('Flatten', [x], { axis: { int: axis } }, name);
  }
  reshape(x: string, shape: readonly number[], name?: string): string {
    const target = this.int64s(`${name ?? `reshape_${this.counter}`}_shape`, shape);
    return this.op('Reshape', [x, target], {}, name);
  }
  transpose(x: string, perm: readonly number[], name?: string): string {
    return this.op('Transpose', [x], { perm: { ints: perm } }, name);
  }
  globalAveragePool(x: string, name?: string): string {
    return this.op('GlobalAveragePool', [x], {}, name);
  }
  globalMaxPool(x: string, name?: string): string {
    return this.op('GlobalMaxPool', [x], {}, name);
  }
  concat(inputs: readonly string[], axis: number, name?: string): string {
    return this.op('Concat', inputs, { axis: { int: axis } }, name);
  }

  /** The graph as an ONNX ModelProto (plain object, ready for encoding). */
  toModel(meta: ModelMetadata = {}): IModelProto {
    if (this.outputs.length === 0) throw graphError(`graph ${this.name} has no outputs`);
    return {
      irVersion: IR_VERSION,
      opsetImport: [{ domain: '', version: meta.opset ?? DEFAULT_OPSET }],
      producerName: meta.producerName ?? '@prodsim/ground-truth-models',
      producerVersion: meta.producerVersion ?? '1',
      docString: meta.docString ?? '',
      graph: {
        name: this.name,
        node: this.nodes.map((n) => ({ name: n.name, opType: n.op, input: [...n.inputs], output: [...n.outputs], attribute: encodeAttrs(n.attrs) })),
        initializer: [...this.constants.values()].map(encodeTensor),
        input: this.inputs.map(encodeValueInfo),
        output: this.outputs.map(encodeValueInfo),
      },
      metadataProps: Object.entries(meta.metadata ?? {}).map(([key, value]) => ({ key, value })),
    };
  }

  toBytes(meta: ModelMetadata = {}): Uint8Array {
    return encodeModel(this.toModel(meta));
  }

  private claim(name: string): void {
    if (this.known.has(name)) throw graphError(`tensor name ${name} used twice`);
    this.known.add(name);
  }

  private requireKnown(name: string): void {
    if (!this.known.has(name)) throw graphError(`unknown tensor ${name}`);
  }
}

function graphError(message: string): GroundTruthError {
  return new GroundTruthError(GroundTruthErrorCodes.GRAPH_INVALID, message);
}

function encodeAttrs(attrs: Readonly<Record<string, Attr>>): IAttributeProto[] {
  const T = onnx.AttributeProto.AttributeType;
  return Object.entries(attrs).map(([name, a]): IAttributeProto => {
    if ('int' in a) return { name, type: T.INT, i: a.int };
    if ('ints' in a) return { name, type: T.INTS, ints: [...a.ints] };
    if ('float' in a) return { name, type: T.FLOAT, f: a.float };
    if ('floats' in a) return { name, type: T.FLOATS, floats: [...a.floats] };
    return { name, type: T.STRING, s: new TextEncoder().encode(a.string) };
  });
}

/** Raw little-endian bytes whatever the host's byte order, so the file is the same everywhere. */
function encodeTensor(t: ConstantTensor): ITensorProto {
  const view = new DataView(new ArrayBuffer(t.data.byteLength));
  let dataType: number;
  if (t.data instanceof Float32Array) {
    dataType = ElemType.float32;
    t.data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  } else if (t.data instanceof BigInt64Array) {
    dataType = ElemType.int64;
    t.data.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  } else {
    dataType = ElemType.int32;
    t.data.forEach((v, i) => view.setInt32(i * 4, v, true));
  }
  return { name: t.name, dims: [...t.dims], dataType, rawData: new Uint8Array(view.buffer) };
}

function encodeValueInfo(v: ValueSpec): IValueInfoProto {
  return {
    name: v.name,
    type: { tensorType: { elemType: ElemType[v.type], shape: { dim: v.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}
