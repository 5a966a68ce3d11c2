import { InProcessPredictor, type ResearchProbe } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { BASELINES } from './baseline-names.js';
import { baselinePredictor, makeRecommender } from './make-baseline.js';
import { topK } from './top-k.js';

describe('built-in baselines', () => {
  it('topK returns the best k indices, ties to the lower index, skipping exclusions', () => {
    expect(topK([1, 5, 3, 5, 0], 5, 3)).toEqual([1, 3, 2]);
    expect(topK([1, 5, 3, 5, 0], 5, 2, (i) => i === 1)).toEqual([3, 2]);
  });

  it('popularity and item-kNN learn from observed consumption', () => {
    const pop = makeRecommender('popularity', 's');
    const knn = makeRecommender('item-knn', 's');
    for (const r of [pop, knn]) {
      for (let u = 0; u < 30; u++) {
        r.interaction(0, u, 7, false, 10, 0);
        r.interaction(0, u, 3, false, 10, 0);
      }
      r.interaction(0, 99, 5, false, 10, 0);
    }
    expect(pop.recommend(1, 2, 10)).toEqual([3, 7]);
    // A user who just watched 7 gets 3, its co-consumed neighbour, first.
    knn.interaction(0, 200, 7, false, 10, 0);
    expect(knn.recommend(200, 1, 10)).toEqual([3]);
  });

  it.each(BASELINES)('%s ranks only the request\'s own candidates when the domain says it has them', (name) => {
    const recommender = makeRecommender(name, 'seed');
    for (let i = 0; i < 200; i++) recommender.interaction(0, i % 17, i % 41, false, 5, 0);
    const probe: ResearchProbe = {
      userCount: 20,
      itemCount: 50,
      userGroup: () => 'all',
      itemDistance: () => 1,
      tasteDrift: () => 0,
      slateEndpoint: { name: 'feed', size: 4, userOf: (r) => (r as { user: number }).user, candidatesOf: (r) => (r as { candidates: number[] }).candidates, answer: (items) => [...items] },
    };
    const predictor = baselinePredictor(recommender, probe) as InProcessPredictor;
    const candidates = [40, 3, 17, 22, 9, 31];
    const endpoint = { name: 'feed', validate: (raw: unknown) => ({ ok: true as const, value: raw as number[], dropped: 0 }) };
    const outcome = predictor.predict(endpoint as never, { user: 5, candidates }, { deadlineMs: 100 });
    expect(outcome.kind).toBe('ok');
    const ranked = (outcome as { value: number[] }).value;
    expect(ranked.length).toBe(4);
    for (const item of ranked) expect(candidates).toContain(item);
    expect(new Set(ranked).size).toBe(4);
  });

  it('popularity ranks candidates by what was consumed most', () => {
    const pop = makeRecommender('popularity', 's');
    for (let i = 0; i < 5; i++) pop.interaction(0, i, 9, false, 1, 0);
    for (let i = 0; i < 3; i++) pop.interaction(0, i, 4, false, 1, 0);
    expect(pop.rank(0, [1, 4, 9, 2], 3)).toEqual([9, 4, 1]);
  });
});
