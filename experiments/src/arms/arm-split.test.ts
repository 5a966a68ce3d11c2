import { describe, expect, it } from 'vitest';
import { ArmSplit } from './arm-split.js';

function tally(split: ArmSplit, users: number, day = 0): number[] {
  const counts = new Array(split.names.length).fill(0);
  for (let u = 0; u < users; u++) counts[split.armOf(u, day)]++;
  return counts.map((c) => c / users);
}

describe('ArmSplit', () => {
  it('honours the configured shares over users', () => {
    const split = new ArmSplit([{ name: 'a', share: 0.5 }, { name: 'b', share: 0.3 }, { name: 'c', share: 0.2 }], 'seed');
    const shares = tally(split, 100_000);
    expect(shares[0]).toBeCloseTo(0.5, 2);
    expect(shares[1]).toBeCloseTo(0.3, 2);
    expect(shares[2]).toBeCloseTo(0.2, 2);
  });

  it('is stable per seed and differs between seeds', () => {
    const a = new ArmSplit([{ name: 'a', share: 0.5 }, { name: 'b', share: 0.5 }], 's1');
    const b = new ArmSplit([{ name: 'a', share: 0.5 }, { name: 'b', share: 0.5 }], 's1');
    const c = new ArmSplit([{ name: 'a', share: 0.5 }, { name: 'b', share: 0.5 }], 's2');
    const arms = (s: ArmSplit) => Array.from({ length: 200 }, (_, u) => s.armOf(u, 0));
    expect(arms(a)).toEqual(arms(b));
    expect(arms(a)).not.toEqual(arms(c));
  });

  it('grows a canary on schedule, only ever moving users into it', () => {
    const split = new ArmSplit([{ name: 'stable', share: 1 }, { name: 'canary', share: 0 }], 'seed', {
      arm: 'canary',
      steps: [{ day: 0, share: 0.05 }, { day: 10, share: 0.5 }],
    });
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
