import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { LatentFactors } from './latent-factors.js';

const norm = (v: Float64Array) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));
const cosine = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i], 0) / norm(a) / norm(b);
const itemVector = (f: LatentFactors, i: number) => Float64Array.from(f.items.subarray(i * f.dims, (i + 1) * f.dims));

describe('LatentFactors', () => {
  it('scores by the inner product over the user norm', () => {
    const f = new LatentFactors(3, 4, 5, new RandomStream('t'));
    const u = f.userVector(1);
    const v = itemVector(f, 2);
    const expected = u.reduce((s, x, i) => s + x * v[i], 0) / norm(u);
    expect(f.score(1, 2)).toBeCloseTo(expected, 5);
  });

  it('drifts a user toward the chosen item by the given share of the angle, keeping its norm (slerp)', () => {
    const f = new LatentFactors(2, 2, 8, new RandomStream('slerp'));
    const before = f.userVector(0);
    const item = itemVector(f, 1);
    const angle = Math.acos(cosine(before, item));
    f.drift(0, 1, 0.25);
    const after = f.userVector(0);
    expect(norm(after)).toBeCloseTo(norm(before), 4);
    expect(Math.acos(cosine(after, item))).toBeCloseTo(angle * 0.75, 4);
    expect(Math.acos(cosine(before, after))).toBeCloseTo(angle * 0.25, 4);
    // The other user is untouched.
    const other = new LatentFactors(2, 2, 8, new RandomStream('slerp')).userVector(1);
    expect(f.userVector(1)).toEqual(other);
  });

  it('does nothing with drift 0, and a full drift points the user at the item', () => {
    const f = new LatentFactors(1, 1, 4, new RandomStream('full'));
    const before = f.userVector(0);
    f.drift(0, 0, 0);
    expect(f.userVector(0)).toEqual(before);
    f.drift(0, 0, 1);
    expect(cosine(f.userVector(0), itemVector(f, 0))).toBeCloseTo(1, 5);
  });
});
