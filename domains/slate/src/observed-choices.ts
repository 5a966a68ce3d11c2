/**
 * What the world's choice stream shows: how often each item was chosen and, for a model that
 * asks for it, the (user, item) pairs since it last looked. Everything here can be rebuilt from
 * the `choice` events, so in-process recommenders may learn from it without touching the hidden
 * preferences.
 */
export class ObservedChoices {
  readonly counts: Int32Array;
  total = 0;
  private distinct = 0;
  private keep = false;
  private recent = new Int32Array(1024);
  private recentLength = 0;

  constructor(readonly items: number) {
    this.counts = new Int32Array(items);
  }

  record(user: number, item: number): void {
    if (this.counts[item]++ === 0) this.distinct++;
    this.total++;
    if (!this.keep) return;
    if (this.recentLength + 2 > this.recent.length) {
      const grown = new Int32Array(this.recent.length * 2);
      grown.set(this.recent);
      this.recent = grown;
    }
    this.recent[this.recentLength++] = user;
    this.recent[this.recentLength++] = item;
  }

  /** From now on keep the (user, item) pairs for `takeRecent` (off by default: it costs memory). */
  keepRecent(): void {
    this.keep = true;
  }

  /** The pairs recorded since the last call, flat as [user, item, user, item, ...]; valid until the next record. */
  takeRecent(): Int32Array {
    const out = this.recent.subarray(0, this.recentLength);
    this.recentLength = 0;
    return out;
  }

  /** Items chosen at least once. */
  get itemsChosen(): number {
    return this.distinct;
  }

  /** Share of all choices that went to the `n` most chosen items (a concentration measure). */
  topShare(n: number): number {
    if (this.total === 0) return 0;
    const top = Array.from(this.counts).sort((a, b) => b - a);
    let sum = 0;
    for (let i = 0; i < Math.min(n, top.length); i++) sum += top[i];
    return sum / this.total;
  }
}
