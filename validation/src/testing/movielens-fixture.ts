import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomStream } from '@prodsim/core';

export interface FixtureOptions {
  users?: number;
  movies?: number;
  seed?: string;
}

export interface GeneratedMovieLens {
  dir: string;
  users: number;
  movies: number;
  ratings: number;
}

const GROUP_GENRES = ['Comedy|Romance', 'Action|Sci-Fi|Thriller', 'Drama|War'];

/**
 * An ml-latest directory (CRLF, headers, half stars, links.csv) with planted structure, for the
 * tests of the whole pipeline: three taste groups of movies and users, users mostly rate their
 * own group's movies and rate them high, popularity within a group is Zipf-like, and each
 * user's ratings follow one another in time. So history predicts the future: a personalised
 * recommender should beat popularity, and popularity should beat random.
 */
export function writeMovieLensFixture(options: FixtureOptions = {}): GeneratedMovieLens {
  const users = options.users ?? 300;
  const movies = options.movies ?? 150;
  const rng = new RandomStream(`validation-fixture/${options.seed ?? '1'}`);
  const dir = join(mkdtempSync(join(tmpdir(), 'prodsim-validation-')), 'ml-latest-fixture');
  mkdirSync(dir);
  const group = (m: number) => m % GROUP_GENRES.length;
  // Popularity rank within the group: the lower the index, the more popular.
  const weight = Array.from({ length: movies }, (_, m) => 1 / (1 + Math.floor(m / GROUP_GENRES.length)) ** 0.9);
  const lines = ['userId,movieId,rating,timestamp'];
  for (let u = 0; u < users; u++) {
    const own = u % GROUP_GENRES.length;
    const count = 12 + rng.int(30);
    const rated = new Set<number>();
    let time = 1_400_000_000 + rng.int(100_000_000);
    while (rated.size < count) {
      const inOwn = rng.next() < 0.85;
      const pool = weight.map((w, m) => (rated.has(m) || (group(m) === own) !== inOwn ? 0 : w));
      if (pool.every((w) => w === 0)) break;
      const m = rng.weighted(pool);
      rated.add(m);
      const base = group(m) === own ? 4.2 : 2.2;
      const stars = Math.min(5, Math.max(0.5, Math.round((base + rng.normal(0, 0.6)) * 2) / 2));
      time += 600 + rng.int(3 * 86_400);
      lines.push(`${u + 1},${movieId(m)},${stars.toFixed(1)},${time}`);
    }
  }
  const crlf = (rows: string[]) => `${rows.join('\r\n')}\r\n`;
  writeFileSync(join(dir, 'ratings.csv'), crlf(lines));
  writeFileSync(
    join(dir, 'movies.csv'),
    crlf([
      'movieId,title,genres',
      ...Array.from({ length: movies }, (_, m) => `${movieId(m)},"Planted Movie ${m + 1}, The (${1960 + (m % 60)})",${GROUP_GENRES[group(m)]}`),
    ]),
  );
  writeFileSync(
    join(dir, 'links.csv'),
    crlf(['movieId,imdbId,tmdbId', ...Array.from({ length: movies }, (_, m) => `${movieId(m)},${String(100000 + m).padStart(7, '0')},${500 + m}`)]),
  );
  return { dir, users, movies, ratings: lines.length - 1 };
}

/** Sparse, non-consecutive ids, as MovieLens has. */
const movieId = (m: number) => 7 * m + 3;
