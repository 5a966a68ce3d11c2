import { type QueueState, queueStateOf, SEQ_BITS, type SchedulerQueue } from './scheduler-queue.js';

/**
 * A ladder queue (Tang, Goh and Thng, ACM TOMACS 2005): O(1) amortised push and pop, in exactly
 * EventQueue's (time, priority, seq) order. Events live in a pool of slots (parallel typed arrays,
 * 26 bytes a slot, no object) and move between three tiers by relinking, never by copying:
 *
 * - top: the events at or after `topStart` (the far future), in one unsorted list;
 * - rungs: rung 0 splits the time range of a former top into buckets (unsorted lists); rung r+1
 *   splits one bucket of rung r that held too many events; each rung consumes its buckets in order;
 * - bottom: the events before the lowest rung's next bucket, in dispatch order: a sorted list
 *   (`run`) of the last bucket consumed, and a binary heap of events that arrived for that range
 *   afterwards (and of a bucket no rung can split).
 *
 * Order is exact because a bucket is a function of time alone (so events of one time never sit in
 * different places) and each tier is ordered before the next; ties in time are settled by the full
 * order key when a bucket is sorted into the bottom. The top appends at its tail; a bucket prepends
 * at its head (no tail to touch: a cache miss saved on every move into a rung) and is reversed as
 * it is scanned, so either list comes out in the order its events were added in: a burst at one
 * timestamp comes out of its bucket already sorted and becomes the run as it is.
 */
const NONE = -1;
/** A rung gets one bucket per this many events of what it splits. */
const EVENTS_PER_BUCKET = 4;
/** A bucket of at most this many events is sorted into the bottom; a larger one gets a rung. */
const SPLIT_ABOVE = 32;
/** Rungs beyond this depth would split ever-narrower ranges: their bucket goes to the heap instead. */
const MAX_RUNGS = 32;

export class LadderQueue implements SchedulerQueue {
  // The pool. A slot is free when its key is -1; free slots are linked through `next`.
  private times: Float64Array;
  private keys: Float64Array;
  private handlers: Uint16Array;
  private args: Int32Array;
  private next: Int32Array;
  private used = 0;
  private free = NONE;
  private count = 0;
  private nextSeq = 0;

  // Top: a list (head, tail) of the events at or after topStart, with their count and range.
  private topStart = -Infinity;
  private topHead = NONE;
  private topTail = NONE;
  private topCount = 0;
  private topMin = Infinity;
  private topMax = -Infinity;

  // Rungs, a stack. Bucket b of rung r holds the events with floor((time - start[r]) * scale[r])
  // = b (the last bucket also those beyond); its list's head is at (base[r] + b) in `lists`.
  // Buckets before cur[r] are consumed (empty).
  private rungs = 0;
  private readonly rungStart = new Float64Array(MAX_RUNGS);
  private readonly rungScale = new Float64Array(MAX_RUNGS);
  private readonly rungBase = new Int32Array(MAX_RUNGS);
  private readonly rungSize = new Int32Array(MAX_RUNGS);
  private readonly rungCur = new Int32Array(MAX_RUNGS);
  private lists = new Int32Array(64).fill(NONE);

  // Bottom: the run (a sorted list) and the heap; `head` is the smaller of their heads, or NONE
  // when not yet known (found again on the next peek).
  private run = NONE;
  private heap = new Int32Array(64);
  private heapSize = 0;
  private head = NONE;

