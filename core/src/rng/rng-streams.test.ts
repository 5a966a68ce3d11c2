import { describe, expect, it } from 'vitest';
import { RandomStream } from './random-stream.js';
import { RngStreams } from './rng-streams.js';

const draw = (s: RandomStream, n: number) => Array.from({ length: n }, () => s.next());

describe('RngStreams', () => {
  it('gives the same sequence for the same seed and name, another for another seed or name', () => {
    expect(draw(new RngStreams('7').stream('noise'), 5)).toEqual(draw(new RngStreams('7').stream('noise'), 5));
    expect(draw(new RngStreams('8').stream('noise'), 5)).not.toEqual(draw(new RngStreams('7').stream('noise'), 5));
    expect(draw(new RngStreams('7').stream('population'), 5)).not.toEqual(draw(new RngStreams('7').stream('noise'), 5));
  });

  it('keeps streams independent: extra draws on one stream do not shift another', () => {
    const a = new RngStreams('seed');
    const b = new RngStreams('seed');
    draw(a.stream('behaviour'), 1000); // a new feature drawing from its own stream
    expect(draw(a.stream('population'), 10)).toEqual(draw(b.stream('population'), 10));
  });

  it('derives per-entity and per-team streams reproducibly', () => {
    const r = new RngStreams('seed');
    expect(draw(r.derive('user', 3), 3)).toEqual(draw(r.derive('user', 3), 3));
    expect(draw(r.derive('user', 3), 3)).not.toEqual(draw(r.derive('user', 4), 3));
    expect(draw(r.child('team1').stream('x'), 3)).not.toEqual(draw(r.child('team2').stream('x'), 3));
  });
});

describe('RandomStream distributions', () => {
  const s = new RandomStream('dist');
  const n = 50_000;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('uniform values lie in [0,1) with mean near 1/2, ints in range', () => {
    const xs = draw(s, n);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
    const ints = Array.from({ length: 1000 }, () => s.int(7));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });

  it('normal, exponential, poisson and weighted have the right means', () => {
    const normals = Array.from({ length: n }, () => s.normal(3, 2));
    expect(mean(normals)).toBeCloseTo(3, 1);
    const sd = Math.sqrt(mean(normals.map((x) => (x - 3) ** 2)));
    expect(sd).toBeCloseTo(2, 1);
    expect(mean(Array.from({ length: n }, () => s.exponential(4)))).toBeCloseTo(0.25, 2);
    expect(mean(Array.from({ length: n }, () => s.poisson(3)))).toBeCloseTo(3, 1);
    expect(mean(Array.from({ length: n }, () => s.poisson(200)))).toBeCloseTo(200, 0);
    const picks = Array.from({ length: n }, () => s.weighted([1, 3]));
    expect(mean(picks)).toBeCloseTo(0.75, 1);
  });

  it('shuffle is a permutation', () => {
    const xs = s.shuffle(Array.from({ length: 100 }, (_, i) => i));
    expect([...xs].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(xs).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
