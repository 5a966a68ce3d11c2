import ort from 'onnxruntime-node';
import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import type { Feeds, Results, TensorData, TensorType } from './tensor.js';

/** A model as a file path or its bytes. */
export type ModelSource = string | Uint8Array;

export interface SessionOptions {
  /**
   * Threads onnxruntime uses inside one run. Explicit because the default (all cores) fights the
   * other sessions and workers on a shared machine; 1 by default.
   */
  readonly intraOpNumThreads?: number;
  readonly graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
}

export interface ValueInfo {
  readonly name: string;
  readonly type?: string;
  readonly shape?: readonly (number | string)[];
}

const SUPPORTED: readonly string[] = ['float32', 'int64', 'int32'];

/**
 * One onnxruntime-node InferenceSession behind plain TensorData in and out, with coded errors.
 * Note that onnxruntime-node runs a session synchronously on the calling thread (inside a
 * setImmediate), so heavy use belongs in a WorkerPool.
 */
export class OnnxSession {
  private closed = false;

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly inputs: readonly ValueInfo[],
    readonly outputs: readonly ValueInfo[],
  ) {}

  static async create(model: ModelSource, options: SessionOptions = {}): Promise<OnnxSession> {
    const threads = options.intraOpNumThreads ?? 1;
    if (!Number.isInteger(threads) || threads < 1)
      throw new GroundTruthError(GroundTruthErrorCodes.INPUT_INVALID, `intraOpNumThreads must be an integer >= 1, got ${threads}`);
    let session: ort.InferenceSession;
    try {
      const opts: ort.InferenceSession.SessionOptions = {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
        logSeverityLevel: 3,
      };
      session = typeof model === 'string' ? await ort.InferenceSession.create(model, opts) : await ort.InferenceSession.create(model, opts);
    } catch (error) {
      const what = typeof model === 'string' ? model : `${model.byteLength} bytes`;
      throw new GroundTruthError(GroundTruthErrorCodes.MODEL_LOAD, `cannot load ONNX model (${what}): ${messageOf(error)}`, { cause: error });
    }
    const info = (m: readonly ort.InferenceSession.ValueMetadata[]): ValueInfo[] =>
      m.map((v) => (v.isTensor ? { name: v.name, type: v.type, shape: [...v.shape] } : { name: v.name }));
    return new OnnxSession(session, info(session.inputMetadata), info(session.outputMetadata));
  }

  /** Runs the model; `fetch` limits the outputs computed and returned (all by default). */
  async run(feeds: Feeds, fetch?: readonly string[]): Promise<Results> {
    if (this.closed) throw new GroundTruthError(GroundTruthErrorCodes.RUNNER_CLOSED, 'session is closed');
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const input of this.inputs) {
      const t = feeds[input.name];
      if (!t)
        throw new GroundTruthError(
          GroundTruthErrorCodes.INPUT_INVALID,
          `missing input ${input.name}; the model takes ${this.inputs.map((i) => i.name).join(', ')}`,
        );
      ortFeeds[input.name] = new ort.Tensor(t.type, t.data, [...t.dims]);
    }
    for (const name of Object.keys(feeds)) {
      if (!(name in ortFeeds))
        throw new GroundTruthError(GroundTruthErrorCodes.INPUT_INVALID, `unknown input ${name}; the model takes ${this.inputs.map((i) => i.name).join(', ')}`);
    }
    const names = fetch ?? this.outputs.map((o) => o.name);
    for (const name of names) {
      if (!this.outputs.some((o) => o.name === name))
        throw new GroundTruthError(GroundTruthErrorCodes.MODEL_MISMATCH, `no output ${name}; the model gives ${this.outputs.map((o) => o.name).join(', ')}`);
    }
    let raw: ort.InferenceSession.OnnxValueMapType;
    try {
      raw = await this.session.run(ortFeeds, [...names]);
    } catch (error) {
      throw new GroundTruthError(GroundTruthErrorCodes.RUN_FAILED, `onnxruntime run failed: ${messageOf(error)}`, { cause: error });
    }
    const out: Results = {};
    for (const name of names) {
      const t = raw[name] as ort.Tensor;
      if (!SUPPORTED.includes(t.type))
        throw new GroundTruthError(GroundTruthErrorCodes.MODEL_MISMATCH, `output ${name} has type ${t.type}; supported: ${SUPPORTED.join(', ')}`);
      out[name] = { type: t.type as TensorType, dims: [...t.dims], data: t.data as TensorData['data'] };
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.release();
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
