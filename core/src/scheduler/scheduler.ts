import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Clock } from '../clock/clock.js';
import { LagMeter } from '../clock/lag-meter.js';
import { ErrorCodes, ProdsimError } from '../errors.js';
import { EventBatch, EventBatchBuilder } from './event-batch.js';
import { EventQueue, MAX_PRIORITY } from './event-queue.js';
import { LadderQueue } from './ladder-queue.js';
import type { QueueState, SchedulerQueue } from './scheduler-queue.js';

/** An event handler: hot-path events carry one integer argument (an entity index, a slot). */
export type Handler = (time: number, arg: number) => void;
export type HandlerId = number;
/** The sequence number of a scheduled event; pass it to `cancel`. */
export type EventHandle = number;
export type RecurringHandle = number;
/**
 * For a gated handler: a promise the run must wait for before the event with this argument may
 * run (an answer still out), or undefined when it may run now.
 */
export type EventGate = (arg: number) => Promise<unknown> | undefined;

export const DAY_MS = 86_400_000;
/** Lower runs first among events at the same time. Day planning runs before anything else. */
export const Priority = { DAY_START: 0, HIGH: 64, NORMAL: 128, LOW: 192 } as const;

/**
 * The scheduler's event queue: 'heap' (EventQueue, a binary heap) or 'ladder' (LadderQueue). Both
 * dispatch in exactly the same (time, priority, seq) order, so a run is the same byte for byte on
 * either; they differ only in speed and memory (bench/scheduler).
 */
export type QueueKind = 'heap' | 'ladder';
export const QUEUE_KINDS: readonly QueueKind[] = ['heap', 'ladder'];

export interface SchedulerOptions {
  /** Events the queue holds before it first grows. */
  initialCapacity?: number;
  /** Default 'ladder'; 'heap' gives the very same run (for comparison). */
  queue?: QueueKind;
}

export type StopReason = 'until' | 'max-events' | 'stopped' | 'empty' | 'error';

export interface RunOptions {
  /** Stop before the first event after this simulated time (ms since epoch). */
  until?: number;
  /** Stop after dispatching this many events. */
  maxEvents?: number;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  progressIntervalMs?: number;
}

export interface RunProgress {
  now: number;
  dispatched: number;
  wallMs: number;
  pending: number;
}

export interface RunResult {
  reason: StopReason;
  dispatched: number;
  now: number;
  wallMs: number;
  error?: ProdsimError;
}

interface ClosureGate {
  done: boolean;
  promise: Promise<unknown>;
}

interface Recurring {
  interval: number;
  handler: HandlerId;
  arg: number;
  priority: number;
  seq: number;
  active: boolean;
}

/**
 * The scheduler as data (for checkpoints): simulated time, the queue, cancellations, recurring
 * events, and the names of the handlers the queued ids refer to. Closures (`call`, `whenReady`)
 * are code, not data: a scheduler with one queued cannot be snapshotted.
 */
export interface SchedulerState {
  now: number;
  handlerNames: string[];
  queue: QueueState;
  cancelled: number[];
  recurring: Recurring[];
  dayScheduled: boolean;
  /** Batches under way (`Scheduler.plan`) by index: each from the event that is in the queue. */
  batches: BatchState[];
}

interface BatchState {
  index: number;
  handler: HandlerId;
  priority: number;
  times: Float64Array;
  seqs: Uint32Array;
  seqBase: number;
  args: Int32Array;
}

export interface PlanOptions {
  /** Default NORMAL. */
  priority?: number;
  /** About how many events `fill` adds: room for them in one step. */
  expected?: number;
}

/**
 * The ladder queue by default: bench/scheduler measured it faster than the heap at every pending
 * count tried (10,000 to 10,000,000; hold and bursty), within 32 bytes a queued event.
 */
const DEFAULT_QUEUE: QueueKind = 'ladder';
const YIELD_EVERY = 4096;
const MAX_SLEEP_MS = 100;

