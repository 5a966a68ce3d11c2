import { describe, expect, it } from 'vitest';
import { CoViewing } from './co-viewing.js';

describe('co-viewing from real rating sequences', () => {
  // User 0 rates movies 0, 1, 2 in that order; user 1 rates 0 then 1, and 7 years later 3.
  const ratings = {
    count: 6,
    user: Int32Array.from([0, 0, 0, 1, 1, 1]),
    movie: Int32Array.from([2, 0, 1, 0, 1, 3]),
    time: Uint32Array.from([30, 10, 20, 10, 20, 30]),
  };
  const table = CoViewing.fromRatings(ratings, 5);

  it("scores movies watched one after another by the same users, each movie's closest neighbour at 1", () => {
    // 0 and 1: co-viewed twice (n0 = 2, n1 = 2): cosine 1, the top neighbour of both.
    expect(table.similarity(0, 1)).toBeCloseTo(1, 6);
    expect(table.similarity(1, 0)).toBeCloseTo(1, 6);
    // 0 and 2: once (n2 = 1): cosine 1/sqrt(2), relative to 0's best (1).
    expect(table.similarity(0, 2)).toBeCloseTo(Math.SQRT1_2, 6);
    // 2's only neighbours are 0 and 1, equally close: both 1.
    expect(table.similarity(2, 1)).toBeCloseTo(1, 6);
  });

  it('knows nothing of movies never watched together, nor of a movie with itself or out of range', () => {
    expect(table.similarity(2, 3)).toBeCloseTo(0, 6);
    expect(table.similarity(4, 0)).toBe(0);
    expect(table.similarity(0, 0)).toBe(0);
    expect(table.similarity(99, 0)).toBe(0);
  });
});
