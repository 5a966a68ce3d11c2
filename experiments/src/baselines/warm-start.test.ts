import { describe, expect, it } from 'vitest';
import type { ConsumptionHistory, ResearchProbe } from '@prodsim/core';
import { makeRecommender } from './make-baseline.js';
import { warmStart } from './warm-start.js';

function probeWith(history?: ConsumptionHistory): ResearchProbe {
  return { userCount: 10, itemCount: 30, userGroup: () => 'all', itemDistance: () => 1, tasteDrift: () => 0, ...(history ? { history: () => history } : {}) };
}

describe("warm start from a world's history", () => {
  // Users 0-8 all watched item 4 and item 9; user 9 watched item 4 only.
  const pairs = [...Array.from({ length: 9 }, (_, u) => [u, 4]), ...Array.from({ length: 9 }, (_, u) => [u, 9]), [9, 4]];
  const history: ConsumptionHistory = {
    count: pairs.length,
    user: Int32Array.from(pairs.map((p) => p[0])),
    item: Int32Array.from(pairs.map((p) => p[1])),
    time: Float64Array.from(pairs.map((_, i) => 1_000 * i)),
    engagement: new Float32Array(pairs.length).fill(90),
  };

  it('teaches a baseline the historic log: popular items first, and never what the user already saw', () => {
    const pop = makeRecommender('popularity', 's');
    warmStart(pop, probeWith(history));
    expect(pop.recommend(9, 1, 30)).toEqual([9]);
    expect(pop.recommend(0, 5, 30)).not.toContain(4);
    expect(pop.recommend(0, 5, 30)).not.toContain(9);
  });

  it('is a no-op for a world without history', () => {
    const cold = makeRecommender('popularity', 's');
    warmStart(cold, probeWith());
    warmStart(cold, undefined);
    expect(cold.recommend(9, 3, 30)).not.toContain(9);
  });
});
