import { Clock, RandomStream, Scheduler } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { CandidatePool } from './candidate-pool.js';
import { CreatorPool } from './creators.js';
import { DiurnalProfile } from './diurnal-profile.js';
import { PositionBias } from './position-bias.js';
import { ScrollSessions } from './scroll-sessions.js';
import { communityCentres, ViewerPool } from './viewers.js';

const START = Date.UTC(2026, 0, 5);

describe('CandidatePool', () => {
  it('samples distinct visible items, about the asked share from the newest, in shuffled order', () => {
    const pool = new CandidatePool();
    for (let i = 0; i < 1000; i++) pool.add(i);
    for (let i = 0; i < 1000; i += 10) pool.remove(i);
    expect(pool.size).toBe(900);
    const rng = new RandomStream('pool');
    const out: number[] = [];
    let recent = 0;
    for (let round = 0; round < 50; round++) {
      expect(pool.sample(40, 0.5, 100, rng, out)).toBe(40);
      expect(new Set(out).size).toBe(40);
      for (const id of out) {
        expect(pool.isVisible(id)).toBe(true);
        expect(id % 10).not.toBe(0);
        if (id >= 900) recent++;
      }
    }
    // Half from the newest 100 (ids 900..999), plus their share of the uniform half.
    expect(recent / (50 * 40)).toBeGreaterThan(0.5);
    expect(recent / (50 * 40)).toBeLessThan(0.6);
    expect(out).not.toEqual([...out].sort((a, b) => a - b));
  });

  it('returns what there is when the pool is smaller than asked, and nothing when empty', () => {
    const pool = new CandidatePool();
    const out: number[] = [];
    expect(pool.sample(5, 0.5, 10, new RandomStream('x'), out)).toBe(0);
    pool.add(3);
    pool.add(4);
    pool.remove(3);
    expect(pool.sample(5, 0.5, 10, new RandomStream('x'), out)).toBe(1);
    expect(out).toEqual([4]);
  });
});

describe('ScrollSessions', () => {
  function setup(persist: number, dwell: (position: number) => number, depart: (position: number) => boolean = () => true) {
    const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: START }));
    const log: string[] = [];
    const ends: number[] = [];
    const sessions = new ScrollSessions(
      scheduler,
      'scroll',
      5,
      new PositionBias({ persist, attentionDecay: 0.1 }),
      new RandomStream('scroll'),
      {
        view: (t, u, item, p) => (log.push(`${t - START} view u${u} i${item} p${p}`), dwell(p)),
        depart: (t, u, item, p) => (log.push(`${t - START} depart u${u} i${item} p${p}`), depart(p)),
        end: (_t, _u, viewed) => ends.push(viewed),
      },
      100,
    );
    return { scheduler, log, ends, sessions };
  }

  it('shows items top-down, each reaction at view time + dwell, the next after a gap', async () => {
    const { scheduler, log, ends, sessions } = setup(1, (p) => 1000 * (p + 1));
    sessions.start(START, 1, [10, 11, 12]);
    await scheduler.run();
    expect(log).toEqual([
      '0 view u1 i10 p0',
      '1000 depart u1 i10 p0',
      '1100 view u1 i11 p1',
      '3100 depart u1 i11 p1',
      '3200 view u1 i12 p2',
      '6200 depart u1 i12 p2',
    ]);
    expect(ends).toEqual([3]);
    expect(sessions.active).toBe(0);
  });

  it('stops when the handler says so, at view or at departure', async () => {
    const a = setup(1, (p) => (p === 1 ? -1 : 10));
    a.sessions.start(START, 1, [10, 11, 12]);
    await a.scheduler.run();
    expect(a.ends).toEqual([2]);
    const b = setup(
      1,
      () => 10,
      (p) => p < 0,
    );
    b.sessions.start(START, 1, [10, 11, 12]);
    await b.scheduler.run();
    expect(b.ends).toEqual([1]);
  });

  it('has position bias: with persist 0.5 about half of the sessions reach the second item', async () => {
    const { scheduler, ends, sessions } = setup(0.5, () => 10);
    for (let u = 0; u < 2000; u++) sessions.start(START + u, u, [1, 2, 3, 4, 5]);
    await scheduler.run();
    const reached2 = ends.filter((n) => n >= 2).length / ends.length;
    const reached3 = ends.filter((n) => n >= 3).length / ends.length;
    expect(reached2).toBeGreaterThan(0.45);
    expect(reached2).toBeLessThan(0.55);
    expect(reached3).toBeGreaterThan(0.2);
    expect(reached3).toBeLessThan(0.3);
    expect(new PositionBias({ persist: 0.5, attentionDecay: 0 }).reach(2)).toBe(0.25);
  });
});