/**
 * Simulated-time scheduler. One queue ordered by (time, priority, seq); handlers are registered
 * once and referenced by id so that scheduling an event allocates nothing.
 */
export class Scheduler {
  readonly clock: Clock;
  readonly lag = new LagMeter();
  /** Current simulated time, ms since epoch. */
  now: number;
  private readonly queue: SchedulerQueue;
  readonly queueKind: QueueKind;
  private readonly handlers: Handler[] = [];
  private readonly handlerNames: string[] = [];
  private readonly cancelled = new Set<number>();
  /** How many cancelled handles the last compaction kept (all of them still queued). */
  private keptCancelled = 0;
  private readonly gateOf: (EventGate | undefined)[] = [];
  private readonly closures: (((time: number) => void) | undefined)[] = [];
  private readonly gates: (ClosureGate | undefined)[] = [];
  private readonly freeClosures: number[] = [];
  private recurring: Recurring[] = [];
  private readonly dayHooks: ((dayStart: number, dayIndex: number) => void)[] = [];
  /** Batches under way, by the index their queued event carries; `waiting` counts their events not yet queued. */
  private batches: (EventBatch | undefined)[] = [];
  private readonly freeBatches: number[] = [];
  private waiting = 0;
  /** The handler of the batch event being dispatched, so that a failure names it rather than "batch". */
  private batchHandler = -1;
  private dayScheduled = false;
  private blocker: Promise<unknown> | undefined;
  private running = false;
  private readonly CLOSURE: HandlerId;
  private readonly RECURRING: HandlerId;
  private readonly DAY: HandlerId;
  private readonly BATCH: HandlerId;

  constructor(clock: Clock, options: SchedulerOptions = {}) {
    this.clock = clock;
    this.now = clock.startTime;
    const kind = options.queue ?? DEFAULT_QUEUE;
    if (!QUEUE_KINDS.includes(kind)) {
      throw new ProdsimError(ErrorCodes.SCHEDULER_QUEUE, `unknown scheduler queue "${kind}": use ${QUEUE_KINDS.map((k) => `"${k}"`).join(' or ')}`);
    }
    this.queueKind = kind;
    this.queue = kind === 'ladder' ? new LadderQueue(options.initialCapacity) : new EventQueue(options.initialCapacity);
    this.CLOSURE = this.register(
      'closure',
      (time, slot) => this.runClosure(time, slot),
      (slot) => {
        const gate = this.gates[slot];
        return gate !== undefined && !gate.done ? gate.promise : undefined;
      },
    );
    this.RECURRING = this.register('recurring', (time, index) => this.runRecurring(time, index));
    this.DAY = this.register('day-start', (time) => this.runDayStart(time));
    this.BATCH = this.register('batch', (time, index) => this.runBatch(time, index));
  }

  /**
   * Registers a handler; the returned id is what `at`/`after` take. With a `gate`, an event of
   * this handler waits (the whole run waits) until the gate has nothing more to wait for: how a
   * decision waits for an answer that is still out.
   */
  register(name: string, handler: Handler, gate?: EventGate): HandlerId {
    if (this.handlers.length >= 65_535) throw new ProdsimError(ErrorCodes.SCHEDULER_HANDLER, 'too many handlers registered (max 65535)');
    this.handlers.push(handler);
    this.handlerNames.push(name);
    if (gate) this.gateOf[this.handlers.length - 1] = gate;
    return this.handlers.length - 1;
  }

  /** Events queued, or waiting in a batch, and not cancelled. */
  get pending(): number {
    return this.queue.size + this.waiting - this.cancelled.size;
  }

  /** Makes room for `more` events beyond those queued now, in one step (a day start about to queue millions). */
  reserve(more: number): void {
    this.queue.reserve(this.queue.size + Math.max(0, Math.ceil(more)));
  }

  /** Bytes held by the queue's arrays and by the batches under way. */
  get queueBytes(): number {
    let bytes = this.queue.byteLength;
    for (const batch of this.batches) bytes += batch?.byteLength ?? 0;
    return bytes;
  }

