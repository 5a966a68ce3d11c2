import type { RandomStream } from '@prodsim/core';

/** The k highest counts, best first; count + a uniform draw in [0, 1) breaks ties at random. */
export function topK(counts: Int32Array, k: number, rng: RandomStream): number[] {
  const ids = new Int32Array(k);
  const keys = new Float64Array(k).fill(-Infinity);
  for (let i = 0; i < counts.length; i++) {
    const key = counts[i] + rng.next();
    if (key <= keys[k - 1]) continue;
    // Insertion into the short sorted list: k is a slate size, so this beats a heap.
    let j = k - 1;
    while (j > 0 && keys[j - 1] < key) {
      keys[j] = keys[j - 1];
      ids[j] = ids[j - 1];
      j--;
    }
    keys[j] = key;
    ids[j] = i;
  }
  return Array.from(ids);
}
