/**
 * Indices of the k highest scores among [0, n) (best first), skipping excluded indices; ties go
 * to the lower index so that results are deterministic. A size-k min-heap: O(n log k).
 */
export function topK(scores: ArrayLike<number>, n: number, k: number, exclude?: (i: number) => boolean): number[] {
  return select(scores, n, undefined, k, exclude);
}

/** The same over a list of indices (e.g. the items a sparse score touched), in any order. */
export function topKOf(scores: ArrayLike<number>, indices: ArrayLike<number>, k: number, exclude?: (i: number) => boolean): number[] {
  return select(scores, indices.length, indices, k, exclude);
}

function select(scores: ArrayLike<number>, count: number, indices: ArrayLike<number> | undefined, k: number, exclude?: (i: number) => boolean): number[] {
  if (k <= 0) return [];
  // A min-heap by (score, then higher index first): the root is the worst index kept. Each
  // entry's score sits beside it, so comparisons read no `scores[]` at random; this runs over
  // the catalogue on every request of a factor-model arm.
  const heapItem: number[] = [];
  const heapScore: number[] = [];
  let size = 0;
  // The root's entry, kept in locals for the test that rejects most indices.
  let rootScore = 0;
  let rootItem = 0;
  const worse = (a: number, b: number) => heapScore[a] < heapScore[b] || (heapScore[a] === heapScore[b] && heapItem[a] > heapItem[b]);
  const swap = (a: number, b: number) => {
    const item = heapItem[a];
    const score = heapScore[a];
    heapItem[a] = heapItem[b];
    heapScore[a] = heapScore[b];
    heapItem[b] = item;
    heapScore[b] = score;
  };
  for (let j = 0; j < count; j++) {
    const i = indices ? indices[j] : j;
    const s = scores[i];
    // Most indices cannot beat the heap's worst once it is full: skip them before asking
    // `exclude` (a set lookup) at all.
    if (size === k && (s < rootScore || (s === rootScore && i > rootItem))) continue;
    if (exclude?.(i)) continue;
    if (size < k) {
      heapItem.push(i);
      heapScore.push(s);
      for (let c = size++; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        swap(c, p);
        c = p;
      }
    } else if (rootScore < s || (rootScore === s && rootItem > i)) {
      heapItem[0] = i;
      heapScore[0] = s;
      for (let at = 0; ; ) {
        const l = 2 * at + 1;
        const r = l + 1;
        let m = at;
        if (l < size && worse(l, m)) m = l;
        if (r < size && worse(r, m)) m = r;
        if (m === at) break;
        swap(at, m);
        at = m;
      }
    }
    rootScore = heapScore[0];
    rootItem = heapItem[0];
  }
  return heapItem.sort((a, b) => scores[b] - scores[a] || a - b);
}
