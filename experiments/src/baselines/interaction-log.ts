/**
 * Every (user, item, weight) a learning baseline has observed, in one growable buffer (12 bytes
 * an interaction: 500,000 interactions take 6 MB), so that it can replay uniformly sampled past
 * interactions the way a team retrains on all the data it has.
 *
 * An interaction's three fields sit side by side: a replayed draw lands anywhere in megabytes,
 * and one cache line then serves all three (three separate arrays cost three misses, most of MF's
 * replay loop outside its arithmetic).
 */
export class InteractionLog {
  private ints = new Int32Array(3 * 1024);
  /** The same buffer as floats: the weight's word. */
  private floats = new Float32Array(this.ints.buffer);
  length = 0;

  add(user: number, item: number, weight: number): void {
    let at = 3 * this.length;
    if (at === this.ints.length) {
      const ints = new Int32Array(this.ints.length * 2);
      ints.set(this.ints);
      this.ints = ints;
      this.floats = new Float32Array(ints.buffer);
    }
    this.ints[at++] = user;
    this.ints[at++] = item;
    this.floats[at] = weight;
    this.length++;
  }

  user(i: number): number {
    return this.ints[3 * i];
  }

  item(i: number): number {
    return this.ints[3 * i + 1];
  }

  weight(i: number): number {
    return this.floats[3 * i + 2];
  }
}
