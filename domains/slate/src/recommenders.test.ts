import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { SlateChoice } from './choice.js';
import { LatentFactors } from './latent-factors.js';
import { mfSlate } from './mf-recommender.js';
import { ObservedChoices } from './observed-choices.js';
import { popularitySlate, randomSlate } from './recommenders.js';
import { slateEndpoint } from './slate-endpoint.js';
import { topK } from './top-k.js';

describe('recommenders', () => {
  it('topK returns the most chosen items best first, breaking ties at random', () => {
    const counts = Int32Array.from([5, 0, 9, 5, 1, 9, 0]);
    const top = topK(counts, 4, new RandomStream('a'));
    expect(new Set(top.slice(0, 2))).toEqual(new Set([2, 5]));
    expect(new Set(top.slice(2, 4))).toEqual(new Set([0, 3]));
    const orders = new Set(Array.from({ length: 20 }, (_, i) => topK(new Int32Array(6), 6, new RandomStream(`t${i}`)).join()));
    expect(orders.size).toBeGreaterThan(10);
  });

  it('popularity retrains once per step and never changes an answer already given', () => {
    const observed = new ObservedChoices(20);
    const slate = popularitySlate(observed, new RandomStream('p'));
    observed.record(0, 4);
    const first = slate({ user: 0, step: 0, k: 3 });
    expect(first[0]).toBe(4);
    observed.record(1, 9);
    observed.record(1, 9);
    expect(slate({ user: 1, step: 0, k: 3 })).toBe(first);
    const next = slate({ user: 0, step: 1, k: 3 });
    expect(next.slice(0, 2)).toEqual([9, 4]);
    expect(first[0]).toBe(4);
  });

  it('random slates are k distinct catalogue items, also when k is most of the catalogue', () => {
    const rng = new RandomStream('r');
    for (const [items, k] of [
      [1000, 10],
      [12, 10],
      [10, 10],
    ]) {
      const s = randomSlate(items, rng)({ user: 0, step: 0, k });
      expect(s).toHaveLength(k);
      expect(new Set(s).size).toBe(k);
      expect(s.every((i) => Number.isInteger(i) && i >= 0 && i < items)).toBe(true);
    }
  });
});

describe('mf recommender', () => {
  it('ranks a pool of popular and random items by learned factors, retraining once per step', () => {
    const observed = new ObservedChoices(300);
    const slate = mfSlate(observed, new RandomStream('mf'), { users: 4, popularCandidates: 5, randomCandidates: 20 });
    for (let n = 0; n < 50; n++) observed.record(n % 4, 7 + (n % 4));
    const a = slate({ user: 0, step: 0, k: 10 });
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect(a.every((i) => Number.isInteger(i) && i >= 0 && i < 300)).toBe(true);
    // The same step and user: the same answer (no retraining within a step).
    expect(slate({ user: 0, step: 0, k: 10 })).toEqual(a);
    // After many choices of item 7 by user 0, the next step's model ranks it first for that user.
    for (let n = 0; n < 400; n++) observed.record(0, 7);
    expect(slate({ user: 0, step: 1, k: 10 })[0]).toBe(7);
  });
});

describe('slate endpoint and choice', () => {
  it('validates answers: order kept, junk and duplicates dropped and counted, capped at k', () => {
    const e = slateEndpoint(10);
    const request = { user: 1, step: 0, k: 3 };
    const clean = [3, 1, 2];
    const good = e.validate(clean, request);
    expect(good).toEqual({ ok: true, value: clean, dropped: 0 });
    expect(good.ok && good.value).toBe(clean);
    expect(e.validate([5, 5, 11, -2, 'a', 1.5, 6, 7, 8], request)).toEqual({ ok: true, value: [5, 6, 7], dropped: 6 });
    expect(e.validate({ items: [1] }, request)).toEqual({ ok: false, error: 'answer is not a list of item ids' });
    expect(e.parseBody('[1,2]')).toEqual({ ok: true, value: [1, 2], dropped: 0 });
    expect(e.parseBody('oops').ok).toBe(false);
    expect(e.http.path(request)).toBe('/slate/1?k=3&step=0');
  });

  it('without noise the user takes the slate item with the highest true score', () => {
    const truth = new LatentFactors(5, 50, 6, new RandomStream('c'));
    const slate = [3, 17, 42, 8, 25];
    for (let u = 0; u < 5; u++) {
      const rank = new SlateChoice(truth, 0, new RandomStream('x')).choose(u, slate);
      const scores = slate.map((i) => truth.score(u, i));
      expect(scores[rank]).toBe(Math.max(...scores));
    }
    expect(new SlateChoice(truth, 0.5, new RandomStream('x')).choose(0, [])).toBe(-1);
  });

  it('with noise the choice follows softmax(score / noise) over the slate', () => {
    const truth = new LatentFactors(1, 4, 3, new RandomStream('soft'));
    const slate = [0, 1, 2, 3];
    const noise = 0.7;
    const w = slate.map((i) => Math.exp(truth.score(0, i) / noise));
    const expected = w.map((x) => x / w.reduce((a, b) => a + b, 0));
    const chooser = new SlateChoice(truth, noise, new RandomStream('draws'));
    const counts = [0, 0, 0, 0];
    const n = 40_000;
    for (let k = 0; k < n; k++) counts[chooser.choose(0, slate)]++;
    // Four standard errors of a binomial share at n = 40,000 is at most 0.01.
    counts.forEach((c, r) => expect(Math.abs(c / n - expected[r])).toBeLessThan(0.01));
  });
});
