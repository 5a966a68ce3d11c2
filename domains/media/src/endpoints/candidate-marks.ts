/** Ids above this are not marked in an array (a plugin's ids may be anything): a Set holds them. */
const MAX_MARKED_ID = 1 << 24;

/**
 * The candidates of one request not yet ranked, for validating a feed answer: `reset` to a
 * request's candidates, then `take` each answered id, which says whether it was still there.
 *
 * Marks in a typed array indexed by id, valid for one round, so that a request costs a write per
 * candidate and a read per answered id, not building a Set of 500 ids per answer (5-7% of an
 * images run). Candidates with an id above 2^24 fall back to a Set for that request.
 */
export class CandidateMarks {
  private marks = new Uint32Array(1024);
  private round = 0;
  private set: Set<number> | undefined;

  reset(candidates: readonly number[]): void {
    let max = -1;
    for (let i = 0; i < candidates.length; i++) if (candidates[i] > max) max = candidates[i];
    if (max > MAX_MARKED_ID) {
      this.set = new Set(candidates);
      return;
    }
    this.set = undefined;
    if (max >= this.marks.length) this.marks = new Uint32Array(Math.max(max + 1, this.marks.length * 2));
    // A new round invalidates every mark of the last; after 2^32 - 2 rounds the marks are cleared.
    if (this.round === 0xfffffffe) {
      this.marks.fill(0);
      this.round = 0;
    }
    this.round++;
    for (let i = 0; i < candidates.length; i++) this.marks[candidates[i]] = this.round;
  }

  /** Whether `id` (a non-negative integer) was a candidate not taken yet; it is taken from now on. */
  take(id: number): boolean {
    if (this.set) return this.set.delete(id);
    if (id >= this.marks.length || this.marks[id] !== this.round) return false;
    this.marks[id] = 0;
    return true;
  }
}
