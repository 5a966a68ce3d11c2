/**
 * Every (user, item, weight) a learning baseline has observed, in growable typed arrays (12 bytes
 * an interaction: 500,000 interactions take 6 MB), so that it can replay uniformly sampled past
 * interactions the way a team retrains on all the data it has.
 */
export class InteractionLog {
  private userOf = new Int32Array(1024);
  private itemOf = new Int32Array(1024);
  private weightOf = new Float32Array(1024);
  length = 0;

  add(user: number, item: number, weight: number): void {
    if (this.length === this.userOf.length) {
      const size = this.length * 2;
      this.userOf = grow(this.userOf, new Int32Array(size));
      this.itemOf = grow(this.itemOf, new Int32Array(size));
      this.weightOf = grow(this.weightOf, new Float32Array(size));
    }
    this.userOf[this.length] = user;
    this.itemOf[this.length] = item;
    this.weightOf[this.length] = weight;
    this.length++;
  }

  user(i: number): number {
    return this.userOf[i];
  }

  item(i: number): number {
    return this.itemOf[i];
  }

  weight(i: number): number {
    return this.weightOf[i];
  }
}

function grow<T extends Int32Array | Float32Array>(old: T, next: T): T {
  next.set(old);
  return next;
}
