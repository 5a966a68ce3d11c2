import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMovieLens, moviesDomain } from '@prodsim/domain-movies';
import { splitByTime } from '../split/time-split.js';
import { writeTrainingDirectory } from '../split/training-directory.js';
import { compareDistributions, movieLensRecords } from './distributions-tier.js';
import { simulateRatings } from './simulate-month.js';

// ../shared/data/movielens/ml-latest-small from the project root; never copied into the repo.
const REAL_SMALL = fileURLToPath(new URL('../../../../shared/data/movielens/ml-latest-small', import.meta.url));
const present = existsSync(join(REAL_SMALL, 'ratings.csv'));
if (!present) console.log(`validation: skipped the distributions tier on ml-latest-small: ${REAL_SMALL} is absent`);

const PER_ITEM = ['ratings-per-item-gini', 'ratings-per-item-top10', 'ratings-per-item-ks'];

describe.runIf(present)('the distributions tier on the real ml-latest-small', () => {
  it('a month of the world fitted to the training part is within twice the band on every statistic, and without rating visits it is not', async () => {
    const data = loadMovieLens(REAL_SMALL);
    const train = join(mkdtempSync(join(tmpdir(), 'prodsim-validate-')), 'train');
    writeTrainingDirectory(data, splitByTime(data), train);
    const real = movieLensRecords(data);
    const month = async (world: Record<string, unknown>) => {
      const { ratings } = await simulateRatings({ plugin: moviesDomain, world: { source: train, users: 610, ...world }, days: 30, seed: '1/distributions' });
      return Object.fromEntries(compareDistributions(ratings, real, { seed: '1', periodDays: 30 }).map((r) => [r.name, r]));
    };
    const rows = await month({});
    console.log(
      `validation: distributions on ml-latest-small: ${Object.values(rows)
        .map((r) => `${r.name} ${(r.distance / r.realBand).toFixed(2)}x`)
        .join(', ')}`,
    );
    for (const r of Object.values(rows)) expect(r.withinTarget, r.name).toBe(true);
    // Users who rate only what they just watched: a month with a tenth of the ratings, spread thin.
    const before = await month({ ratingVisits: false });
    for (const name of [...PER_ITEM, 'ratings-per-user-ks']) expect(before[name].withinTarget, name).toBe(false);
    expect(before['ratings-per-item-gini'].simulatedRatings).toBeLessThan(rows['ratings-per-item-gini'].simulatedRatings / 5);
  });
});
