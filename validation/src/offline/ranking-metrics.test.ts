import { describe, expect, it } from 'vitest';
import { scoreRanking } from './ranking-metrics.js';

describe('hit rate and NDCG at k', () => {
  it('scores hand-checkable lists', () => {
    // The one held-out item first: a hit, NDCG 1.
    expect(scoreRanking([7, 1, 2], new Set([7]), 3)).toEqual({ hit: 1, ndcg: 1 });
    // Second of three: DCG 1/log2(3); ideal 1.
    expect(scoreRanking([1, 7, 2], new Set([7]), 3).ndcg).toBeCloseTo(1 / Math.log2(3), 12);
    // Two held out, found at positions 1 and 3: (1 + 1/2) / (1 + 1/log2 3).
    expect(scoreRanking([4, 9, 5], new Set([4, 5]), 3).ndcg).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 12);
    // Beyond k does not count.
    expect(scoreRanking([1, 2, 7], new Set([7]), 2)).toEqual({ hit: 0, ndcg: 0 });
    // More held out than k: the ideal list is k hits long, so a full top k scores 1.
    expect(scoreRanking([3, 4], new Set([1, 2, 3, 4]), 2)).toEqual({ hit: 1, ndcg: 1 });
  });

  it('refuses a user with nothing held out', () => {
    expect(() => scoreRanking([1], new Set(), 20)).toThrow(RangeError);
  });
});
