import { ErrorCodes, ProdsimError } from '../errors.js';

/**
 * Events of one handler and priority planned at once, such as a day start's sessions: millions
 * of events, all known when they are planned. They wait outside the queue, sorted by time, and
 * enter it one at a time, each when the one before it is dispatched. A waiting event costs 16
 * bytes (one record: its time, sequence number and argument) and its share of one sort; in the
 * ladder queue it would cost a 26-byte slot and moves through the rungs, and the queue's arrays
 * would stay as large as the day start made them.
 *
 * Each event takes its sequence number when it is added, as `Scheduler.at` would have given it,
 * and enters the queue with it: the run dispatches exactly what it would have dispatched had
 * every event been queued when it was planned, byte for byte. That holds because the batch's
 * next event is never later in the order than any event still waiting behind it (same priority,
 * sorted by time, ties in the order added, which is the order of their sequence numbers).
 *
 * A large batch is sorted as it goes: when planned, its records are partitioned by time into
 * buckets of about BUCKET_RECORDS (one pass, stable), and a bucket is sorted when the cursor first
 * reaches it. A day start then sorts only its first minutes' sessions before the run goes on, and
 * each bucket's sort works within the core's cache rather than over the whole batch.
 */
export class EventBatch {
  /** The index of the event in the queue now; those after it wait. */
  cursor = 0;
  /** The records' times: record i's at index 2i (a view of the same memory). */
  private readonly times: Float64Array;
  /** Records before this index are in dispatch order; the next bucket starts here. */
  private sortedTo = 0;
  private bucket = 0;
  /**
   * Room for the largest bucket's sort, made with the batch. Made at the first sort instead, in
   * the middle of a day, it left a 10M-user day's RSS 30-70 MB higher (1.30-1.33x the build
   * against 1.27x, in turn, read after one GC: see bench/README on freed arrays still counted).
   */
  private scratch: Uint32Array | undefined;

  constructor(
    readonly handler: number,
    readonly priority: number,
    /** Four words a record: the time (a double's two words), the sequence number less `seqBase`, the argument. */
    private readonly records: Uint32Array,
    /** A batch is planned in one go: its sequence numbers are far fewer than 2^32 apart. */
    readonly seqBase: number,
    readonly length: number,
    /**
     * Where each bucket ends (records partitioned by time: every record of a bucket is earlier than
     * every one of the next); the records are sorted within none of them yet. By default, one
     * bucket of records already in dispatch order.
     */
    private readonly ends?: Uint32Array,
  ) {
    this.times = new Float64Array(records.buffer, records.byteOffset, 2 * length);
    if (ends === undefined) this.sortedTo = length;
    else {
      let largest = ends[0];
      for (let b = 1; b < ends.length; b++) largest = Math.max(largest, ends[b] - ends[b - 1]);
      this.scratch = new Uint32Array(RECORD * largest);
    }
  }

  /** A batch from plain arrays (a checkpoint's), already in dispatch order. */
  static of(handler: number, priority: number, times: Float64Array, seqs: Uint32Array, seqBase: number, args: Int32Array): EventBatch {
    const n = times.length;
    const records = new Uint32Array(RECORD * n);
    const view = new Float64Array(records.buffer, 0, 2 * n);
    for (let i = 0; i < n; i++) {
      view[2 * i] = times[i];
      records[RECORD * i + SEQ] = seqs[i];
      records[RECORD * i + ARG] = args[i];
    }
    return new EventBatch(handler, priority, records, seqBase, n);
  }

  /** How many records are in dispatch order so far (the rest wait in buckets, unsorted). */
  get sortedCount(): number {
    return this.sortedTo;
  }

  /** Event i's time, in dispatch order (as are `seq` and `arg`). */
  time(i: number): number {
    if (i >= this.sortedTo) this.sortThrough(i);
    return this.times[2 * i];
  }

  seq(i: number): number {
    if (i >= this.sortedTo) this.sortThrough(i);
    return this.seqBase + this.records[RECORD * i + SEQ];
  }

  arg(i: number): number {
    if (i >= this.sortedTo) this.sortThrough(i);
    return this.records[RECORD * i + ARG] | 0;
  }

