import { grown } from './typed.js';

/** What a user is doing; a user watches at most one movie at a time. */
export const UserState = { IDLE: 0, CHOOSING: 1, WATCHING: 2, RATING: 3 } as const;

/** Words of the per-user watched-movie filter (a 256-bit Bloom filter). */
export const WATCHED_WORDS = 8;

/**
 * Users as struct-of-arrays: attributes and per-user session state in typed arrays, one slot
 * per user index (user id = index + 1). No per-user object exists; public views are built on
 * demand. About 73 bytes per user here (the ground truth holds the rest).
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
  movie: Int32Array;
  /** The next minute to request. */
  minute: Uint16Array;
  /** Highest minute requested in this viewing. */
  maxMinute: Uint16Array;
  /** Minute lines left before the user stops early. */
  left: Uint16Array;
  /** Minute lines until the next pause or rewind. */
  breakIn: Uint16Array;
  /** How much the user enjoys the current movie (true rating as experienced). */
  enjoy: Float32Array;
  pendingRating: Uint8Array;
  /** Whether the movie being watched was recommended. */
  fromRecommendation: Uint8Array;
  /** Movies watched, as a Bloom filter: a few false "seen" answers, no per-user history. */
  watched: Uint32Array;
  /** The last recommendation list the user saw, as a 64-bit signature (two words per user). */
  lastSlate: Uint32Array;

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
    this.movie = new Int32Array(n);
    this.minute = new Uint16Array(n);
    this.maxMinute = new Uint16Array(n);
    this.left = new Uint16Array(n);
    this.breakIn = new Uint16Array(n);
    this.enjoy = new Float32Array(n);
    this.pendingRating = new Uint8Array(n);
    this.fromRecommendation = new Uint8Array(n);
    this.watched = new Uint32Array(n * WATCHED_WORDS);
    this.lastSlate = new Uint32Array(n * 2);
  }

  /** Makes room for `n` users (new accounts), growing every array by at least a quarter. */
  ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    const cap = Math.max(n, Math.ceil(this.capacity * 1.25));
    this.age = grown(this.age, cap);
    this.gender = grown(this.gender, cap);
    this.occupation = grown(this.occupation, cap);
    this.city = grown(this.city, cap);
    this.activity = grown(this.activity, cap);
    this.binge = grown(this.binge, cap);
    this.state = grown(this.state, cap);
    this.movie = grown(this.movie, cap);
    this.minute = grown(this.minute, cap);
    this.maxMinute = grown(this.maxMinute, cap);
    this.left = grown(this.left, cap);
    this.breakIn = grown(this.breakIn, cap);
    this.enjoy = grown(this.enjoy, cap);
    this.pendingRating = grown(this.pendingRating, cap);
    this.fromRecommendation = grown(this.fromRecommendation, cap);
    this.watched = grown(this.watched, cap * WATCHED_WORDS);
    this.lastSlate = grown(this.lastSlate, cap * 2);
    this.capacity = cap;
  }

  markWatched(user: number, movie: number): void {
    const base = user * WATCHED_WORDS;
    const h1 = Math.imul(movie + 1, 0x9e3779b1) >>> 24;
    const h2 = Math.imul(movie + 1, 0x85ebca77) >>> 24;
    this.watched[base + (h1 >>> 5)] |= 1 << (h1 & 31);
    this.watched[base + (h2 >>> 5)] |= 1 << (h2 & 31);
  }

  hasWatched(user: number, movie: number): boolean {
    const base = user * WATCHED_WORDS;
    const h1 = Math.imul(movie + 1, 0x9e3779b1) >>> 24;
    const h2 = Math.imul(movie + 1, 0x85ebca77) >>> 24;
    return (this.watched[base + (h1 >>> 5)] & (1 << (h1 & 31))) !== 0 && (this.watched[base + (h2 >>> 5)] & (1 << (h2 & 31))) !== 0;
  }

  /** Whether `movie` was in the last list shown to the user (false positives about 1 in 4 for a full list). */
  wasShown(user: number, movie: number): boolean {
    const bit = Math.imul(movie + 1, 0xcc9e2d51) >>> 26;
    return (this.lastSlate[user * 2 + (bit >>> 5)] & (1 << (bit & 31))) !== 0;
  }

  /** Remembers the list just shown (replacing the previous one). */
  rememberSlate(user: number, movies: readonly number[]): void {
    let a = 0;
    let b = 0;
    for (const m of movies) {
      const bit = Math.imul(m + 1, 0xcc9e2d51) >>> 26;
      if (bit < 32) a |= 1 << bit;
      else b |= 1 << (bit - 32);
    }
    this.lastSlate[user * 2] = a;
    this.lastSlate[user * 2 + 1] = b;
  }

  get byteLength(): number {
    let total = 0;
    for (const a of [this.age, this.gender, this.occupation, this.city, this.activity, this.binge, this.state, this.movie, this.minute, this.maxMinute, this.left, this.breakIn, this.enjoy, this.pendingRating, this.fromRecommendation, this.watched, this.lastSlate]) total += a.byteLength;
    return total;
  }
}
