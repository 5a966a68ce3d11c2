import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import type { Attr, GraphBuilder, NodeSpec } from './graph-builder.js';

/** A dense tensor in float64, row-major. */
export interface RefTensor {
  readonly dims: readonly number[];
  readonly data: Float64Array;
}

/**
 * Evaluates a GraphBuilder graph in plain TypeScript (float64), for the ops the authored worlds
 * use. Authoring calibrates a model (feature means, head scales) on synthetic inputs; doing that
 * with onnxruntime would make the written bytes depend on the CPU's float kernels, while this
 * evaluator only uses + - * / sqrt and V8's portable exp/log, so the same seed gives the same file
 * on every machine. It is slow and meant for a few hundred small inputs.
 */
export function evaluateGraph(graph: GraphBuilder, feeds: Readonly<Record<string, RefTensor>>, outputs: readonly string[]): RefTensor[] {
  const values = new Map<string, RefTensor>();
  for (const [name, c] of graph.constants) values.set(name, { dims: c.dims, data: Float64Array.from(c.data as ArrayLike<number | bigint>, Number) });
  // A feed may name any tensor, so that a calibrated stage can be evaluated from the output of
  // the stage before it without recomputing it.
  for (const [name, feed] of Object.entries(feeds)) values.set(name, feed);
  const needed = neededNodes(graph.nodes, outputs, new Set(Object.keys(feeds)));
  for (const node of graph.nodes) {
    if (!needed.has(node)) continue;
    const args = node.inputs.map((name) => {
      const v = values.get(name);
      if (!v) throw refError(`node ${node.name}: input ${name} neither fed nor computed`);
      return v;
    });
    values.set(node.outputs[0], runOp(node, args));
  }
  return outputs.map((name) => {
    const v = values.get(name);
    if (!v) throw refError(`output ${name} not computed`);
    return v;
  });
}

function neededNodes(nodes: readonly NodeSpec[], outputs: readonly string[], fed: ReadonlySet<string>): Set<NodeSpec> {
  const producer = new Map<string, NodeSpec>();
  for (const n of nodes) for (const o of n.outputs) producer.set(o, n);
  const needed = new Set<NodeSpec>();
  const stack = [...outputs];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (fed.has(name)) continue;
    const n = producer.get(name);
    if (n && !needed.has(n)) {
      needed.add(n);
      stack.push(...n.inputs);
    }
  }
  return needed;
}

function runOp(node: NodeSpec, x: RefTensor[]): RefTensor {
  switch (node.op) {
    case 'Add':
      return broadcast(x[0], x[1], (a, b) => a + b);
    case 'Sub':
      return broadcast(x[0], x[1], (a, b) => a - b);
    case 'Mul':
      return broadcast(x[0], x[1], (a, b) => a * b);
    case 'Div':
      return broadcast(x[0], x[1], (a, b) => a / b);
    case 'Relu':
      return map(x[0], (v) => Math.max(v, 0));
    case 'Sigmoid':
      return map(x[0], (v) => 1 / (1 + Math.exp(-v)));
    case 'Log':
      return map(x[0], Math.log);
    case 'Identity':
      return x[0];
    case 'MatMul':
      return matmul(x[0], x[1]);
    case 'Gemm':
      return broadcast(matmul(x[0], x[1]), x[2], (a, b) => a + b);
    case 'Conv':
      return conv(x[0], x[1], x[2], intsAttr(node, 'strides'), intsAttr(node, 'pads'));
    case 'GlobalAveragePool':
      return globalPool(x[0], 'mean');
    case 'GlobalMaxPool':
      return globalPool(x[0], 'max');
    case 'Softmax':
      return softmaxLast(x[0], intAttr(node, 'axis'));
    case 'Flatten': {
      const axis = intAttr(node, 'axis');
      const outer = x[0].dims.slice(0, axis).reduce((a, b) => a * b, 1);
      return { dims: [outer, x[0].data.length / outer], data: x[0].data };
    }
    case 'Reshape':
      return { dims: reshapeDims(x[0].dims, Array.from(x[1].data)), data: x[0].data };
    case 'Transpose':
      return transpose(x[0], intsAttr(node, 'perm'));
    case 'Concat':
      return concat(x, intAttr(node, 'axis'));
    default:
      throw refError(`op ${node.op} is not supported by the reference evaluator`);
  }
}

