import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { GroundTruthErrorCodes } from '../errors.js';
import { decodeModel } from '../onnx/onnx-proto.js';
import { OnnxSession } from '../runtime/onnx-session.js';
import { GraphBuilder } from './graph-builder.js';
import { evaluateGraph } from './reference-evaluator.js';
import { normalArray } from './seeded-init.js';

/** A graph using every op the reference evaluator supports. */
function kitchenSink(seed: string): GraphBuilder {
  const rng = new RandomStream(seed);
  const g = new GraphBuilder('sink');
  const img = g.input('img', ['batch', 2, 8, 8]);
  const seq = g.input('seq', ['batch', 12]);
  let x = g.relu(
    g.conv(img, g.constant('w2', [4, 2, 3, 3], normalArray(rng, 72, 0.4)), g.constant('b2', [4], normalArray(rng, 4, 0.1)), {
      kernel: [3, 3],
      strides: [2, 2],
      pads: [1, 1, 1, 1],
    }),
  );
  x = g.flatten(g.globalAveragePool(x));
  const m = g.globalMaxPool(g.conv(img, g.constant('w2b', [3, 2, 3, 3], normalArray(rng, 54, 0.4)), undefined, { kernel: [3, 3] }));
  const frames = g.reshape(seq, [0, -1, 4]);
  const proj = g.matmul(frames, g.constant('p', [4, 5], normalArray(rng, 20, 0.5)));
  const t = g.transpose(g.log(g.add(g.mul(proj, proj), g.floats('eps', [1], [1e-3]))), [0, 2, 1]);
  const c1 = g.relu(
    g.conv(t, g.constant('w1', [3, 5, 3], normalArray(rng, 45, 0.3)), g.constant('b1', [3], normalArray(rng, 3, 0.1)), {
      kernel: [3],
      strides: [2],
      pads: [1, 1],
    }),
  );
  const pooled = g.flatten(g.globalAveragePool(c1));
  const joined = g.concat([x, pooled, g.flatten(m)], 1);
  const scaled = g.div(g.sub(joined, g.floats('mu', [10], normalArray(rng, 10, 0.1))), g.floats('sd', [10], new Array(10).fill(2)));
  const logits = g.gemm(scaled, g.constant('gw', [10, 3], normalArray(rng, 30, 0.5)), g.constant('gb', [3], normalArray(rng, 3, 0.1)));
  g.output(g.softmax(logits, -1, 'probs'), ['batch', 3]);
  g.output(g.reshape(g.sigmoid(g.gemm(scaled, g.constant('sw', [10, 1], normalArray(rng, 10, 0.5)), g.floats('sb', [1], [0]))), [-1], 'score'), ['batch']);
  return g;
}

describe('GraphBuilder', () => {
  it('encodes the same graph to the same bytes, and a different seed to different bytes', () => {
    const a = kitchenSink('one').toBytes();
    const b = kitchenSink('one').toBytes();
    const c = kitchenSink('two').toBytes();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('writes a fixed IR version, opset and producer, and no timestamps', () => {
    const model = decodeModel(kitchenSink('one').toBytes({ metadata: { a: '1' } }));
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport.map((o) => Number(o.version))).toEqual([17]);
    expect(model.producerName).toBe('@prodsim/ground-truth-models');
    expect(model.metadataProps.map((p) => [p.key, p.value])).toEqual([['a', '1']]);
  });

  it('rejects unknown tensors and duplicate names with a coded error', () => {
    const g = new GraphBuilder('bad');
    const x = g.input('x', [1]);
    expect(() => g.relu('nope')).toThrow(expect.objectContaining({ code: GroundTruthErrorCodes.GRAPH_INVALID }));
    expect(() => g.input('x', [1])).toThrow(expect.objectContaining({ code: GroundTruthErrorCodes.GRAPH_INVALID }));
    expect(() => g.floats('c', [2, 2], [1, 2, 3])).toThrow(/hold 4 values, got 3/);
    expect(() => g.toModel()).toThrow(/no outputs/);
    g.output(g.relu(x), [1]);
    expect(() => g.toModel()).not.toThrow();
  });

  it('the reference evaluator agrees with onnxruntime on every supported op', async () => {
    const g = kitchenSink('agree');
    const rng = new RandomStream('inputs');
    const img = Float32Array.from({ length: 3 * 2 * 8 * 8 }, () => rng.normal());
    const seq = Float32Array.from({ length: 3 * 12 }, () => rng.normal());
    const session = await OnnxSession.create(g.toBytes());
    const ort = await session.run({ img: { type: 'float32', dims: [3, 2, 8, 8], data: img }, seq: { type: 'float32', dims: [3, 12], data: seq } });
    await session.close();
    const [probs, score] = evaluateGraph(
      g,
      { img: { dims: [3, 2, 8, 8], data: Float64Array.from(img) }, seq: { dims: [3, 12], data: Float64Array.from(seq) } },
      ['probs', 'score'],
    );
    expect(ort.probs.dims).toEqual(probs.dims);
    expect(ort.score.dims).toEqual(score.dims);
    probs.data.forEach((v, i) => expect(ort.probs.data[i]).toBeCloseTo(v, 4));
    score.data.forEach((v, i) => expect(ort.score.data[i]).toBeCloseTo(v, 4));
    // Not trivially constant: the three rows differ.
    expect(probs.data[0]).not.toBeCloseTo(probs.data[3], 3);
  });
});