  at(time: number, handler: HandlerId, arg = 0, priority: number = Priority.NORMAL): EventHandle {
    if (!(time >= this.now)) this.badTime(time);
    this.checkEvent(handler, priority);
    return this.queue.push(time, priority, handler, arg | 0);
  }

  after(delayMs: number, handler: HandlerId, arg = 0, priority: number = Priority.NORMAL): EventHandle {
    return this.at(this.now + delayMs, handler, arg, priority);
  }

  /**
   * Schedules many events of one handler at once: `fill` calls `add(time, arg)` for each, in any
   * time order, and may schedule other events in between. The run is the same as if each had been
   * scheduled with `at` when it was added (each takes its sequence number then, and its handle can
   * be cancelled), but they wait outside the queue, sorted, and enter it one at a time
   * (event-batch.ts): what a day start that plans millions of sessions needs. Returns how many
   * were added. A gated handler cannot be planned (its events must wait for answers in the queue).
   */
  plan(handler: HandlerId, fill: (add: (time: number, arg: number) => EventHandle) => void, options: PlanOptions = {}): number {
    const priority = options.priority ?? Priority.NORMAL;
    this.checkEvent(handler, priority);
    if (this.gateOf[handler] !== undefined) {
      throw new ProdsimError(ErrorCodes.SCHEDULER_HANDLER, `handler "${this.handlerName(handler)}" is gated: its events cannot be planned in a batch`);
    }
    const builder = new EventBatchBuilder(handler, priority, options.expected ?? 1024);
    const queue = this.queue;
    fill((time, arg) => {
      if (!(time >= this.now)) this.badTime(time);
      const seq = queue.takeSeq();
      builder.add(time, seq, arg | 0);
      return seq;
    });
    const batch = builder.build();
    if (batch === undefined) return 0;
    const index = this.freeBatches.length > 0 ? this.freeBatches.pop()! : this.batches.length;
    this.batches[index] = batch;
    this.waiting += batch.length - 1;
    queue.pushTaken(batch.time(0), priority, batch.seq(0), this.BATCH, index);
    return batch.length;
  }

  /** Schedules a one-off closure (convenient, but allocates: keep it off hot paths). */
  call(time: number, fn: (time: number) => void, priority: number = Priority.NORMAL): EventHandle {
    return this.at(time, this.CLOSURE, this.storeClosure(fn, undefined), priority);
  }

  /**
   * Schedules `fn(value)` at `time`, where value comes from a promise (e.g. a prediction). If the
   * promise has not settled when the event comes up, the run waits for it, so the result is
   * applied at the same simulated time however long the outside world took: determinism.
   */
  whenReady<T>(time: number, promise: Promise<T> | T, fn: (value: T, time: number) => void, priority: number = Priority.NORMAL): EventHandle {
    if (!(promise instanceof Promise)) return this.call(time, (t) => fn(promise, t), priority);
    let value: T;
    const gate: ClosureGate = { done: false, promise: undefined as unknown as Promise<unknown> };
    gate.promise = promise.then((v) => {
      value = v;
      gate.done = true;
    });
    return this.at(
      time,
      this.CLOSURE,
      this.storeClosure((t) => fn(value, t), gate),
      priority,
    );
  }

  /** Makes the run wait for `promise` before the next event (transport backpressure). */
  hold(promise: Promise<unknown>): void {
    this.blocker = this.blocker ? Promise.all([this.blocker, promise]) : promise;
  }

  every(first: number, intervalMs: number, handler: HandlerId, arg = 0, priority: number = Priority.NORMAL): RecurringHandle {
    if (!(intervalMs > 0)) throw new ProdsimError(ErrorCodes.SCHEDULER_TIME, `recurring interval must be > 0 ms, got ${intervalMs}`);
    const index = this.recurring.length;
    const entry = { interval: intervalMs, handler, arg, priority, seq: -1, active: true };
    this.recurring.push(entry);
    entry.seq = this.at(first, this.RECURRING, index, priority);
    return index;
  }

