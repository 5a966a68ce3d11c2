import { describe, expect, it } from 'vitest';
import { KeyedRandom } from './keyed-random.js';
import { RngStreams } from './rng-streams.js';

describe('KeyedRandom: one sequence per entity', () => {
  it("never shifts one entity's draws when another draws more", () => {
    const a = new KeyedRandom('seed');
    const b = new KeyedRandom('seed');
    const seqA = [a.of(7).next(), a.of(3).next(), a.of(7).next(), a.of(7).normal()];
    // b interleaves many draws for other entities between entity 7's draws.
    const first = b.of(7).next();
    for (let i = 0; i < 50; i++) b.of(i % 5).next();
    b.of(3).next();
    expect([first, b.of(7).next(), b.of(7).normal()]).toEqual([seqA[0], seqA[2], seqA[3]]);
  });

  it('starts a keyed sequence afresh, the same whatever was drawn before, and differs by key and seed', () => {
    const r = new KeyedRandom('seed');
    const day5 = [r.at(2, 5).next(), r.next(), r.poisson(3)];
    r.of(2).next();
    r.at(2, 6).next();
    expect([r.at(2, 5).next(), r.next(), r.poisson(3)]).toEqual(day5);
    expect(r.at(2, 6).next()).not.toBe(day5[0]);
    expect(new KeyedRandom('other').at(2, 5).next()).not.toBe(day5[0]);
  });

  it('draws uniforms that look uniform and independent across entities and counters', () => {
    const r = new KeyedRandom('uniform');
    const bins = new Array(10).fill(0);
    let lag = 0;
    let prev = 0.5;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = r.of(i % 997).next();
      bins[Math.floor(x * 10)]++;
      lag += (x - 0.5) * (prev - 0.5);
      prev = x;
    }
    for (const b of bins) expect(Math.abs(b / n - 0.1)).toBeLessThan(0.005);
    // Correlation of consecutive draws (across entities): about 0 (sd 1/sqrt(n) ~ 0.003).
    expect(Math.abs(lag / n / (1 / 12))).toBeLessThan(0.015);
  });

  it("continues an entity's sequence past 65,536 draws as a 32-bit counter would, through a snapshot", () => {
    // `of(u)` is the sequence keyed by (u, 0x9e3779b9) at the entity's count; `at` counts in a
    // plain number, so it is the reference for the 16-bit counters and their high bits.
    const reference = new KeyedRandom('long').at(5, 0x9e3779b9);
    const want = Array.from({ length: 140_000 }, () => reference.nextUint32());
    const r = new KeyedRandom('long');
    const got: number[] = [];
    for (let i = 0; i < 70_000; i++) got.push(r.of(5).nextUint32(), r.of(9).nextUint32());
    const state = r.snapshot();
    expect([state.counters[5], state.counters[9], state.counters.length]).toEqual([70_000, 70_000, 10]);
    const resumed = new KeyedRandom('long');
    resumed.restore(state);
    for (let i = 0; i < 70_000; i++) got.push(resumed.of(5).nextUint32());
    expect(got.filter((_, i) => i < 140_000 && i % 2 === 0).concat(got.slice(140_000))).toEqual(want);
    expect(resumed.snapshot().counters[5]).toBe(140_000);
  });

  it('comes from the run seed through RngStreams.keyed, one per name', () => {
    const streams = new RngStreams('run');
    expect(streams.keyed('behaviour')).toBe(streams.keyed('behaviour'));
    expect(new RngStreams('run').keyed('behaviour').at(1, 1).next()).toBe(streams.keyed('behaviour').at(1, 1).next());
    expect(streams.keyed('noise').at(1, 1).next()).not.toBe(streams.keyed('behaviour').at(1, 1).next());
  });
});
