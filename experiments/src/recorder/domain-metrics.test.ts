import type { DomainMetric, ResearchProbe } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { ArmSplit } from '../arms/arm-split.js';
import { ExperimentRecorder } from './experiment-recorder.js';
import { metricValue } from './metric-value.js';

const DAY = 86_400_000;
const probe: ResearchProbe = { userCount: 400, itemCount: 10, userGroup: () => 'all', itemDistance: () => 1, tasteDrift: () => 0 };

const METRICS: DomainMetric[] = [
  {
    name: 'flaggedShare',
    label: 'share of slate items flagged',
    quantity: 'flagged items',
    unit: 'fraction',
    numerator: 'flagged',
    denominator: 'slateItems',
    range: [0, 1],
  },
  {
    name: 'reportsPerK',
    label: 'reports per 1,000 interactions',
    quantity: 'reports',
    unit: 'per 1,000',
    numerator: 'reports',
    denominator: 'interactions',
    scale: 1000,
  },
  { name: 'precision', label: 'precision', quantity: 'precision', unit: 'fraction', numerator: 'truePositives', denominator: 'positives' },
];

describe('domain metrics in the recorder', () => {
  it('are ratios of the counts of each arm and day, with built-in denominators', () => {
    const split = new ArmSplit(
      [
        { name: 'a', share: 0.5 },
        { name: 'b', share: 0.5 },
      ],
      'dm',
    );
    const rec = new ExperimentRecorder(split, probe, 0, 'dm', { sampleUsers: 10, startTime: 0, metrics: METRICS });
    const ua = [...Array(400).keys()].find((u) => split.armOf(u, 0) === 0)!;
    const ub = [...Array(400).keys()].find((u) => split.armOf(u, 0) === 1)!;
    rec.slate(10, ua, [1, 2, 3, 4]);
    rec.count(10, ua, 'flagged', 1);
    rec.slate(20, ub, [1, 2]);
    for (let i = 0; i < 4; i++) rec.interaction(30 + i, ua, i, true, 1, 1);
    rec.count(40, ua, 'reports', 2);
    rec.count(50, ua, 'positives', 4);
    rec.count(50, ua, 'truePositives', 3);
    rec.count(60, ua, 'unused-counter', 5); // no metric uses it: ignored
    rec.closeDay(0);
    rec.slate(DAY + 10, ua, [5, 6]);
    rec.closeDay(1);
    const row = (day: number, arm: string) => rec.rows.find((r) => r.day === day && r.arm === arm)!;
    expect(row(0, 'a').domain).toEqual({ flaggedShare: 0.25, reportsPerK: 500, precision: 0.75 });
    // Arm b: slates but no flagged items (0), no interactions and no positives (no value).
    expect(row(0, 'b').domain!.flaggedShare).toBe(0);
    expect(row(0, 'b').domain!.reportsPerK).toBeNaN();
    expect(row(0, 'b').domain!.precision).toBeNaN();
    // Counts belong to their day.
    expect(row(1, 'a').domain!.flaggedShare).toBe(0);
    expect(metricValue(row(0, 'a'), 'precision')).toBe(0.75);
    expect(metricValue(row(0, 'a'), 'uptake')).toBe(1);
    expect(metricValue({ ...row(0, 'a'), domain: undefined }, 'precision')).toBeNaN();
  });

  it('is an empty object for a domain that declares none', () => {
    const rec = new ExperimentRecorder(new ArmSplit([{ name: 'only', share: 1 }], 'e'), probe, 0, 'e', { startTime: 0 });
    rec.count(10, 1, 'flagged', 1);
    rec.closeDay(0);
    expect(rec.rows[0].domain).toEqual({});
  });
});
