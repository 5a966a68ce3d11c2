import { RandomStream, type ResearchProbe } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { ArmSplit } from '../arms/arm-split.js';
import { coverage, gini, topShare } from '../metrics/concentration.js';
import { ExperimentRecorder } from './experiment-recorder.js';

const DAY = 86_400_000;
const probe: ResearchProbe = {
  userCount: 4,
  itemCount: 10,
  userGroup: (u) => (u < 2 ? 'young' : 'old'),
  itemDistance: (a, b) => (a === b ? 0 : 1),
  tasteDrift: (u) => u / 10,
};

describe('ExperimentRecorder', () => {
  it('computes one row per arm and day from slates, interactions and outcomes', () => {
    const split = new ArmSplit([{ name: 'only', share: 1 }], 'r');
    const rec = new ExperimentRecorder(split, probe, 0, 'r', { sampleUsers: 4, startTime: 0 });
    rec.slate(10, 0, [1, 2]);
    rec.slate(20, 1, [1, 3]);
    rec.outcome(10, 0, 'ok', 12);
    rec.outcome(20, 1, 'timeout', 800);
    rec.interaction(30, 0, 1, true, 60, 4);
    rec.interaction(40, 1, 5, false, 30, 2);
    rec.interaction(50, 2, 1, true, 90, 3);
    rec.closeDay(0);
    const [row] = rec.rows;
    expect(row).toMatchObject({ day: 0, arm: 'only', users: 4, sampledUsers: 4, interactions: 3, requests: 2 });
    expect(row.engagementPerUser).toBe(180 / 4);
    expect(row.uptake).toBeCloseTo(2 / 3);
    expect(row.meanTrueValue).toBe(3);
    expect(row.successRate).toBe(0.5);
    expect(row.personalization).toBeCloseTo(1 - 1 / 3); // slates {1,2} and {1,3}
    expect(row.intraListDiversity).toBe(1);
    expect(row.coverage).toBe(0.2); // items 1 and 5 of 10
    expect(row.top10Share).toBeCloseTo(2 / 3); // item 1 took 2 of 3
    // consumption sets: u0 {1}, u1 {5}, u2 {1}: pairs 0, 1, 0
    expect(row.homogenization).toBeCloseTo(1 / 3);
    expect(row.tasteDrift).toBeCloseTo((0 + 0.1 + 0.2 + 0.3) / 4);
    expect(row.groups.young).toMatchObject({ users: 2, interactions: 2, meanTrueValue: 3, engagementPerUser: 45 });
    expect(row.groups.old).toMatchObject({ users: 2, interactions: 1, meanTrueValue: 3, engagementPerUser: 45 });
    rec.interaction(DAY + 5, 3, 7, false, 10, 1);
    rec.closeDay(1);
    expect(rec.rows[1]).toMatchObject({ day: 1, interactions: 1, requests: 0 });
    expect(rec.rows[1].coverage).toBe(0.3); // cumulative: items 1, 5, 7
    expect(rec.rows[1].successRate).toBeNaN();
  });

  it('gives every cumulative distribution metric its value for the day alone', () => {
    const split = new ArmSplit([{ name: 'only', share: 1 }], 'w');
    const rec = new ExperimentRecorder(split, probe, 0, 'w', { sampleUsers: 4, startTime: 0 });
    // Day 0: users 0 and 1 both take items 1 and 2. Day 1: user 0 takes 3, user 1 takes 4.
    for (const u of [0, 1]) for (const item of [1, 2]) rec.interaction(10, u, item, false, 1, 1);
    rec.closeDay(0);
    rec.interaction(DAY + 10, 0, 3, false, 1, 1);
    rec.interaction(DAY + 20, 1, 4, false, 1, 1);
    rec.closeDay(1);
    const [d0, d1] = rec.rows;
    expect(d0.coverageDay).toBe(d0.coverage);
    expect(d0.homogenizationDay).toBe(1); // identical sets {1,2}
    expect(d1.coverage).toBe(0.4); // items 1-4 so far
    expect(d1.coverageDay).toBe(0.2); // items 3 and 4 that day
    expect(d1.homogenization).toBeCloseTo(2 / 4); // {1,2,3} and {1,2,4}
    expect(d1.homogenizationDay).toBe(0); // {3} and {4}
    expect(d1.gini).toBeCloseTo(gini([0, 2, 2, 1, 1, 0, 0, 0, 0, 0]));
    expect(d1.giniDay).toBeCloseTo(gini([0, 0, 0, 1, 1, 0, 0, 0, 0, 0]));
    expect(d1.top10ShareDay).toBeCloseTo(0.5);
    expect(d1.top10Share).toBeCloseTo(topShare([0, 2, 2, 1, 1, 0, 0, 0, 0, 0], 0.1));
  });

  it('measures interaction spread and the sorted consumption histogram of each day', () => {
    const rec = new ExperimentRecorder(new ArmSplit([{ name: 'only', share: 1 }], 'h'), probe, 0, 'h', { sampleUsers: 4, startTime: 0 });
    // Day 0: four users take four different items. Day 1: all four take item 7.
    for (let u = 0; u < 4; u++) rec.interaction(10, u, u, false, 1, 1);
    rec.closeDay(0);
    for (let u = 0; u < 4; u++) rec.interaction(DAY + 10, u, 7, false, 1, 1);
    rec.closeDay(1);
    rec.closeDay(2); // nothing consumed
    const [d0, d1, d2] = rec.rows;
    expect(d0.interactionSpread).toBeNaN();
    // Sorted histograms over 10 items: [1,1,1,1,0,...] has area 4 - 0.5 = 3.5; [4,0,...] has 4 - 2 = 2.
    expect(d1.interactionSpread).toBeCloseTo(3.5 - 2);
    expect(d2.interactionSpread).toBeCloseTo(2 - 0);
    expect(d0.consumptionHistogram).toEqual([0.25, 0.5, 0.25, 0]);
    expect(d1.consumptionHistogram).toEqual([1, 0, 0, 0]);
    expect(d2.consumptionHistogram).toEqual([]);
  });

  it('measures Gini, top-10% share and coverage over the current catalogue, releases included', () => {
    const world = { ...probe, itemCount: 10 };
    const rec = new ExperimentRecorder(new ArmSplit([{ name: 'only', share: 1 }], 'c'), world, 0, 'c', { sampleUsers: 4, startTime: 0 });
    rec.interaction(10, 0, 1, false, 1, 1);
    rec.interaction(20, 1, 2, false, 1, 1);
    rec.interaction(30, 2, 2, false, 1, 1);
    world.itemCount = 40; // 30 releases, none consumed yet
    rec.closeDay(0);
    const counts = new Array(40).fill(0);
    counts[1] = 1;
    counts[2] = 2;
    const [row] = rec.rows;
    expect(row.coverage).toBe(coverage(counts));
    expect(row.gini).toBeCloseTo(gini(counts), 12);
    expect(row.top10Share).toBeCloseTo(topShare(counts, 0.1), 12);
    expect(row.gini).not.toBeCloseTo(gini(counts.slice(0, 16)), 3);
  });

  it('attributes activity to the arm serving the user', () => {
    const split = new ArmSplit(
      [
        { name: 'a', share: 0.5 },
        { name: 'b', share: 0.5 },
      ],
      's',
    );
    const rec = new ExperimentRecorder(split, { ...probe, userCount: 200 }, 0, 's', { startTime: 0 });
    let inA = 0;
    for (let u = 0; u < 200; u++) {
      rec.interaction(1, u, 0, false, 1, 1);
      if (split.armOf(u, 0) === 0) inA++;
    }
    rec.closeDay(0);
    expect(rec.rows.map((r) => r.interactions)).toEqual([inA, 200 - inA]);
  });

  it('measures a 5% arm and a 95% arm on equal samples, so that the same behaviour gives comparable values', () => {
    const users = 4000;
    const split = new ArmSplit(
      [
        { name: 'big', share: 0.95 },
        { name: 'small', share: 0.05 },
      ],
      'eq',
    );
    const world = { ...probe, userCount: users, itemCount: 500 };
    const rec = new ExperimentRecorder(split, world, 0, 'eq', { sampleUsers: 80, startTime: 0 });
    // Both arms behave alike: every user consumes 3 items drawn uniformly from the catalogue.
    const rng = new RandomStream('uniform');
    for (let u = 0; u < users; u++) for (let k = 0; k < 3; k++) rec.interaction(10, u, rng.int(500), false, 1, 1);
    rec.closeDay(0);
    const [big, small] = rec.rows;
    expect(big.users).toBeGreaterThan(15 * small.users);
    expect(big.sampledUsers).toBe(80);
    expect(small.sampledUsers).toBe(80);
    // 240 uniform draws from 500 items cover about 1 - (1 - 1/500)^240 = 38% of them.
    for (const row of [big, small]) expect(row.coverage).toBeGreaterThan(0.3);
    expect(Math.abs(big.coverage - small.coverage)).toBeLessThan(0.06);
    expect(Math.abs(big.gini - small.gini)).toBeLessThan(0.06);
  });

  it('samples users who join mid-run, deterministically', () => {
    const run = () => {
      const world = { ...probe, userCount: 100, itemCount: 50 };
      const rec = new ExperimentRecorder(new ArmSplit([{ name: 'only', share: 1 }], 'j'), world, 0, 'j', { sampleUsers: 1000, startTime: 0 });
      for (let u = 0; u < 100; u++) rec.interaction(10, u, u % 50, false, 1, 1);
      rec.closeDay(0);
      world.userCount = 200; // 100 newcomers, who all take item 49
      for (let u = 100; u < 200; u++) rec.interaction(DAY + 10, u, 49, false, 1, 1);
      rec.closeDay(1);
      return rec.rows;
    };
    const rows = run();
    expect(rows[0].sampledUsers).toBe(100);
    expect(rows[1].sampledUsers).toBe(200);
    expect(rows[1].users).toBe(200);
    // The newcomers are measured: all of day 1's consumption is on item 49, by 100 users.
    expect(rows[1].coverageDay).toBe(1 / 50);
    expect(rows[1].homogenizationDay).toBe(1);
    expect(rows[1].homogenization).toBeGreaterThan(rows[0].homogenization);
    expect(run()).toEqual(rows);
  });

  it('lets canary users keep their consumption history when they switch arm', () => {
    const split = new ArmSplit(
      [
        { name: 'stable', share: 1 },
        { name: 'canary', share: 0 },
      ],
      'k',
      { arm: 'canary', steps: [{ day: 1, share: 0.5 }] },
    );
    const world = { ...probe, userCount: 400, itemCount: 20 };
    const rec = new ExperimentRecorder(split, world, 0, 'k', { sampleUsers: 50, startTime: 0 });
    for (let u = 0; u < 400; u++) rec.interaction(10, u, u % 4, false, 1, 1); // day 0: all on stable
    rec.closeDay(0);
    rec.closeDay(1); // day 1: half the users moved to the canary, nobody consumed anything
    const canary = rec.rows.filter((r) => r.arm === 'canary');
    expect(canary[0].sampledUsers).toBe(0);
    expect(canary[0].coverage).toBeNaN();
    expect(canary[1].sampledUsers).toBe(50);
    // Their day-0 history came with them: items 0-3 of 20, each user one item.
    expect(canary[1].coverage).toBe(0.2);
    expect(canary[1].homogenization).toBeGreaterThan(0.1);
    expect(canary[1].coverageDay).toBe(0);
    expect(canary[1].homogenizationDay).toBeNaN();
  });
});
