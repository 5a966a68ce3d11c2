import { describe, expect, it } from 'vitest';
import type { DayMetrics } from '../recorder/day-metrics.js';
import type { ReplicationResult } from '../runner/run-replication.js';
import { resolveExpectations } from '../spec/expectation-spec.js';
import { evaluateExpectations } from './expectations.js';

const METRIC = { name: 'attackShare', label: 'share on attacked items', quantity: 'attacked', unit: 'fraction', numerator: 'a', denominator: 'slateItems' };

/** Replication r: arm "a" has the domain metric `before(r)` on days 0-4 and `after(r)` on days 5-9; arm "b" 0 throughout. */
function results(before: (r: number) => number, after: (r: number) => number): ReplicationResult[] {
  return [0, 1, 2].map((replication) => ({
    replication,
    seed: `s${replication}`,
    events: 0,
    eventsByKind: {},
    streamFaults: {},
    wallSeconds: 0,
    rows: Array.from({ length: 10 }, (_, day) =>
      ['a', 'b'].map(
        (arm) =>
          ({ replication, day, arm, domain: { attackShare: arm === 'b' ? 0 : day < 5 ? before(replication) : after(replication) } }) as unknown as DayMetrics,
      ),
    ).flat(),
  }));
}

const resolve = (raw: Record<string, unknown>[]) => resolveExpectations(raw.map((e) => ({ alpha: 0.05, ...e })) as never, ['a', 'b'], 10, 3, [METRIC]);

describe('expectations on the domain metrics and within an arm over time', () => {
  it('compare an arm after a day with its own earlier days, paired by replication', () => {
    const expectations = resolve([
      { metric: 'attackShare', arm: 'a', direction: 'greater', fromDay: 5, thanDays: [0, 4] },
      { metric: 'attackShare', arm: 'a', direction: 'less', fromDay: 5, thanDays: [0, 4], label: 'absurd: the attack lowered it' },
    ]);
    expect(expectations[0]).toMatchObject({ arm: 'a', than: 'a', thanDays: [0, 4], fromDay: 5 });
    // The rise differs from replication to replication (0.10, 0.12, 0.15), so there is a test.
    const [rose, fell] = evaluateExpectations(
      expectations,
      results(
        (r) => 0.01 * r,
        (r) => 0.1 + 0.02 * r + 0.01 * (r === 2 ? 1 : 0),
      ),
      'split',
      [METRIC],
    );
    expect(rose).toMatchObject({ held: true, method: 'paired-t', replications: 3, thanDays: [0, 4] });
    expect(rose.difference).toBeCloseTo((0.1 + 0.11 + 0.13) / 3, 10);
    expect(rose.sentence).toMatch(/^a greater than a on days 0-4 in share on attacked items: .* from day 5 against days 0-4/);
    expect(fell).toMatchObject({ held: false, label: 'absurd: the attack lowered it' });
    // No change: not held.
    const [flat] = evaluateExpectations(
      expectations.slice(0, 1),
      results(
        () => 0.2,
        (r) => 0.2 + 0.001 * (r - 1),
      ),
      'split',
      [METRIC],
    );
    expect(flat.held).toBe(false);
  });

  it('compare a period that ends before the run does (toDay)', () => {
    // Arm a is above b only on days 5-9; over days 0-4 the arms are alike.
    const early = resolve([{ metric: 'attackShare', arms: ['a', 'b'], direction: 'greater', fromDay: 0, toDay: 4 }]);
    const late = resolve([{ metric: 'attackShare', arms: ['a', 'b'], direction: 'greater', fromDay: 5, toDay: 9 }]);
    const data = results(
      () => 0,
      (r) => 0.1 + 0.01 * r,
    );
    expect(evaluateExpectations(early, data, 'split', [METRIC])[0]).toMatchObject({ held: false, toDay: 4 });
    expect(evaluateExpectations(early, data, 'split', [METRIC])[0].sentence).toContain('from day 0 to 4');
    expect(evaluateExpectations(late, data, 'split', [METRIC])[0].held).toBe(true);
    expect(() => resolve([{ metric: 'attackShare', arms: ['a', 'b'], direction: 'greater', fromDay: 5, toDay: 4 }])).toThrow(/expect\[0\]\.toDay/);
    expect(() => resolve([{ metric: 'attackShare', arms: ['a', 'b'], direction: 'greater', fromDay: 5, toDay: 10 }])).toThrow(/expect\[0\]\.toDay/);
  });

  it('compare a domain metric between arms', () => {
    const [e] = evaluateExpectations(
      resolve([{ metric: 'attackShare', arms: ['a', 'b'], direction: 'greater', fromDay: 5 }]),
      results(
        () => 0,
        (r) => 0.1 + 0.01 * r,
      ),
      'split',
      [METRIC],
    );
    expect(e).toMatchObject({ held: true, method: 'welch', than: 'b' });
    expect(e.meanArm).toBeCloseTo(0.11, 10);
  });

  it('refuses thanDays that overlap the compared period or come with another arm, and unknown metrics', () => {
    expect(() => resolve([{ metric: 'attackShare', arm: 'a', direction: 'greater', fromDay: 5, thanDays: [0, 5] }])).toThrow(
      /expect\[0\]\.thanDays.*fromDay \(5\)/,
    );
    expect(() => resolve([{ metric: 'attackShare', arm: 'a', direction: 'greater', fromDay: 5, thanDays: [3, 1] }])).toThrow(/expect\[0\]\.thanDays/);
    expect(() => resolve([{ metric: 'attackShare', arm: 'a', than: 'b', direction: 'greater', fromDay: 5, thanDays: [0, 1] }])).toThrow(/not both/);
    expect(() => resolve([{ metric: 'attackShare', arms: ['a', 'b'], direction: 'greater', thanDays: [0, 1] }])).toThrow(/not both/);
    expect(() => resolve([{ metric: 'attackShares', arm: 'a', direction: 'greater' }])).toThrow(/expect\[0\]\.metric.*attackShare/);
  });
});
