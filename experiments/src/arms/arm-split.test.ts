import { describe, expect, it } from 'vitest';
import { ArmSplit } from './arm-split.js';

function tally(split: ArmSplit, users: number, day = 0): number[] {
  const counts = new Array(split.names.length).fill(0);
  for (let u = 0; u < users; u++) counts[split.armOf(u, day)]++;
  return counts.map((c) => c / users);
}

describe('ArmSplit', () => {
  it('honours the configured shares over users', () => {
    const split = new ArmSplit(
      [
        { name: 'a', share: 0.5 },
        { name: 'b', share: 0.3 },
        { name: 'c', share: 0.2 },
      ],
      'seed',
    );
    const shares = tally(split, 100_000);
    expect(shares[0]).toBeCloseTo(0.5, 2);
    expect(shares[1]).toBeCloseTo(0.3, 2);
    expect(shares[2]).toBeCloseTo(0.2, 2);
  });

  it('is stable per seed and differs between seeds', () => {
    const a = new ArmSplit(
      [
        { name: 'a', share: 0.5 },
        { name: 'b', share: 0.5 },
      ],
      's1',
    );
    const b = new ArmSplit(
      [
        { name: 'a', share: 0.5 },
        { name: 'b', share: 0.5 },
      ],
      's1',
    );
    const c = new ArmSplit(
      [
        { name: 'a', share: 0.5 },
        { name: 'b', share: 0.5 },
      ],
      's2',
    );
    const arms = (s: ArmSplit) => Array.from({ length: 200 }, (_, u) => s.armOf(u, 0));
    expect(arms(a)).toEqual(arms(b));
    expect(arms(a)).not.toEqual(arms(c));
  });

  it('grows a canary on schedule, only ever moving users into it', () => {
    const split = new ArmSplit(
      [
        { name: 'stable', share: 1 },
        { name: 'canary', share: 0 },
      ],
      'seed',
      {
        arm: 'canary',
        steps: [
          { day: 0, share: 0.05 },
          { day: 10, share: 0.5 },
        ],
      },
    );
    expect(tally(split, 50_000, 0)[1]).toBeCloseTo(0.05, 2);
    expect(tally(split, 50_000, 9)[1]).toBeCloseTo(0.05, 2);
    expect(tally(split, 50_000, 10)[1]).toBeCloseTo(0.5, 2);
    for (let u = 0; u < 5000; u++) if (split.armOf(u, 0) === 1) expect(split.armOf(u, 10)).toBe(1);
  });

  it('refuses shares that do not sum to 1 and unknown canary arms', () => {
    expect(() => new ArmSplit([{ name: 'a', share: 0.5 }], 's')).toThrow(/sum to 1/);
    expect(() => new ArmSplit([{ name: 'a', share: 1 }], 's', { arm: 'x', steps: [] })).toThrow(/not one of the arms/);
  });
});

describe('ArmSplit over time', () => {
  it('assigns the same arm whatever order users and days are asked in', () => {
    const make = () =>
      new ArmSplit(
        [
          { name: 'a', share: 0.7 },
          { name: 'c', share: 0.3 },
        ],
        'o',
        { arm: 'c', steps: [{ day: 5, share: 0.6 }] },
      );
    const forward = make();
    const expected = Array.from({ length: 300 }, (_, u) => [forward.armOf(u, 0), forward.armOf(u, 7)]);
    const shuffled = make();
    for (let u = 299; u >= 0; u--) {
      expect(shuffled.armOf(u, 7)).toBe(expected[u][1]);
      expect(shuffled.armOf(u, 0)).toBe(expected[u][0]);
    }
  });

  it('knows the thinnest share any arm takes over the schedule', () => {
    expect(
      new ArmSplit(
        [
          { name: 'a', share: 0.6 },
          { name: 'b', share: 0.4 },
        ],
        's',
      ).smallestShare(),
    ).toBe(0.4);
    const canary = new ArmSplit(
      [
        { name: 'stable', share: 1 },
        { name: 'c', share: 0 },
      ],
      's',
      {
        arm: 'c',
        steps: [
          { day: 3, share: 0.05 },
          { day: 9, share: 0.9 },
        ],
      },
    );
    expect(canary.smallestShare()).toBeCloseTo(0.05);
  });
});
