import type { RandomStream } from '@prodsim/core';
import { GENRE_COUNT, genreIndex } from '../genres.js';
import { movieSlug } from '../text/slug.js';
import { generateTitle, uniqueTitle } from '../text/title-generator.js';
import type { Catalogue } from './catalogue.js';
import type { GroundTruth } from './ground-truth.js';
import { FACTOR_SD } from './synthetic-users.js';
import { fillMovieFacts, yearOf } from './movie-facts.js';
import { normalQuantile } from './normal-quantile.js';

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
  Drama: 0.365,
  Comedy: 0.372,
  Action: 0.315,
  Thriller: 0.27,
  Adventure: 0.235,
  Romance: 0.178,
  'Sci-Fi': 0.175,
  Crime: 0.17,
  Fantasy: 0.128,
  Children: 0.106,
  Mystery: 0.075,
  Horror: 0.083,
  Animation: 0.077,
  War: 0.05,
  Musical: 0.042,
  Western: 0.019,
  Documentary: 0.0135,
  'Film-Noir': 0.0075,
});

/** Hidden mean quality by genre, in stars (after MovieLens averages: noir and war rate high, horror low). */
export const GENRE_QUALITY = perGenre({
  'Film-Noir': 0.2,
  War: 0.12,
  Documentary: 0.12,
  Crime: 0.06,
  Drama: 0.06,
  Mystery: 0.04,
  Animation: 0.05,
  Western: 0.03,
  Musical: 0.01,
  Adventure: -0.01,
  Romance: -0.01,
  Thriller: -0.02,
  Fantasy: -0.03,
  'Sci-Fi': -0.03,
  Action: -0.04,
  Children: -0.06,
  Comedy: -0.06,
  Horror: -0.14,
});

/**
 * How a movie's hidden appeal goes with its public popularity, after ml-latest-small: the mean
 * rating of movies is flat at about 3.2 stars over the least rated 70% of movies and rises to
 * 3.9 over the most rated 1% (by log rating count), while the spread of movie means (corrected
 * for the noise of few ratings) falls from about 0.6 to 0.35 stars. So most of the catalogue is
 * ordinary or poor for most users, popular movies are reliably decent, and a random list is
 * mostly poor.
 *
 * Below the flat part's upper end the mean falls by TAIL_SLOPE stars per sd of obscurity. A
 * rarely rated movie's MovieLens mean comes from the few who chose it, and ratings of items users
 * chose run about a star above those of items chosen for them at random (Marlin and Zemel 2009),
 * so the flat observed curve overstates what the catalogue's tail is worth to a user it is shown
 * to. The truth is what any user would think, so it keeps the observed curve where many chose
 * (popular movies) and falls below it where few did.
 *
 * Returns the mean and sd of the movie bias for standardised log popularity z.
 */
export function appealForPopularity(z: number): { mean: number; sd: number } {
  const above = Math.max(0, z - 0.3);
  const below = Math.max(0, 0.3 - z);
  return { mean: 0.3 * above ** 1.3 - TAIL_SLOPE * below - APPEAL_CENTRE, sd: Math.max(0.32, 0.6 - 0.12 * Math.max(0, z)) };
}
/** E[0.3 max(0, z - 0.3)^1.3] for z ~ N(0, 1): the observed curve's mean appeal is 0. */
const APPEAL_CENTRE = 0.08;
/**
 * Stars of appeal lost per sd of log popularity below z = 0.3: a stated choice (see above). Not
 * centred away: the tail is worse than observed, not the rest better.
 */
const TAIL_SLOPE = 0.25;
/** Typical sd of movie biases, to express them as a public vote's z-score. */
export const MOVIE_BIAS_SD = 0.55;
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
 * The initial catalogue. Popularity is heavy-tailed, so in a small genre one movie that draws an
 * extreme popularity (or quality) would swing that genre's share of all viewing from seed to
 * seed; drawing both stratified within each movie's rarest genre gives every genre the same spread.
 */
export function buildSyntheticCatalogue(cat: Catalogue, truth: GroundTruth, rng: RandomStream, n: number, now: number): void {
  const masks = Array.from({ length: n }, () => drawGenres(rng));
  const strata = new Map<number, number[]>();
  masks.forEach((mask, i) => {
    const key = rarestGenre(mask);
    let list = strata.get(key);
    if (!list) strata.set(key, (list = []));
    list.push(i);
  });
  const popularityZ = new Float64Array(n);
  const qualityNoise = new Float64Array(n);
  for (const key of [...strata.keys()].sort((a, b) => a - b)) {
    const members = rng.shuffle(strata.get(key)!);
    members.forEach((movie, rank) => (popularityZ[movie] = normalQuantile((rank + rng.next()) / members.length)));
    rng.shuffle(members).forEach((movie, rank) => (qualityNoise[movie] = normalQuantile((rank + rng.next()) / members.length)));
  }
  for (let i = 0; i < n; i++)
    addSyntheticMovie(cat, truth, rng, now, undefined, { mask: masks[i], popularityZ: popularityZ[i], qualityNoise: qualityNoise[i] });
}

function rarestGenre(mask: number): number {
  let best = -1;
  for (let g = 0; g < GENRE_COUNT; g++) if (mask & (1 << g) && (best < 0 || GENRE_PREVALENCE[g] < GENRE_PREVALENCE[best])) best = g;
  return best;
}

/**
 * Adds one invented movie: title, genres, public facts, and its hidden quality and factors.
 * `releasedAt` undefined draws a release time from the catalogue's age profile (most movies are
 * recent, a long tail reaches back to the 1920s).
 */
export function addSyntheticMovie(
  cat: Catalogue,
  truth: GroundTruth,
  rng: RandomStream,
  now: number,
  releasedAt?: number,
  drawn?: { mask: number; popularityZ: number; qualityNoise: number },
): number {
  const at = releasedAt ?? now - 1 - Math.floor(75 * rng.next() ** 2.2 * YEAR_MS);
  const year = yearOf(at);
  const title = uniqueTitle(generateTitle(rng, cat.titles.length > 50 ? cat.titles.slice(-50) : cat.titles), year, (slug) => cat.indexOf(slug) >= 0);
  const mask = drawn?.mask ?? drawGenres(rng);
  const i = cat.add(title, movieSlug(title, year));
  truth.ensureMovies(cat.count);
  const popularityZ = drawn?.popularityZ ?? rng.normal();
  const appeal = appealForPopularity(popularityZ);
  const bias = appeal.mean + appeal.sd * Math.max(-2.5, Math.min(2.5, drawn?.qualityNoise ?? rng.normal()));
  truth.movieBias[i] = genreQuality(mask) + bias;
  const qualityZ = bias / MOVIE_BIAS_SD;
  for (let k = 0; k < truth.k; k++) truth.movieFactors[i * truth.k + k] = rng.normal(0, FACTOR_SD);
  fillMovieFacts(cat, i, rng, { year, genreMask: mask, releasedAt: at, qualityZ, popularityZ, now });
  return i;
}
