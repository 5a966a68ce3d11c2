import { grown, nextUserCapacity } from './typed.js';
import { WatchedSet } from './watched-set.js';

/** What a user is doing; a user watches at most one movie at a time. */
export const UserState = { IDLE: 0, CHOOSING: 1, WATCHING: 2, RATING: 3 } as const;

/**
 * Users as struct-of-arrays: attributes and per-user session state in typed arrays, one slot
 * per user index (user id = index + 1). No per-user object exists; public views are built on
 * demand. About 57 bytes per user here, plus 16 per watch (the ground truth holds the rest).
 */
/**
 * The slots of a user's viewing record in `Population.viewing`: the movie, the next minute to
 * request, minute lines handled so far in this viewing, and the line at which the next thing
 * other than another minute happens (min of stopAt and breakAt).
 */
export const VIEWING = { movie: 0, minute: 1, line: 2, nextAt: 3 } as const;
export const VIEWING_STRIDE = 4;

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
  /**
   * The viewing under way, VIEWING_STRIDE slots per user (see VIEWING): the only state a minute
   * line reads and writes, kept together so that a minute costs one cache line. With one typed
   * array per field, the minute handler missed the cache once per field (users come in random
   * order): half of a large world's time.
   */
  viewing: Int32Array;
  /** The movie the user started last, plus 1 (0: none yet): what they are in the mood for. */
  lastWatched: Int32Array;
  /** Highest minute requested in this viewing before the last rewind (the current minute may be higher). */
  maxMinute: Uint16Array;
  /** The minute line (VIEWING.line) at which the user stops early. */
  stopAt: Int32Array;
  /** The minute line at which the next pause or rewind comes. */
  breakAt: Int32Array;
  /** How much the user enjoys the current movie (true rating as experienced). */
  enjoy: Float32Array;
  pendingRating: Uint8Array;
  /** Share of the current movie seen when the viewing ended. */
  shareSeen: Float32Array;
  /** Whether the movie being watched was recommended. */
  fromRecommendation: Uint8Array;
  /**
   * Recent satisfaction, in stars relative to what the user starts a movie for: an exponential
   * moving average over sessions (see behaviour/satisfaction.ts). It sets how often they come back.
   */
  mood: Float32Array;
  /** Every (user, movie) pair watched: exact. */
  readonly watched: WatchedSet;

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
    this.viewing = new Int32Array(n * VIEWING_STRIDE);
    this.lastWatched = new Int32Array(n);
    this.maxMinute = new Uint16Array(n);
    this.stopAt = new Int32Array(n);
    this.breakAt = new Int32Array(n);
    this.enjoy = new Float32Array(n);
    this.pendingRating = new Uint8Array(n);
    this.shareSeen = new Float32Array(n);
    this.fromRecommendation = new Uint8Array(n);
    this.mood = new Float32Array(n);
    this.watched = new WatchedSet();
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
    this.viewing = grown(this.viewing, cap * VIEWING_STRIDE);
    this.lastWatched = grown(this.lastWatched, cap);
    this.maxMinute = grown(this.maxMinute, cap);
    this.stopAt = grown(this.stopAt, cap);
    this.breakAt = grown(this.breakAt, cap);
    this.enjoy = grown(this.enjoy, cap);
    this.pendingRating = grown(this.pendingRating, cap);
    this.shareSeen = grown(this.shareSeen, cap);
    this.fromRecommendation = grown(this.fromRecommendation, cap);
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
    for (const a of [
      this.age,
      this.gender,
      this.occupation,
      this.city,
      this.activity,
      this.binge,
      this.state,
      this.viewing,
      this.lastWatched,
      this.maxMinute,
      this.stopAt,
      this.breakAt,
      this.enjoy,
      this.pendingRating,
      this.shareSeen,
      this.fromRecommendation,
      this.mood,
    ])
      total += a.byteLength;
    return total + this.watched.byteLength;
  }
}
