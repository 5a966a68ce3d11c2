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
  const heap = new TopKHeap(k);
  // The root's entry, kept in locals for the test that rejects most indices.
  let full = false;
  let rootScore = 0;
  let rootItem = 0;
  for (let j = 0; j < count; j++) {
    const i = indices ? indices[j] : j;
    const s = scores[i];
    // Most indices cannot beat the heap's worst once it is full: skip them before asking
    // `exclude` (a set lookup) at all.
    if (full && (s < rootScore || (s === rootScore && i > rootItem))) continue;
    if (exclude?.(i)) continue;
    heap.offer(i, s);
    full = heap.full;
    rootScore = heap.rootScore;
    rootItem = heap.rootItem;
  }
  return heap.best();
}

/**
 * The k best (score, index) pairs offered so far: a min-heap by (score, then higher index
 * first), whose root is the worst pair kept. Each entry's score sits beside it, so comparisons
 * read no score array at random. A caller scanning many indices keeps the root in locals and
 * offers only those that beat it (`full`, `rootScore`, `rootItem`), as `topK` does.
 */
export class TopKHeap {
  private readonly items: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  get full(): boolean {
    return this.items.length === this.k;
  }

  get rootScore(): number {
    return this.scores[0];
  }

  get rootItem(): number {
    return this.items[0];
  }

  /** Keeps (i, s) if the heap has room or it beats the root (ties: the lower index wins). */
  offer(i: number, s: number): void {
    const { items, scores } = this;
    const size = items.length;
    if (size < this.k) {
      items.push(i);
      scores.push(s);
      for (let c = size; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!this.worse(c, p)) break;
        this.swap(c, p);
        c = p;
      }
      return;
    }
    if (!(scores[0] < s || (scores[0] === s && items[0] > i))) return;
    items[0] = i;
    scores[0] = s;
    this.siftDown(0);
  }

  private siftDown(from: number): void {
    const size = this.items.length;
    for (let at = from; ; ) {
      const l = 2 * at + 1;
      const r = l + 1;
      let m = at;
      if (l < size && this.worse(l, m)) m = l;
      if (r < size && this.worse(r, m)) m = r;
      if (m === at) return;
      this.swap(at, m);
      at = m;
    }
  }

  /** The indices kept, best first; empties the heap. Popping the worst each time fills the list from its end. */
  best(): number[] {
    const { items, scores } = this;
    const out = new Array<number>(items.length);
    for (let n = items.length; n > 0; n--) {
      out[n - 1] = items[0];
      const lastItem = items.pop()!;
      const lastScore = scores.pop()!;
      if (n === 1) break;
      items[0] = lastItem;
      scores[0] = lastScore;
      this.siftDown(0);
    }
    return out;
  }

  private worse(a: number, b: number): boolean {
    const { items, scores } = this;
    return scores[a] < scores[b] || (scores[a] === scores[b] && items[a] > items[b]);
  }

  private swap(a: number, b: number): void {
    const { items, scores } = this;
    const item = items[a];
    const score = scores[a];
    items[a] = items[b];
    scores[a] = scores[b];
    items[b] = item;
    scores[b] = score;
  }
}