function attr(node: NodeSpec, name: string): Attr {
  const a = node.attrs[name];
  if (!a) throw refError(`node ${node.name}: attribute ${name} missing`);
  return a;
}
function intAttr(node: NodeSpec, name: string): number {
  const a = attr(node, name);
  if (!('int' in a)) throw refError(`node ${node.name}: attribute ${name} is not an int`);
  return a.int;
}
function intsAttr(node: NodeSpec, name: string): readonly number[] {
  const a = attr(node, name);
  if (!('ints' in a)) throw refError(`node ${node.name}: attribute ${name} is not a list of ints`);
  return a.ints;
}

function map(x: RefTensor, f: (v: number) => number): RefTensor {
  const out = new Float64Array(x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i]);
  return { dims: x.dims, data: out };
}

function strides(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length);
  let acc = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= dims[i];
  }
  return s;
}

/** Numpy-style broadcasting of a binary op. */
function broadcast(a: RefTensor, b: RefTensor, f: (x: number, y: number) => number): RefTensor {
  const rank = Math.max(a.dims.length, b.dims.length);
  const ad = [...new Array(rank - a.dims.length).fill(1), ...a.dims];
  const bd = [...new Array(rank - b.dims.length).fill(1), ...b.dims];
  const dims = ad.map((d, i) => {
    if (d !== bd[i] && d !== 1 && bd[i] !== 1) throw refError(`cannot broadcast [${a.dims}] with [${b.dims}]`);
    return Math.max(d, bd[i]);
  });
  const as = strides(ad).map((s, i) => (ad[i] === 1 ? 0 : s));
  const bs = strides(bd).map((s, i) => (bd[i] === 1 ? 0 : s));
  const size = dims.reduce((x, y) => x * y, 1);
  const out = new Float64Array(size);
  const idx = new Array<number>(rank).fill(0);
  for (let i = 0; i < size; i++) {
    let ai = 0;
    let bi = 0;
    for (let k = 0; k < rank; k++) {
      ai += idx[k] * as[k];
      bi += idx[k] * bs[k];
    }
    out[i] = f(a.data[ai], b.data[bi]);
    for (let k = rank - 1; k >= 0; k--) {
      if (++idx[k] < dims[k]) break;
      idx[k] = 0;
    }
  }
  return { dims, data: out };
}

/** [..., M, K] x [K, N] (B two-dimensional, which is all the authored graphs need). */
function matmul(a: RefTensor, b: RefTensor): RefTensor {
  if (b.dims.length !== 2) throw refError('MatMul: only a 2-D right operand is supported');
  const [K, N] = b.dims;
  const M = a.dims[a.dims.length - 2];
  if (a.dims[a.dims.length - 1] !== K) throw refError(`MatMul: [${a.dims}] x [${b.dims}]`);
  const batch = a.data.length / (M * K);
  const out = new Float64Array(batch * M * N);
  for (let p = 0; p < batch * M; p++) {
    const ao = p * K;
    const oo = p * N;
    for (let k = 0; k < K; k++) {
      const av = a.data[ao + k];
      if (av === 0) continue;
      const bo = k * N;
      for (let n = 0; n < N; n++) out[oo + n] += av * b.data[bo + n];
    }
  }
  return { dims: [...a.dims.slice(0, -1), N], data: out };
}

/** Conv with 1 or 2 spatial dims, group 1, no dilation. */
function conv(x: RefTensor, w: RefTensor, b: RefTensor | undefined, stride: readonly number[], pads: readonly number[]): RefTensor {
  const spatial = x.dims.length - 2;
  if (spatial !== 1 && spatial !== 2) throw refError('Conv: 1 or 2 spatial dims only');
  const [N, C] = x.dims;
  const H = spatial === 2 ? x.dims[2] : 1;
  const W = x.dims[x.dims.length - 1];
  const M = w.dims[0];
  const KH = spatial === 2 ? w.dims[2] : 1;
  const KW = w.dims[w.dims.length - 1];
  const SH = spatial === 2 ? stride[0] : 1;
  const SW = stride[spatial - 1];
  const PH = spatial === 2 ? pads[0] : 0;
  const PW = pads[spatial - 1];
  const PH2 = spatial === 2 ? pads[2] : 0;
  const PW2 = pads[spatial * 2 - 1];
  const OH = Math.floor((H + PH + PH2 - KH) / SH) + 1;
  const OW = Math.floor((W + PW + PW2 - KW) / SW) + 1;
  const out = new Float64Array(N * M * OH * OW);
  for (let n = 0; n < N; n++) {
    for (let m = 0; m < M; m++) {
      const bias = b ? b.data[m] : 0;
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++) {
          let sum = bias;
          for (let c = 0; c < C; c++) {
            for (let kh = 0; kh < KH; kh++) {
              const ih = oh * SH - PH + kh;
              if (ih < 0 || ih >= H) continue;
              const xo = ((n * C + c) * H + ih) * W;
              const wo = ((m * C + c) * KH + kh) * KW;
              for (let kw = 0; kw < KW; kw++) {
                const iw = ow * SW - PW + kw;
                if (iw < 0 || iw >= W) continue;
                sum += x.data[xo + iw] * w.data[wo + kw];
              }
            }
          }
          out[((n * M + m) * OH + oh) * OW + ow] = sum;
        }
      }
    }
  }
  return { dims: spatial === 2 ? [N, M, OH, OW] : [N, M, OW], data: out };
}

