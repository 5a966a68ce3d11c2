import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { GENRE_COUNT } from '../genres.js';
import { TasteOrigins } from './taste-origins.js';

describe('taste origins', () => {
  it('keeps only the first row of each user, through many table growths, and measures drift from it', () => {
    const users = 50_000;
    const rng = new RandomStream('origins');
    const affinity = new Float32Array(users * GENRE_COUNT).map(() => rng.normal());
    const start = affinity.slice();
    const origins = new TasteOrigins();
    // About 9,000 users change, in random order, some several times (only the first row is kept).
    const changed = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const u = rng.int(users);
      origins.keep(u, affinity);
      changed.add(u);
      affinity[u * GENRE_COUNT + rng.int(GENRE_COUNT)] += rng.normal();
    }
    expect(origins.count).toBe(changed.size);
    for (let u = 0; u < users; u++) {
      let sum = 0;
      for (let g = 0; g < GENRE_COUNT; g++) sum += (affinity[u * GENRE_COUNT + g] - start[u * GENRE_COUNT + g]) ** 2;
      expect(origins.distance(u, affinity)).toBe(changed.has(u) ? Math.sqrt(sum) : 0);
    }
  });
});
