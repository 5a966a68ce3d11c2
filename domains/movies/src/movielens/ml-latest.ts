import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MovieLensFormatError } from '../errors.js';
import { genreIndex } from '../genres.js';
import { splitCsvLine } from './csv.js';
import type { MovieLensData } from './dataset.js';
import { forEachLine } from './line-reader.js';
import { IdIndex, MovieTable } from './movie-table.js';
import { readRatings } from './ratings-file.js';
import { splitMovieLensTitle } from './titles.js';

/** Genres of ml-latest with no counterpart here: not genres of a story. */
const IGNORED_GENRES = new Set(['IMAX', '(no genres listed)']);

/** ml-latest and ml-latest-small: movies.csv, ratings.csv, and links.csv if present (UTF-8, headers, quoted titles). */
export function loadMlLatest(dir: string): MovieLensData {
  const movieFile = join(dir, 'movies.csv');
  const movies = new MovieTable();
  const buf = readFileSync(movieFile);
  forEachLine(buf, (s, e, line) => {
    const text = buf.toString('utf8', s, e);
    if (line === 1) {
      if (text.trim() !== 'movieId,title,genres') throw new MovieLensFormatError(movieFile, line, 'expected the header "movieId,title,genres"', text);
      return;
    }
    const f = splitCsvLine(text);
    if (f?.length !== 3)
      throw new MovieLensFormatError(movieFile, line, `expected 3 CSV fields (movieId, title, genres), got ${f ? f.length : 'an unterminated quote'}`, text);
    const id = Number(f[0]);
    if (!Number.isInteger(id) || f[0] === '') throw new MovieLensFormatError(movieFile, line, `movieId ${JSON.stringify(f[0])} is not an integer`, text);
    let mask = 0;
    for (const name of f[2].split('|')) {
      if (IGNORED_GENRES.has(name)) continue;
      const g = genreIndex(name);
      if (g < 0) throw new MovieLensFormatError(movieFile, line, `unknown genre ${JSON.stringify(name)}`, text);
      mask |= 1 << g;
    }
    const { title, year } = splitMovieLensTitle(f[1]);
    movies.add(movieFile, line, id, title, year, mask);
  });

  const links = readLinks(join(dir, 'links.csv'), movies);
  const users = new IdIndex();
  const ratings = readRatings(readFileSync(join(dir, 'ratings.csv')), {
    file: join(dir, 'ratings.csv'),
    separator: ',',
    header: 'userId,movieId,rating,timestamp',
    fields: '4 fields (userId, movieId, rating, timestamp)',
    min: 0.5,
    max: 5,
    userIndex: (id) => users.indexOf(id),
    movieIndex: (id) => movies.index.get(id) ?? -1,
    movieFile: 'movies.csv',
  });
  return {
    format: 'ml-latest',
    dir,
    movies: { ...movies.columns(), ...links },
    users: { count: users.ids.length, ids: Int32Array.from(users.ids) },
    ratings: ratings.done(),
  };
}

function readLinks(file: string, movies: MovieTable): { tmdbIds?: Int32Array; imdbIds?: Int32Array } {
  if (!existsSync(file)) return {};
  const tmdb = new Int32Array(movies.count);
  const imdb = new Int32Array(movies.count);
  const buf = readFileSync(file);
  forEachLine(buf, (s, e, line) => {
    const text = buf.toString('utf8', s, e);
    if (line === 1) {
      if (text.trim() !== 'movieId,imdbId,tmdbId') throw new MovieLensFormatError(file, line, 'expected the header "movieId,imdbId,tmdbId"', text);
      return;
    }
    const f = text.split(',');
    if (f.length !== 3) throw new MovieLensFormatError(file, line, `expected 3 fields (movieId, imdbId, tmdbId), got ${f.length}`, text);
    const m = movies.index.get(Number(f[0]));
    if (m === undefined) throw new MovieLensFormatError(file, line, `movie ${JSON.stringify(f[0])} is not listed in movies.csv`, text);
    if (!/^\d*$/.test(f[1]) || !/^\d*$/.test(f[2])) throw new MovieLensFormatError(file, line, 'imdbId and tmdbId must be integers (or empty)', text);
    imdb[m] = Number(f[1] || 0);
    tmdb[m] = Number(f[2] || 0);
  });
  return { tmdbIds: tmdb, imdbIds: imdb };
}