  /** Sorts the buckets up to the one that holds record i. */
  private sortThrough(i: number): void {
    const ends = this.ends as Uint32Array;
    while (i >= this.sortedTo) {
      const from = this.sortedTo;
      const to = ends[this.bucket++];
      const n = to - from;
      if (n > 1) {
        const part = this.records.subarray(RECORD * from, RECORD * to);
        const out = sortByTime(part, n, (this.scratch as Uint32Array).subarray(0, RECORD * n));
        if (out !== part) part.set(out);
      }
      this.sortedTo = to;
    }
    if (this.sortedTo === this.length) this.scratch = undefined;
  }

  /** Events [from, length) as plain arrays (for a checkpoint). */
  arrays(from: number): { times: Float64Array; seqs: Uint32Array; args: Int32Array } {
    if (this.length > 0) this.sortThrough(this.length - 1);
    const n = this.length - from;
    const times = new Float64Array(n);
    const seqs = new Uint32Array(n);
    const args = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      times[i] = this.time(from + i);
      seqs[i] = this.records[RECORD * (from + i) + SEQ];
      args[i] = this.arg(from + i);
    }
    return { times, seqs, args };
  }

  get byteLength(): number {
    return this.records.byteLength + (this.scratch?.byteLength ?? 0);
  }
}

/** Words per record, and where the sequence number and the argument sit (the time is words 0 and 1). */
const RECORD = 4;
const SEQ = 2;
const ARG = 3;
/** A large batch's buckets aim at this many records: 512 KiB, sorted within a core's cache. */
const BUCKET_RECORDS = 32_768;

/** Collects a batch's events in the order they are planned (any time order), then sorts or partitions them. */
export class EventBatchBuilder {
  private records: Uint32Array;
  private times: Float64Array;
  private count = 0;
  private seqBase = -1;
  private min = Infinity;
  private max = -Infinity;

  constructor(
    private readonly handler: number,
    private readonly priority: number,
    expected: number,
  ) {
    this.records = new Uint32Array(RECORD * Math.max(16, Math.ceil(expected)));
    this.times = new Float64Array(this.records.buffer);
  }

  add(time: number, seq: number, arg: number): void {
    if (RECORD * this.count === this.records.length) this.grow();
    if (this.seqBase < 0) this.seqBase = seq;
    const offset = seq - this.seqBase;
    if (offset > 0xffff_ffff) {
      throw new ProdsimError(ErrorCodes.SCHEDULER_HANDLER, 'a batch of planned events spans more than 2^32 sequence numbers: plan it in one go');
    }
    const i = this.count++;
    // + 0 turns -0 into 0, so that the sort's bit patterns order it with 0.
    this.times[2 * i] = time + 0;
    if (time < this.min) this.min = time;
    if (time > this.max) this.max = time;
    this.records[RECORD * i + SEQ] = offset;
    this.records[RECORD * i + ARG] = arg;
  }

  /**
   * The batch, or undefined when nothing was added: sorted now when it has at most
   * `bucketRecords` events, otherwise partitioned into buckets of about that many, each sorted
   * when the run reaches it.
   */
  build(bucketRecords = BUCKET_RECORDS): EventBatch | undefined {
    const n = this.count;
    if (n === 0) return undefined;
    // Buckets split the time range evenly; a range too narrow (or too wide) for that is sorted now.
    const buckets = Math.ceil(n / bucketRecords);
    const scale = buckets / (this.max - this.min);
    if (buckets === 1 || !(scale > 0 && scale < Infinity)) {
      return new EventBatch(this.handler, this.priority, sortByTime(this.records, n), this.seqBase, n);
    }
    const { records, ends } = partition(this.records, n, this.min, scale, buckets);
    return new EventBatch(this.handler, this.priority, records, this.seqBase, n, ends);
  }

  private grow(): void {
    const records = new Uint32Array(this.records.length * 2);
    records.set(this.records);
    this.records = records;
    this.times = new Float64Array(records.buffer);
  }
}

/**
 * Moves records [0, n) into a new array, bucket by bucket, stably: record i goes to bucket
 * floor((time - min) * scale), at most `buckets` - 1, which grows with the time. Returns the array
 * and where each bucket ends.
 */
