/**
 * Which movies real users watch one after another: for every pair of movies rated within
 * WINDOW consecutive ratings of the same user (in time order), a co-viewing count, turned into a
 * cosine similarity (count / sqrt(n_a * n_b)) and kept for each movie's NEIGHBOURS most similar
 * movies. A MovieLens-fitted world uses it for the mood a viewing leaves (GroundTruth's momentum):
 * what real users went on to watch after a movie is what simulated users are drawn to after it,
 * so the sequential structure of the real logs carries over to the simulated ones.
 */
export class CoViewing {
  /** Neighbours of movie m: ids[start[m] .. start[m + 1]), ascending, with their similarity. */
  private constructor(
    private readonly start: Int32Array,
    private readonly ids: Int32Array,
    private readonly sims: Float32Array,
  ) {}

  /** Similarity of two movies in [0, 1]; 0 when b is not among a's neighbours. */
  similarity(a: number, b: number): number {
    if (a + 1 >= this.start.length) return 0;
    let lo = this.start[a];
    let hi = this.start[a + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const id = this.ids[mid];
      if (id === b) return this.sims[mid];
      if (id < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  get pairs(): number {
    return this.ids.length;
  }

  /** Builds the table from ratings (any order; sorted by user, then time, then index here). */
  static fromRatings(ratings: { count: number; user: Int32Array; movie: Int32Array; time: Uint32Array }, movies: number): CoViewing {
    const order = Array.from({ length: ratings.count }, (_, i) => i).sort(
      (x, y) => ratings.user[x] - ratings.user[y] || ratings.time[x] - ratings.time[y] || x - y,
    );
    const seen = new Float64Array(movies);
    const counts = new Map<number, number>();
    for (let i = 0; i < order.length; i++) {
      const a = ratings.movie[order[i]];
      seen[a]++;
      for (let j = Math.max(0, i - WINDOW); j < i; j++) {
        if (ratings.user[order[j]] !== ratings.user[order[i]]) continue;
        const b = ratings.movie[order[j]];
        if (a === b) continue;
        const key = a < b ? a * movies + b : b * movies + a;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const lists: [number, number][][] = Array.from({ length: movies }, () => []);
    for (const [key, c] of counts) {
      const a = Math.floor(key / movies);
      const b = key - a * movies;
      const sim = c / Math.sqrt(seen[a] * seen[b]);
      lists[a].push([b, sim]);
      lists[b].push([a, sim]);
    }
    const start = new Int32Array(movies + 1);
    const kept = lists.map((list) => {
      const best = list.sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, NEIGHBOURS);
      const top = best.length > 0 ? best[0][1] : 1;
      return best.map(([id, sim]) => [id, sim / top] as [number, number]).sort((x, y) => x[0] - y[0]);
    });
    for (let m = 0; m < movies; m++) start[m + 1] = start[m] + kept[m].length;
    const ids = new Int32Array(start[movies]);
    const sims = new Float32Array(start[movies]);
    kept.forEach((list, m) => {
      list.forEach(([id, sim], i) => {
        ids[start[m] + i] = id;
        sims[start[m] + i] = sim;
      });
    });
    return new CoViewing(start, ids, sims);
  }
}

/** Ratings this close in a user's sequence count as watched one after another. */
const WINDOW = 5;
/** Neighbours kept per movie. */
const NEIGHBOURS = 50;