  /** Cancels a scheduled event; cancelling one that already ran has no effect. */
  cancel(handle: EventHandle): void {
    this.cancelled.add(handle);
    // Drop the handles of events that already ran, now and then: once there are many, a quarter of
    // what is queued, and twice what the last compaction kept (those are all still queued: without
    // that, cancelling many queued events would compact on every cancel).
    const n = this.cancelled.size;
    if (n > 4096 && n > (this.queue.size + this.waiting) / 4 && n > 2 * this.keptCancelled) this.compactCancelled();
  }

  cancelRecurring(handle: RecurringHandle): void {
    const entry = this.recurring[handle];
    if (!entry?.active) return;
    entry.active = false;
    this.cancel(entry.seq);
  }

  /** Calls `hook(dayStart, dayIndex)` at the start of every simulated UTC day (and at the run's start). */
  onDayStart(hook: (dayStart: number, dayIndex: number) => void): void {
    this.dayHooks.push(hook);
    if (!this.dayScheduled) {
      this.dayScheduled = true;
      this.at(this.now, this.DAY, 0, Priority.DAY_START);
    }
  }

  dayIndex(time: number): number {
    return Math.floor((time - startOfDay(this.clock.startTime)) / DAY_MS);
  }

  handlerName(id: HandlerId): string {
    return this.handlerNames[id] ?? `#${id}`;
  }

  async run(options: RunOptions = {}): Promise<RunResult> {
    if (this.running) throw new ProdsimError(ErrorCodes.SCHEDULER_RUNNING, 'the scheduler is already running');
    this.running = true;
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    const signal = options.signal;
    const progressEvery = options.progressIntervalMs ?? 250;
    const clock = this.clock;
    const wall = clock.wall;
    const paced = clock.paced;
    const queue = this.queue;
    const handlers = this.handlers;
    const cancelled = this.cancelled;
    const gateOf = this.gateOf;
    const wallStart = wall.now();
    let lastProgress = wallStart;
    let dispatched = 0;
    let sinceYield = 0;
    let reason: StopReason;
    let error: ProdsimError | undefined;
    clock.anchor(this.now);
    try {
      for (;;) {
        if (this.blocker !== undefined) {
          const b = this.blocker;
          this.blocker = undefined;
          // A stop signal is heard while the run waits for room (a broker that is down), not after.
          if (signal === undefined) await b;
          else if (await stoppedFirst(b, signal)) {
            this.blocker = b;
            reason = 'stopped';
            break;
          }
        }
        const time = queue.peekTime();
        if (time === Infinity) {
          reason = 'empty';
          break;
        }
        if (time > until) {
          reason = 'until';
          break;
        }
        if (dispatched >= maxEvents) {
          reason = 'max-events';
          break;
        }
        if (signal?.aborted) {
          reason = 'stopped';
          break;
        }
        const handler = queue.peekHandler();
        const arg = queue.peekArg();
        if (cancelled.size > 0 && cancelled.delete(queue.peekSeq())) {
          queue.pop();
          if (handler === this.BATCH) this.advanceBatch(arg);
          continue;
        }
        if (paced) {
          const due = clock.wallDue(time);
          const wallNow = wall.now();
          if (due > wallNow) {
            await wall.sleep(Math.min(due - wallNow, MAX_SLEEP_MS));
            continue;
          }
          this.lag.record(wallNow - due);
        }
        const gate = gateOf[handler];
        if (gate !== undefined) {
          const wait = gate(arg);
          if (wait !== undefined) {
            await wait;
            continue;
          }
        }
        queue.pop();
        this.now = time;
        try {
          handlers[handler](time, arg);
        } catch (cause) {
          throw new ProdsimError(
            ErrorCodes.SCHEDULER_HANDLER,
            `handler "${this.handlerName(handler === this.BATCH ? this.batchHandler : handler)}" failed at ${new Date(time).toISOString()}: ${(cause as Error)?.message ?? cause}`,
            { cause },
          );
        }
        dispatched++;
        if (++sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          // Let I/O (signals, sockets, stream writes) in; a pure fast-forward run would starve it.
          await yieldToLoop();
          if (options.onProgress) {
            const w = wall.now();
            if (w - lastProgress >= progressEvery) {
              lastProgress = w;
              options.onProgress({ now: this.now, dispatched, wallMs: w - wallStart, pending: this.pending });
            }
          }
        }
      }
    } catch (cause) {
      reason = 'error';
      error = cause instanceof ProdsimError ? cause : new ProdsimError(ErrorCodes.SCHEDULER_HANDLER, String((cause as Error)?.message ?? cause), { cause });
    } finally {
      this.running = false;
    }
    if (reason === 'until' && until !== Infinity) this.now = Math.max(this.now, until);
    return { reason, dispatched, now: this.now, wallMs: wall.now() - wallStart, error };
  }

