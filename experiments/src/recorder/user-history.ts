/**
 * What one measured user consumed, over the whole run and today. It belongs to the user, not
 * to an arm: a canary user who switches arm keeps it, so their homogenisation and coverage are
 * computed on everything they consumed. Maps and the slate set are reused from day to day, so
 * recording allocates nothing per event once a user's maps have grown.
 */
export class UserHistory {
  /** Item -> times consumed since the start. */
  readonly total = new Map<number, number>();
  /** Item -> times consumed today. */
  readonly today = new Map<number, number>();
  /** The latest slate shown today. */
  readonly slate = new Set<number>();
  slateToday = false;

  consume(item: number): void {
    this.total.set(item, (this.total.get(item) ?? 0) + 1);
    this.today.set(item, (this.today.get(item) ?? 0) + 1);
  }

  show(items: ArrayLike<number>): void {
    this.slate.clear();
    for (let i = 0; i < items.length; i++) this.slate.add(items[i]);
    this.slateToday = true;
  }

  endDay(): void {
    this.today.clear();
    this.slate.clear();
    this.slateToday = false;
  }
}
