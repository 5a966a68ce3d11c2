import { describe, expect, it } from 'vitest';
import { RngStreams } from './rng-streams.js';

describe('random streams continue from a snapshot', () => {
  it('continues named and keyed streams exactly where they stood, including a spare normal', () => {
    const a = new RngStreams('run');
    const behaviour = a.keyed('behaviour');
    a.stream('noise').normal(); // leaves a spare normal behind
    for (let u = 0; u < 3000; u++) behaviour.of(u % 1500).next();
    behaviour.of(7).normal();
    const state = structuredClone(a.snapshot());

    const next = (r: RngStreams) => [
      r.stream('noise').normal(),
      r.stream('noise').next(),
      r.keyed('behaviour').of(7).next(),
      r.keyed('behaviour').of(1499).int(1000),
    ];
    const expected = next(a);
    const b = new RngStreams('run');
    const held = b.keyed('behaviour'); // held by a world before the restore
    b.restore(state);
    expect(next(b)).toEqual(expected);
    expect(b.keyed('behaviour')).toBe(held);
    // A fresh world's streams would not have given these values.
    expect(next(new RngStreams('run'))).not.toEqual(expected);
  });

  it('refuses the snapshot of another seed', () => {
    const state = new RngStreams('one').snapshot();
    expect(() => new RngStreams('two').restore(state)).toThrow(/seed "one" cannot continue seed "two"/);
  });
});
