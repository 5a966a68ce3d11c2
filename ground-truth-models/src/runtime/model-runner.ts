import { GroundTruthError, GroundTruthErrorCodes } from '../errors.js';
import { OnnxSession, type ModelSource, type SessionOptions, type ValueInfo } from './onnx-session.js';
import { shapeKey, stackBatch, unstackBatch, type Feeds, type Results } from './tensor.js';
import { buffersOf, WorkerPool } from './worker-pool.js';

export interface ModelRunnerOptions extends SessionOptions {
  /**
   * 0 (default): one session on this thread (runs block the event loop while they compute).
   * n >= 1: n worker threads with one session each, so n batches run at once off this thread.
   */
  readonly workers?: number;
  /** infer(): the most items stacked into one run; 32 by default. */
  readonly maxBatch?: number;
  /** infer(): how long the first queued item waits for company before its batch runs; 2 ms by default. */
  readonly maxDelayMs?: number;
  /** Outputs to compute and return; all by default. */
  readonly outputs?: readonly string[];
  /** Inputs added, as given (not stacked), to every run: e.g. a sample-rate scalar. */
  readonly constants?: Feeds;
}

export interface RunnerStats {
  /** Model runs (batches). */
  readonly runs: number;
  /** Items served through infer(). */
  readonly items: number;
  /** Largest batch infer() formed. */
  readonly largestBatch: number;
}

interface Backend {
  readonly concurrency: number;
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  run(feeds: Feeds, fetch?: readonly string[], transfer?: readonly ArrayBuffer[]): Promise<Results>;
  close(): Promise<void>;
}

interface Pending {
  readonly item: Feeds;
  readonly resolve: (r: Results) => void;
  readonly reject: (e: Error) => void;
}

interface Queue {
  readonly items: Pending[];
  due: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * Runs an ONNX model on onnxruntime-node: either whole batches the caller built (`run`), or single
 * items that it stacks into batches (`infer`): items with the same input shapes queue together
 * and run when `maxBatch` have gathered, when the first has waited `maxDelayMs`, or (under load)
 * as soon as a session is free, with whatever gathered meanwhile.
 */
export class ModelRunner {
  private readonly queues = new Map<string, Queue>();
  private inFlight = 0;
  private closed = false;
  private runs = 0;
  private items = 0;
  private largestBatch = 0;
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;

  private constructor(
    private readonly backend: Backend,
    private readonly options: ModelRunnerOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 32;
    this.maxDelayMs = options.maxDelayMs ?? 2;
  }

  static async create(model: ModelSource, options: ModelRunnerOptions = {}): Promise<ModelRunner> {
    const workers = options.workers ?? 0;
    const check = (name: string, v: number | undefined, min: number) => {
      if (v !== undefined && (!Number.isFinite(v) || v < min || (name !== 'maxDelayMs' && !Number.isInteger(v)))) {
        throw new GroundTruthError(
          GroundTruthErrorCodes.INPUT_INVALID,
          `${name} must be ${name === 'maxDelayMs' ? 'a number' : 'an integer'} >= ${min}, got ${v}`,
        );
      }
    };
    check('workers', workers, 0);
    check('maxBatch', options.maxBatch, 1);
    check('maxDelayMs', options.maxDelayMs, 0);
    check('intraOpNumThreads', options.intraOpNumThreads, 1);
    let backend: Backend;
    if (workers === 0) {
      const session = await OnnxSession.create(model, options);
      backend = { concurrency: 1, inputs: session.inputs, outputs: session.outputs, run: (f, fetch) => session.run(f, fetch), close: () => session.close() };
    } else {
      backend = await WorkerPool.create(model, { ...options, workers });
    }
    for (const name of options.outputs ?? []) {
      if (!backend.outputs.some((o) => o.name === name)) {
        await backend.close();
        throw new GroundTruthError(GroundTruthErrorCodes.MODEL_MISMATCH, `no output ${name}; the model gives ${backend.outputs.map((o) => o.name).join(', ')}`);
      }
    }
    // A model whose leading input dim is fixed at 1 takes one item per run.
    const singleItem = backend.inputs.some((i) => i.shape?.[0] === 1);
    return new ModelRunner(backend, singleItem ? { ...options, maxBatch: 1 } : options);
  }

  get inputs(): readonly ValueInfo[] {
    return this.backend.inputs;
  }

  get outputs(): readonly ValueInfo[] {
    return this.backend.outputs;
  }

  get stats(): RunnerStats {
    return { runs: this.runs, items: this.items, largestBatch: this.largestBatch };
  }

  /** Runs one batch as given (tensors with their batch dim). */
  async run(batch: Feeds): Promise<Results> {
    if (this.closed) throw closedError();
    this.runs++;
    return this.backend.run(this.withConstants(batch), this.options.outputs);
  }

  /** Runs one item (tensors without the batch dim), batched with other items; resolves to its outputs without the batch dim. */
  infer(item: Feeds): Promise<Results> {
    if (this.closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      const key = shapeKey(item);
      let queue = this.queues.get(key);
      if (!queue) {
        queue = { items: [], due: false };
        this.queues.set(key, queue);
      }
      queue.items.push({ item, resolve, reject });
      if (queue.items.length >= this.maxBatch) queue.due = true;
      else if (!queue.due && !queue.timer) {
        const q = queue;
        q.timer = setTimeout(() => {
          q.timer = undefined;
          q.due = true;
          this.pump();
        }, this.maxDelayMs);
      }
      this.pump();
    });
  }

  /** infer() for several items at once. */
  inferMany(items: readonly Feeds[]): Promise<Results[]> {
    return Promise.all(items.map((item) => this.infer(item)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const queue of this.queues.values()) {
      clearTimeout(queue.timer);
      for (const p of queue.items.splice(0)) p.reject(closedError());
    }
    this.queues.clear();
    await this.backend.close();
  }

  private withConstants(feeds: Feeds): Feeds {
    return this.options.constants ? { ...this.options.constants, ...feeds } : feeds;
  }

  private pump(): void {
    while (this.inFlight < this.backend.concurrency) {
      const entry = [...this.queues.entries()].find(([, q]) => q.due && q.items.length > 0);
      if (!entry) return;
      const [key, queue] = entry;
      const batch = queue.items.splice(0, this.maxBatch);
      // Items left over waited while the backend was busy: they stay due and go next.
      if (queue.items.length === 0) {
        clearTimeout(queue.timer);
        this.queues.delete(key);
      }
      void this.runBatch(batch);
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    this.inFlight++;
    this.runs++;
    this.items += batch.length;
    this.largestBatch = Math.max(this.largestBatch, batch.length);
    try {
      const stacked = stackBatch(batch.map((p) => p.item));
      // The stacked buffers are ours alone, so a worker may take them without a copy (constants
      // are shared between runs, so they are copied).
      const results = await this.backend.run(this.withConstants(stacked), this.options.outputs, buffersOf(stacked));
      unstackBatch(results, batch.length).forEach((r, i) => batch[i].resolve(r));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      for (const p of batch) p.reject(e);
    } finally {
      this.inFlight--;
      if (!this.closed) this.pump();
    }
  }
}

function closedError(): GroundTruthError {
  return new GroundTruthError(GroundTruthErrorCodes.RUNNER_CLOSED, 'model runner is closed');
}
