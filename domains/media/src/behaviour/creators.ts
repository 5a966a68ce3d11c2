import type { RandomStream } from '@prodsim/core';

export interface CreatorPoolOptions {
  count: number;
  /** Length of a style vector (the domain's continuous scene or sound parameters). */
  styleDim: number;
  /** Median uploads per creator and day. */
  uploadsPerDay: number;
  /** Sigma of log upload rates across creators (a few prolific ones). */
  rateSpread: number;
  /** Uploads remembered per creator for style drift. */
  memory?: number;
}

/**
 * Creators, struct-of-arrays: a style (a point in the domain's parameter space that their uploads
 * scatter around), an upload rate that moderation mistakes lower, and a memory of recent uploads.
 * Creators drift toward the style of their uploads that earned the most likes: a second feedback
 * loop, through what the feed rewards.
 */
export class CreatorPool {
  readonly count: number;
  readonly styleDim: number;
  /** Style centres, `count x styleDim`. */
  readonly style: Float32Array;
  /** Base uploads per day. */
  readonly rate: Float32Array;
  /** Multiplier on the rate: below 1 after wrongful blocks (discouraged creators post less). */
  readonly motivation: Float32Array;
  readonly memory: number;
  /** Recent uploads (item ids), `count x memory`, newest first; -1 when empty. */
  readonly recent: Int32Array;
  private readonly initialStyle: Float32Array;

  constructor(options: CreatorPoolOptions, rng: RandomStream, sampleStyle: (creator: number, out: Float32Array, offset: number) => void) {
    this.count = options.count;
    this.styleDim = options.styleDim;
    this.memory = options.memory ?? 8;
    this.style = new Float32Array(options.count * options.styleDim);
    this.rate = new Float32Array(options.count);
    this.motivation = new Float32Array(options.count).fill(1);
    this.recent = new Int32Array(options.count * this.memory).fill(-1);
    const spread = options.rateSpread;
    for (let c = 0; c < options.count; c++) {
      sampleStyle(c, this.style, c * options.styleDim);
      this.rate[c] = options.uploadsPerDay * Math.exp(spread * rng.normal() - (spread * spread) / 2);
    }
    this.initialStyle = this.style.slice();
  }

  /** Uploads creator c makes in a day: Poisson around rate x motivation. */
  uploadsToday(c: number, rng: RandomStream): number {
    return rng.poisson(this.rate[c] * this.motivation[c]);
  }

  remember(c: number, item: number): void {
    const base = c * this.memory;
    this.recent.copyWithin(base + 1, base, base + this.memory - 1);
    this.recent[base] = item;
  }

  /** A moderation mistake against the creator: posts less from now on (never below `floor`). */
  discourage(c: number, factor: number, floor = 0.05): void {
    this.motivation[c] = Math.max(floor, this.motivation[c] * factor);
  }

  /**
   * Moves creator c's style a fraction `rate` toward the style of its best-received recent upload.
   * `score(item)` says how well an item was received (e.g. smoothed like rate), or NaN if too few
   * saw it to tell; `styleOf(item, out)` writes an item's style. Returns the item followed, or -1.
   */
  driftTowardLiked(
    c: number,
    rate: number,
    score: (item: number) => number,
    styleOf: (item: number, out: Float32Array) => void,
    scratch: Float32Array,
  ): number {
    if (rate <= 0) return -1;
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < this.memory; i++) {
      const item = this.recent[c * this.memory + i];
      if (item < 0) break;
      const s = score(item);
      if (s > bestScore) (bestScore = s), (best = item);
    }
    if (best < 0) return -1;
    styleOf(best, scratch);
    const base = c * this.styleDim;
    for (let d = 0; d < this.styleDim; d++) this.style[base + d] += rate * (scratch[d] - this.style[base + d]);
    return best;
  }

  /** Euclidean distance of creator c's style from where it started. */
  styleDrift(c: number): number {
    const base = c * this.styleDim;
    let s = 0;
    for (let d = 0; d < this.styleDim; d++) s += (this.style[base + d] - this.initialStyle[base + d]) ** 2;
    return Math.sqrt(s);
  }
}
