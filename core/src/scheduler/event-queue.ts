/**
 * The event queue: a binary min-heap ordered by (time, priority, seq), held in parallel typed
 * arrays so that a queued event costs 22 bytes and no object. `seq` is the insertion counter, so
 * ties in time and priority dispatch in the order they were scheduled; it doubles as the
 * event's handle for cancellation.
 */
const SEQ_BITS = 2 ** 44; // order key = priority * 2^44 + seq: exact in a double for priority < 512
export const MAX_PRIORITY = 255;

/** The queue as data (for checkpoints): the heap's arrays in heap order, and the next sequence number. */
export interface EventQueueState {
  times: Float64Array;
  keys: Float64Array;
  handlers: Uint16Array;
  args: Int32Array;
  nextSeq: number;
}

export class EventQueue {
  private times: Float64Array;
  private keys: Float64Array;
  private handlers: Uint16Array;
  private args: Int32Array;
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.times = new Float64Array(cap);
    this.keys = new Float64Array(cap);
    this.handlers = new Uint16Array(cap);
    this.args = new Int32Array(cap);
  }

  get size(): number {
    return this.count;
  }

  get capacity(): number {
    return this.times.length;
  }

  /** Bytes held by the queue's arrays (for the memory benchmark). */
  get byteLength(): number {
    return this.times.byteLength + this.keys.byteLength + this.handlers.byteLength + this.args.byteLength;
  }

  /** Adds an event; returns its sequence number (its handle). */
  push(time: number, priority: number, handler: number, arg: number): number {
    const seq = this.nextSeq++;
    this.pushTaken(time, priority, seq, handler, arg);
    return seq;
  }

  takeSeq(): number {
    return this.nextSeq++;
  }

  pushTaken(time: number, priority: number, seq: number, handler: number, arg: number): void {
    if (this.count === this.times.length) this.grow();
    const key = priority * SEQ_BITS + seq;
    const times = this.times;
    const keys = this.keys;
    const handlers = this.handlers;
    const args = this.args;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && keys[parent] < key)) break;
      times[i] = pt;
      keys[i] = keys[parent];
      handlers[i] = handlers[parent];
      args[i] = args[parent];
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    handlers[i] = handler;
    args[i] = arg;
  }

  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  peekHandler(): number {
    return this.handlers[0];
  }

  peekArg(): number {
    return this.args[0];
  }

  peekSeq(): number {
    return this.keys[0] % SEQ_BITS;
  }

  /** Removes the head; read it first with the peek methods. */
  pop(): void {
    const n = --this.count;
    if (n === 0) return;
    const times = this.times;
    const keys = this.keys;
    const handlers = this.handlers;
    const args = this.args;
    const time = times[n];
    const key = keys[n];
    const handler = handlers[n];
    const arg = args[n];
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = times[child];
      let ck = keys[child];
      const right = child + 1;
      if (right < n) {
        const rt = times[right];
        if (rt < ct || (rt === ct && keys[right] < ck)) {
          child = right;
          ct = rt;
          ck = keys[right];
        }
      }
      if (time < ct || (time === ct && key < ck)) break;
      times[i] = ct;
      keys[i] = ck;
      handlers[i] = handlers[child];
      args[i] = args[child];
      i = child;
    }
    times[i] = time;
    keys[i] = key;
    handlers[i] = handler;
    args[i] = arg;
  }

  /** Adds to `into` the sequence numbers of `among` that are still queued (a linear scan: for compaction only). */
  collectSeqs(into: Set<number>, among: Set<number>): void {
    for (let i = 0; i < this.count; i++) {
      const seq = this.keys[i] % SEQ_BITS;
      if (among.has(seq)) into.add(seq);
    }
  }

  /** The queued events in heap order (copies), so that `restore` rebuilds the very same heap. */
  snapshot(): EventQueueState {
    const n = this.count;
    return {
      times: this.times.slice(0, n),
      keys: this.keys.slice(0, n),
      handlers: this.handlers.slice(0, n),
      args: this.args.slice(0, n),
      nextSeq: this.nextSeq,
    };
  }

  /** Replaces the queue's contents with a snapshot's: the same events, order and handles. */
  restore(state: EventQueueState): void {
    const n = state.times.length;
    const cap = Math.max(16, this.times.length, n);
    this.times = new Float64Array(cap);
    this.keys = new Float64Array(cap);
    this.handlers = new Uint16Array(cap);
    this.args = new Int32Array(cap);
    this.times.set(state.times);
    this.keys.set(state.keys);
    this.handlers.set(state.handlers);
    this.args.set(state.args);
    this.count = n;
    this.nextSeq = state.nextSeq;
  }

  clear(): void {
    this.count = 0;
  }

  /** Makes room for `events` queued events at once (see SchedulerQueue.reserve). */
  reserve(events: number): void {
    if (events > this.times.length) this.grow(events);
  }

  private grow(atLeast = 0): void {
    const old = this.times.length;
    // Double while small; grow by a quarter when large so that spare capacity stays bounded.
    const cap = Math.max(atLeast, old < 1 << 20 ? old * 2 : Math.ceil(old * 1.25));
    this.times = resize(this.times, new Float64Array(cap));
    this.keys = resize(this.keys, new Float64Array(cap));
    this.handlers = resize(this.handlers, new Uint16Array(cap));
    this.args = resize(this.args, new Int32Array(cap));
  }
}

function resize<T extends Float64Array | Uint16Array | Int32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
