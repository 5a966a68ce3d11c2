import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '@prodsim/core';
import { MovieLensFormatError, MoviesError, MoviesErrorCodes } from '../errors.js';
import { genreNames } from '../genres.js';
import { runWorld } from '@prodsim/core/testing';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';
import { LINE_PATTERNS } from '../text/lines.js';
import { writeMl100k, writeMl1m, writeMlLatest } from './fixtures.js';
import { detectMovieLens, loadMovieLens } from './load.js';
import { fitBiasedMf } from './matrix-factorization.js';

// ../shared/data/movielens/ml-latest-small from the project root; never copied into the repo.
const REAL_SMALL = fileURLToPath(new URL('../../../../../shared/data/movielens/ml-latest-small', import.meta.url));

describe('MovieLens loaders on generated fixtures', () => {
  it('reads ml-100k: tab-separated ratings, Latin-1 items with genre flags, user demographics', () => {
    const f = writeMl100k();
    expect(detectMovieLens(f.dir)).toBe('ml-100k');
    const d = loadMovieLens(f.dir);
    expect(d.format).toBe('ml-100k');
    expect([d.users.count, d.movies.count, d.ratings.count]).toEqual([f.users, f.movies, f.ratings]);
    expect(d.movies.titles.slice(0, 4)).toEqual(['Toy Story', 'The Shawshank Redemption', 'Monsters, Inc.', 'The City of Lost Children']);
    expect(d.movies.titles[7]).toBe('Amélie');
    expect(d.movies.years[1]).toBe(1994);
    expect(genreNames(d.movies.genreMasks[0])).toEqual(['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy']);
    expect(d.users.age![0]).toBe(15);
    expect(d.users.gender![0]).toBe(1);
    expect(d.ratings.value.every((v) => v >= 1 && v <= 5)).toBe(true);
  });

  it('reads ml-1m: `::` fields, age codes and occupation codes', () => {
    const f = writeMl1m();
    const d = loadMovieLens(f.dir);
    expect(d.format).toBe('ml-1m');
    expect([d.users.count, d.movies.count, d.ratings.count]).toEqual([f.users, f.movies, f.ratings]);
    expect(d.movies.titles[4]).toBe('Léon: The Professional');
    expect(d.users.age![0]).toBeGreaterThanOrEqual(12);
    expect(d.users.age![0]).toBeLessThan(18);
    expect(d.users.occupation![3]).toBe(3);
  });

  it('reads ml-latest: CSV with headers, CRLF, quoted titles with commas, half stars, links', () => {
    const f = writeMlLatest();
    const d = loadMovieLens(f.dir);
    expect(d.format).toBe('ml-latest');
    expect([d.users.count, d.movies.count, d.ratings.count]).toEqual([f.users, f.movies, f.ratings]);
    expect(d.movies.ids[2]).toBe(30);
    expect(d.movies.titles[2]).toBe('Monsters, Inc.');
    expect(d.movies.genreMasks[f.movies - 1]).toBe(0);
    expect(d.movies.tmdbIds![0]).toBe(862);
    expect(d.movies.tmdbIds![2]).toBe(0);
    expect(d.movies.imdbIds![0]).toBe(114709);
    expect(d.users.age).toBeUndefined();
    expect(new Set(Array.from(d.ratings.value).map((v) => v % 1)).has(0.5)).toBe(true);
  });

  it('fits a biased matrix factorisation that finds the planted structure', () => {
    const d = loadMovieLens(writeMlLatest(60, 20).dir);
    const values = Array.from(d.ratings.value);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    const fit = fitBiasedMf(d.ratings, d.users.count, d.movies.count, { factors: 4, epochs: 60, rng: new RandomStream('fit'), learningRate: 0.03 });
    expect(fit.rmse).toBeLessThan(sd * 0.6);
    expect(Math.abs(fit.mu - mean)).toBeLessThan(1e-6);
  });

  it.each([
    ['ml-100k', writeMl100k],
    ['ml-1m', writeMl1m],
    ['ml-latest', writeMlLatest],
  ] as const)('a world built from %s streams lines with the dataset movies as ids', async (_name, write) => {
    const f = write();
    const { capture, world } = await runWorld<MoviesWorld>(moviesDomain, {
      days: 2,
      domainConfig: { source: f.dir, users: 200, releasesPerDay: 0, fitEpochs: 10 },
    });
    expect(world.catalogue.count).toBe(f.movies);
    expect(world.catalogue.slugs.slice(0, 3)).toEqual(['toy+story+1995', 'the+shawshank+redemption+1994', 'monsters_+inc.+2001']);
    const watch = capture.events.filter((e) => LINE_PATTERNS.watch.test(e.value));
    expect(watch.length).toBeGreaterThan(100);
    expect(world.summary().source).toMatch(/MF k=8/);
  });
});