  /**
   * The scheduler as data, between two events (a checkpoint). Throws when a closure is queued:
   * closures are code, and only events of registered handlers can be restored.
   */
  snapshot(): SchedulerState {
    if (this.running) throw new ProdsimError(ErrorCodes.SCHEDULER_RUNNING, 'the scheduler cannot be snapshotted while it runs: stop it first');
    const queue = this.queue.snapshot();
    const closures: number[] = [];
    for (let i = 0; i < queue.handlers.length; i++) {
      // An order key is priority * 2^44 + seq.
      if (queue.handlers[i] === this.CLOSURE && !this.cancelled.has(queue.keys[i] % 2 ** 44)) closures.push(queue.times[i]);
    }
    if (closures.length > 0) {
      throw new ProdsimError(
        ErrorCodes.CHECKPOINT_UNSUPPORTED,
        `cannot checkpoint: ${closures.length} one-off closure(s) (Scheduler.call or whenReady) are queued, the first for ${new Date(closures.reduce((a, b) => Math.min(a, b))).toISOString()}; ` +
          'only events of registered handlers can be restored',
      );
    }
    return {
      now: this.now,
      handlerNames: [...this.handlerNames],
      queue,
      cancelled: [...this.cancelled],
      recurring: this.recurring.map((r) => ({ ...r })),
      dayScheduled: this.dayScheduled,
      batches: this.batchStates(),
    };
  }

  /**
   * Continues from a snapshot. The handlers must already be registered as they were (the same
   * world built from the same configuration registers the same ones in the same order); the
   * queue, cancellations, recurring events and time are replaced by the snapshot's.
   */
  restore(state: SchedulerState): void {
    if (this.running) throw new ProdsimError(ErrorCodes.SCHEDULER_RUNNING, 'the scheduler cannot be restored while it runs');
    const mine = this.handlerNames.join(', ');
    if (state.handlerNames.join(', ') !== mine) {
      throw new ProdsimError(
        ErrorCodes.CHECKPOINT_INCOMPATIBLE,
        `the checkpoint's scheduler had the handlers [${state.handlerNames.join(', ')}], this world registers [${mine}]: it was written by another version or configuration`,
      );
    }
    this.queue.restore(state.queue);
    this.cancelled.clear();
    for (const seq of state.cancelled) this.cancelled.add(seq);
    this.recurring = state.recurring.map((r) => ({ ...r }));
    this.dayScheduled = state.dayScheduled;
    this.now = state.now;
    this.batches = [];
    this.freeBatches.length = 0;
    this.waiting = 0;
    for (const b of state.batches) {
      this.batches[b.index] = EventBatch.of(b.handler, b.priority, b.times, b.seqs, b.seqBase, b.args);
      this.waiting += b.times.length - 1;
    }
    for (let i = 0; i < this.batches.length; i++) if (this.batches[i] === undefined) this.freeBatches.push(i);
  }

