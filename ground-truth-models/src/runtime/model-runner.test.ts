import { RandomStream } from '@prodsim/core';
import { afterEach, describe, expect, it } from 'vitest';
import { GroundTruthErrorCodes } from '../errors.js';
import { imageToTensor } from '../media/rgb-image.js';
import { syntheticImage } from '../media/synthetic-images.js';
import { DEFAULT_MODELS } from '../worlds/default-models.js';
import { GraphBuilder } from '../authoring/graph-builder.js';
import { ModelRunner } from './model-runner.js';
import { WorkerPool } from './worker-pool.js';
import { float32Tensor, type Feeds, type Results } from './tensor.js';

// The worker pool runs the compiled worker script: build with `npx tsc -b` before these tests.
const model = DEFAULT_MODELS.image;
const items: Feeds[] = (() => {
  const rng = new RandomStream('runner-test');
  return Array.from({ length: 48 }, () => ({ image: float32Tensor([3, 64, 64], imageToTensor(syntheticImage(rng), { width: 64, height: 64 })) }));
})();

const bytesOf = (r: Results) =>
  Buffer.concat(
    Object.keys(r)
      .sort()
      .map((k) => Buffer.from(r[k].data.buffer, r[k].data.byteOffset, r[k].data.byteLength)),
  );
const runners: ModelRunner[] = [];
async function open(options: Parameters<typeof ModelRunner.create>[1]): Promise<ModelRunner> {
  const r = await ModelRunner.create(model, options);
  runners.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

describe('ModelRunner', () => {
  it('gives bit-identical outputs whatever the batching, threads or worker pool', async () => {
    const single = await open({ maxBatch: 1 });
    const reference = await Promise.all(items.map((it) => single.infer(it)));
    expect(single.stats.largestBatch).toBe(1);
    for (const options of [{ maxBatch: 8 }, { maxBatch: 32, intraOpNumThreads: 2 }, { workers: 2, maxBatch: 16 }]) {
      const runner = await open(options);
      const got = await runner.inferMany(items);
      expect(runner.stats.largestBatch).toBeGreaterThan(1);
      got.forEach((r, i) => expect(bytesOf(r).equals(bytesOf(reference[i]))).toBe(true));
    }
  });

  it('runs a caller-built batch with run() to the same floats as infer()', async () => {
    const runner = await open({});
    const batch = await runner.run({
      image: float32Tensor([4, 3, 64, 64], Float32Array.from(items.slice(0, 4).flatMap((it) => Array.from(it.image.data as Float32Array)))),
    });
    const one = await runner.infer(items[2]);
    const per = batch.embedding.data.length / 4;
    expect(Buffer.from((batch.embedding.data as Float32Array).slice(2 * per, 3 * per).buffer).equals(Buffer.from(one.embedding.data.buffer))).toBe(true);
  });

  it('collects concurrent requests into batches', async () => {
    const runner = await open({ maxBatch: 16, maxDelayMs: 5 });
    await runner.inferMany(items);
    expect(runner.stats.items).toBe(48);
    expect(runner.stats.runs).toBeLessThanOrEqual(6);
  });

  it('fails only the requests with a bad shape, with a coded error', async () => {
    const runner = await open({ workers: 1 });
    const bad = runner.infer({ image: float32Tensor([3, 32, 32]) });
    const good = runner.infer(items[0]);
    await expect(bad).rejects.toMatchObject({ code: GroundTruthErrorCodes.RUN_FAILED });
    await expect(good).resolves.toHaveProperty('embedding');
    await expect(runner.infer({ picture: float32Tensor([3, 64, 64]) })).rejects.toMatchObject({ code: GroundTruthErrorCodes.INPUT_INVALID });
  });

  it('reports unloadable models, unknown outputs and use after close with coded errors', async () => {
    await expect(ModelRunner.create(new Uint8Array([1, 2, 3, 4]))).rejects.toMatchObject({ code: GroundTruthErrorCodes.MODEL_LOAD });
    await expect(ModelRunner.create(new Uint8Array([1, 2, 3, 4]), { workers: 1 })).rejects.toMatchObject({ code: GroundTruthErrorCodes.MODEL_LOAD });
    await expect(ModelRunner.create(model, { outputs: ['nope'] })).rejects.toMatchObject({ code: GroundTruthErrorCodes.MODEL_MISMATCH });
    await expect(ModelRunner.create(model, { workers: -1 })).rejects.toMatchObject({ code: GroundTruthErrorCodes.INPUT_INVALID });
    const runner = await ModelRunner.create(model, { workers: 1, maxDelayMs: 50 });
    const pending = expect(runner.infer(items[0])).rejects.toMatchObject({ code: GroundTruthErrorCodes.RUNNER_CLOSED });
    await runner.close();
    await pending;
    await expect(runner.infer(items[0])).rejects.toMatchObject({ code: GroundTruthErrorCodes.RUNNER_CLOSED });
  });

  it('computes only the outputs asked for', async () => {
    const runner = await open({ outputs: ['violation'] });
    const out = await runner.infer(items[0]);
    expect(Object.keys(out)).toEqual(['violation']);
    expect(out.violation.dims).toEqual([]);
  });
});

describe('ModelRunner edge cases', () => {
  it('runs one item at a time for a model whose batch dim is fixed at 1', async () => {
    const g = new GraphBuilder('fixed');
    g.output(g.relu(g.input('x', [1, 4]), 'y'), [1, 4]);
    const runner = await ModelRunner.create(g.toBytes(), { maxBatch: 8 });
    const out = await runner.inferMany([1, 2, 3].map((v) => ({ x: float32Tensor([4], Float32Array.of(v, -v, v, -v)) })));
    await runner.close();
    expect(out.map((r) => Array.from(r.y.data as Float32Array))).toEqual([
      [1, 0, 1, 0],
      [2, 0, 2, 0],
      [3, 0, 3, 0],
    ]);
    expect(runner.stats.largestBatch).toBe(1);
  });
});

describe('WorkerPool', () => {
  it('fails only the job of a worker that dies, replaces the worker and keeps serving', async () => {
    const pool = await WorkerPool.create(model, { workers: 1 });
    const batch = { image: float32Tensor([1, 3, 64, 64], (items[0].image.data as Float32Array).slice()) };
    const before = await pool.run(batch);
    const job = pool.run(batch);
    // Kill the worker while it holds the job (white box: the pool's only slot).
    await (pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots[0].worker.terminate();
    await expect(job).rejects.toMatchObject({ code: GroundTruthErrorCodes.WORKER_FAILED });
    const after = await pool.run(batch);
    await pool.close();
    expect(bytesOf(after).equals(bytesOf(before))).toBe(true);
    await expect(pool.run(batch)).rejects.toMatchObject({ code: GroundTruthErrorCodes.RUNNER_CLOSED });
  });
});
