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
  const heapIdx: number[] = [];
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heapIdx.length && worse(heapIdx[l], heapIdx[m])) m = l;
      if (r < heapIdx.length && worse(heapIdx[r], heapIdx[m])) m = r;
      if (m === i) return;
      [heapIdx[i], heapIdx[m]] = [heapIdx[m], heapIdx[i]];
      i = m;
    }
  };
  if (k <= 0) return heapIdx;
  for (let j = 0; j < count; j++) {
    const i = indices ? indices[j] : j;
    // Most indices cannot beat the heap's worst once it is full: skip them before asking
    // `exclude` (a set lookup) at all. This loop runs over the catalogue on every request.
    if (heapIdx.length === k) {
      const worst = heapIdx[0];
      const s = scores[i];
      if (s < scores[worst] || (s === scores[worst] && i > worst)) continue;
    }
    if (exclude?.(i)) continue;
    if (heapIdx.length < k) {
      heapIdx.push(i);
      let c = heapIdx.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(heapIdx[c], heapIdx[p])) break;
        [heapIdx[c], heapIdx[p]] = [heapIdx[p], heapIdx[c]];
        c = p;
      }
    } else if (worse(heapIdx[0], i)) {
      heapIdx[0] = i;
      siftDown(0);
    }
  }
  return heapIdx.sort((a, b) => scores[b] - scores[a] || a - b);
}
