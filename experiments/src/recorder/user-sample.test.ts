import { describe, expect, it } from 'vitest';
import { ArmSplit } from '../arms/arm-split.js';
import { UserSample } from './user-sample.js';

describe('UserSample', () => {
  it('measures every non-empty arm on the same number of users, the lowest keys first', () => {
    const split = new ArmSplit(
      [
        { name: 'big', share: 0.9 },
        { name: 'small', share: 0.1 },
      ],
      's',
    );
    const sample = new UserSample('s', 1);
    sample.learn(3000);
    const [big, small] = sample.select((u) => split.armOf(u, 0), 2, 100);
    expect(big.length).toBe(100);
    expect(small.length).toBe(100);
    for (const u of small) expect(split.armOf(u, 0)).toBe(1);
    // Lower perArm gives a prefix of the same order: the sample is nested, not redrawn.
    const [big50] = sample.select((u) => split.armOf(u, 0), 2, 50);
    expect(big50).toEqual(big.slice(0, 50));
  });

  it('shrinks every arm to the smallest non-empty one, and ignores empty arms', () => {
    const sample = new UserSample('t', 1);
    sample.learn(100);
    const chosen = sample.select((u) => (u < 10 ? 1 : 0), 3, 50);
    expect(chosen.map((c) => c.length)).toEqual([10, 10, 0]);
  });

  it('keeps only pool users, sized for the thinnest arm, and admits newcomers by the same rule', () => {
    const share = UserSample.poolShareFor(100, 0.05, 100_000);
    expect(share).toBeCloseTo((100 * 1.2 + 20) / 5000);
    const sample = new UserSample('p', share);
    const joined = sample.learn(100_000);
    expect(joined.length).toBeGreaterThan(2400);
    expect(joined.length).toBeLessThan(3200);
    const later = sample.learn(110_000);
    expect(later.every((u) => u >= 100_000)).toBe(true);
    expect(later.length).toBeGreaterThan(200);
    for (const u of later) expect(sample.inPool[u]).toBe(1);
    expect(new UserSample('p', share).learn(110_000)).toEqual([...joined, ...later]);
    expect(UserSample.poolShareFor(400, 0.5, 300)).toBe(1);
  });
});
