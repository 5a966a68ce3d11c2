import { GENRE_COUNT } from '../genres.js';
import { grown } from './typed.js';

/**
 * Each user's genre affinities as they were before they first changed: what research's taste
 * drift is measured from. Kept on first change only, so a world pays for the users whose tastes
 * moved (GENRE_COUNT floats and two table cells each), not for a copy of every user's affinities
 * at the start (72 bytes per user: 690 MiB in a 10M-user world, a third of its arrays, most of it
 * for users a short run never reaches). A user who never drifted is where they started; a user
 * created during the run starts from the tastes they were made with.
 *
 * User -> slot is an open-addressing table in two typed arrays rather than a Map: it is asked on
 * every viewing, and a Map measured slower in bench/movies (bench/README.md, "A copy of every
 * user's tastes").
 */
export class TasteOrigins {
  /** Open addressing, linear probing: 1 + user in each used cell, 0 in a free one. */
  keys = new Int32Array(1024);
  /** The slot in `pool` of the user in the same cell of `keys`. */
  slots = new Int32Array(1024);
  /** The kept affinities, GENRE_COUNT floats per slot, in the order users first changed. */
  pool = new Float32Array(256 * GENRE_COUNT);
  count = 0;
  /**
   * Whether rows are kept at all. Only research reads taste drift, so a world that nothing
   * observes for research (a plain run, a course) turns this off: a 10M-user day kept 173 MiB of
   * rows, for two million users (bench/README.md).
   */
  tracking = true;

  /** Call before changing user `user`'s row of `affinity`: keeps the row if it is still the first. */
  keep(user: number, affinity: Float32Array): void {
    if (!this.tracking) return;
    let cell = this.find(user);
    if (this.keys[cell] !== 0) return;
    if ((this.count + 1) * 2 > this.keys.length) {
      this.rehash(this.keys.length * 2);
      cell = this.find(user);
    }
    if ((this.count + 1) * GENRE_COUNT > this.pool.length) this.pool = grown(this.pool, this.pool.length * 2);
    const from = user * GENRE_COUNT;
    const to = this.count * GENRE_COUNT;
    for (let g = 0; g < GENRE_COUNT; g++) this.pool[to + g] = affinity[from + g];
    this.keys[cell] = user + 1;
    this.slots[cell] = this.count++;
  }

  /** Bytes the kept rows and the table hold (the pool's spare room is untouched, so not resident). */
  get bytesInUse(): number {
    return this.count * GENRE_COUNT * Float32Array.BYTES_PER_ELEMENT + this.keys.byteLength + this.slots.byteLength;
  }

  /**
   * Euclidean distance of user `user`'s row of `affinity` from where it started (0 if it never
   * changed); NaN, not a figure, when rows are not kept.
   */
  distance(user: number, affinity: Float32Array): number {
    if (!this.tracking) return Number.NaN;
    const cell = this.find(user);
    if (this.keys[cell] === 0) return 0;
    const from = user * GENRE_COUNT;
    const kept = this.slots[cell] * GENRE_COUNT;
    let sum = 0;
    for (let g = 0; g < GENRE_COUNT; g++) {
      const d = affinity[from + g] - this.pool[kept + g];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  /** The cell holding `user`, or the free cell where it would go. */
  private find(user: number): number {
    const mask = this.keys.length - 1;
    const key = user + 1;
    let cell = Math.imul(key, 0x9e3779b1) & mask;
    while (this.keys[cell] !== 0 && this.keys[cell] !== key) cell = (cell + 1) & mask;
    return cell;
  }

  private rehash(size: number): void {
    const { keys, slots } = this;
    this.keys = new Int32Array(size);
    this.slots = new Int32Array(size);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const cell = this.find(keys[i] - 1);
      this.keys[cell] = keys[i];
      this.slots[cell] = slots[i];
    }
  }
}
