/**
 * Every item each user has consumed, exactly: what a real recommender filters out (a watched
 * movie is rarely worth recommending again). One sorted Int32Array per user, grown by doubling,
 * so 10,000 users with 50 items each cost about 3 MB rather than the ~25 MB of Sets.
 *
 * `has` is asked mostly about items the user has not consumed (MF's negative samples, a random
 * list's draws), for users in random order, where the binary search's cache misses cost 11% of
 * a filter-bubble run. A 256-bit signature per user (bit `item mod 256`) answers most of those
 * "no"s from one small array, exactly; only a set bit falls through. The signatures of users
 * with a hundred items or more are mostly set, so such a user also gets a bitmap over the item
 * ids up to their highest once it is no more than twice their list's bytes (32 items of a
 * 2,000-movie catalogue): one load instead of a search of 7 or more. The bitmaps are regions of
 * one shared array, found by offset, so that a lookup chases no pointer to a per-user object
 * (each such hop is another cache miss).
 *
 * Every baseline in a world sees the same interactions, so they may share one record (an
 * experiment's built-in baselines do): each still adds what it is told, and an add repeated at
 * once (the next baseline, told the same interaction) is answered from the last one. Three
 * baselines each keeping their own cost 4% of a filter-bubble replication in their adds alone,
 * cache misses on three copies of the lists.
 */
export class ConsumedItems {
  // Per-user slots, as long as `sizes` and filled: an array first written at a far index (users
  // arrive in any order) would keep its elements in a dictionary.
  private lists: (Int32Array | undefined)[] = new Array(64).fill(undefined);
  /**
   * Per user: where their bitmap starts in `pool` (-1: none) and its length in words; bit
   * `item` is set when the user consumed it. A region outgrown or dropped is not reused, which
   * costs at most about the live bitmaps' size again.
   */
  private bitmapAt = new Int32Array(64).fill(-1);
  private bitmapWords = new Int32Array(64);
  private pool = new Uint32Array(1024);
  private poolUsed = 0;
  private sizes = new Int32Array(64);
  /** SIGNATURE_WORDS 32-bit words per user: bit `item & 255` is set once the user consumed such an item. */
  private signatures = new Uint32Array(64 * SIGNATURE_WORDS);
  /** A reusable 0/1 mask over items for one user at a time (see `mask`). */
  private scratch = new Uint8Array(0);
  /** The last pair added (-1: none yet), which is recorded: a repeat of it needs no search. */
  private lastUser = -1;
  private lastItem = -1;

  /** Records that `user` consumed `item`; false when it was already recorded. */
  add(user: number, item: number): boolean {
    if (user === this.lastUser && item === this.lastItem) return false;
    this.lastUser = user;
    this.lastItem = item;
    if (user >= this.sizes.length) {
      const grown = new Int32Array(Math.max(user + 1, this.sizes.length * 2));
      grown.set(this.sizes);
      this.sizes = grown;
      const signatures = new Uint32Array(grown.length * SIGNATURE_WORDS);
      signatures.set(this.signatures);
      this.signatures = signatures;
      while (this.lists.length < grown.length) this.lists.push(undefined);
      const bitmapAt = new Int32Array(grown.length).fill(-1);
      bitmapAt.set(this.bitmapAt);
      this.bitmapAt = bitmapAt;
      const bitmapWords = new Int32Array(grown.length);
      bitmapWords.set(this.bitmapWords);
      this.bitmapWords = bitmapWords;
    }
    const n = this.sizes[user];
    let list = this.lists[user];
    const at = list ? search(list, n, item) : -1;
    if (at >= 0) return false;
    const slot = -at - 1;
    if (!list || n === list.length) {
      const next = new Int32Array(Math.max(4, n * 2));
      if (list) next.set(list);
      this.lists[user] = list = next;
    }
    list.copyWithin(slot + 1, slot, n);
    list[slot] = item;
    this.sizes[user] = n + 1;
    this.signatures[user * SIGNATURE_WORDS + ((item >>> 5) & (SIGNATURE_WORDS - 1))] |= 1 << (item & 31);
    // The highest item is last: a bitmap over [0, highest] is kept while at most twice the list.
    const highest = list[n];
    if (highest < 0 || (highest >>> 5) + 1 > 2 * (n + 1)) this.bitmapAt[user] = -1;
    else if (this.bitmapAt[user] < 0) {
      this.placeBitmap(user, (highest >>> 5) + 1);
      for (let i = 0; i <= n; i++) if (list[i] >= 0) this.setBit(user, list[i]);
    } else if (item >= 0) this.setBit(user, item);
    return true;
  }

