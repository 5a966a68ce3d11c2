import { ErrorCodes, ProdsimError } from '../errors.js';

/**
 * Events of one handler and priority planned at once, such as a day start's sessions: millions
 * of events, all known when they are planned. They wait outside the queue, sorted by time, and
 * enter it one at a time, each when the one before it is dispatched. A waiting event costs 16
 * bytes and its share of one sort; in the ladder queue it would cost a 26-byte slot and moves
 * through the rungs, and the queue's arrays would stay as large as the day start made them.
 *
 * Each event takes its sequence number when it is added, as `Scheduler.at` would have given it,
 * and enters the queue with it: the run dispatches exactly what it would have dispatched had
 * every event been queued when it was planned, byte for byte. That holds because the batch's
 * next event is never later in the order than any event still waiting behind it (same priority,
 * sorted by time, ties in the order added, which is the order of their sequence numbers).
 */
export class EventBatch {
  /** The index of the event in the queue now; those after it wait. */
  cursor = 0;

  constructor(
    readonly handler: number,
    readonly priority: number,
    readonly times: Float64Array,
    /** Sequence numbers, less `seqBase` (a batch is planned in one go: far fewer than 2^32 apart). */
    readonly seqs: Uint32Array,
    readonly seqBase: number,
    readonly args: Int32Array,
    readonly length: number,
  ) {}

  seq(i: number): number {
    return this.seqBase + this.seqs[i];
  }

  /** Events not yet in the queue. */
  get waiting(): number {
    return this.length - this.cursor - 1;
  }

  get byteLength(): number {
    return this.times.byteLength + this.seqs.byteLength + this.args.byteLength;
  }
}

/** Collects a batch's events in the order they are planned (any time order), then sorts them. */
export class EventBatchBuilder {
  private times: Float64Array;
  private seqs: Uint32Array;
  private args: Int32Array;
  private count = 0;
  private seqBase = -1;

  constructor(
    private readonly handler: number,
    private readonly priority: number,
    expected: number,
  ) {
    const cap = Math.max(16, Math.ceil(expected));
    this.times = new Float64Array(cap);
    this.seqs = new Uint32Array(cap);
    this.args = new Int32Array(cap);
  }

  add(time: number, seq: number, arg: number): void {
    if (this.count === this.times.length) this.grow();
    if (this.seqBase < 0) this.seqBase = seq;
    const offset = seq - this.seqBase;
    if (offset > 0xffff_ffff) {
      throw new ProdsimError(ErrorCodes.SCHEDULER_HANDLER, 'a batch of planned events spans more than 2^32 sequence numbers: plan it in one go');
    }
    // + 0 turns -0 into 0, so that the sort's bit patterns order it with 0.
    this.times[this.count] = time + 0;
    this.seqs[this.count] = offset;
    this.args[this.count] = arg;
    this.count++;
  }

  /** The batch in dispatch order, or undefined when nothing was added. */
  build(): EventBatch | undefined {
    const n = this.count;
    if (n === 0) return undefined;
    const sorted = sortByTime({ times: this.times, seqs: this.seqs, args: this.args }, n);
    return new EventBatch(this.handler, this.priority, sorted.times, sorted.seqs, this.seqBase, sorted.args, n);
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    const seqs = new Uint32Array(cap);
    const args = new Int32Array(cap);
    times.set(this.times);
    seqs.set(this.seqs);
    args.set(this.args);
    this.times = times;
    this.seqs = seqs;
    this.args = args;
  }
}

interface Entries {
  times: Float64Array;
  seqs: Uint32Array;
  args: Int32Array;
}

/** Which 32-bit word of a double holds its low bits (0 on little-endian machines). */
const LOW_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;

/**
 * Sorts entries [0, n) by time, stably: a least-significant-digit radix sort over the bits of the
 * doubles, 8 bits a pass, moving the entries themselves (reads in order, writes to 256 places).
 * A pass whose digit is the same for every entry is skipped: times within a day share their sign,
 * exponent and top bits, and integer milliseconds leave the lowest bits zero, so a day start's
 * sort takes about four passes. O(n), where a comparison sort of millions would take seconds.
 * The bits order like the numbers once positive doubles get their sign bit set and negative ones
 * have every bit flipped.
 */
export function sortByTime(entries: Entries, n: number): Entries {
  const counts = new Uint32Array(8 * 256);
  const words = wordsOf(entries.times, n);
  for (let i = 0; i < n; i++) {
    const lo = keyLo(words, i);
    const hi = keyHi(words, i);
    for (let d = 0; d < 4; d++) counts[d * 256 + ((lo >>> (8 * d)) & 255)]++;
    for (let d = 0; d < 4; d++) counts[(d + 4) * 256 + ((hi >>> (8 * d)) & 255)]++;
  }
  let src = entries;
  let dst: Entries | undefined;
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
    dst ??= { times: new Float64Array(n), seqs: new Uint32Array(n), args: new Int32Array(n) };
    const from = wordsOf(src.times, n);
    const shift = 8 * (d & 3);
    const high = d >= 4;
    for (let i = 0; i < n; i++) {
      const at = counts[base + (((high ? keyHi(from, i) : keyLo(from, i)) >>> shift) & 255)]++;
      dst.times[at] = src.times[i];
      dst.seqs[at] = src.seqs[i];
      dst.args[at] = src.args[i];
    }
    const done = src;
    src = dst;
    dst = done;
  }
  return src;
}

function wordsOf(times: Float64Array, n: number): Uint32Array {
  return new Uint32Array(times.buffer, times.byteOffset, 2 * n);
}

/** The low word of the double at i, as it orders (see sortByTime). */
function keyLo(words: Uint32Array, i: number): number {
  const lo = words[2 * i + LOW_WORD];
  return words[2 * i + 1 - LOW_WORD] >>> 31 === 1 ? ~lo >>> 0 : lo;
}

/** The high word of the double at i, as it orders. */
function keyHi(words: Uint32Array, i: number): number {
  const hi = words[2 * i + 1 - LOW_WORD];
  return hi >>> 31 === 1 ? ~hi >>> 0 : (hi | 0x8000_0000) >>> 0;
}
