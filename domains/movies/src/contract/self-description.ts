import type { KeyedRandom, RngStreams } from '@prodsim/core';
import { GENRE_COUNT } from '../genres.js';
import type { Catalogue } from '../world/catalogue.js';
import type { GroundTruth } from '../world/ground-truth.js';

/** How users name each genre (index order of GENRES). */
const GENRE_WORDS = [
  'action movies',
  'adventure films',
  'animated films',
  'family movies',
  'comedies',
  'crime stories',
  'documentaries',
  'dramas',
  'fantasy',
  'film noir',
  'horror',
  'musicals',
  'mysteries',
  'romance',
  'sci-fi',
  'thrillers',
  'war movies',
  'westerns',
];

const LIKES: readonly ((g: string[]) => string)[] = [
  (g) => `I love ${g[0]}.`,
  (g) => `Big fan of ${list(g)}.`,
  (g) => (g.length > 1 ? `Mostly ${g[0]}, sometimes ${list(g.slice(1))}.` : `Mostly ${g[0]}.`),
  (g) => `${capital(list(g))}: that's my thing.`,
  (g) => `Give me ${list(g)} any day.`,
  (g) => `Into ${g[0]}${g.length > 1 ? `; ${list(g.slice(1))} when I'm in the mood` : ''}.`,
];
const DISLIKES: readonly ((g: string[]) => string)[] = [
  (g) => `Not into ${list(g, 'or')}.`,
  (g) => `Can't stand ${list(g, 'or')}.`,
  (g) => `Anything but ${list(g, 'or')}, please.`,
  (g) => `I usually skip ${list(g)}.`,
  (g) => `${capital(list(g))}? Not for me.`,
];
/** Words a share of users add that say nothing about their taste. */
const ASIDES = ['Weekend binger.', 'Watching with my partner mostly.', 'Student, so late nights.', 'New here.', 'Popcorn always.'];

/** Share of users who leave each field empty (null in the JSON). */
export const NO_LIKES_SHARE = 0.3;
export const NO_DISLIKES_SHARE = 0.45;
/** Noise on each genre's taste, in sds of the user's own spread over genres: a real but imperfect signal. */
export const DESCRIPTION_NOISE = 0.8;
/** A genre is named only when its noisy standard score passes this. */
const MENTION_Z = 0.4;

export interface SelfDescription {
  likes: string | null;
  dislikes: string | null;
}

/**
 * The free-text self-descriptions of the 2026 contract, written by each user from their hidden
 * genre tastes as they are now (the genre affinities plus how the user's latent factors meet
 * each genre's average movie), with noise fixed per user: asking again gives the same words, so
 * the noise cannot be averaged away. No number of the truth appears in the text, only genre words.
 */
export class SelfDescriber {
  /** Mean latent factors of the movies of each genre, from the catalogue the world started with. */
  private readonly genreFactors: Float64Array;
  private readonly random: KeyedRandom;
  private readonly taste = new Float64Array(GENRE_COUNT);
  private readonly order: number[] = Array.from({ length: GENRE_COUNT }, (_, g) => g);

  constructor(
    private readonly truth: GroundTruth,
    catalogue: Catalogue,
    rng: RngStreams,
  ) {
    const k = truth.k;
    this.genreFactors = new Float64Array(GENRE_COUNT * k);
    const counts = new Float64Array(GENRE_COUNT);
    for (let m = 0; m < catalogue.count; m++) {
      const mask = catalogue.genreMask[m];
      for (let g = 0; g < GENRE_COUNT; g++) {
        if (!(mask & (1 << g))) continue;
        counts[g]++;
        for (let f = 0; f < k; f++) this.genreFactors[g * k + f] += truth.movieFactors[m * k + f];
      }
    }
    for (let g = 0; g < GENRE_COUNT; g++) for (let f = 0; f < k && counts[g] > 0; f++) this.genreFactors[g * k + f] /= counts[g];
    this.random = rng.keyed('self-description');
  }

  /** User `u`'s (0-based index) description; the same words every time for the same tastes. */
  describe(u: number): SelfDescription {
    const { truth, taste } = this;
    const k = truth.k;
    let mean = 0;
    for (let g = 0; g < GENRE_COUNT; g++) {
      let t = truth.genreAffinity[u * GENRE_COUNT + g];
      for (let f = 0; f < k; f++) t += truth.userFactors[u * k + f] * this.genreFactors[g * k + f];
      taste[g] = t;
      mean += t;
    }
    mean /= GENRE_COUNT;
    let variance = 0;
    for (let g = 0; g < GENRE_COUNT; g++) variance += (taste[g] - mean) ** 2;
    const sd = Math.sqrt(variance / GENRE_COUNT) || 1;
    const r = this.random.at(u, 0);
    for (let g = 0; g < GENRE_COUNT; g++) taste[g] = (taste[g] - mean) / sd + r.normal(0, DESCRIPTION_NOISE);
    const writesLikes = r.next() >= NO_LIKES_SHARE;
    const writesDislikes = r.next() >= NO_DISLIKES_SHARE;
    const liked = 1 + r.int(3);
    const disliked = 1 + r.int(2);
    const likeTemplate = r.int(LIKES.length);
    const dislikeTemplate = r.int(DISLIKES.length);
    const aside = r.next() < 0.2 ? ` ${ASIDES[r.int(ASIDES.length)]}` : '';
    const order = this.order.sort((a, b) => taste[b] - taste[a] || a - b);
    const top = order.slice(0, liked).filter((g) => taste[g] > MENTION_Z);
    const bottom = order
      .slice(-disliked)
      .reverse()
      .filter((g) => taste[g] < -MENTION_Z);
    return {
      likes: writesLikes && top.length > 0 ? LIKES[likeTemplate](top.map((g) => GENRE_WORDS[g])) + aside : null,
      dislikes: writesDislikes && bottom.length > 0 ? DISLIKES[dislikeTemplate](bottom.map((g) => GENRE_WORDS[g])) : null,
    };
  }
}

/** The genres a description names, for tests and for teams' own parsers to compare against. */
export function genresNamed(text: string | null): number[] {
  if (text === null) return [];
  return GENRE_WORDS.flatMap((w, g) => (text.toLowerCase().includes(w) ? [g] : []));
}

function list(items: readonly string[], last = 'and'): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
