/**
 * What the Scheduler needs of its queue, so that the binary heap (EventQueue) and the ladder queue
 * (LadderQueue) are interchangeable: both dispatch in exactly the same (time, priority, seq)
 * order, so a run is the same byte for byte on either.
 */
export interface SchedulerQueue {
  /** Events queued (cancelled ones included: the Scheduler's tombstones are not the queue's business). */
  readonly size: number;
  /** Bytes held by the queue's arrays (for the memory benchmark). */
  readonly byteLength: number;
  /** Adds an event; returns its sequence number (its handle). The time must be finite. */
  push(time: number, priority: number, handler: number, arg: number): number;
  /** Takes the next sequence number for an event that enters the queue later (an EventBatch's). */
  takeSeq(): number;
  /** Adds an event with a sequence number taken earlier: it orders as if it had been pushed then. */
  pushTaken(time: number, priority: number, seq: number, handler: number, arg: number): void;
  /** The head's time, or Infinity when the queue is empty. */
  peekTime(): number;
  peekHandler(): number;
  peekArg(): number;
  peekSeq(): number;
  /**
   * Makes room for `events` queued events in one step, for a caller about to queue many (a day
   * start in a large world queues millions): growing by an eighth at a time copies the queue
   * again and again.
   */
  reserve(events: number): void;
  /** Removes the head; read it first with the peek methods. */
  pop(): void;
  /** Adds to `into` the sequence numbers of `among` that are still queued (a linear scan: for compaction only). */
  collectSeqs(into: Set<number>, among: Set<number>): void;
  /** The queued events as data (for checkpoints), in heap order. */
  snapshot(): QueueState;
  /** Replaces the contents with a snapshot's (of either queue): the same events, order and handles. */
  restore(state: QueueState): void;
  clear(): void;
}

/**
 * A queue's events as plain arrays, event i at index i of each (for checkpoints). `keys` are
 * order keys, `priority * SEQ_BITS + seq`. Both queues list their events in heap order (by
 * time, then key), and the ladder restores any order, so either queue restores the other's
 * snapshot.
 */
export interface QueueState {
  times: Float64Array;
  keys: Float64Array;
  handlers: Uint16Array;
  args: Int32Array;
  /** The sequence number the next push gets, so that handles stay unique after a restore. */
  nextSeq: number;
}

/** Order key = priority * 2^44 + seq: exact in a double for priority < 512. */
export const SEQ_BITS = 2 ** 44;

/**
 * The events at `slots` of a queue's parallel arrays, arranged in heap order (Floyd's O(n) heap
 * construction): a checkpoint of millions of events is not worth an O(n log n) sort, and any
 * heap order restores to the same dispatch order, since (time, key) orders events totally.
 */
export function queueStateOf(
  slots: Int32Array,
  from: { times: Float64Array; keys: Float64Array; handlers: Uint16Array; args: Int32Array },
  nextSeq: number,
): QueueState {
  const n = slots.length;
  const state: QueueState = { times: new Float64Array(n), keys: new Float64Array(n), handlers: new Uint16Array(n), args: new Int32Array(n), nextSeq };
  const { times, keys, handlers, args } = state;
  for (let i = 0; i < n; i++) {
    const slot = slots[i];
    times[i] = from.times[slot];
    keys[i] = from.keys[slot];
    handlers[i] = from.handlers[slot];
    args[i] = from.args[slot];
  }
  for (let start = (n >> 1) - 1; start >= 0; start--) {
    const time = times[start];
    const key = keys[start];
    const handler = handlers[start];
    const arg = args[start];
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (times[child + 1] < times[child] || (times[child + 1] === times[child] && keys[child + 1] < keys[child]))) child++;
      if (time < times[child] || (time === times[child] && key < keys[child])) break;
      times[i] = times[child];
      keys[i] = keys[child];
      handlers[i] = handlers[child];
      args[i] = args[child];
      i = child;
    }
    times[i] = time;
    keys[i] = key;
    handlers[i] = handler;
    args[i] = arg;
  }
  return state;
}
