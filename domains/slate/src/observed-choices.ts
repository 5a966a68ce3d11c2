/**
 * What the world's choice stream shows, in counts: how often each item was chosen. Everything
 * here can be rebuilt from the `choice` events, so in-process recommenders may learn from it
 * without touching the hidden preferences.
 */
export class ObservedChoices {
  readonly counts: Int32Array;
  total = 0;
  private distinct = 0;

  constructor(readonly items: number) {
    this.counts = new Int32Array(items);
  }

  record(item: number): void {
    if (this.counts[item]++ === 0) this.distinct++;
    this.total++;
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