  /** The batches under way as data, each from its event in the queue on. */
  private batchStates(): BatchState[] {
    const states: BatchState[] = [];
    this.batches.forEach((batch, index) => {
      if (batch === undefined) return;
      const { handler, priority, seqBase, cursor } = batch;
      states.push({ index, handler, priority, seqBase, ...batch.arrays(cursor) });
    });
    return states;
  }

  private checkEvent(handler: HandlerId, priority: number): void {
    if (!(priority >= 0 && priority <= MAX_PRIORITY) || (priority | 0) !== priority) {
      throw new ProdsimError(ErrorCodes.SCHEDULER_TIME, `priority must be an integer in 0..${MAX_PRIORITY}, got ${priority}`);
    }
    if (handler >= this.handlers.length) throw new ProdsimError(ErrorCodes.SCHEDULER_HANDLER, `no handler with id ${handler}`);
  }

  private badTime(time: number): never {
    throw new ProdsimError(
      ErrorCodes.SCHEDULER_TIME,
      Number.isFinite(time)
        ? `cannot schedule at ${new Date(time).toISOString()}: it is before the current simulated time ${new Date(this.now).toISOString()}`
        : `cannot schedule at time ${time}: not a finite number`,
    );
  }

  private storeClosure(fn: (time: number) => void, gate: ClosureGate | undefined): number {
    const slot = this.freeClosures.length > 0 ? this.freeClosures.pop()! : this.closures.length;
    this.closures[slot] = fn;
    this.gates[slot] = gate;
    return slot;
  }

  private runClosure(time: number, slot: number): void {
    const fn = this.closures[slot]!;
    this.closures[slot] = undefined;
    this.gates[slot] = undefined;
    this.freeClosures.push(slot);
    fn(time);
  }

  private runRecurring(time: number, index: number): void {
    const entry = this.recurring[index];
    if (!entry.active) return;
    entry.seq = this.at(time + entry.interval, this.RECURRING, index, entry.priority);
    this.handlers[entry.handler](time, entry.arg);
  }

  /** A batch's event: its next one enters the queue first, then its handler runs. */
  private runBatch(time: number, index: number): void {
    const batch = this.batches[index]!;
    const arg = batch.arg(batch.cursor);
    this.batchHandler = batch.handler;
    this.advanceBatch(index);
    this.handlers[batch.handler](time, arg);
  }

  /** Queues a batch's next event, or ends the batch after its last. */
  private advanceBatch(index: number): void {
    const batch = this.batches[index]!;
    const next = ++batch.cursor;
    if (next < batch.length) {
      this.waiting--;
      this.queue.pushTaken(batch.time(next), batch.priority, batch.seq(next), this.BATCH, index);
    } else {
      this.batches[index] = undefined;
      this.freeBatches.push(index);
    }
  }

  private runDayStart(time: number): void {
    const day = this.dayIndex(time);
    this.at(startOfDay(time) + DAY_MS, this.DAY, 0, Priority.DAY_START);
    for (const hook of this.dayHooks) hook(time, day);
  }

  private compactCancelled(): void {
    const stillQueued = new Set<number>();
    this.queue.collectSeqs(stillQueued, this.cancelled);
    for (const batch of this.batches) {
      if (batch === undefined) continue;
      for (let i = batch.cursor + 1; i < batch.length; i++) if (this.cancelled.has(batch.seq(i))) stillQueued.add(batch.seq(i));
    }
    this.cancelled.clear();
    for (const seq of stillQueued) this.cancelled.add(seq);
    this.keptCancelled = this.cancelled.size;
  }
}

/** Waits for `work` or the signal, whichever comes first; true when the signal did. */
async function stoppedFirst(work: Promise<unknown>, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return true;
  let onAbort!: () => void;
  const aborted = new Promise<true>((resolve) => {
    onAbort = () => resolve(true);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work.then(() => false), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export function startOfDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}
