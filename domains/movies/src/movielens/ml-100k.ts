import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MovieLensFormatError } from '../errors.js';
import { genreIndex } from '../genres.js';
import { GENDER_F, GENDER_M, OCCUPATIONS } from '../world/demographics.js';
import type { MovieLensData } from './dataset.js';
import { forEachLine } from './line-reader.js';
import { MovieTable } from './movie-table.js';
import { readRatings } from './ratings-file.js';
import { splitMovieLensTitle } from './titles.js';

/** u.item's 19 genre flags, in file order. */
const ITEM_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

/** ml-100k's occupation words, mapped onto the ml-1m list the course's users carry. */
const OCCUPATION_100K: Record<string, string> = {
  administrator: 'clerical/admin',
  artist: 'artist',
  doctor: 'doctor/health care',
  educator: 'academic/educator',
  engineer: 'technician/engineer',
  entertainment: 'artist',
  executive: 'executive/managerial',
  healthcare: 'doctor/health care',
  homemaker: 'homemaker',
  lawyer: 'lawyer',
  librarian: 'academic/educator',
  marketing: 'sales/marketing',
  none: 'unemployed',
  other: 'other or not specified',
  programmer: 'programmer',
  retired: 'retired',
  salesman: 'sales/marketing',
  scientist: 'scientist',
  student: 'college/grad student',
  technician: 'technician/engineer',
  writer: 'writer',
};

/** ml-100k: u.data (tab-separated ratings), u.item (pipe-separated, Latin-1), u.user. */
export function loadMl100k(dir: string): MovieLensData {
  const itemFile = join(dir, 'u.item');
  const movies = new MovieTable();
  const items = readFileSync(itemFile);
  forEachLine(items, (s, e, line) => {
    const text = items.toString('latin1', s, e);
    const f = text.split('|');
    if (f.length !== 24)
      throw new MovieLensFormatError(itemFile, line, `expected 24 fields separated by "|" (id, title, dates, URL, 19 genre flags), got ${f.length}`, text);
    const id = Number(f[0]);
    if (!Number.isInteger(id) || f[0] === '') throw new MovieLensFormatError(itemFile, line, `movie id ${JSON.stringify(f[0])} is not an integer`, text);
    let mask = 0;
    for (let g = 0; g < 19; g++) {
      const flag = f[5 + g];
      if (flag !== '0' && flag !== '1')
        throw new MovieLensFormatError(itemFile, line, `genre flag ${ITEM_GENRES[g]} is ${JSON.stringify(flag)}, expected 0 or 1`, text);
      if (flag === '1' && g > 0) mask |= genreBit(ITEM_GENRES[g]);
    }
    const { title, year } = splitMovieLensTitle(f[1]);
    const dated = /(\d{4})$/.exec(f[2]);
    movies.add(itemFile, line, id, title, year ?? (dated ? Number(dated[1]) : undefined), mask);
  });

  const userFile = join(dir, 'u.user');
  const users = readUsers100k(userFile);
  const ratings = readRatings(readFileSync(join(dir, 'u.data')), {
    file: join(dir, 'u.data'),
    separator: '\t',
    fields: '4 fields (user id, item id, rating, timestamp)',
    min: 1,
    max: 5,
    userIndex: (id) => users.index.get(id) ?? -1,
    movieIndex: (id) => movies.index.get(id) ?? -1,
    movieFile: 'u.item',
  });
  return {
    format: 'ml-100k',
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

function readUsers100k(file: string) {
  const buf = readFileSync(file);
  const out = { ids: [] as number[], age: [] as number[], gender: [] as number[], occupation: [] as number[], index: new Map<number, number>() };
  forEachLine(buf, (s, e, line) => {
    const text = buf.toString('latin1', s, e);
    const f = text.split('|');
    if (f.length !== 5)
      throw new MovieLensFormatError(file, line, `expected 5 fields separated by "|" (user id, age, gender, occupation, zip code), got ${f.length}`, text);
    const id = Number(f[0]);
    const age = Number(f[1]);
    if (!Number.isInteger(id) || f[0] === '') throw new MovieLensFormatError(file, line, `user id ${JSON.stringify(f[0])} is not an integer`, text);
    if (!Number.isInteger(age) || age < 1 || age > 120)
      throw new MovieLensFormatError(file, line, `age ${JSON.stringify(f[1])} is not an integer in 1-120`, text);
    if (f[2] !== 'M' && f[2] !== 'F') throw new MovieLensFormatError(file, line, `gender ${JSON.stringify(f[2])} is not M or F`, text);
    const occupation = OCCUPATION_100K[f[3]];
    if (occupation === undefined) throw new MovieLensFormatError(file, line, `unknown occupation ${JSON.stringify(f[3])}`, text);
    if (out.index.has(id)) throw new MovieLensFormatError(file, line, `user id ${id} appears twice`, text);
    out.index.set(id, out.ids.length);
    out.ids.push(id);
    out.age.push(age);
    out.gender.push(f[2] === 'M' ? GENDER_M : GENDER_F);
    out.occupation.push(age < 18 && f[3] === 'student' ? OCCUPATIONS.indexOf('K-12 student') : OCCUPATIONS.indexOf(occupation));
  });
  return out;
}

function genreBit(name: string): number {
  const g = genreIndex(name);
  return g < 0 ? 0 : 1 << g;
}