describe('ViewerPool', () => {
  const dim = 16;
  const rng = new RandomStream('viewers');
  const axes = new Float32Array(2 * dim);
  axes[0] = 1;
  axes[dim + 1] = 1;
  const centres = communityCentres(3, axes, dim, rng);
  const pool = new ViewerPool({ count: 600, dim, centres, communityWeight: 0.9, sessionsPerDay: 2, activitySpread: 0.5 }, rng);

  it('builds tastes near community centres, with heavy-tailed activity around the median', () => {
    const sameCommunity: number[] = [];
    const other: number[] = [];
    for (let u = 1; u < 200; u++) {
      const dot = pool.affinity(u, pool.taste, 0);
      (pool.community[u] === pool.community[0] ? sameCommunity : other).push(dot);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(sameCommunity)).toBeGreaterThan(mean(other) + 0.3);
    const sorted = Float64Array.from(pool.activity).sort();
    expect(sorted[300]).toBeGreaterThan(1.5);
    expect(sorted[300]).toBeLessThan(2.5);
  });

  it('drifts a taste toward an item and measures how far it moved', () => {
    const item = new Float32Array(dim).fill(3);
    const before = pool.affinity(5, item, 0);
    expect(pool.tasteDrift(5)).toBe(0);
    pool.drift(5, item, 0, 0.2);
    expect(pool.affinity(5, item, 0)).toBeGreaterThan(before);
    expect(pool.tasteDrift(5)).toBeGreaterThan(0);
    pool.leave(5);
    pool.leave(5);
    expect(pool.active).toBe(599);
  });

  it("drifts where a taste points, never how long it is: toward the item at the taste's own length", () => {
    const scaled = new ViewerPool({ count: 2, dim, centres, communityWeight: 0.9, sessionsPerDay: 2, activitySpread: 0.5 }, new RandomStream('scaled'));
    scaled.rescale(0.5);
    const length = (u: number) => Math.hypot(...scaled.taste.subarray(u * dim, (u + 1) * dim));
    const start = length(0);
    // Rescaled, tastes are about half as long as items (length sqrt(dim) = 4), and an outlying item is 5 times longer still.
    expect(start).toBeGreaterThan(1);
    expect(start).toBeLessThan(3);
    const item = new Float32Array(dim).fill(1);
    const outlier = new Float32Array(dim).fill(-5);
    for (let i = 0; i < 400; i++) {
      scaled.drift(0, i % 2 ? outlier : item, 0, 0.05);
      expect(length(0)).toBeLessThanOrEqual(start * (1 + 1e-5));
    }
    for (let i = 0; i < 400; i++) scaled.drift(0, item, 0, 0.05);
    // The taste now points at the item with the length it started with: affinity = start * |item| / sqrt(dim) = start.
    expect(length(0)).toBeCloseTo(start, 3);
    expect(scaled.affinity(0, item, 0)).toBeCloseTo(start, 3);
    expect(scaled.tasteDrift(1)).toBe(0);
  });
});

describe('CreatorPool', () => {
  it('drifts a style toward its best-liked recent upload, and discouraged creators post less', () => {
    const rng = new RandomStream('creators');
    const pool = new CreatorPool({ count: 2, styleDim: 2, uploadsPerDay: 3, rateSpread: 0 }, rng, (_c, out, o) => out.set([0, 0], o));
    const styles: Record<number, [number, number]> = { 10: [1, 0], 11: [0, 1], 12: [1, 1] };
    const likes: Record<number, number> = { 10: 0.1, 11: 0.5, 12: NaN };
    for (const item of [10, 11, 12]) pool.remember(0, item);
    const followed = pool.driftTowardLiked(
      0,
      0.5,
      (i) => likes[i],
      (i, out) => out.set(styles[i]),
      new Float32Array(2),
    );
    expect(followed).toBe(11);
    expect([...pool.style.subarray(0, 2)]).toEqual([0, 0.5]);
    expect(pool.styleDrift(0)).toBeCloseTo(0.5);
    expect(
      pool.driftTowardLiked(
        1,
        0.5,
        () => 1,
        () => {},
        new Float32Array(2),
      ),
    ).toBe(-1);
    let before = 0;
    let after = 0;
    for (let d = 0; d < 400; d++) before += pool.uploadsToday(1, rng);
    pool.discourage(1, 0.5);
    pool.discourage(1, 0.01);
    expect(pool.motivation[1]).toBeCloseTo(0.05, 6);
    for (let d = 0; d < 400; d++) after += pool.uploadsToday(1, rng);
    expect(after).toBeLessThan(before / 5);
  });
});

describe('DiurnalProfile', () => {
  it('puts more activity in the evening than at night, within the day', () => {
    const profile = new DiurnalProfile();
    const rng = new RandomStream('diurnal');
    const hours = new Array(24).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const t = profile.sample(START, rng);
      expect(t).toBeGreaterThanOrEqual(START);
      expect(t).toBeLessThan(START + 86_400_000);
      hours[Math.floor((t - START) / 3_600_000)]++;
    }
    expect(hours[20]).toBeGreaterThan(hours[4] * 5);
    expect(() => new DiurnalProfile([1, 2])).toThrow(RangeError);
  });
});
