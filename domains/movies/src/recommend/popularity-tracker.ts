import type { Catalogue } from '../world/catalogue.js';

const RECOMPUTE_MS = 10 * 60_000;

/**
 * Recent watches per movie, decayed once per simulated day (so "recent" is a few days), and the
 * current top list, recomputed at most every ten simulated minutes: cheap enough to answer every
 * session of a million-user world in-process.
 */
export class PopularityTracker {
  private scores = new Float64Array(0);
  private topMovies: number[] = [];
  private computedAt = -Infinity;
  private dirty = true;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly size = 200,
    private readonly dailyDecay = 0.7,
  ) {}

  /** Starts from public popularity, so that the first hour of a run has something to show. */
  seed(): void {
    this.ensure(this.catalogue.count);
    for (let m = 0; m < this.catalogue.count; m++) this.scores[m] = this.catalogue.popularity[m] * 0.01;
    this.dirty = true;
  }

  recordWatch(movie: number): void {
    if (movie >= this.scores.length) this.ensure(movie + 1);
    this.scores[movie] += 1;
    this.dirty = true;
  }

  decay(): void {
    const s = this.scores;
    for (let i = 0; i < s.length; i++) s[i] *= this.dailyDecay;
  }

  /** The most watched movies of the last few days (catalogue indices, best first; more than a list holds). */
  top(now: number): readonly number[] {
    if (this.dirty && now - this.computedAt >= RECOMPUTE_MS) this.recompute(now);
    return this.topMovies;
  }

  private recompute(now: number): void {
    const n = Math.min(this.catalogue.count, this.scores.length);
    const k = Math.min(this.size, n);
    const best = new Int32Array(k).fill(-1);
    const bestScore = new Float64Array(k).fill(-Infinity);
    for (let m = 0; m < n; m++) {
      const s = this.scores[m];
      if (s <= bestScore[k - 1]) continue;
      let j = k - 1;
      while (j > 0 && bestScore[j - 1] < s) {
        bestScore[j] = bestScore[j - 1];
        best[j] = best[j - 1];
        j--;
      }
      bestScore[j] = s;
      best[j] = m;
    }
    this.topMovies = Array.from(best).filter((m) => m >= 0);
    this.computedAt = now;
    this.dirty = false;
  }

  private ensure(n: number): void {
    if (n <= this.scores.length) return;
    const next = new Float64Array(Math.max(n, Math.ceil(this.scores.length * 1.5) + 16));
    next.set(this.scores);
    this.scores = next;
  }
}
