import { hashSeed } from '@prodsim/core';

/**
 * The users each arm's distribution metrics (coverage, Gini, top-10% share, homogenisation,
 * personalisation, taste drift) are measured on.
 *
 * Estimator: on each day, every arm is measured on the same number k of its users, the k with
 * the lowest sampling key among the users the arm serves that day, where k is `perArm` or, if
 * fewer, the number of users the smallest non-empty arm has in the pool. Why equal sizes: these
 * metrics grow or shrink with the number of users they are computed on (more users consume
 * more of the catalogue, so coverage rises and Gini falls), so a 5% canary measured on all its
 * users cannot be compared with a 95% arm measured on all of its own. A plain
 * size-independent estimator exists for homogenisation (mean pairwise Jaccard) but not for
 * coverage or Gini; equal samples treat them all alike.
 *
 * Keys come from a seeded hash of the user (independent of the arm split), so the sample is
 * deterministic, the same in every arm of a paired design, and open to users who join mid-run:
 * a newcomer whose key is low enters the sample like anyone else. Consumption is kept only for
 * users in the pool (key below `poolShare`), sized so that the thinnest arm still has about
 * `perArm` pool users; that bounds memory on large worlds.
 */
export class UserSample {
  /** Users seen so far: indices below this have a key and a pool flag. */
  known = 0;
  /** 1 for users in the pool, whose consumption is kept. */
  inPool = new Uint8Array(0);
  /** Pool users, in order of their key (re-sorted when newcomers join). */
  private readonly pool: number[] = [];
  private readonly keys = new Map<number, number>();
  private sorted = true;
  private readonly salt: string;

  constructor(
    seed: string,
    /** Share of users in the pool, in (0, 1]. */
    private readonly poolShare: number,
  ) {
    this.salt = `sample/${seed}`;
  }

  /** The pool share that gives the thinnest arm (share `smallestShare` of `users`) about `perArm` pool users. */
  static poolShareFor(perArm: number, smallestShare: number, users: number): number {
    // A margin over the expected count, so that a binomial shortfall rarely shrinks k.
    const wanted = perArm * 1.2 + 20;
    return users <= 0 || smallestShare <= 0 ? 1 : Math.min(1, wanted / (smallestShare * users));
  }

  /** Meets users up to `count` (exclusive); returns those who entered the pool. */
  learn(count: number): number[] {
    if (count <= this.known) return [];
    if (count > this.inPool.length) {
      const grown = new Uint8Array(Math.max(count, this.inPool.length * 2, 1024));
      grown.set(this.inPool);
      this.inPool = grown;
    }
    const joined: number[] = [];
    for (let u = this.known; u < count; u++) {
      const key = hashSeed(`${this.salt}/${u}`)[0] / 4294967296;
      if (key >= this.poolShare) continue;
      this.inPool[u] = 1;
      this.keys.set(u, key);
      this.pool.push(u);
      joined.push(u);
    }
    if (joined.length > 0) this.sorted = false;
    this.known = count;
    return joined;
  }

  /** Per arm, the users it is measured on today: the same number in every non-empty arm. */
  select(armOf: (user: number) => number, arms: number, perArm: number): number[][] {
    if (!this.sorted) {
      this.pool.sort((a, b) => this.keys.get(a)! - this.keys.get(b)! || a - b);
      this.sorted = true;
    }
    const chosen = Array.from({ length: arms }, () => [] as number[]);
    for (const u of this.pool) {
      const list = chosen[armOf(u)];
      if (list.length < perArm) list.push(u);
    }
    let k = perArm;
    for (const list of chosen) if (list.length > 0 && list.length < k) k = list.length;
    for (const list of chosen) list.length = Math.min(list.length, k);
    return chosen;
  }
}
