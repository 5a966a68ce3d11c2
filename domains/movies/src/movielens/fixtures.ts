import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomStream } from '@prodsim/core';

/** Small MovieLens directories written by tests: each format's layout, encoding and quirks. */
export interface Fixture {
  dir: string;
  users: number;
  movies: number;
  ratings: number;
}

interface Rating {
  user: number;
  movie: number;
  stars: number;
  time: number;
}

const TITLES = [
  'Toy Story (1995)',
  'Shawshank Redemption, The (1994)',
  'Monsters, Inc. (2001)',
  'City of Lost Children, The (Cité des enfants perdus, La) (1995)',
  'Léon: The Professional (a.k.a. The Professional) (1994)',
  'Batman & Robin (1997)',
  'Se7en (1995)',
  "Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)",
];
const GENRES = [
  'Adventure|Animation|Children|Comedy|Fantasy',
  'Crime|Drama',
  'Adventure|Animation|Children|Comedy|Fantasy',
  'Adventure|Drama|Fantasy|Mystery|Sci-Fi',
  'Action|Crime|Drama|Thriller',
  'Action|Adventure|Fantasy|Thriller',
  'Mystery|Thriller',
  'Comedy|Romance',
];

/**
 * Ratings with a planted structure (two taste groups), so that a fit has something to find. By
 * default each rating has its own random time over nine years; with `ratingDays`, each user's
 * ratings fall in turn on that many days three days apart (a rating calendar with visits).
 */
function plantedRatings(users: number, movies: number, perUser: number, half: boolean, ratingDays?: number): Rating[] {
  const rng = new RandomStream('fixture');
  const out: Rating[] = [];
  for (let u = 1; u <= users; u++) {
    const group = u % 2;
    const seen = new Set<number>();
    while (seen.size < Math.min(perUser, movies)) seen.add(1 + rng.int(movies));
    // Drawn only for calendars, so that the default fixtures stay as they were.
    const firstDay = ratingDays ? 10_500 + rng.int(3_000) : 0;
    let i = 0;
    for (const m of seen) {
      const base = 3 + (m % 2 === group ? 1.2 : -1.2) + rng.normal(0, 0.4);
      const stars = half ? Math.min(5, Math.max(0.5, Math.round(base * 2) / 2)) : Math.min(5, Math.max(1, Math.round(base)));
      const time = ratingDays ? (firstDay + 3 * (i++ % ratingDays)) * 86_400 + rng.int(86_400) : 900_000_000 + rng.int(300_000_000);
      out.push({ user: u, movie: m, stars, time });
    }
  }
  return out;
}

function fresh(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'prodsim-movielens-')), name);
  mkdirSync(dir);
  return dir;
}

const movieTitle = (m: number) => (m <= TITLES.length ? TITLES[m - 1] : `Generated Movie ${m} (${1950 + (m % 70)})`);
const movieGenres = (m: number) => GENRES[(m - 1) % GENRES.length];

export function writeMl100k(users = 30, movies = 20): Fixture {
  const dir = fresh('ml-100k');
  const ratings = plantedRatings(users, movies, 12, false);
  writeFileSync(join(dir, 'u.data'), `${ratings.map((r) => `${r.user}\t${r.movie}\t${r.stars}\t${r.time}`).join('\n')}\n`);
  const flags = [
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
  const items = Array.from({ length: movies }, (_, i) => {
    const m = i + 1;
    const genres = movieGenres(m).replace('Children', "Children's").split('|');
    return [m, movieTitle(m), '01-Jan-1995', '', 'http://us.imdb.com/M/title-exact?x', ...flags.map((f) => (genres.includes(f) ? 1 : 0))].join('|');
  });
  writeFileSync(join(dir, 'u.item'), Buffer.from(`${items.join('\n')}\n`, 'latin1'));
  const occupations = ['technician', 'other', 'writer', 'executive', 'student', 'programmer', 'none'];
  writeFileSync(
    join(dir, 'u.user'),
    `${Array.from({ length: users }, (_, i) => `${i + 1}|${15 + ((i * 7) % 50)}|${i % 3 === 0 ? 'F' : 'M'}|${occupations[i % occupations.length]}|15213`).join(
      '\n',
    )}\n`,
  );
  return { dir, users, movies, ratings: ratings.length };
}

export function writeMl1m(users = 30, movies = 20): Fixture {
  const dir = fresh('ml-1m');
  const ratings = plantedRatings(users, movies, 12, false);
  writeFileSync(join(dir, 'ratings.dat'), `${ratings.map((r) => `${r.user}::${r.movie}::${r.stars}::${r.time}`).join('\n')}\n`);
  writeFileSync(
    join(dir, 'movies.dat'),
    Buffer.from(
      `${Array.from({ length: movies }, (_, i) => `${i + 1}::${movieTitle(i + 1)}::${movieGenres(i + 1).replace('Children', "Children's")}`).join('\n')}\n`,
      'latin1',
    ),
  );
  const ages = [1, 18, 25, 35, 45, 50, 56];
  writeFileSync(
    join(dir, 'users.dat'),
    `${Array.from({ length: users }, (_, i) => `${i + 1}::${i % 2 ? 'M' : 'F'}::${ages[i % ages.length]}::${i % 21}::48067`).join('\n')}\n`,
  );
  return { dir, users, movies, ratings: ratings.length };
}

/** ml-latest(-small): CSV with headers, CRLF line ends, quoted titles, half-star ratings, links.csv. */
export function writeMlLatest(users = 30, movies = 20, ratingDays?: number): Fixture {
  const dir = fresh('ml-latest-small');
  const ratings = plantedRatings(users, movies, 12, true, ratingDays);
  const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
  writeFileSync(
    join(dir, 'ratings.csv'),
    crlf(['userId,movieId,rating,timestamp', ...ratings.map((r) => `${r.user},${r.movie * 10},${r.stars.toFixed(1)},${r.time}`)]),
  );
  const quote = (t: string) => (/[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  writeFileSync(
    join(dir, 'movies.csv'),
    crlf([
      'movieId,title,genres',
      ...Array.from(
        { length: movies },
        (_, i) => `${(i + 1) * 10},${quote(movieTitle(i + 1))},${i === movies - 1 ? '(no genres listed)' : movieGenres(i + 1)}`,
      ),
    ]),
  );
  writeFileSync(
    join(dir, 'links.csv'),
    crlf([
      'movieId,imdbId,tmdbId',
      ...Array.from({ length: movies }, (_, i) => `${(i + 1) * 10},${String(114709 + i).padStart(7, '0')},${i === 2 ? '' : 862 + i}`),
    ]),
  );
  return { dir, users, movies, ratings: ratings.length };
}
