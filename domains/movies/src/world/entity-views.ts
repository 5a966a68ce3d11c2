import type { EntityCollection, RngStreams } from '@prodsim/core';
import { GENRES, GENRE_COUNT } from '../genres.js';
import { MOVIE_ID_PATTERN } from '../text/slug.js';
import { ACTIONS, COMPANY_SUFFIXES, COMPANY_WORDS, PLACES, ROLES, TAGLINES } from '../text/words.js';
import { CERTIFICATES, LANGUAGES, type Catalogue } from './catalogue.js';
import { GENDERS, OCCUPATIONS } from './demographics.js';
import type { Population } from './population.js';

export interface UserView {
  user_id: number | string;
  age: number | string;
  occupation: string;
  gender: string;
  /** The 2026 contract: what the user wrote about their tastes, or null. */
  self_description_likes?: string | null;
  self_description_dislikes?: string | null;
}

/** What the 2026 contract adds to the views: self-descriptions and movie costs (absent in 2024). */
export interface ContractViews {
  describe?: (user: number) => { likes: string | null; dislikes: string | null };
  cost?: (movie: number) => number;
}

export type MovieView = Record<string, unknown>;

const COUNTRY_OF_LANGUAGE: Record<string, [string, string]> = {
  en: ['US', 'United States of America'],
  fr: ['FR', 'France'],
  es: ['ES', 'Spain'],
  ja: ['JP', 'Japan'],
  de: ['DE', 'Germany'],
  it: ['IT', 'Italy'],
  ko: ['KR', 'South Korea'],
  hi: ['IN', 'India'],
  zh: ['CN', 'China'],
  ru: ['RU', 'Russia'],
  sv: ['SE', 'Sweden'],
  da: ['DK', 'Denmark'],
  pt: ['BR', 'Brazil'],
};
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Public users: the course's four fields. Accounts not yet created are unknown. */
export function userCollection(pop: Population, created: () => number, stringNumbers: boolean, contract: ContractViews = {}): EntityCollection<UserView> {
  return {
    name: 'user',
    idPattern: /^\d{1,9}$/,
    get size() {
      return created();
    },
    get(id: string): UserView | undefined {
      if (!/^\d{1,9}$/.test(id)) return undefined;
      const u = Number(id) - 1;
      if (u < 0 || u >= created()) return undefined;
      const num = (n: number) => (stringNumbers ? String(n) : n);
      const view: UserView = { user_id: num(u + 1), age: num(pop.age[u]), occupation: OCCUPATIONS[pop.occupation[u]], gender: GENDERS[pop.gender[u]] };
      if (!contract.describe) return view;
      const { likes, dislikes } = contract.describe(u);
      return { ...view, self_description_likes: likes, self_description_dislikes: dislikes };
    },
    sampleIds: (n) => spread(created(), n).map((u) => String(u + 1)),
  };
}

/**
 * Public movies: a TMDb-like record with the course's keys (plus `certificate`, the MPAA-style
 * rating, which the course's minors-and-R scenarios need). Descriptive text is invented on
 * demand from a stream derived from the movie's index, so it costs no memory and is stable.
 */
export function movieCollection(cat: Catalogue, rng: RngStreams, stringNumbers: boolean, contract: ContractViews = {}): EntityCollection<MovieView> {
  return {
    name: 'movie',
    idPattern: MOVIE_ID_PATTERN,
    get size() {
      return cat.count;
    },
    get(id: string): MovieView | undefined {
      const m = cat.indexOf(id);
      if (m < 0) return undefined;
      const view = movieView(cat, m, rng, stringNumbers);
      if (contract.cost) view.cost = stringNumbers ? contract.cost(m).toFixed(2) : contract.cost(m);
      return view;
    },
    sampleIds: (n) => spread(cat.count, n).map((m) => cat.slugs[m]),
  };
}

export function movieView(cat: Catalogue, m: number, rng: RngStreams, stringNumbers: boolean): MovieView {
  const r = rng.derive('movie-json', m);
  const num = (n: number) => (stringNumbers ? String(n) : n);
  const lang = LANGUAGES[cat.language[m]];
  const [countryCode, countryName] = COUNTRY_OF_LANGUAGE[lang.code] ?? ['US', 'United States of America'];
  const genres: { id: number; name: string }[] = [];
  for (let g = 0; g < GENRE_COUNT; g++) {
    if (cat.genreMask[m] & (1 << g) && !genres.some((x) => x.id === GENRES[g].tmdbId)) genres.push({ id: GENRES[g].tmdbId, name: GENRES[g].tmdbName });
  }
  const title = cat.titles[m];
  const companies = Array.from({ length: 1 + r.int(3) }, () => ({ name: `${r.pick(COMPANY_WORDS)} ${r.pick(COMPANY_SUFFIXES)}`, id: 1 + r.int(120_000) }));
  const inCollection = r.next() < 0.1;
  const path = () => `/${Array.from({ length: 27 }, () => BASE62[r.int(62)]).join('')}.jpg`;
  const poster = path();
  return {
    id: cat.slugs[m],
    tmdb_id: num(cat.tmdbId[m]),
    imdb_id: `tt${String(cat.imdbId[m]).padStart(7, '0')}`,
    title,
    original_title: title,
    adult: stringNumbers ? 'False' : false,
    belongs_to_collection: inCollection
      ? {
          id: 10_000 + cat.tmdbId[m],
          name: `${title.replace(/[: ]+(2|II|III|3|Part II|Returns|The Return)$/, '')} Collection`,
          poster_path: poster,
          backdrop_path: path(),
        }
      : stringNumbers
        ? '{}'
        : null,
    budget: num(cat.budget[m]),
    genres,
    homepage: r.next() < 0.35 ? `http://www.${cat.slugs[m].replace(/\+\d+$/, '').replace(/[^a-z0-9]/g, '')}movie.com/` : '',
    original_language: lang.code,
    overview: `A ${r.pick(ROLES)} in ${r.pick(PLACES)} ${r.pick(ACTIONS)}.`,
    popularity: num(Math.round(cat.popularity[m] * 1000) / 1000),
    poster_path: poster,
    production_companies: companies,
    production_countries: [{ iso_3166_1: countryCode, name: countryName }],
    release_date: new Date(cat.released[m]).toISOString().slice(0, 10),
    revenue: num(cat.revenue[m]),
    runtime: num(cat.runtime[m]),
    spoken_languages: [{ iso_639_1: lang.code, name: lang.name }],
    status: 'Released',
    tagline: r.pick(TAGLINES),
    vote_average: num(Math.round(cat.voteAverage[m] * 10) / 10),
    vote_count: num(cat.voteCount[m]),
    certificate: CERTIFICATES[cat.certificate[m]],
  };
}

function spread(size: number, n: number): number[] {
  const k = Math.min(n, size);
  return Array.from({ length: k }, (_, i) => Math.floor((i * size) / k));
}