function globalPool(x: RefTensor, kind: 'mean' | 'max'): RefTensor {
  const [N, C] = x.dims;
  const area = x.data.length / (N * C);
  const out = new Float64Array(N * C);
  for (let i = 0; i < N * C; i++) {
    let acc = kind === 'mean' ? 0 : -Infinity;
    for (let j = 0; j < area; j++) {
      const v = x.data[i * area + j];
      acc = kind === 'mean' ? acc + v : Math.max(acc, v);
    }
    out[i] = kind === 'mean' ? acc / area : acc;
  }
  return { dims: [N, C, ...x.dims.slice(2).map(() => 1)], data: out };
}

function softmaxLast(x: RefTensor, axis: number): RefTensor {
  if (axis !== -1 && axis !== x.dims.length - 1) throw refError('Softmax: last axis only');
  const n = x.dims[x.dims.length - 1];
  const out = new Float64Array(x.data.length);
  for (let o = 0; o < x.data.length; o += n) {
    let max = -Infinity;
    for (let i = 0; i < n; i++) max = Math.max(max, x.data[o + i]);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += out[o + i] = Math.exp(x.data[o + i] - max);
    for (let i = 0; i < n; i++) out[o + i] /= sum;
  }
  return { dims: x.dims, data: out };
}

function reshapeDims(dims: readonly number[], shape: number[]): number[] {
  const total = dims.reduce((a, b) => a * b, 1);
  const out = shape.map((d, i) => (d === 0 ? dims[i] : d));
  const known = out.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const result = out.map((d) => (d === -1 ? total / known : d));
  if (result.reduce((a, b) => a * b, 1) !== total || result.some((d) => !Number.isInteger(d))) throw refError(`Reshape: [${dims}] to [${shape}]`);
  return result;
}

function transpose(x: RefTensor, perm: readonly number[]): RefTensor {
  const dims = perm.map((p) => x.dims[p]);
  const inStrides = strides(x.dims);
  const permStrides = perm.map((p) => inStrides[p]);
  const out = new Float64Array(x.data.length);
  const idx = new Array<number>(dims.length).fill(0);
  for (let i = 0; i < out.length; i++) {
    let src = 0;
    for (let k = 0; k < dims.length; k++) src += idx[k] * permStrides[k];
    out[i] = x.data[src];
    for (let k = dims.length - 1; k >= 0; k--) {
      if (++idx[k] < dims[k]) break;
      idx[k] = 0;
    }
  }
  return { dims, data: out };
}

function concat(xs: RefTensor[], axis: number): RefTensor {
  const rank = xs[0].dims.length;
  const ax = axis < 0 ? axis + rank : axis;
  const outer = xs[0].dims.slice(0, ax).reduce((a, b) => a * b, 1);
  const inner = xs[0].dims.slice(ax + 1).reduce((a, b) => a * b, 1);
  const total = xs.reduce((a, t) => a + t.dims[ax], 0);
  const out = new Float64Array(outer * total * inner);
  let offset = 0;
  for (const t of xs) {
    const chunk = t.dims[ax] * inner;
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * chunk, (o + 1) * chunk), o * total * inner + offset);
    offset += chunk;
  }
  return { dims: xs[0].dims.map((d, i) => (i === ax ? total : d)), data: out };
}

function refError(message: string): GroundTruthError {
  return new GroundTruthError(GroundTruthErrorCodes.GRAPH_INVALID, `reference evaluator: ${message}`);
}
