import { grown, nextUserCapacity } from './typed.js';
import { Viewers } from './viewers.js';
import { WatchedSet } from './watched-set.js';

/** What a user is doing; a user watches at most one movie at a time. */
export const UserState = { IDLE: 0, CHOOSING: 1, WATCHING: 2, RATING: 3 } as const;

/**
 * Users as struct-of-arrays: attributes and per-user session state in typed arrays, one slot
 * per user index (user id = index + 1). No per-user object exists; public views are built on
 * demand. 21 bytes per user here, plus 16 per watch and 48 per viewing under way (`viewers`);
 * the ground truth holds the rest.
 */

export class Population {
  count = 0;
  capacity: number;
  age: Uint8Array;
  gender: Uint8Array;
  occupation: Uint8Array;
  city: Uint8Array;
  /** Mean sessions per day (log-normal across users). */
  activity: Float32Array;
  /** Chance of starting another movie right after one ends. */
  binge: Float32Array;

  // Session state.
  state: Uint8Array;
  /** The movie the user started last, plus 1 (0: none yet): what they are in the mood for. */
  lastWatched: Int32Array;
  /**
   * Recent satisfaction, in stars relative to what the user starts a movie for: an exponential
   * moving average over sessions (see behaviour/satisfaction.ts). It sets how often they come back.
   */
  mood: Float32Array;
  /** Every (user, movie) pair watched: exact. */
  readonly watched: WatchedSet;
  /** The viewings under way, one record each (not one per user). */
  readonly viewers: Viewers;

  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
    const n = this.capacity;
    this.age = new Uint8Array(n);
    this.gender = new Uint8Array(n);
    this.occupation = new Uint8Array(n);
    this.city = new Uint8Array(n);
    this.activity = new Float32Array(n);
    this.binge = new Float32Array(n);
    this.state = new Uint8Array(n);
    this.lastWatched = new Int32Array(n);
    this.mood = new Float32Array(n);
    this.watched = new WatchedSet();
    this.viewers = new Viewers();
  }

  /** Makes room for `n` users (new accounts), growing every array by a share (nextUserCapacity). */
  ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    const cap = nextUserCapacity(this.capacity, n);
    this.age = grown(this.age, cap);
    this.gender = grown(this.gender, cap);
    this.occupation = grown(this.occupation, cap);
    this.city = grown(this.city, cap);
    this.activity = grown(this.activity, cap);
    this.binge = grown(this.binge, cap);
    this.state = grown(this.state, cap);
    this.lastWatched = grown(this.lastWatched, cap);
    this.mood = grown(this.mood, cap);
    this.capacity = cap;
  }

  markWatched(user: number, movie: number): void {
    this.watched.add(user, movie);
  }

  hasWatched(user: number, movie: number): boolean {
    return this.watched.has(user, movie);
  }

  get byteLength(): number {
    let total = 0;
    for (const a of [this.age, this.gender, this.occupation, this.city, this.activity, this.binge, this.state, this.lastWatched, this.mood])
      total += a.byteLength;
    return total + this.watched.byteLength + this.viewers.byteLength;
  }
}
