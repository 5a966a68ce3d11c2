/**
 * Item-item co-occurrence: how often two movies were viewed by the same user close together in
 * time. "People who watched X also watched Y" is the classic first personalised recommender.
 */
export class CoOccurrence {
  private readonly pairs = new Map<string, Map<string, number>>();

  /**
   * @param maxNeighbours neighbours kept per movie. A popular movie co-occurs with nearly every
   *   other one; keeping only its strongest neighbours bounds memory and the cost of a request.
   */
  constructor(private readonly maxNeighbours = 300) {}

  /** Records that `movie` was viewed right after each of `recent`. */
  add(movie: string, recent: readonly string[]): void {
    for (const other of recent) {
      if (other === movie) continue;
      this.bump(movie, other);
      this.bump(other, movie);
    }
  }

  neighbours(movie: string): ReadonlyMap<string, number> {
    return this.pairs.get(movie) ?? EMPTY;
  }

  private bump(a: string, b: string): void {
    let row = this.pairs.get(a);
    if (row === undefined) this.pairs.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + 1);
    if (row.size > 2 * this.maxNeighbours) prune(row, this.maxNeighbours);
  }
}

const EMPTY: ReadonlyMap<string, number> = new Map();

/** Keeps the `keep` strongest entries (amortised: runs once per `keep` new neighbours). */
function prune(row: Map<string, number>, keep: number): void {
  const strongest = [...row].sort((x, y) => y[1] - x[1]).slice(0, keep);
  row.clear();
  for (const [movie, n] of strongest) row.set(movie, n);
}
