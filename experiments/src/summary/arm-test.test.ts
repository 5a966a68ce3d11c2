import { describe, expect, it } from 'vitest';
import { testArms } from './arm-test.js';

describe('testArms', () => {
  it('runs no test where both arms are constant (split) or the differences are (paired)', () => {
    expect(testArms([1, 1, 1], [1, 1, 1], 'split')).toMatchObject({ kind: 'constant', difference: 0, replications: 3 });
    expect(testArms([2, 2, 2], [1, 1, 1], 'split')).toMatchObject({
      kind: 'constant',
      difference: 1,
      reason: 'each arm took one value in every replication (2 and 1)',
    });
    expect(testArms([3, 5, 9], [1, 3, 7], 'paired')).toMatchObject({ kind: 'constant', difference: 2, reason: 'the difference was 2 in every replication' });
    // One side varies: Welch has a standard error, so the test runs.
    expect(testArms([1, 1, 1], [1, 2, 3], 'split')).toMatchObject({ kind: 'tested', method: 'welch' });
  });

  it('pairs replications in the paired design, dropping those where either arm has no value', () => {
    const t = testArms([1, NaN, 3, 4, 6], [0, 5, 1, 3, 3], 'paired');
    expect(t.kind).toBe('tested');
    if (t.kind !== 'tested') return;
    expect(t.method).toBe('paired-t');
    expect(t.replications).toBe(4);
    expect(t.result.difference).toBeCloseTo((1 + 2 + 1 + 3) / 4, 12);
  });

  it('needs two replications with values', () => {
    expect(testArms([1, NaN], [2, 3], 'split')).toEqual({ kind: 'too-few' });
    expect(testArms([1, 2], [NaN, 3], 'paired')).toEqual({ kind: 'too-few' });
  });
});
