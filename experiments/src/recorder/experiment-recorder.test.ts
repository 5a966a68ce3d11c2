import type { ResearchProbe } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { ArmSplit } from '../arms/arm-split.js';
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
    expect(row).toMatchObject({ day: 0, arm: 'only', users: 4, interactions: 3, requests: 2 });
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

  it('attributes activity to the arm serving the user', () => {
    const split = new ArmSplit([{ name: 'a', share: 0.5 }, { name: 'b', share: 0.5 }], 's');
    const rec = new ExperimentRecorder(split, { ...probe, userCount: 200 }, 0, 's', { startTime: 0 });
    let inA = 0;
    for (let u = 0; u < 200; u++) {
      rec.interaction(1, u, 0, false, 1, 1);
      if (split.armOf(u, 0) === 0) inA++;
    }
    rec.closeDay(0);
    expect(rec.rows.map((r) => r.interactions)).toEqual([inA, 200 - inA]);
  });
});
