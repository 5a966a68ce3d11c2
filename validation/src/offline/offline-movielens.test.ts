import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMovieLens } from '@prodsim/domain-movies';
import { splitByTime } from '../split/time-split.js';
import { runOfflineTier } from './offline-tier.js';

// ../shared/data/movielens/ml-latest-small from the project root; never copied into the repo.
const REAL_SMALL = fileURLToPath(new URL('../../../../shared/data/movielens/ml-latest-small', import.meta.url));
const present = existsSync(join(REAL_SMALL, 'ratings.csv'));
if (!present) console.log(`validation: skipped the offline tier on ml-latest-small: ${REAL_SMALL} is absent`);

describe.runIf(present)('the offline tier on the real ml-latest-small', () => {
  it('ranks random < popularity < the better of item-kNN and MF by hit rate@20', () => {
    const data = loadMovieLens(REAL_SMALL);
    const split = splitByTime(data);
    expect(split.evaluatedUsers).toBe(610);
    const figures = runOfflineTier(data, split, ['random', 'popularity', 'item-knn', 'mf'], { seed: '1' });
    const hr = Object.fromEntries(figures.map((f) => [f.recommender, f.hitRate]));
    console.log(
      `validation: offline on ml-latest-small: ${figures.map((f) => `${f.recommender} HR@20 ${f.hitRate.toFixed(3)} NDCG@20 ${f.ndcg.toFixed(3)}`).join('; ')}`,
    );
    expect(hr.random).toBeLessThan(hr.popularity);
    expect(hr.popularity).toBeLessThan(Math.max(hr['item-knn'], hr.mf));
  });
});
