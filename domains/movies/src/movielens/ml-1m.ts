import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MovieLensFormatError } from '../errors.js';
import { genreIndex } from '../genres.js';
import { GENDER_F, GENDER_M } from '../world/demographics.js';
import type { MovieLensData } from './dataset.js';
import { forEachLine } from './line-reader.js';
import { MovieTable } from './movie-table.js';
import { readRatings } from './ratings-file.js';
import { splitMovieLensTitle } from './titles.js';

/** ml-1m age codes: the lower bound of each band; we give users an age inside it. */
const AGE_CODES: Record<string, [number, number]> = {
  '1': [12, 18],
  '18': [18, 25],
  '25': [25, 35],
  '35': [35, 45],
  '45': [45, 50],
  '50': [50, 56],
  '56': [56, 75],
};

/** ml-1m: ratings.dat, movies.dat (Latin-1) and users.dat, fields separated by `::`. */
export function loadMl1m(dir: string): MovieLensData {
  const movieFile = join(dir, 'movies.dat');
  const movies = new MovieTable();
  const buf = readFileSync(movieFile);
  forEachLine(buf, (s, e, line) => {
    const text = buf.toString('latin1', s, e);
    const f = text.split('::');
    if (f.length !== 3) throw new MovieLensFormatError(movieFile, line, `expected 3 fields separated by "::" (MovieID, Title, Genres), got ${f.length}`, text);
    const id = Number(f[0]);
    if (!Number.isInteger(id) || f[0] === '') throw new MovieLensFormatError(movieFile, line, `movie id ${JSON.stringify(f[0])} is not an integer`, text);
    let mask = 0;
    for (const name of f[2].split('|')) {
      const g = genreIndex(name);
      if (g < 0 && name !== '') throw new MovieLensFormatError(movieFile, line, `unknown genre ${JSON.stringify(name)}`, text);
      if (g >= 0) mask |= 1 << g;
    }
    const { title, year } = splitMovieLensTitle(f[1]);
    movies.add(movieFile, line, id, title, year, mask);
  });

  const userFile = join(dir, 'users.dat');
  const ubuf = readFileSync(userFile);
  const users = { ids: [] as number[], age: [] as number[], gender: [] as number[], occupation: [] as number[], index: new Map<number, number>() };
  forEachLine(ubuf, (s, e, line) => {
    const text = ubuf.toString('latin1', s, e);
    const f = text.split('::');
    if (f.length !== 5)
      throw new MovieLensFormatError(userFile, line, `expected 5 fields separated by "::" (UserID, Gender, Age, Occupation, Zip-code), got ${f.length}`, text);
    const id = Number(f[0]);
    if (!Number.isInteger(id) || f[0] === '') throw new MovieLensFormatError(userFile, line, `user id ${JSON.stringify(f[0])} is not an integer`, text);
    if (f[1] !== 'M' && f[1] !== 'F') throw new MovieLensFormatError(userFile, line, `gender ${JSON.stringify(f[1])} is not M or F`, text);
    const band = AGE_CODES[f[2]];
    if (!band) throw new MovieLensFormatError(userFile, line, `age code ${JSON.stringify(f[2])} is not one of 1, 18, 25, 35, 45, 50, 56`, text);
    const occ = Number(f[3]);
    if (!Number.isInteger(occ) || occ < 0 || occ > 20 || f[3] === '')
      throw new MovieLensFormatError(userFile, line, `occupation ${JSON.stringify(f[3])} is not a code 0-20`, text);
    if (users.index.has(id)) throw new MovieLensFormatError(userFile, line, `user id ${id} appears twice`, text);
    users.index.set(id, users.ids.length);
    users.ids.push(id);
    // Deterministic spread inside the band, so ages are not all the band's edge.
    users.age.push(band[0] + (id % (band[1] - band[0])));
    users.gender.push(f[1] === 'M' ? GENDER_M : GENDER_F);
    users.occupation.push(occ);
  });

  const ratings = readRatings(readFileSync(join(dir, 'ratings.dat')), {
    file: join(dir, 'ratings.dat'),
    separator: '::',
    fields: '4 fields (UserID, MovieID, Rating, Timestamp)',
    min: 1,
    max: 5,
    userIndex: (id) => users.index.get(id) ?? -1,
    movieIndex: (id) => movies.index.get(id) ?? -1,
    movieFile: 'movies.dat',
  });
  return {
    format: 'ml-1m',
    dir,
    movies: movies.columns(),
    users: {
      count: users.ids.length,
      ids: Int32Array.from(users.ids),
      age: Uint8Array.from(users.age),
      gender: Uint8Array.from(users.gender),
      occupation: Uint8Array.from(users.occupation),
    },
    ratings: ratings.done(),
  };
}
