import type { RandomStream } from '@prodsim/core';

/**
 * The items a feed may show (public, not blocked or removed), in the order they became visible.
 * Candidate sets mix the newest items with older ones drawn uniformly, are distinct, and come in
 * random order (so a feed that is not ranked is a random feed).
 */
export class CandidatePool {
  private list = new Int32Array(1024);
  private length = 0;
  private visible = new Uint8Array(1024);
  private stamp = new Int32Array(1024);
  private round = 0;
  private hidden = 0;

  /** Items visible now. */
  get size(): number {
    return this.length - this.hidden;
  }

  isVisible(item: number): boolean {
    return item < this.visible.length && this.visible[item] === 1;
  }

  add(item: number): void {
    this.ensure(item);
    if (this.visible[item]) return;
    if (this.length === this.list.length) this.list = grow(this.list, this.length * 2);
    this.list[this.length++] = item;
    this.visible[item] = 1;
  }

  remove(item: number): void {
    if (!this.isVisible(item)) return;
    this.visible[item] = 0;
    this.hidden++;
    if (this.hidden > 64 && this.hidden * 4 > this.length) this.compact();
  }

  /**
   * Up to `n` distinct visible items: about `recentShare` of them from the newest `recentWindow`
   * visible items, the rest from all; shuffled. Writes into `out` and returns how many.
   */
  sample(n: number, recentShare: number, recentWindow: number, rng: RandomStream, out: number[]): number {
    out.length = 0;
    const want = Math.min(n, this.size);
    if (want === 0) return 0;
    if (++this.round === 0x7fffffff) (this.round = 1), this.stamp.fill(0);
    const recent = Math.round(want * recentShare);
    const windowStart = Math.max(0, this.length - recentWindow);
    let tries = 0;
    const maxTries = want * 20 + 100;
    while (out.length < want && tries < maxTries) {
      tries++;
      const fromRecent = out.length < recent;
      const i = fromRecent ? windowStart + rng.int(this.length - windowStart) : rng.int(this.length);
      const item = this.list[i];
      if (!this.visible[item] || this.stamp[item] === this.round) continue;
      this.stamp[item] = this.round;
      out.push(item);
    }
    // A crowded window (few visible items left in it): fill up with a scan, still distinct.
    for (let i = this.length - 1; i >= 0 && out.length < want; i--) {
      const item = this.list[i];
      if (this.visible[item] && this.stamp[item] !== this.round) {
        this.stamp[item] = this.round;
        out.push(item);
      }
    }
    rng.shuffle(out);
    return out.length;
  }

  private ensure(item: number): void {
    if (item < this.visible.length) return;
    const size = Math.max(item + 1, this.visible.length * 2);
    const v = new Uint8Array(size);
    v.set(this.visible);
    this.visible = v;
    this.stamp = grow(this.stamp, size);
  }

  private compact(): void {
    let j = 0;
    for (let i = 0; i < this.length; i++) if (this.visible[this.list[i]]) this.list[j++] = this.list[i];
    this.length = j;
    this.hidden = 0;
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
