/** How often each movie was viewed (one view per started movie, not per minute). */
export class Popularity {
  private readonly views = new Map<string, number>();
  private ranked: string[] = [];
  private dirty = false;

  add(movie: string): void {
    this.views.set(movie, (this.views.get(movie) ?? 0) + 1);
    this.dirty = true;
  }

  count(movie: string): number {
    return this.views.get(movie) ?? 0;
  }

  get movies(): number {
    return this.views.size;
  }

  /**
   * All viewed movies, most viewed first (ties by id, so answers are reproducible). Sorted lazily:
   * views arrive far more often than requests, so sorting on every view would waste the CPU the
   * request path needs.
   */
  ranking(): readonly string[] {
    if (this.dirty) {
      this.ranked = [...this.views.keys()].sort((a, b) => this.count(b) - this.count(a) || (a < b ? -1 : a > b ? 1 : 0));
      this.dirty = false;
    }
    return this.ranked;
  }
}