describe('malformed MovieLens files give a clear error naming the file and line', () => {
  const expectFormatError = (dir: string, file: string, line: number, message: RegExp) => {
    let error: unknown;
    try {
      loadMovieLens(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MovieLensFormatError);
    const e = error as MovieLensFormatError;
    expect(e.code).toBe(MoviesErrorCodes.MOVIELENS_FORMAT);
    expect(e.file).toBe(join(dir, file));
    expect(e.line).toBe(line);
    expect(e.message).toContain(`${join(dir, file)}:${line}:`);
    expect(e.message).toMatch(message);
  };
  const replaceLine = (path: string, line: number, text: string, encoding: BufferEncoding = 'utf8') => {
    const lines = readFileSync(path, encoding).split(/\r?\n/);
    lines[line - 1] = text;
    writeFileSync(path, lines.join('\n'), encoding);
  };

  it('a ratings.csv line with a missing field', () => {
    const f = writeMlLatest();
    replaceLine(join(f.dir, 'ratings.csv'), 3, '1,10,4.0');
    expectFormatError(f.dir, 'ratings.csv', 3, /expected 4 fields/);
  });

  it('a rating out of range', () => {
    const f = writeMlLatest();
    replaceLine(join(f.dir, 'ratings.csv'), 5, '1,10,7.0,964982703');
    expectFormatError(f.dir, 'ratings.csv', 5, /rating 7 is outside 0.5-5/);
  });

  it('a rating of a movie the movies file does not list', () => {
    const f = writeMlLatest();
    appendFileSync(join(f.dir, 'ratings.csv'), '1,99999,4.0,964982703\r\n');
    expectFormatError(f.dir, 'ratings.csv', f.ratings + 2, /movie 99999 is not listed in movies.csv/);
  });

  it('a wrong header', () => {
    const f = writeMlLatest();
    replaceLine(join(f.dir, 'ratings.csv'), 1, 'user,item,rating,time');
    expectFormatError(f.dir, 'ratings.csv', 1, /expected the header/);
  });

  it('an unterminated quote in movies.csv', () => {
    const f = writeMlLatest();
    replaceLine(join(f.dir, 'movies.csv'), 4, '30,"Monsters, Inc. (2001),Comedy');
    expectFormatError(f.dir, 'movies.csv', 4, /unterminated quote/);
  });

  it('an unknown genre in movies.csv', () => {
    const f = writeMlLatest();
    replaceLine(join(f.dir, 'movies.csv'), 2, '10,Toy Story (1995),Adventure|Cartoons');
    expectFormatError(f.dir, 'movies.csv', 2, /unknown genre "Cartoons"/);
  });

  it('a non-numeric id in u.data', () => {
    const f = writeMl100k();
    replaceLine(join(f.dir, 'u.data'), 7, 'x\t1\t4\t881250949');
    expectFormatError(f.dir, 'u.data', 7, /expected 4 fields/);
  });

  it('a short u.item line', () => {
    const f = writeMl100k();
    replaceLine(join(f.dir, 'u.item'), 2, '2|GoldenEye (1995)|01-Jan-1995', 'latin1');
    expectFormatError(f.dir, 'u.item', 2, /expected 24 fields/);
  });

  it('a bad gender in u.user', () => {
    const f = writeMl100k();
    replaceLine(join(f.dir, 'u.user'), 3, '3|23|X|writer|32067');
    expectFormatError(f.dir, 'u.user', 3, /gender "X"/);
  });

  it('a bad age code in users.dat', () => {
    const f = writeMl1m();
    replaceLine(join(f.dir, 'users.dat'), 2, '2::M::17::16::70072');
    expectFormatError(f.dir, 'users.dat', 2, /age code "17"/);
  });

  it('a rating by a user users.dat does not list', () => {
    const f = writeMl1m();
    appendFileSync(join(f.dir, 'ratings.dat'), '9999::1::5::978300760\n');
    expectFormatError(f.dir, 'ratings.dat', f.ratings + 1, /user 9999 is not listed/);
  });

  it('a missing file or directory', () => {
    const f = writeMl1m();
    rmSync(join(f.dir, 'users.dat'));
    expect(() => loadMovieLens(f.dir)).toThrow(/looks like ml-1m but lacks users.dat/);
    expect(() => loadMovieLens(join(f.dir, 'nope'))).toThrow(/does not exist/);
    try {
      loadMovieLens(join(f.dir, 'nope'));
    } catch (e) {
      expect(e).toBeInstanceOf(MoviesError);
      expect((e as MoviesError).code).toBe(MoviesErrorCodes.MOVIELENS_MISSING);
    }
  });

  it('reaches a run as a coded error, not a crash', async () => {
    await expect(runWorld<MoviesWorld>(moviesDomain, { domainConfig: { source: '/no/such/movielens' } })).rejects.toMatchObject({
      code: MoviesErrorCodes.MOVIELENS_MISSING,
    });
  });
});

describe.runIf(existsSync(join(REAL_SMALL, 'ratings.csv')))('the real ml-latest-small', () => {
  it('loads 610 users, 9,742 movies, 100,836 ratings with course-style ids', () => {
    const d = loadMovieLens(REAL_SMALL);
    expect([d.users.count, d.movies.count, d.ratings.count]).toEqual([610, 9742, 100836]);
    const i = d.movies.ids.indexOf(318);
    expect(d.movies.titles[i]).toBe('The Shawshank Redemption');
    expect(d.movies.tmdbIds![i]).toBe(278);
  });

  it('becomes a world whose hidden truth is fitted to the real ratings', async () => {
    const { world } = await runWorld<MoviesWorld>(moviesDomain, { maxEvents: 10, domainConfig: { source: REAL_SMALL, users: 1000 } });
    expect(world.catalogue.indexOf('the+shawshank+redemption+1994')).toBeGreaterThanOrEqual(0);
    expect(world.catalogue.indexOf('monsters_+inc.+2001')).toBeGreaterThanOrEqual(0);
    const rmse = Number(/RMSE (\d\.\d+)/.exec(String(world.summary().source))![1]);
    expect(rmse).toBeLessThan(0.8);
  });
});

describe('a world fitted to MovieLens ratings', () => {
  it('keeps the ratings as watch history (oldest first, marked watched) for the research probe', async () => {
    const f = writeMlLatest(40, 30);
    const { world } = await runWorld<MoviesWorld>(moviesDomain, { maxEvents: 1, domainConfig: { source: f.dir, users: 80 } });
    const history = world.probe.history!();
    // 80 simulated users are two copies of the 40 source users, each with its source's ratings.
    expect(history.count).toBe(2 * f.ratings);
    for (let i = 1; i < history.count; i++) expect(history.time[i]).toBeGreaterThanOrEqual(history.time[i - 1]);
    const { population } = world.research();
    for (let i = 0; i < history.count; i++) expect(population.hasWatched(history.user[i], history.item[i])).toBe(true);
    expect(history.engagement[0]).toBe(world.catalogue.runtime[history.item[0]]);
  });

  it('chooses like its source users: the planted taste groups prefer their own movies', async () => {
    // The fixture's odd users rate odd movies 1.2 stars above the mean and even ones 1.2 below.
    const f = writeMlLatest(60, 40);
    const { world } = await runWorld<MoviesWorld>(moviesDomain, { maxEvents: 1, domainConfig: { source: f.dir, users: 60, idiosyncrasy: 0 } });
    const { truth, population, catalogue } = world.research();
    let own = 0;
    let other = 0;
    for (let u = 0; u < 60; u++)
      for (let m = 0; m < 40; m++) {
        const sameGroup = (m + 1) % 2 === (u + 1) % 2;
        if (sameGroup) own += truth.score(u, m, population, catalogue);
        else other += truth.score(u, m, population, catalogue);
      }
    expect(own / 1200 - other / 1200).toBeGreaterThan(0.8);
  });
});