  has(user: number, item: number): boolean {
    if (user >= this.sizes.length) return false;
    const word = this.signatures[user * SIGNATURE_WORDS + ((item >>> 5) & (SIGNATURE_WORDS - 1))];
    if ((word & (1 << (item & 31))) === 0) return false;
    const at = this.bitmapAt[user];
    if (at >= 0 && item >= 0) {
      const w = item >>> 5;
      return w < this.bitmapWords[user] && (this.pool[at + w] & (1 << (item & 31))) !== 0;
    }
    const list = this.lists[user];
    return list !== undefined && search(list, this.sizes[user], item) >= 0;
  }

  count(user: number): number {
    return user < this.sizes.length ? this.sizes[user] : 0;
  }

  /** The user's consumed items, ascending (a view: valid until the next `add` for this user). */
  of(user: number): Int32Array {
    const list = this.lists[user];
    return list ? list.subarray(0, this.sizes[user]) : new Int32Array(0);
  }

  /**
   * Calls `use` with a mask over items [0, itemCount) that is 1 where the user consumed the item,
   * for full-catalogue scans (O(1) per item instead of a search); the mask is cleared afterwards.
   */
  withMask<T>(user: number, itemCount: number, use: (mask: Uint8Array) => T): T {
    if (this.scratch.length < itemCount) this.scratch = new Uint8Array(Math.max(itemCount, this.scratch.length * 2));
    const mask = this.scratch;
    const items = this.of(user);
    for (const item of items) if (item < mask.length) mask[item] = 1;
    try {
      return use(mask);
    } finally {
      for (const item of items) if (item < mask.length) mask[item] = 0;
    }
  }

  /** Sets bit `item` (>= 0) of the user's bitmap, moving it to a region twice as long when it ends before. */
  private setBit(user: number, item: number): void {
    const w = item >>> 5;
    const words = this.bitmapWords[user];
    if (w >= words) {
      const from = this.bitmapAt[user];
      this.placeBitmap(user, Math.max(w + 1, 2 * words));
      this.pool.copyWithin(this.bitmapAt[user], from, from + words);
    }
    this.pool[this.bitmapAt[user] + w] |= 1 << (item & 31);
  }

  /** Gives the user a fresh, zeroed region of `words` words at the pool's end. */
  private placeBitmap(user: number, words: number): void {
    if (this.poolUsed + words > this.pool.length) {
      const pool = new Uint32Array(Math.max(this.poolUsed + words, 2 * this.pool.length));
      pool.set(this.pool.subarray(0, this.poolUsed));
      this.pool = pool;
    }
    this.bitmapAt[user] = this.poolUsed;
    this.bitmapWords[user] = words;
    this.poolUsed += words;
  }

  /** The candidates in the given order, unconsumed first, consumed after (both keep their order), at most k. */
  lastIfConsumed(user: number, ranked: readonly number[], k: number): number[] {
    const fresh: number[] = [];
    const seen: number[] = [];
    for (const item of ranked) (this.has(user, item) ? seen : fresh).push(item);
    return fresh.concat(seen).slice(0, k);
  }
}

/** 8 words of 32 bits: 256 bits, 32 bytes per user. */
const SIGNATURE_WORDS = 8;

/** Index of `item` in the sorted prefix list[0, n), or -(insertion point) - 1. */
function search(list: Int32Array, n: number, item: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid];
    if (v < item) lo = mid + 1;
    else if (v > item) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}
