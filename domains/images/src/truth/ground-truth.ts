import { columnStats, ImageWorld, principalAxes, type ColumnStats } from '@prodsim/ground-truth-models';
import type { RandomStream } from '@prodsim/core';

export interface GroundTruthOptions {
  /** The secret world model (.onnx path); the committed default world if undefined. */
  model?: string;
  /** Worker threads with one onnxruntime session each (0: a session on this thread). */
  workers: number;
  /** onnxruntime intra-op threads per session. */
  threads: number;
}

/** Embeddings and violation scores of a batch of images (row-major). */
export interface TruthBatch {
  /** n x dim, standardised with the calibration statistics. */
  embeddings: Float32Array;
  violation: Float32Array;
}

/**
 * The secret image world at run time: clean RGB pixels in, hidden truth out, batched through the
 * ground-truth-models runtime. Embeddings are standardised on a calibration set of this world's
 * own scenes, so that affinities (dot products with tastes) have a known spread.
 */
export class GroundTruth {
  private stats: ColumnStats | undefined;

  private constructor(
    private readonly world: ImageWorld,
    readonly size: number,
  ) {}

  static async load(options: GroundTruthOptions, size: number): Promise<GroundTruth> {
    const world = await ImageWorld.load({ model: options.model, workers: options.workers, intraOpNumThreads: options.threads, maxBatch: 32, maxDelayMs: 1 });
    return new GroundTruth(world, size);
  }

  get dim(): number {
    return this.world.embeddingDim;
  }

  /** Runs the world model over images (size x size RGB each). Batches form inside the runner. */
  async run(images: readonly Uint8Array[]): Promise<TruthBatch> {
    const dim = this.dim;
    const truths = await this.world.truths(images.map((data) => ({ width: this.size, height: this.size, channels: 3, data })));
    const embeddings = new Float32Array(images.length * dim);
    const violation = new Float32Array(images.length);
    truths.forEach((t, i) => {
      embeddings.set(t.embedding, i * dim);
      violation[i] = t.violation;
    });
    if (this.stats) standardiseInPlace(embeddings, dim, this.stats);
    return { embeddings, violation };
  }

  /**
   * Fixes the standardisation from a calibration batch (raw model embeddings) and returns the
   * batch standardised, with the top `k` principal axes of the standardised content.
   */
  calibrate(batch: TruthBatch, k: number, rng: RandomStream): { axes: Float32Array } {
    const dim = this.dim;
    const rows = batch.violation.length;
    const matrix = { rows, cols: dim, data: Float64Array.from(batch.embeddings) };
    this.stats = columnStats(matrix);
    standardiseInPlace(batch.embeddings, dim, this.stats);
    const axes = principalAxes({ rows, cols: dim, data: Float64Array.from(batch.embeddings) }, k, rng);
    return { axes: Float32Array.from(axes.axes) };
  }

  close(): Promise<void> {
    return this.world.close();
  }
}

function standardiseInPlace(e: Float32Array, dim: number, stats: ColumnStats): void {
  for (let i = 0; i < e.length; i++) {
    const d = i % dim;
    e[i] = (e[i] - stats.mean[d]) / stats.sd[d];
  }
}

/** The q-quantile of values (0..1), by sorting a copy. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const pos = Math.min(sorted.length - 1, Math.max(0, q * (sorted.length - 1)));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
