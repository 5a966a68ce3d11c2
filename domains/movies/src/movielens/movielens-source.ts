import { MoviesError, MoviesErrorCodes } from '../errors.js';

/**
 * Runs what reads `movies.source`, so that a missing or malformed MovieLens folder is reported as
 * what it is: the user's configuration pointing at bad data (exit status 2), named by its field,
 * with the file and line the loader found (`movies.source = "dir": dir/u.data:3: ...`).
 */
export function movieLensSource<T>(load: () => T, source: string): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof MoviesError && (error.code === MoviesErrorCodes.MOVIELENS_MISSING || error.code === MoviesErrorCodes.MOVIELENS_FORMAT))
      throw new MoviesError(error.code, `movies.source = ${JSON.stringify(source)}: ${error.message}`, { cause: error, usage: true });
    throw error;
  }
}
