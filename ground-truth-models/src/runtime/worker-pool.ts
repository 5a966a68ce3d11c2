import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GroundTruthError, GroundTruthErrorCodes, type GroundTruthErrorCode } from '../errors.js';
import type { ModelSource, SessionOptions, ValueInfo } from './onnx-session.js';
import type { FromWorker, ToWorker } from './session-worker.js';
import type { Feeds, Results } from './tensor.js';

export interface WorkerPoolOptions extends SessionOptions {
  /** Worker threads, each with its own session; on a 2-core machine, 2 workers x 1 thread. */
  readonly workers: number;
}

interface Job {
  readonly feeds: Feeds;
  readonly fetch?: readonly string[];
  readonly transfer: readonly ArrayBuffer[];
  readonly resolve: (r: Results) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  jobId: number;
  dead: boolean;
}

/**
 * A pool of worker_threads, one onnxruntime session each, so that several batches run on several
 * cores at once and the event loop stays free. Jobs queue when every worker is busy. A worker that
 * dies fails only its own job (with a coded error) and is replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;
  private nextId = 1;

  private constructor(
    private readonly model: ModelSource,
    private readonly options: WorkerPoolOptions,
    readonly inputs: readonly ValueInfo[],
    readonly outputs: readonly ValueInfo[],
  ) {}

  static async create(model: ModelSource, options: WorkerPoolOptions): Promise<WorkerPool> {
    if (!Number.isInteger(options.workers) || options.workers < 1)
      throw new GroundTruthError(GroundTruthErrorCodes.INPUT_INVALID, `workers must be an integer >= 1, got ${options.workers}`);
    const started = await Promise.allSettled(Array.from({ length: options.workers }, () => startWorker(model, options)));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      for (const s of started) if (s.status === 'fulfilled') void s.value.worker.terminate();
      throw failed.reason;
    }
    const ready = started.map((s) => (s as PromiseFulfilledResult<StartedWorker>).value);
    const pool = new WorkerPool(model, options, ready[0].inputs, ready[0].outputs);
    for (const r of ready) pool.adopt(r.worker);
    return pool;
  }

  get concurrency(): number {
    return this.options.workers;
  }

  /** Runs one batch on the next free worker. Buffers listed in `transfer` move to the worker (the caller must not reuse them). */
  run(feeds: Feeds, fetch?: readonly string[], transfer: readonly ArrayBuffer[] = []): Promise<Results> {
    if (this.closed) return Promise.reject(new GroundTruthError(GroundTruthErrorCodes.RUNNER_CLOSED, 'worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ feeds, fetch, transfer, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new GroundTruthError(GroundTruthErrorCodes.RUNNER_CLOSED, 'worker pool closed before the job ran'));
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.job?.reject(new GroundTruthError(GroundTruthErrorCodes.RUNNER_CLOSED, 'worker pool closed while the job ran'));
        slot.job = undefined;
        slot.worker.postMessage({ type: 'close' } satisfies ToWorker);
        await slot.worker.terminate();
      }),
    );
  }

  private adopt(worker: Worker): void {
    const slot: Slot = { worker, jobId: 0, dead: false };
    this.slots.push(slot);
    this.listen(slot);
    this.pump();
  }

  private listen(slot: Slot): void {
    const worker = slot.worker;
    worker.on('message', (message: FromWorker) => {
      if (slot.dead || message.type === 'ready') return;
      const job = slot.job;
      if (!job || message.id !== slot.jobId) return;
      slot.job = undefined;
      if (message.type === 'result') job.resolve(message.results);
      else job.reject(new GroundTruthError((message.code ?? GroundTruthErrorCodes.RUN_FAILED) as GroundTruthErrorCode, message.message));
      this.pump();
    });
    const died = (error: Error | number) => {
      // 'error' is followed by 'exit': replace the worker once.
      if (slot.dead || this.closed) return;
      slot.dead = true;
      const why = typeof error === 'number' ? `exited with code ${error}` : error.message;
      slot.job?.reject(new GroundTruthError(GroundTruthErrorCodes.WORKER_FAILED, `model worker ${why}`));
      slot.job = undefined;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      // Replace the worker so the pool keeps its size; if that fails too, fail what is queued.
      startWorker(this.model, this.options).then(
        (r) => (this.closed ? void r.worker.terminate() : this.adopt(r.worker)),
        (e: Error) => {
          if (this.slots.length === 0) for (const job of this.queue.splice(0)) job.reject(e);
        },
      );
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(code));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job || slot.dead) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.jobId = this.nextId++;
      slot.worker.postMessage({ type: 'run', id: slot.jobId, feeds: job.feeds, fetch: job.fetch } satisfies ToWorker, [...job.transfer]);
    }
  }
}

/** Distinct buffers of some tensors (two may share one; listing it twice would fail a transfer). */
export function buffersOf(tensors: Feeds): ArrayBuffer[] {
  return [...new Set(Object.values(tensors).map((t) => t.data.buffer as ArrayBuffer))];
}

interface StartedWorker {
  readonly worker: Worker;
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
}

function startWorker(model: ModelSource, options: SessionOptions): Promise<StartedWorker> {
  const session: SessionOptions = { intraOpNumThreads: options.intraOpNumThreads ?? 1, graphOptimizationLevel: options.graphOptimizationLevel };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerEntry(), { workerData: { model, options: session }, execArgv: workerExecArgv() });
    const fail = (code: GroundTruthErrorCode, message: string) => {
      void worker.terminate();
      reject(new GroundTruthError(code, message));
    };
    worker.once('message', (message: FromWorker) => {
      if (message.type === 'ready') resolve({ worker, inputs: message.inputs, outputs: message.outputs });
      else if (message.type === 'error') fail((message.code ?? GroundTruthErrorCodes.WORKER_FAILED) as GroundTruthErrorCode, message.message);
    });
    worker.once('error', (e) => fail(GroundTruthErrorCodes.WORKER_FAILED, `model worker failed to start: ${e.message}`));
  });
}

/**
 * The parent's Node flags minus export conditions: the worker is compiled JavaScript and must
 * resolve workspace packages to their dist/, not to the TypeScript "source" a test runner selects.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const a = process.execArgv[i];
    if (a === '--conditions' || a === '-C') i++;
    else if (!a.startsWith('--conditions=')) out.push(a);
  }
  return out;
}

/**
 * The compiled worker script. Tests run this package from src/ (TypeScript, which Node 20
 * cannot load in a worker), so from src/ it points at the build in dist/.
 */
function workerEntry(): URL {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return new URL('./session-worker.js', import.meta.url);
  const built = path.resolve(path.dirname(here), '../../dist/runtime/session-worker.js');
  if (!existsSync(built)) throw new GroundTruthError(GroundTruthErrorCodes.WORKER_FAILED, `worker script ${built} is missing; build first with \`npx tsc -b\``);
  return pathToFileURL(built);
}
