import { GENRE_COUNT } from '../genres.js';
import { CERT_R, type Catalogue } from './catalogue.js';
import type { Population } from './population.js';
import { grown, nextUserCapacity } from './typed.js';
import { normalQuantile } from './normal-quantile.js';
import { TasteOrigins } from './taste-origins.js';

/** Where drift pulls the affinity for a watched movie's genres (stars). */
const AFFINITY_TARGET = 1;

/**
 * The hidden ground truth: each user's true rating of each movie, in stars (1-5 scale),
 *
 *   mu + userBias + movieBias + userFactors . movieFactors + mean genre affinity over the
 *   movie's genres + idiosyncrasy(user, movie) + momentum * similarity(last movie, movie)
 *   + (minorsPreferR if the user is a minor and the movie is R-rated).
 *
 * The idiosyncratic term is a fixed normal draw per (user, movie) pair, hashed from the world's
 * salt rather than stored: the part of a taste that nothing else predicts (two users with the
 * same factors still disagree about single movies). It keeps a world from agreeing on a few
 * universal favourites, and no recommender can learn it from other users; only an oracle knows it.
 *
 * The momentum term is the mood a viewing leaves: movies like the one the user started last
 * appeal more for a while, as people follow a film with a similar one (alike by the cosine of
 * the movie factors; in a MovieLens-fitted world, by how often real users watched them one after
 * the other: movielens/co-viewing.ts). It gives viewing the sequential structure real logs have (consecutive ratings in
 * MovieLens are of related movies, which is what item-to-item recommenders exploit).
 *
 * Demographic effects are folded into each user's genre affinity when the user is made. The
 * affinities and factors drift toward what a user watches (the feedback loop). Nothing here is
 * reachable from the public catalogue, the stream or a predictor.
 */
export class GroundTruth {
  mu = 3.5;
  userBias: Float32Array;
  userFactors: Float32Array;
  genreAffinity: Float32Array;
  movieBias: Float32Array;
  movieFactors: Float32Array;
  /** Genre affinities as they were before they first moved (for research's taste drift). */
  readonly origins: TasteOrigins;

  constructor(
    readonly k: number,
    userCapacity: number,
    movieCapacity: number,
    readonly minorsPreferR: number,
    /** Sd of the idiosyncratic term (stars); 0 = none. */
    readonly idiosyncrasy = 0,
    /** Seeds the idiosyncratic term (from the world's seed). */
    private readonly salt = 0,
    /** Stars added for a movie just like the one the user started last (cosine 1); 0 = none. */
    readonly momentum = 0,
  ) {
    this.userBias = new Float32Array(userCapacity);
    this.userFactors = new Float32Array(userCapacity * k);
    this.genreAffinity = new Float32Array(userCapacity * GENRE_COUNT);
    this.origins = new TasteOrigins();
    this.movieBias = new Float32Array(movieCapacity);
    this.movieFactors = new Float32Array(movieCapacity * k);
  }

  ensureUsers(n: number): void {
    if (n <= this.userBias.length) return;
    const cap = nextUserCapacity(this.userBias.length, n);
    this.userBias = grown(this.userBias, cap);
    this.userFactors = grown(this.userFactors, cap * this.k);
    this.genreAffinity = grown(this.genreAffinity, cap * GENRE_COUNT);
  }

  ensureMovies(n: number): void {
    if (n <= this.movieBias.length) return;
    const cap = Math.max(n, Math.ceil(this.movieBias.length * 1.5) + 16);
    this.movieBias = grown(this.movieBias, cap);
    this.movieFactors = grown(this.movieFactors, cap * this.k);
  }

  /** The user's true rating of the movie, in stars, before any noise. */
  score(user: number, movie: number, population: Population, catalogue: Catalogue): number {
    const k = this.k;
    const uf = this.userFactors;
    const mf = this.movieFactors;
    let dot = 0;
    for (let i = 0, a = user * k, b = movie * k; i < k; i++) dot += uf[a + i] * mf[b + i];
    let mask = catalogue.genreMask[movie];
    let genre = 0;
    let n = 0;
    const base = user * GENRE_COUNT;
    while (mask !== 0) {
      const bit = 31 - Math.clz32(mask & -mask);
      genre += this.genreAffinity[base + bit];
      n++;
      mask &= mask - 1;
    }
    let r = this.mu + this.userBias[user] + this.movieBias[movie] + dot + (n > 0 ? genre / n : 0);
    if (this.idiosyncrasy > 0) r += this.idiosyncrasy * pairNormal(user, movie, this.salt);
    if (this.momentum !== 0) {
      const last = population.lastWatched[user] - 1;
      if (last >= 0 && last !== movie) r += this.momentum * this.similarity(last, movie);
    }
    if (population.age[user] < 18 && catalogue.certificate[movie] === CERT_R) r += this.minorsPreferR;
    return r;
  }

  /** Real co-viewing (a MovieLens-fitted world): when set, it says how alike movies are instead of the factors. */
  coViewing: { similarity(a: number, b: number): number } | undefined;

  /** Cosine of two movies' factors: how alike they are to watch (hidden). */
  similarity(a: number, b: number): number {
    if (this.coViewing) return this.coViewing.similarity(a, b);
    const k = this.k;
    const f = this.movieFactors;
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = 0, x = a * k, y = b * k; i < k; i++) {
      ab += f[x + i] * f[y + i];
      aa += f[x + i] * f[x + i];
      bb += f[y + i] * f[y + i];
    }
    return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
  }

  /**
   * Moves the user's taste toward a movie they watched: affinities for its genres toward
   * AFFINITY_TARGET, latent factors halfway as fast toward the movie's factors.
   */
  drift(user: number, movie: number, weight: number, catalogue: Catalogue): void {
    if (weight <= 0) return;
    let mask = catalogue.genreMask[movie];
    const base = user * GENRE_COUNT;
    if (mask !== 0) this.origins.keep(user, this.genreAffinity);
    while (mask !== 0) {
      const bit = 31 - Math.clz32(mask & -mask);
      const a = this.genreAffinity[base + bit];
      this.genreAffinity[base + bit] = a + weight * (AFFINITY_TARGET - a);
      mask &= mask - 1;
    }
    const k = this.k;
    const half = weight * 0.5;
    for (let i = 0, a = user * k, b = movie * k; i < k; i++) this.userFactors[a + i] += half * (this.movieFactors[b + i] - this.userFactors[a + i]);
  }

  get byteLength(): number {
    return this.userBias.byteLength + this.userFactors.byteLength + this.genreAffinity.byteLength + this.movieBias.byteLength + this.movieFactors.byteLength;
  }
}

/** A standard normal value fixed by (user, movie, salt): a 32-bit hash through the normal quantile. */
function pairNormal(user: number, movie: number, salt: number): number {
  let h = Math.imul(user ^ salt, 0x9e3779b1) ^ Math.imul(movie + 0x7f4a7c15, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return normalQuantile(((h >>> 0) + 0.5) / 4_294_967_296);
}
