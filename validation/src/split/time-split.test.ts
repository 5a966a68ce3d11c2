import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMovieLens, type MovieLensData } from '@prodsim/domain-movies';
import { writeMovieLensFixture } from '../testing/movielens-fixture.js';
import { splitByTime, trainingCount } from './time-split.js';
import { writeTrainingDirectory } from './training-directory.js';

/** A dataset in memory: ratings as [user, movie index, stars, time]. */
function dataset(rows: [number, number, number, number][], movieIds = [10, 20, 30, 40, 50]): MovieLensData {
  return {
    format: 'ml-latest',
    dir: '/nowhere',
    movies: {
      count: movieIds.length,
      ids: Int32Array.from(movieIds),
      titles: movieIds.map(String),
      years: new Int16Array(movieIds.length),
      genreMasks: new Uint32Array(movieIds.length),
    },
    users: { count: 1 + Math.max(...rows.map((r) => r[0])), ids: Int32Array.from({ length: 1 + Math.max(...rows.map((r) => r[0])) }, (_, i) => 100 + i) },
    ratings: {
      count: rows.length,
      user: Int32Array.from(rows.map((r) => r[0])),
      movie: Int32Array.from(rows.map((r) => r[1])),
      value: Float32Array.from(rows.map((r) => r[2])),
      time: Uint32Array.from(rows.map((r) => r[3])),
    },
  };
}

describe('the time split within users', () => {
  it("trains on each user's earliest 80% (rounded up) and holds out the rest", () => {
    expect([1, 2, 4, 5, 9, 10].map((n) => trainingCount(n, 0.8))).toEqual([1, 2, 4, 4, 8, 8]);
    // User 0 rated five movies, out of time order in the file; user 1 rated one.
    const data = dataset([
      [0, 0, 4, 500],
      [0, 1, 3, 100],
      [0, 2, 5, 400],
      [1, 3, 2, 50],
      [0, 3, 1, 200],
      [0, 4, 2, 300],
    ]);
    const split = splitByTime(data);
    // User 0's latest rating (time 500, the first line) is held out; user 1 keeps its only one.
    expect(Array.from(split.heldOut)).toEqual([1, 0, 0, 0, 0, 0]);
    expect([split.trainCount, split.heldOutCount, split.evaluatedUsers]).toEqual([5, 1, 1]);
  });

  it('breaks ties in time by movie id, whatever the file order', () => {
    const rows: [number, number, number, number][] = [
      [0, 2, 4, 100],
      [0, 0, 4, 100],
      [0, 4, 4, 100],
      [0, 1, 4, 100],
      [0, 3, 4, 100],
    ];
    // Five ratings at the same second: the one on the highest movie id (50, index 4) is held out.
    expect(Array.from(splitByTime(dataset(rows)).heldOut)).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(splitByTime(dataset([...rows].reverse())).heldOut)).toEqual([0, 0, 1, 0, 0]);
  });

  it('writes the training part as an ml-latest directory that loads back with the same movies and users', () => {
    const fixture = writeMovieLensFixture({ users: 40, movies: 30 });
    const data = loadMovieLens(fixture.dir);
    const split = splitByTime(data);
    const out = join(fixture.dir, '..', 'train');
    writeTrainingDirectory(data, split, out);
    const train = loadMovieLens(out);
    expect(train.format).toBe('ml-latest');
    expect(readFileSync(join(out, 'movies.csv'))).toEqual(readFileSync(join(fixture.dir, 'movies.csv')));
    expect(readFileSync(join(out, 'links.csv'))).toEqual(readFileSync(join(fixture.dir, 'links.csv')));
    expect(Array.from(train.movies.ids)).toEqual(Array.from(data.movies.ids));
    expect(Array.from(train.users.ids)).toEqual(Array.from(data.users.ids));
    expect(train.ratings.count).toBe(split.trainCount);
    // Every training rating is there with its stars and time; no held-out one is.
    const key = (d: MovieLensData, i: number) =>
      `${d.users.ids[d.ratings.user[i]]}/${d.movies.ids[d.ratings.movie[i]]}/${d.ratings.value[i]}/${d.ratings.time[i]}`;
    const kept = new Set(Array.from({ length: train.ratings.count }, (_, i) => key(train, i)));
    for (let i = 0; i < data.ratings.count; i++) expect(kept.has(key(data, i))).toBe(split.heldOut[i] === 0);
  });
});
