import { describe, expect, it } from 'vitest';
import { threadsToFillCores } from './thread-count.js';

/** Time for `units` equal units (1 each) on `threads` threads sharing `cores` cores: rounds of min(threads, left) units. */
function makespan(units: number, threads: number, cores: number): number {
  let time = 0;
  for (let left = units; left > 0; left -= Math.min(threads, left)) time += Math.max(1, Math.min(threads, left) / cores);
  return time;
}

describe('threadsToFillCores', () => {
  it('gives one thread per core when the units divide evenly, and no more threads than units', () => {
    expect(threadsToFillCores(4, 2)).toBe(2);
    expect(threadsToFillCores(6, 3)).toBe(3);
    expect(threadsToFillCores(1, 2)).toBe(1);
    expect(threadsToFillCores(0, 2)).toBe(1);
  });

  it('adds threads so that the last round keeps every core busy (5 replications on 2 cores: 3)', () => {
    expect(threadsToFillCores(5, 2)).toBe(3);
    expect(makespan(5, 2, 2)).toBe(3);
    expect(makespan(5, 3, 2)).toBe(2.5);
  });

  it('reaches the least possible time, units / cores, with the fewest threads that do', () => {
    for (let cores = 1; cores <= 8; cores++)
      for (let units = 1; units <= 40; units++) {
        const threads = threadsToFillCores(units, cores);
        const best = Math.max(1, units / cores);
        expect(makespan(units, threads, cores)).toBeCloseTo(best, 9);
        if (threads > cores) expect(makespan(units, threads - 1, cores)).toBeGreaterThan(best);
      }
  });
});
