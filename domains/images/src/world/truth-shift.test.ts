import { RandomStream } from '@prodsim/core';
import type { FeedRequest } from '@prodsim/media';
import { describe, expect, it } from 'vitest';
import { runSmall, type SmallRun } from '../test/small-world.js';

const policies = () => {
  const rng = new RandomStream('f');
  return { feed: (r: FeedRequest) => rng.shuffle(r.candidates.slice()), moderate: () => ({ decision: 'allow' }) };
};
const HALF_DAY = 43_200_000;

describe('images/v1 truth-shift: the hidden readout changes, unannounced', () => {
  it('changes every image’s hidden truth from the shift on, announces nothing, and is deterministic', async () => {
    const still = await runSmall({ seed: 'shift', predictor: policies });
    const shift = [{ day: 0.5, action: 'truth-shift', params: { taste: 1, harm: 1 } }];
    const shifted = await runSmall({ seed: 'shift', scenario: shift, predictor: policies });
    const again = await runSmall({ seed: 'shift', scenario: shift, predictor: policies });

    // Deterministic: the same seed and scenario give the same stream and the same hidden truth.
    expect(again.capture.events.map((e) => e.value)).toEqual(shifted.capture.events.map((e) => e.value));
    expect(again.world.research().truth.embeddings).toEqual(shifted.world.research().truth.embeddings);

    // Unannounced: the same kinds of events, and until the shift the very same ones.
    const start = Date.parse(still.events[0].t as string);
    const before = (run: SmallRun) => run.events.filter((e) => Date.parse(e.t as string) < start + HALF_DAY).map((e) => JSON.stringify(e));
    expect(before(shifted)).toEqual(before(still));
    expect(new Set(shifted.events.map((e) => e.kind))).toEqual(new Set(still.events.map((e) => e.kind)));

    // The backlog's images (never edited in either run) now read differently: what a user likes
    // about them is unrelated to before, and another set of them is harmful.
    const a = still.world.research();
    const b = shifted.world.research();
    const editedIds = new Set([...still.events, ...shifted.events].filter((e) => e.kind === 'edit').map((e) => e.image as number));
    const ids = still.events.filter((e) => e.kind === 'upload' && e.backlog && !editedIds.has(e.image as number)).map((e) => e.image as number);
    expect(ids.length).toBeGreaterThan(50);
    const affinities = (run: SmallRun, u: number) => {
      const r = run.world.research();
      return ids.map((id) => r.viewers.affinity(u, r.truth.embeddings, r.truth.offset(id)));
    };
    // Tastes drift a little with what users see, so compare through the unshifted run's tastes.
    const stillTaste = (run: SmallRun) => (id: number) => a.viewers.affinity(0, run.world.research().truth.embeddings, run.world.research().truth.offset(id));
    const old = ids.map(stillTaste(still));
    const now = ids.map(stillTaste(shifted));
    expect(Math.abs(correlation(old, now))).toBeLessThan(0.5);
    expect(affinities(shifted, 1)).not.toEqual(affinities(still, 1));
    // How much users like the app stays: tastes are rescaled to keep the spread of affinities.
    const spread = (run: SmallRun) => {
      const all = Array.from({ length: 20 }, (_, u) => affinities(run, u)).flat();
      const mean = all.reduce((x, y) => x + y, 0) / all.length;
      return Math.sqrt(all.reduce((x, v) => x + (v - mean) ** 2, 0) / all.length);
    };
    expect(spread(shifted) / spread(still)).toBeGreaterThan(0.8);
    expect(spread(shifted) / spread(still)).toBeLessThan(1.25);
    const harmfulA = ids.filter((id) => a.truth.harmful[id] === 1);
    const harmfulB = ids.filter((id) => b.truth.harmful[id] === 1);
    const stillHarmful = harmfulA.filter((id) => harmfulB.includes(id));
    expect(stillHarmful.length).toBeLessThan(harmfulA.length / 2);
    // The same share is harmful among the images stored at the shift (every image uploaded in
    // the run was planned at the day start, before it; edited ones left out): the scores keep
    // their distribution.
    const atShift = still.events.filter((e) => e.kind === 'upload' && !editedIds.has(e.image as number)).map((e) => e.image as number);
    const harmfulCount = (run: SmallRun) => atShift.filter((id) => run.world.research().truth.harmful[id] === 1).length;
    expect(atShift.length).toBeGreaterThan(100);
    expect(harmfulCount(still)).toBeGreaterThan(10);
    expect(Math.abs(harmfulCount(shifted) - harmfulCount(still))).toBeLessThanOrEqual(Math.max(2, 0.15 * harmfulCount(still)));
  }, 120_000);

  // The shift draws from a stream of its own: a null shift leaves every other draw of the world as it was.
  it('taste 0 and harm 0 change nothing', async () => {
    const still = await runSmall({ seed: 'shift0', predictor: policies });
    const none = await runSmall({ seed: 'shift0', scenario: [{ day: 0.5, action: 'truth-shift', params: { taste: 0, harm: 0 } }], predictor: policies });
    expect(none.capture.events.map((e) => e.value)).toEqual(still.capture.events.map((e) => e.value));
  }, 120_000);
});

function correlation(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
