import type { RandomStream } from '@prodsim/core';
import { genreIndex } from '../genres.js';
import { Cumulative } from './cumulative.js';
import { LANGUAGES, type Catalogue } from './catalogue.js';

const languagePick = new Cumulative(LANGUAGES.map((l) => l.weight));
const YEAR_MS = 365.25 * 86_400_000;
const G = (name: string) => 1 << genreIndex(name);
const KIDS = G('Children') | G('Animation');
const DARK = G('Horror');
const TENSE = G('Thriller') | G('Crime') | G('War') | G('Film-Noir');

export interface MovieFactsInput {
  year: number;
  genreMask: number;
  releasedAt: number;
  /** Standardised quality (hidden), so that public votes correlate with it, noisily. */
  qualityZ: number;
  /** Standardised log popularity. */
  popularityZ: number;
  now: number;
  tmdbId?: number;
  imdbId?: number;
}

/** Fills the public facts of movie `i`: certificate, runtime, language, money, votes, ids. */
export function fillMovieFacts(cat: Catalogue, i: number, rng: RandomStream, input: MovieFactsInput): void {
  const mask = input.genreMask;
  cat.year[i] = input.year;
  cat.released[i] = input.releasedAt;
  cat.genreMask[i] = mask;
  cat.certificate[i] = certificateFor(mask, rng);
  let runtime = rng.normal(mask & G('Animation') ? 90 : mask & G('Documentary') ? 95 : 107, mask & KIDS ? 10 : 18);
  runtime = Math.max(62, Math.min(220, Math.round(runtime)));
  cat.runtime[i] = runtime;
  cat.language[i] = languagePick.pick(rng);
  const ageYears = Math.max(0, (input.now - input.releasedAt) / YEAR_MS);
  // Heavy-tailed popularity (TMDb-like numbers), higher for recent releases.
  cat.popularity[i] = Math.round(Math.exp(1.6 + 1.15 * input.popularityZ + 0.9 * Math.exp(-ageYears / 2)) * 1000) / 1000;
  const budget = rng.next() < 0.3 ? 0 : Math.round(Math.exp(rng.normal(Math.log(15e6) + 0.3 * input.popularityZ, 1.1)) / 1000) * 1000;
  cat.budget[i] = budget;
  cat.revenue[i] = budget === 0 || rng.next() < 0.2 ? 0 : Math.round(budget * Math.exp(rng.normal(0.4 + 0.4 * input.popularityZ, 0.9)));
  const vote = 6.3 + 1.1 * (input.qualityZ * 0.8 + rng.normal(0, 0.6));
  cat.voteAverage[i] = Math.round(Math.max(1, Math.min(9.6, vote)) * 10) / 10;
  cat.voteCount[i] = Math.max(0, Math.round(cat.popularity[i] * 45 * Math.exp(rng.normal(0, 0.5))));
  cat.tmdbId[i] = input.tmdbId ?? 1000 + i * 7 + rng.int(7);
  cat.imdbId[i] = input.imdbId ?? 100_000 + i * 13 + rng.int(13);
}

function certificateFor(mask: number, rng: RandomStream): number {
  const r = rng.next();
  if (mask & KIDS && !(mask & DARK)) return r < 0.45 ? 0 : r < 0.92 ? 1 : 2;
  if (mask & DARK) return r < 0.82 ? 3 : 2;
  if (mask & TENSE) return r < 0.6 ? 3 : r < 0.95 ? 2 : 1;
  return r < 0.04 ? 0 : r < 0.2 ? 1 : r < 0.6 ? 2 : 3;
}

export function yearOf(time: number): number {
  return new Date(time).getUTCFullYear();
}

/** A release time within `year`, before `notAfter`. */
export function releaseTimeIn(year: number, notAfter: number, rng: RandomStream): number {
  const start = Date.UTC(year, 0, 1);
  const end = Math.min(Date.UTC(year + 1, 0, 1), notAfter);
  return start + Math.floor((rng.next() * Math.max(1, end - start)) / 86_400_000) * 86_400_000;
}
