import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MoviesError, MoviesErrorCodes } from '../errors.js';
import type { MovieLensData, MovieLensFormat } from './dataset.js';
import { loadMl100k } from './ml-100k.js';
import { loadMl1m } from './ml-1m.js';
import { loadMlLatest } from './ml-latest.js';

const LAYOUTS: { format: MovieLensFormat; files: string[] }[] = [
  { format: 'ml-100k', files: ['u.data', 'u.item', 'u.user'] },
  { format: 'ml-1m', files: ['ratings.dat', 'movies.dat', 'users.dat'] },
  { format: 'ml-latest', files: ['ratings.csv', 'movies.csv'] },
];

/** Which MovieLens release a directory holds, by its file names. */
export function detectMovieLens(dir: string): MovieLensFormat {
  const path = resolve(dir);
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new MoviesError(
      MoviesErrorCodes.MOVIELENS_MISSING,
      `MovieLens directory ${path} does not exist (download ml-100k, ml-1m or ml-latest-small from https://grouplens.org/datasets/movielens/ and unpack it)`,
    );
  }
  for (const layout of LAYOUTS) {
    if (layout.files.every((f) => existsSync(join(path, f)))) return layout.format;
  }
  for (const layout of LAYOUTS) {
    const present = layout.files.filter((f) => existsSync(join(path, f)));
    if (present.length > 0) {
      const missing = layout.files.filter((f) => !present.includes(f));
      throw new MoviesError(MoviesErrorCodes.MOVIELENS_MISSING, `${path} looks like ${layout.format} but lacks ${missing.join(', ')}`);
    }
  }
  throw new MoviesError(
    MoviesErrorCodes.MOVIELENS_MISSING,
    `${path} holds no MovieLens release: expected ${LAYOUTS.map((l) => `${l.format} (${l.files.join(', ')})`).join(', or ')}`,
  );
}

/** Loads ml-100k, ml-1m, ml-latest or ml-latest-small from a directory the user supplies. */
export function loadMovieLens(dir: string): MovieLensData {
  const path = resolve(dir);
  switch (detectMovieLens(path)) {
    case 'ml-100k':
      return loadMl100k(path);
    case 'ml-1m':
      return loadMl1m(path);
    case 'ml-latest':
      return loadMlLatest(path);
  }
}