function partition(records: Uint32Array, n: number, min: number, scale: number, buckets: number): { records: Uint32Array; ends: Uint32Array } {
  const times = new Float64Array(records.buffer, records.byteOffset, 2 * n);
  const last = buckets - 1;
  const at = new Uint32Array(buckets);
  for (let i = 0; i < n; i++) {
    const x = (times[2 * i] - min) * scale;
    at[x < last ? x | 0 : last]++;
  }
  const ends = new Uint32Array(buckets);
  for (let b = 0, end = 0; b < buckets; b++) {
    const count = at[b];
    at[b] = end;
    end += count;
    ends[b] = end;
  }
  const out = new Uint32Array(RECORD * n);
  for (let i = 0, r = 0; i < n; i++, r += RECORD) {
    const x = (times[2 * i] - min) * scale;
    const o = RECORD * at[x < last ? x | 0 : last]++;
    out[o] = records[r];
    out[o + 1] = records[r + 1];
    out[o + 2] = records[r + 2];
    out[o + 3] = records[r + 3];
  }
  return { records: out, ends };
}

/** Which 32-bit word of a double holds its low bits (0 on little-endian machines). */
const LO = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/**
 * Sorts records [0, n) by time, stably: a least-significant-digit radix sort over the bits of the
 * doubles, 8 bits a pass, moving whole records (reads in order, writes to 256 places). A pass
 * whose digit is the same for every record is skipped (times within a day share their sign,
 * exponent and top bits: a day start's sort takes about five passes, a bucket's about three).
 * O(n): 4.8M records in about 0.5 s here, where a comparison sort of their indices took 2.7 s.
 * The bits order like the numbers once positive doubles get their sign bit set and negative ones
 * have every bit flipped; that is done in place before the passes and undone after, and records
 * move as words, never as doubles (a flipped pattern can read as a NaN, whose bits a double copy
 * need not keep). The result is in `records` or in the other buffer (`scratch`, or a new one).
 */
export function sortByTime(records: Uint32Array, n: number, scratch?: Uint32Array): Uint32Array {
  const counts = new Uint32Array(8 * 256);
  for (let i = 0; i < n; i++) {
    const hi = records[RECORD * i + HI];
    const lo = records[RECORD * i + LO];
    const negative = hi >>> 31 === 1;
    const h = negative ? ~hi >>> 0 : (hi | 0x8000_0000) >>> 0;
    const l = negative ? ~lo >>> 0 : lo;
    records[RECORD * i + HI] = h;
    records[RECORD * i + LO] = l;
    counts[l & 255]++;
    counts[256 + ((l >>> 8) & 255)]++;
    counts[512 + ((l >>> 16) & 255)]++;
    counts[768 + (l >>> 24)]++;
    counts[1024 + (h & 255)]++;
    counts[1280 + ((h >>> 8) & 255)]++;
    counts[1536 + ((h >>> 16) & 255)]++;
    counts[1792 + (h >>> 24)]++;
  }
  let src = records;
  let dst: Uint32Array | undefined;
  for (let d = 0; d < 8; d++) {
    const base = d * 256;
    let only = false;
    for (let b = 0; b < 256; b++) {
      if (counts[base + b] === n) only = true;
      if (counts[base + b] !== 0) break;
    }
    if (only) continue;
    // Turn counts into each digit's first place.
    for (let b = 0, at = 0; b < 256; b++) {
      const c = counts[base + b];
      counts[base + b] = at;
      at += c;
    }
    dst ??= scratch ?? new Uint32Array(RECORD * n);
    const word = d < 4 ? LO : HI;
    const shift = 8 * (d & 3);
    for (let i = 0, r = 0; i < n; i++, r += RECORD) {
      const at = RECORD * counts[base + ((src[r + word] >>> shift) & 255)]++;
      dst[at] = src[r];
      dst[at + 1] = src[r + 1];
      dst[at + 2] = src[r + 2];
      dst[at + 3] = src[r + 3];
    }
    const done = src;
    src = dst;
    dst = done;
  }
  for (let r = 0; r < RECORD * n; r += RECORD) {
    const h = src[r + HI];
    if (h >>> 31 === 1) src[r + HI] = h & 0x7fff_ffff;
    else {
      src[r + HI] = ~h >>> 0;
      src[r + LO] = ~src[r + LO] >>> 0;
    }
  }
  return src;
}
