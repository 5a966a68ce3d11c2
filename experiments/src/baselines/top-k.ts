/**
 * Indices of the k highest scores (best first), skipping excluded indices; ties go to the lower
 * index so that results are deterministic. A size-k min-heap: O(n log k).
 */
export function topK(scores: ArrayLike<number>, n: number, k: number, exclude?: (i: number) => boolean): number[] {
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
  for (let i = 0; i < n; i++) {
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
