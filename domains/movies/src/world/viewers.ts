import { grown } from './typed.js';

/**
 * The int slots of a viewing record (`Viewers.records`): the user, the movie, the next minute to
 * request, minute lines handled so far, the line at which the next thing other than another
 * minute happens (min of stopAt and breakAt), the line at which the user stops early, the line
 * of the next pause or rewind, and the highest minute requested before the last rewind.
 */
export const VIEWER = { user: 0, movie: 1, minute: 2, line: 3, nextAt: 4, stopAt: 5, breakAt: 6, maxMinute: 7 } as const;
/** Eight ints, 32 bytes: a record never straddles two cache lines. */
export const VIEWER_STRIDE = 8;
/** Float slots per record (`Viewers.values`): the enjoyment as experienced, the share seen at the end. */
export const VIEWER_VALUE = { enjoy: 0, shareSeen: 1 } as const;
const VALUE_STRIDE = 2;
/** Byte slots per record (`Viewers.marks`): 1 if the movie was recommended, the rating to send (0: none). */
export const VIEWER_MARK = { fromRecommendation: 0, pendingRating: 1 } as const;
const MARK_STRIDE = 2;

/**
 * The viewings under way, one record per viewing rather than per user, from the start of a movie
 * to the end of its rating: the scheduler's minute and rating events carry the record's index.
 * Viewers at any moment are a few percent of users, so a 10M-user world keeps about 48 bytes
 * for each of them instead of for every user: per-user arrays written at a session's start land
 * on random users and make every page of the array resident within the first hour, so each byte
 * per user there costs 10 MB of a 10M-user world's memory. Records are reused last-freed first,
 * so the same run hands out the same records (determinism and checkpoints).
 */
export class Viewers {
  records = new Int32Array(1024 * VIEWER_STRIDE);
  values = new Float32Array(1024 * VALUE_STRIDE);
  marks = new Uint8Array(1024 * MARK_STRIDE);
  /** Records given back, a stack. */
  free = new Int32Array(1024);
  freeCount = 0;
  /** Records handed out so far: the highest index in use is below it. */
  used = 0;

  /** A record for `user`'s new viewing (its other slots are the caller's to fill). */
  open(user: number): number {
    let record: number;
    if (this.freeCount > 0) record = this.free[--this.freeCount];
    else {
      record = this.used++;
      if (record * VIEWER_STRIDE >= this.records.length) this.grow(record + 1);
    }
    this.records[record * VIEWER_STRIDE + VIEWER.user] = user;
    return record;
  }

  /** Gives the record back once the viewing and its rating are over. */
  close(record: number): void {
    if (this.freeCount === this.free.length) this.free = grown(this.free, this.free.length * 2);
    this.free[this.freeCount++] = record;
  }

  user(record: number): number {
    return this.records[record * VIEWER_STRIDE + VIEWER.user];
  }

  setValue(record: number, slot: number, value: number): void {
    this.values[record * VALUE_STRIDE + slot] = value;
  }

  value(record: number, slot: number): number {
    return this.values[record * VALUE_STRIDE + slot];
  }

  setMark(record: number, slot: number, value: number): void {
    this.marks[record * MARK_STRIDE + slot] = value;
  }

  mark(record: number, slot: number): number {
    return this.marks[record * MARK_STRIDE + slot];
  }

  get byteLength(): number {
    return this.records.byteLength + this.values.byteLength + this.marks.byteLength + this.free.byteLength;
  }

  private grow(needed: number): void {
    const records = Math.max(needed, (this.records.length / VIEWER_STRIDE) * 2);
    this.records = grown(this.records, records * VIEWER_STRIDE);
    this.values = grown(this.values, records * VALUE_STRIDE);
    this.marks = grown(this.marks, records * MARK_STRIDE);
  }
}
