import type { RandomStream } from '@prodsim/core';
import { GENRE_COUNT, genreIndex } from '../genres.js';
import { movieSlug } from '../text/slug.js';
import { generateTitle } from '../text/title-generator.js';
import type { Catalogue } from './catalogue.js';
import type { GroundTruth } from './ground-truth.js';
import { FACTOR_SD } from './synthetic-users.js';
import { fillMovieFacts, yearOf } from './movie-facts.js';

function perGenre(entries: Record<string, number>): Float64Array {
  const t = new Float64Array(GENRE_COUNT);
  for (const [name, v] of Object.entries(entries)) t[genreIndex(name)] = v;
  return t;
}

/**
 * Chance that a movie has each genre, independently (a movie with none gets Drama or Comedy).
 * Calibrated so that genre shares of ratings match ml-latest-small (fidelity report).
 */
export const GENRE_PREVALENCE = perGenre({
  Drama: 0.43, Comedy: 0.39, Action: 0.29, Thriller: 0.26, Adventure: 0.23, Romance: 0.18, 'Sci-Fi': 0.165, Crime: 0.16,
  Fantasy: 0.115, Children: 0.09, Mystery: 0.075, Horror: 0.085, Animation: 0.068, War: 0.045, Musical: 0.04, Western: 0.019,
  Documentary: 0.014, 'Film-Noir': 0.0085,
});

/** Hidden mean quality by genre, in stars (after MovieLens averages: noir and war rate high, horror low). */
export const GENRE_QUALITY = perGenre({
  'Film-Noir': 0.35, War: 0.25, Documentary: 0.25, Crime: 0.12, Drama: 0.12, Mystery: 0.08, Animation: 0.1, Western: 0.05,
  Musical: 0.02, Adventure: -0.02, Romance: -0.02, Thriller: -0.03, Fantasy: -0.05, 'Sci-Fi': -0.06, Action: -0.08,
  Children: -0.12, Comedy: -0.12, Horror: -0.28,
});

export const MOVIE_BIAS_SD = 0.42;
const YEAR_MS = 365.25 * 86_400_000;

function drawGenres(rng: RandomStream): number {
  let mask = 0;
  for (let g = 0; g < GENRE_COUNT; g++) if (rng.next() < GENRE_PREVALENCE[g]) mask |= 1 << g;
  if (mask === 0) mask = 1 << genreIndex(rng.next() < 0.55 ? 'Drama' : 'Comedy');
  return mask;
}

function genreQuality(mask: number): number {
  let sum = 0;
  let n = 0;
  for (let g = 0; g < GENRE_COUNT; g++) if (mask & (1 << g)) (sum += GENRE_QUALITY[g]), n++;
  return n > 0 ? sum / n : 0;
}

/**
 * Adds one invented movie: title, genres, public facts, and its hidden quality and factors.
 * `releasedAt` undefined draws a release time from the catalogue's age profile (most movies are
 * recent, a long tail reaches back to the 1920s).
 */
export function addSyntheticMovie(cat: Catalogue, truth: GroundTruth, rng: RandomStream, now: number, releasedAt?: number): number {
  const at = releasedAt ?? now - 1 - Math.floor(75 * Math.pow(rng.next(), 2.2) * YEAR_MS);
  const year = yearOf(at);
  const title = generateTitle(rng, cat.titles.length > 50 ? cat.titles.slice(-50) : cat.titles);
  const mask = drawGenres(rng);
  const i = cat.add(title, movieSlug(title, year));
  truth.ensureMovies(cat.count);
  const qualityZ = rng.normal();
  const popularityZ = 0.3 * qualityZ + 0.954 * rng.normal();
  truth.movieBias[i] = genreQuality(mask) + MOVIE_BIAS_SD * qualityZ;
  for (let k = 0; k < truth.k; k++) truth.movieFactors[i * truth.k + k] = rng.normal(0, FACTOR_SD);
  fillMovieFacts(cat, i, rng, { year, genreMask: mask, releasedAt: at, qualityZ, popularityZ, now });
  return i;
}
