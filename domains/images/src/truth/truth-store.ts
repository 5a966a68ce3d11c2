/**
 * The hidden truth about every image, by image id: its content embedding (standardised, from the
 * secret world model), its policy-violation score, and whether it is harmful (the hidden
 * moderation label). Nothing here is ever served or put on the stream.
 */
export class TruthStore {
  embeddings: Float32Array;
  violation: Float32Array;
  harmful: Uint8Array;
  private capacity: number;

  constructor(
    readonly dim: number,
    initialCapacity = 1024,
  ) {
    this.capacity = initialCapacity;
    this.embeddings = new Float32Array(initialCapacity * dim);
    this.violation = new Float32Array(initialCapacity);
    this.harmful = new Uint8Array(initialCapacity);
  }

  set(id: number, embedding: ArrayLike<number>, embeddingOffset: number, violation: number, harmful: boolean): void {
    this.ensure(id);
    const base = id * this.dim;
    for (let d = 0; d < this.dim; d++) this.embeddings[base + d] = embedding[embeddingOffset + d];
    this.violation[id] = violation;
    this.harmful[id] = harmful ? 1 : 0;
  }

  /** Image `to` shows the same content as `from` (a re-upload): the same truth. */
  copy(from: number, to: number): void {
    this.ensure(to);
    this.embeddings.copyWithin(to * this.dim, from * this.dim, (from + 1) * this.dim);
    this.violation[to] = this.violation[from];
    this.harmful[to] = this.harmful[from];
  }

  offset(id: number): number {
    return id * this.dim;
  }

  private ensure(id: number): void {
    if (id < this.capacity) return;
    let size = this.capacity * 2;
    while (size <= id) size *= 2;
    const e = new Float32Array(size * this.dim);
    e.set(this.embeddings);
    const v = new Float32Array(size);
    v.set(this.violation);
    const h = new Uint8Array(size);
    h.set(this.harmful);
    this.embeddings = e;
    this.violation = v;
    this.harmful = h;
    this.capacity = size;
  }
}
