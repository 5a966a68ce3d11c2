import { applyReadoutShift, type ReadoutShift } from './readout-shift.js';

/**
 * The hidden truth about every image, by image id: its content embedding (standardised, from the
 * secret world model), its policy-violation score, and whether it is harmful (the hidden
 * moderation label: the score above the world's threshold). Nothing here is ever served or put
 * on the stream. After a readout shift (scenario `truth-shift`) every stored row is shifted, and
 * so is every row set later: the world model's output reads differently from then on.
 */
export class TruthStore {
  embeddings: Float32Array;
  violation: Float32Array;
  harmful: Uint8Array;
  private capacity: number;
  /** One past the highest id set so far. */
  private rows = 0;
  private readonly shifts: ReadoutShift[] = [];
  private readonly scratch: Float32Array;

  constructor(
    readonly dim: number,
    /** The violation score above which an image is harmful. */
    readonly threshold: number,
    initialCapacity = 1024,
  ) {
    this.capacity = initialCapacity;
    this.embeddings = new Float32Array(initialCapacity * dim);
    this.violation = new Float32Array(initialCapacity);
    this.harmful = new Uint8Array(initialCapacity);
    this.scratch = new Float32Array(dim);
  }

  /** Stores the world model's output for an image, read with the shifts so far. */
  set(id: number, embedding: ArrayLike<number>, embeddingOffset: number, violation: number): void {
    this.ensure(id);
    const base = id * this.dim;
    for (let d = 0; d < this.dim; d++) this.embeddings[base + d] = embedding[embeddingOffset + d];
    let v = violation;
    for (const shift of this.shifts) v = applyReadoutShift(shift, this.embeddings, base, v, this.scratch);
    this.violation[id] = v;
    this.harmful[id] = v > this.threshold ? 1 : 0;
  }

  /** Image `to` shows the same content as `from` (a re-upload): the same truth. */
  copy(from: number, to: number): void {
    this.ensure(to);
    this.embeddings.copyWithin(to * this.dim, from * this.dim, (from + 1) * this.dim);
    this.violation[to] = this.violation[from];
    this.harmful[to] = this.harmful[from];
  }

  /** The readout changes: every row stored so far now, and every later one as it is set. */
  shift(shift: ReadoutShift): void {
    this.shifts.push(shift);
    for (let id = 0; id < this.rows; id++) {
      const v = applyReadoutShift(shift, this.embeddings, id * this.dim, this.violation[id], this.scratch);
      this.violation[id] = v;
      this.harmful[id] = v > this.threshold ? 1 : 0;
    }
  }

  /** How many rows (ids 0 .. count-1) hold truth. */
  get count(): number {
    return this.rows;
  }

  offset(id: number): number {
    return id * this.dim;
  }

  private ensure(id: number): void {
    if (id >= this.rows) this.rows = id + 1;
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
