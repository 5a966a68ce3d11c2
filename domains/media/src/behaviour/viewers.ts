import type { RandomStream } from '@prodsim/core';

export interface ViewerPoolOptions {
  count: number;
  /** Dimensions of the hidden content space (the ground-truth embedding). */
  dim: number;
  /** Community taste centres, `communities x dim` (hidden). */
  centres: Float32Array;
  /** How much of a viewer's taste is its community's (0..1); the rest is its own. */
  communityWeight: number;
  /** Median sessions per viewer and day. */
  sessionsPerDay: number;
  /** Sigma of log activity across viewers (heavy tail of power users). */
  activitySpread: number;
}

/**
 * Viewers of a media feed, struct-of-arrays: a public community, a hidden taste vector in the
 * ground-truth content space (so affinity to an item is a dot product with its hidden embedding),
 * an activity level, and whether they have left. Tastes drift toward what they engage with.
 */
export class ViewerPool {
  readonly count: number;
  readonly dim: number;
  readonly communities: number;
  /** Hidden taste vectors, `count x dim`; norm about sqrt(dim) so affinities have sd about 1. */
  readonly taste: Float32Array;
  private readonly initial: Float32Array;
  /** Length of each viewer's starting taste: drift changes where a taste points, never how long it is beyond this. */
  private readonly initialLength: Float32Array;
  readonly community: Uint8Array;
  /** Mean sessions per day. */
  readonly activity: Float32Array;
  /** 1 once a viewer has left the app for good. */
  readonly left: Uint8Array;
  private readonly scale: number;
  private leftCount = 0;

  constructor(options: ViewerPoolOptions, rng: RandomStream) {
    const { count, dim } = options;
    this.count = count;
    this.dim = dim;
    this.communities = options.centres.length / dim;
    if (!Number.isInteger(this.communities) || this.communities < 1 || this.communities > 255)
      throw new RangeError('centres must hold 1 to 255 vectors of dim floats');
    this.scale = 1 / Math.sqrt(dim);
    this.taste = new Float32Array(count * dim);
    this.community = new Uint8Array(count);
    this.activity = new Float32Array(count);
    this.left = new Uint8Array(count);
    const own = new Float64Array(dim);
    const w = Math.min(1, Math.max(0, options.communityWeight));
    for (let u = 0; u < count; u++) {
      const g = rng.int(this.communities);
      this.community[u] = g;
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += (own[d] = rng.normal()) ** 2;
      const ownScale = Math.sqrt(1 - w * w) / Math.sqrt(norm / dim);
      const base = u * dim;
      for (let d = 0; d < dim; d++) this.taste[base + d] = w * options.centres[g * dim + d] + ownScale * own[d];
      this.activity[u] = options.sessionsPerDay * Math.exp(options.activitySpread * rng.normal() - (options.activitySpread * options.activitySpread) / 2);
    }
    this.initial = this.taste.slice();
    this.initialLength = new Float32Array(count);
    for (let u = 0; u < count; u++) this.initialLength[u] = Math.hypot(...this.initial.subarray(u * dim, (u + 1) * dim));
  }

  /** Affinity of viewer u to an item whose hidden embedding starts at `vectors[offset]`: dot / sqrt(dim). */
  affinity(u: number, vectors: Float32Array, offset: number): number {
    const t = this.taste;
    const base = u * this.dim;
    let s = 0;
    for (let d = 0; d < this.dim; d++) s += t[base + d] * vectors[offset + d];
    return s * this.scale;
  }

  /**
   * Moves viewer u's taste a fraction `rate` of the way toward an item: toward the item's direction
   * at the length u's taste started with. A taste is a convex mix of such targets and its start, so
   * it changes where it points and never grows beyond its starting length, and affinities stay on
   * the scale they were calibrated to. (Toward the embedding itself, tastes grew toward the
   * embeddings' length, about twice theirs and far more for outlying images, and under a popular
   * feed the affinities of what everyone was shown ran away to 7-8 sd within two weeks.)
   */
  drift(u: number, vectors: Float32Array, offset: number, rate: number): void {
    if (rate <= 0) return;
    const dim = this.dim;
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += vectors[offset + d] ** 2;
    if (norm === 0) return;
    const k = this.initialLength[u] / Math.sqrt(norm);
    const t = this.taste;
    const base = u * dim;
    for (let d = 0; d < dim; d++) t[base + d] += rate * (k * vectors[offset + d] - t[base + d]);
  }

  /** How far viewer u's taste has moved from where it started, relative to its length (0 = unchanged). */
  tasteDrift(u: number): number {
    const base = u * this.dim;
    let diff = 0;
    let norm = 0;
    for (let d = 0; d < this.dim; d++) {
      diff += (this.taste[base + d] - this.initial[base + d]) ** 2;
      norm += this.initial[base + d] ** 2;
    }
    return norm > 0 ? Math.sqrt(diff / norm) : 0;
  }

  /** Scales every taste (and its starting point), e.g. to give affinities a chosen spread. */
  rescale(factor: number): void {
    for (let i = 0; i < this.taste.length; i++) {
      this.taste[i] *= factor;
      this.initial[i] *= factor;
    }
    for (let u = 0; u < this.count; u++) this.initialLength[u] *= Math.abs(factor);
  }

  leave(u: number): void {
    if (this.left[u]) return;
    this.left[u] = 1;
    this.leftCount++;
  }

  get active(): number {
    return this.count - this.leftCount;
  }
}

/**
 * Community taste centres: unit-spread random mixes of the given directions (e.g. the principal
 * axes along which content varies most), scaled to norm sqrt(dim).
 */
export function communityCentres(count: number, axes: Float32Array, dim: number, rng: RandomStream): Float32Array {
  const k = axes.length / dim;
  const out = new Float32Array(count * dim);
  for (let g = 0; g < count; g++) {
    let norm = 0;
    for (let a = 0; a < k; a++) {
      const w = rng.normal();
      for (let d = 0; d < dim; d++) out[g * dim + d] += w * axes[a * dim + d];
    }
    for (let d = 0; d < dim; d++) norm += out[g * dim + d] ** 2;
    const s = Math.sqrt(dim / Math.max(norm, 1e-12));
    for (let d = 0; d < dim; d++) out[g * dim + d] *= s;
  }
  return out;
}