  // What `scan` found out about a list.
  private scanMin = 0;
  private scanMax = 0;
  private scanSorted = false;
  private scanHead = NONE;
  private readonly sortSlots = new Int32Array(SPLIT_ABOVE);
  /**
   * A bucket's scan also loads each event's handler and arg, which only its pop needs, and keeps
   * them here. The slots are scattered over the pool, so those loads miss the cache; in the scan
   * they overlap with the walk's own misses, while in the pop each one would stall the dispatch.
   * The hold model ran 1.4-1.9x faster for it at 1M and at 10M pending, in turn (bench/README).
   * The top is not touched: it is split into rungs, or is a burst that goes to the run as it is.
   */
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: only written, to keep the loads
  private touched = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.times = new Float64Array(cap);
    this.keys = new Float64Array(cap);
    this.handlers = new Uint16Array(cap);
    this.args = new Int32Array(cap);
    this.next = new Int32Array(cap);
  }

  get size(): number {
    return this.count;
  }

  get capacity(): number {
    return this.times.length;
  }

  get byteLength(): number {
    const pool = this.times.byteLength + this.keys.byteLength + this.handlers.byteLength + this.args.byteLength + this.next.byteLength;
    return pool + this.lists.byteLength + this.heap.byteLength + this.sortSlots.byteLength;
  }

  push(time: number, priority: number, handler: number, arg: number): number {
    const seq = this.nextSeq++;
    this.pushTaken(time, priority, seq, handler, arg);
    return seq;
  }

  takeSeq(): number {
    return this.nextSeq++;
  }

  pushTaken(time: number, priority: number, seq: number, handler: number, arg: number): void {
    this.insert(time, priority * SEQ_BITS + seq, handler, arg);
  }

  peekTime(): number {
    const head = this.head !== NONE ? this.head : this.settle();
    return head !== NONE ? this.times[head] : Infinity;
  }

  peekHandler(): number {
    return this.handlers[this.head !== NONE ? this.head : this.settle()];
  }

  peekArg(): number {
    return this.args[this.head !== NONE ? this.head : this.settle()];
  }

  peekSeq(): number {
    return this.keys[this.head !== NONE ? this.head : this.settle()] % SEQ_BITS;
  }

  pop(): void {
    const slot = this.head !== NONE ? this.head : this.settle();
    if (slot === NONE) return;
    if (slot === this.run) this.run = this.next[slot];
    else this.removeHeapRoot();
    this.keys[slot] = -1;
    this.next[slot] = this.free;
    this.free = slot;
    if (--this.count === 0) {
      // Empty: the next events start a new ladder rather than land below an old topStart.
      this.topStart = -Infinity;
      this.rungs = 0;
    }
    this.head = this.bottomHead();
  }

  collectSeqs(into: Set<number>, among: Set<number>): void {
    const keys = this.keys;
    for (let slot = 0; slot < this.used; slot++) {
      if (keys[slot] < 0) continue;
      const seq = keys[slot] % SEQ_BITS;
      if (among.has(seq)) into.add(seq);
    }
  }

  snapshot(): QueueState {
    const slots = new Int32Array(this.count);
    let n = 0;
    for (let slot = 0; slot < this.used; slot++) if (this.keys[slot] >= 0) slots[n++] = slot;
    return queueStateOf(slots, { times: this.times, keys: this.keys, handlers: this.handlers, args: this.args }, this.nextSeq);
  }

  restore(state: QueueState): void {
    this.clear();
    for (let i = 0; i < state.times.length; i++) this.insert(state.times[i], state.keys[i], state.handlers[i], state.args[i]);
    this.nextSeq = state.nextSeq;
  }

  clear(): void {
    this.used = 0;
    this.free = NONE;
    this.count = 0;
    this.topStart = -Infinity;
    this.topHead = this.topTail = NONE;
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    this.rungs = 0;
    this.run = NONE;
    this.heapSize = 0;
    this.head = NONE;
  }

  private insert(time: number, key: number, handler: number, arg: number): void {
    let slot = this.free;
    if (slot !== NONE) this.free = this.next[slot];
    else {
      if (this.used === this.times.length) this.grow();
      slot = this.used++;
    }
    this.times[slot] = time;
    this.keys[slot] = key;
    this.handlers[slot] = handler;
    this.args[slot] = arg;
    this.count++;
    this.place(slot, time);
  }

  /** Files a slot in the first tier whose range holds its time. */
  private place(slot: number, time: number): void {
    if (time >= this.topStart) {
      this.next[slot] = NONE;
      if (this.topTail === NONE) this.topHead = slot;
      else this.next[this.topTail] = slot;
      this.topTail = slot;
      this.topCount++;
      if (time < this.topMin) this.topMin = time;
      if (time > this.topMax) this.topMax = time;
      return;
    }
    for (let r = 0; r < this.rungs; r++) {
      const x = (time - this.rungStart[r]) * this.rungScale[r];
      const cur = this.rungCur[r];
      const size = this.rungSize[r];
      // x >= cur: at or after the rung's next bucket; cur < size: the rung has buckets left.
      if (x >= cur && cur < size) {
        this.prepend(this.rungBase[r] + (x < size ? x | 0 : size - 1), slot);
        return;
      }
    }
    // Before every rung's next bucket: it belongs to the bottom.
    this.toHeap(slot);
    if (this.head !== NONE && this.less(slot, this.head)) this.head = slot;
  }

  private prepend(bucket: number, slot: number): void {
    this.next[slot] = this.lists[bucket];
    this.lists[bucket] = slot;
  }

  /** Finds the head, refilling the bottom from the ladder when it is empty; NONE when the queue is. */
  private settle(): number {
    while (this.run === NONE && this.heapSize === 0) {
      if (this.count === 0) return NONE;
      this.refill();
    }
    return (this.head = this.bottomHead());
  }

  private bottomHead(): number {
    const run = this.run;
    if (this.heapSize === 0) return run;
    const root = this.heap[0];
    return run === NONE || this.less(root, run) ? root : run;
  }

  /** Moves the earliest bucket (or, with no rungs left, the top) into the empty bottom, adding rungs while it is too big. */
  private refill(): void {
    for (;;) {
      let list: number;
      let n: number;
      let fromTop = false;
      if (this.rungs === 0) {
        list = this.topHead;
        n = this.topCount;
        fromTop = true;
        this.scanMin = this.topMin;
        this.scanMax = this.topMax;
        // A burst at one time may be in order already; otherwise only a small top needs a scan.
        this.scanSorted = false;
        if (n <= SPLIT_ABOVE || this.topMin === this.topMax) this.scan(list, false);
        this.topHead = this.topTail = NONE;
        this.topCount = 0;
        this.topMin = Infinity;
        this.topMax = -Infinity;
        // Everything that was in the top is now before topStart; addRung may move it further.
        this.topStart = above(this.scanMax);
      } else {
        const r = this.rungs - 1;
        const base = this.rungBase[r];
        const size = this.rungSize[r];
        const lists = this.lists;
        let b = this.rungCur[r];
        while (b < size && lists[base + b] === NONE) b++;
        if (b === size) {
          this.rungs = r;
          continue;
        }
        this.rungCur[r] = b + 1;
        n = this.scan(lists[base + b], true);
        list = this.scanHead;
        lists[base + b] = NONE;
      }
      if (n <= SPLIT_ABOVE) this.run = this.scanSorted ? list : this.sortSmall(list, n);
      else if (this.scanSorted) this.run = list;
      else if (this.scanMax > this.scanMin && this.rungs < MAX_RUNGS && this.addRung(list, n, fromTop)) continue;
      else {
        for (let slot = list; slot !== NONE; ) {
          const following = this.next[slot];
          this.toHeap(slot);
          slot = following;
        }
      }
      return;
    }
  }

  /**
   * Counts a list and notes its range and whether it is in dispatch order already. A bucket's
   * list (`reverse`: newest first) is reversed on the way, in place, into the order its events
   * were added in; `scanHead` is the list's head afterwards.
   */
  private scan(list: number, reverse: boolean): number {
    const times = this.times;
    const keys = this.keys;
    const next = this.next;
    const handlers = this.handlers;
    const args = this.args;
    let touch = 0;
    let n = 0;
    let min = Infinity;
    let max = -Infinity;
    let sorted = true;
    // Walking newest first, a list in dispatch order comes in descending order.
    let prevTime = reverse ? Infinity : -Infinity;
    let prevKey = reverse ? Infinity : -1;
    let head = NONE;
    for (let slot = list; slot !== NONE; ) {
      const following = next[slot];
      const t = times[slot];
      const k = keys[slot];
      if (reverse) {
        touch ^= handlers[slot] ^ args[slot];
        if (t > prevTime || (t === prevTime && k > prevKey)) sorted = false;
        next[slot] = head;
        head = slot;
      } else if (t < prevTime || (t === prevTime && k < prevKey)) sorted = false;
      if (t < min) min = t;
      if (t > max) max = t;
      prevTime = t;
      prevKey = k;
      n++;
      slot = following;
    }
    this.touched = touch;
    this.scanHead = reverse ? head : list;
    this.scanMin = min;
    this.scanMax = max;
    this.scanSorted = sorted;
    return n;
  }

  /** Sorts a list of at most SPLIT_ABOVE events (insertion sort) and returns its new head. */
  private sortSmall(list: number, n: number): number {
    const slots = this.sortSlots;
    const times = this.times;
    const keys = this.keys;
    const next = this.next;
    let i = 0;
    for (let slot = list; slot !== NONE; slot = next[slot]) {
      const t = times[slot];
      const k = keys[slot];
      let j = i++;
      while (j > 0) {
        const prev = slots[j - 1];
        const pt = times[prev];
        if (pt < t || (pt === t && keys[prev] < k)) break;
        slots[j] = prev;
        j--;
      }
      slots[j] = slot;
    }
    for (let j = 0; j < n - 1; j++) next[slots[j]] = slots[j + 1];
    next[slots[n - 1]] = NONE;
    return slots[0];
  }

  /** Spreads a list over a new rung of about n / EVENTS_PER_BUCKET buckets; false when its range is too narrow to split. */
  private addRung(list: number, n: number, fromTop: boolean): boolean {
    const min = this.scanMin;
    const max = this.scanMax;
    const size = Math.ceil(n / EVENTS_PER_BUCKET);
    const scale = size / (max - min);
    if (!(scale < Infinity)) return false;
    const r = this.rungs;
    const base = r === 0 ? 0 : this.rungBase[r - 1] + this.rungSize[r - 1];
    if (base + size > this.lists.length) this.growLists(base + size);
    this.lists.fill(NONE, base, base + size);
    this.rungStart[r] = min;
    this.rungScale[r] = scale;
    this.rungBase[r] = base;
    this.rungSize[r] = size;
    this.rungCur[r] = 0;
    this.rungs = r + 1;
    // From the top, rung 0 also takes what comes within one more bucket of its range.
    if (fromTop) this.topStart = Math.max(this.topStart, max + 1 / scale);
    const times = this.times;
    const next = this.next;
    for (let slot = list; slot !== NONE; ) {
      const following = next[slot];
      const x = (times[slot] - min) * scale;
      this.prepend(base + (x < size ? x | 0 : size - 1), slot);
      slot = following;
    }
    return true;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a];
    const tb = this.times[b];
    return ta < tb || (ta === tb && this.keys[a] < this.keys[b]);
  }

  private toHeap(slot: number): void {
    if (this.heapSize === this.heap.length) {
      const grown = new Int32Array(this.heap.length * 2);
      grown.set(this.heap);
      this.heap = grown;
    }
    const heap = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(slot, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = slot;
  }

  private removeHeapRoot(): void {
    const n = --this.heapSize;
    if (n === 0) return;
    const heap = this.heap;
    const slot = heap[n];
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      if (child + 1 < n && this.less(heap[child + 1], heap[child])) child++;
      if (!this.less(heap[child], slot)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = slot;
  }

  /** Makes room for `events` queued events at once (see SchedulerQueue.reserve). */
  reserve(events: number): void {
    if (events > this.times.length) this.grow(events);
  }

  private grow(atLeast = 0): void {
    const old = this.times.length;
    // Double while small; grow by an eighth when large, so that spare slots stay within the memory budget.
    const cap = Math.max(atLeast, old < 1 << 20 ? old * 2 : Math.ceil(old * 1.125));
    this.times = resize(this.times, new Float64Array(cap));
    this.keys = resize(this.keys, new Float64Array(cap));
    this.handlers = resize(this.handlers, new Uint16Array(cap));
    this.args = resize(this.args, new Int32Array(cap));
    this.next = resize(this.next, new Int32Array(cap));
  }

  private growLists(needed: number): void {
    const grown = new Int32Array(Math.max(needed, Math.ceil(this.lists.length * 1.25))).fill(NONE);
    grown.set(this.lists);
    this.lists = grown;
  }
}

/** A number greater than x (x plus at least one unit in the last place). */
function above(x: number): number {
  return x + Math.max(Math.abs(x) * Number.EPSILON, Number.MIN_VALUE);
}

function resize<T extends Float64Array | Uint16Array | Int32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
