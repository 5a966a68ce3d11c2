import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomStream } from '@prodsim/core';
import { runWorld } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { writeMl100k, writeMl1m, writeMlLatest } from '../movielens/fixtures.js';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';
import { Catalogue } from '../world/catalogue.js';
import { GroundTruth } from '../world/ground-truth.js';
import { buildSyntheticCatalogue } from '../world/synthetic-movies.js';
import { MOVIE_ID_PATTERN, romanNumeral, SlugRegistry, titleSlug } from './slug.js';

const REAL_SMALL = fileURLToPath(new URL('../../../../../shared/data/movielens/ml-latest-small', import.meta.url));

/** What a team's parser does with an id: the last `+` part is the year, the rest the title. */
function parseId(id: string): { title: string; year: number } {
  const cut = id.lastIndexOf('+');
  return { title: id.slice(0, cut), year: Number(id.slice(cut + 1)) };
}

/**
 * Every id unique, each ending in its movie's year, and the title part the slug of the title or
 * of the title and a numeral. Returns the ids that break a rule (checked in plain code: millions
 * of expect calls would take minutes).
 */
function untellable(cat: Catalogue): string[] {
  const bad: string[] = [];
  if (new Set(cat.slugs.slice(0, cat.count)).size !== cat.count) bad.push('(some id twice)');
  for (let m = 0; m < cat.count; m++) {
    const id = cat.slugs[m];
    const { title, year } = parseId(id);
    const base = titleSlug(cat.titles[m]) || 'untitled';
    const numbered = title.startsWith(`${base}+`) && /^[ivxlcdm]+$/.test(title.slice(base.length + 1));
    if (!MOVIE_ID_PATTERN.test(id) || year !== cat.year[m] || (title !== base && !numbered)) bad.push(id);
  }
  return bad;
}

describe('movie ids are unique and end in the year', () => {
  it('writes numerals as sequels do', () => {
    expect([2, 3, 4, 9, 14, 40, 1999].map(romanNumeral)).toEqual(['II', 'III', 'IV', 'IX', 'XIV', 'XL', 'MCMXCIX']);
  });

  it('tells a taken slug apart by a word before the year, never after it', () => {
    const r = new SlugRegistry();
    expect(r.claim('war+of+the+worlds+2005')).toBe('war+of+the+worlds+2005');
    expect(r.claim('war+of+the+worlds+2005')).toBe('war+of+the+worlds+ii+2005');
    expect(r.claim('war+of+the+worlds+2005')).toBe('war+of+the+worlds+iii+2005');
    // A real movie whose slug is a numbered one already given out is itself told apart.
    expect(r.claim('war+of+the+worlds+ii+2005')).toBe('war+of+the+worlds+ii+ii+2005');
    expect(r.claim('war+of+the+worlds+2005')).toBe('war+of+the+worlds+iv+2005');
    expect(parseId('war+of+the+worlds+iv+2005').year).toBe(2005);
  });

  it('a 2,000,000-movie synthetic catalogue has no two titles in one year, so no two ids', () => {
    const n = 2_000_000;
    const cat = new Catalogue(n);
    const truth = new GroundTruth(2, 1, n, 0, 0, 1, 0);
    buildSyntheticCatalogue(cat, truth, new RandomStream('unique-ids'), n, Date.UTC(2026, 0, 5));
    expect(cat.count).toBe(n);
    const titleYears = new Set<string>();
    for (let m = 0; m < n; m++) titleYears.add(`${cat.titles[m]}\u0000${cat.year[m]}`);
    expect(titleYears.size).toBe(n);
    expect(untellable(cat)).toEqual([]);
    // The numbered titles are there because the word lists repeat, and each reads as a sequel.
    const numbered = cat.titles.filter((t) => / [IVXLCDM]+$/.test(t)).length;
    expect(numbered).toBeGreaterThan(n / 10);
  }, 300_000);

  // Each MovieLens format, with one title repeated in one year as in the real data ("Emma (1996)").
  const formats = [
    [
      'ml-100k',
      writeMl100k,
      (dir: string) =>
        appendFileSync(
          join(dir, 'u.item'),
          `${Array(2)
            .fill('')
            .map((_, i) => `${90 + i}|Emma (1996)|01-Jan-1996||http://us.imdb.com/x|${'0|'.repeat(18)}1`)
            .join('\n')}\n`,
        ),
    ],
    ['ml-1m', writeMl1m, (dir: string) => appendFileSync(join(dir, 'movies.dat'), '90::Emma (1996)::Comedy\n91::Emma (1996)::Drama\n')],
    ['ml-latest', writeMlLatest, (dir: string) => appendFileSync(join(dir, 'movies.csv'), '900,Emma (1996),Comedy\r\n910,Emma (1996),Drama\r\n')],
  ] as const;
  it.each(formats)('%s: a repeated title and year get different ids, the year last', async (_format, write, addTwins) => {
    const f = write();
    addTwins(f.dir);
    const { world } = await runWorld<MoviesWorld>(moviesDomain, { maxEvents: 10, domainConfig: { source: f.dir, users: 50, fitEpochs: 2 } });
    const cat = world.catalogue;
    expect(untellable(cat)).toEqual([]);
    expect(cat.slugs.filter((s) => s.startsWith('emma+'))).toEqual(['emma+1996', 'emma+ii+1996']);
  });

  it.runIf(existsSync(join(REAL_SMALL, 'movies.csv')))(
    'the real ml-latest-small: its repeated titles get different ids, the year last',
    async () => {
      const { world } = await runWorld<MoviesWorld>(moviesDomain, { maxEvents: 10, domainConfig: { source: REAL_SMALL, users: 100, fitEpochs: 2 } });
      const cat = world.catalogue;
      expect(untellable(cat)).toEqual([]);
      const told = cat.slugs.filter((s, m) => s !== `${titleSlug(cat.titles[m]) || 'untitled'}+${cat.year[m]}`);
      // ml-latest-small repeats a few titles within a year (Emma 1996, War of the Worlds 2005, ...).
      expect(told).toContain('war+of+the+worlds+ii+2005');
      expect(told).toContain('emma+ii+1996');
    },
    120_000,
  );
});
