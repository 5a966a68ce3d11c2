import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { rankByValue } from './rank-by-value.js';

describe('rankByValue', () => {
  it('orders by value, highest first, and leaves the input as it was', () => {
    const ids = [4, 9, 1, 7];
    const value = new Map([
      [4, 0.2],
      [9, -1],
      [1, 3],
      [7, 0.5],
    ]);
    expect(rankByValue(ids, (id) => value.get(id) ?? 0, 'id')).toEqual([1, 7, 4, 9]);
    expect(ids).toEqual([4, 9, 1, 7]);
  });

  it('breaks ties by input order or by the smaller id, as asked', () => {
    const ids = [8, 3, 5, 2];
    const value = (id: number) => (id === 5 ? 1 : 0);
    expect(rankByValue(ids, value, 'input')).toEqual([5, 8, 3, 2]);
    expect(rankByValue(ids, value, 'id')).toEqual([5, 2, 3, 8]);
  });

  it('computes each value once', () => {
    const calls: number[] = [];
    rankByValue([3, 1, 2, 6, 5], (id) => (calls.push(id), -id), 'id');
    expect(calls).toEqual([3, 1, 2, 6, 5]);
  });

  it('gives the order of a comparator sort that computes the values itself', () => {
    const rng = new RandomStream('rank-by-value');
    for (let round = 0; round < 20; round++) {
      const ids = rng.shuffle(Array.from({ length: 300 }, (_, i) => i * 3));
      // Few distinct values, so that many ties are broken.
      const table = new Map(ids.map((id) => [id, Math.floor(rng.next() * 12) / 4]));
      const value = (id: number) => table.get(id) ?? 0;
      expect(rankByValue(ids, value, 'id')).toEqual([...ids].sort((a, b) => value(b) - value(a) || a - b));
      expect(rankByValue(ids, value, 'input')).toEqual([...ids].sort((a, b) => value(b) - value(a)));
    }
  });

  it('sorts every length the same way, runs and merges of any size', () => {
    const rng = new RandomStream('rank-by-value-lengths');
    for (let n = 1; n <= 70; n++) {
      const ids = Array.from({ length: n }, () => rng.int(50));
      const value = (id: number) => (id % 7) / 3;
      expect(rankByValue(ids, value, 'id')).toEqual([...ids].sort((a, b) => value(b) - value(a) || a - b));
      expect(rankByValue(ids, value, 'input')).toEqual([...ids].sort((a, b) => value(b) - value(a)));
    }
  });

  it('cut to a limit, gives the first of the whole ranking', () => {
    const rng = new RandomStream('rank-by-value-limit');
    for (let round = 0; round < 20; round++) {
      const ids = rng.shuffle(Array.from({ length: 200 }, (_, i) => i * 7));
      const table = new Map(ids.map((id) => [id, Math.floor(rng.next() * 10) / 2]));
      const value = (id: number) => table.get(id) ?? 0;
      for (const limit of [1, 5, 20, 199]) {
        expect(rankByValue(ids, value, 'id', limit)).toEqual(rankByValue(ids, value, 'id').slice(0, limit));
        expect(rankByValue(ids, value, 'input', limit)).toEqual(rankByValue(ids, value, 'input').slice(0, limit));
      }
    }
    expect(rankByValue([2, 1], (id) => id, 'id', 5)).toEqual([2, 1]);
    expect(rankByValue([2, 1], (id) => id, 'id', 0)).toEqual([]);
  });

  it('ranks an empty list as empty', () => {
    expect(rankByValue([], () => 0, 'input')).toEqual([]);
    expect(rankByValue([], () => 0, 'input', 3)).toEqual([]);
  });
});
