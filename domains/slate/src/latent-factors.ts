import type { RandomStream } from '@prodsim/core';

/**
 * The hidden ground truth of slate/v1: a k-dimensional preference vector per user and an
 * attribute vector per item, in flat Float32Arrays (row-major). The true score of an item for a
 * user is their inner product divided by the user's norm (T-RECS normalises users the same way),
 * so scores are on one scale whatever a user's norm.
 */
export class LatentFactors {
  readonly users: Float32Array;
  readonly items: Float32Array;
  /** 1/|u|: slerp keeps a user's norm, so this never changes. */
  private readonly userInvNorm: Float64Array;
  private readonly itemNorm: Float64Array;

  constructor(
    readonly userCount: number,
    readonly itemCount: number,
    readonly dims: number,
    rng: RandomStream,
  ) {
    this.users = new Float32Array(userCount * dims);
    this.items = new Float32Array(itemCount * dims);
    for (let i = 0; i < this.users.length; i++) this.users[i] = rng.normal();
    for (let i = 0; i < this.items.length; i++) this.items[i] = rng.normal();
    this.userInvNorm = new Float64Array(userCount);
    this.itemNorm = new Float64Array(itemCount);
    for (let u = 0; u < userCount; u++) {
      const n = norm(this.users, u * dims, dims);
      // A zero vector has no direction; T-RECS redraws it, we give it a unit first component.
      if (n === 0) this.users[u * dims] = 1;
      this.userInvNorm[u] = 1 / (n === 0 ? 1 : n);
    }
    for (let i = 0; i < itemCount; i++) {
      const n = norm(this.items, i * dims, dims);
      if (n === 0) this.items[i * dims] = 1;
      this.itemNorm[i] = n === 0 ? 1 : n;
    }
  }

  score(user: number, item: number): number {
    const d = this.dims;
    const u = this.users;
    const v = this.items;
    const uo = user * d;
    const io = item * d;
    // Four running sums, so the additions do not wait on each other: scoring is the choice's cost.
    const d4 = d - (d % 4);
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j < d4; j += 4) {
      s0 += u[uo + j] * v[io + j];
      s1 += u[uo + j + 1] * v[io + j + 1];
      s2 += u[uo + j + 2] * v[io + j + 2];
      s3 += u[uo + j + 3] * v[io + j + 3];
    }
    for (; j < d; j++) s0 += u[uo + j] * v[io + j];
    return (s0 + s1 + s2 + s3) * this.userInvNorm[user];
  }

  /**
   * Turns the user's vector toward the item's by `share` of the angle between them, keeping its
   * norm (spherical linear interpolation, as T-RECS's Users(drift=...) does).
   */
  drift(user: number, item: number, share: number): void {
    if (share <= 0) return;
    const d = this.dims;
    const u = this.users;
    const v = this.items;
    const uo = user * d;
    const io = item * d;
    const invU = this.userInvNorm[user];
    const invV = 1 / this.itemNorm[item];
    let cos = 0;
    for (let j = 0; j < d; j++) cos += u[uo + j] * invU * (v[io + j] * invV);
    if (cos > 1) cos = 1;
    else if (cos < -1) cos = -1;
    const omega = Math.acos(cos);
    const sinO = Math.sin(omega);
    // Parallel (or opposite) vectors: no defined plane to turn in; leave the user as is.
    if (sinO < 1e-9) return;
    const len = 1 / invU;
    const a = (Math.sin((1 - share) * omega) / sinO) * invU * len;
    const b = (Math.sin(share * omega) / sinO) * invV * len;
    for (let j = 0; j < d; j++) u[uo + j] = a * u[uo + j] + b * v[io + j];
  }

  /** A user's current preference vector (a copy), for tests. */
  userVector(user: number): Float64Array {
    return Float64Array.from(this.users.subarray(user * this.dims, (user + 1) * this.dims));
  }
}

function norm(a: Float32Array, offset: number, dims: number): number {
  let sum = 0;
  for (let j = 0; j < dims; j++) sum += a[offset + j] * a[offset + j];
  return Math.sqrt(sum);
}
