import { describe, expect, it } from 'vitest';
import { finiteExtent, formatTick, linearScale, niceTicks, padExtent } from './scale.js';

describe('report scales and ticks', () => {
  it('picks round steps that cover the extent', () => {
    expect(niceTicks(0, 29, 6, true)).toEqual({ domain: [0, 30], values: [0, 5, 10, 15, 20, 25, 30], step: 5 });
    expect(niceTicks(0.31, 0.87, 5)).toEqual({ domain: [0.3, 0.9], values: [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], step: 0.1 });
    const t = niceTicks(-0.013, 0.042, 5);
    expect(t.step).toBe(0.01);
    expect(t.values[0]).toBe(-0.02);
    expect(t.values.at(-1)).toBe(0.05);
  });

  it('keeps day ticks whole even for a short run', () => {
    const t = niceTicks(0, 2, 6, true);
    expect(t.step).toBe(1);
    expect(t.values).toEqual([0, 1, 2]);
  });

  it('widens a constant extent around the value instead of collapsing it', () => {
    expect(padExtent([1, 1])).toEqual([0.9, 1.1]);
    expect(padExtent([0, 0])).toEqual([-1, 1]);
    expect(padExtent([-5, -5])).toEqual([-5.5, -4.5]);
    const t = niceTicks(1, 1);
    expect(t.domain[0]).toBeLessThan(1);
    expect(t.domain[1]).toBeGreaterThan(1);
  });

  it('ignores NaN and infinities in extents', () => {
    expect(finiteExtent([NaN, 3, Infinity, -2, NaN])).toEqual([-2, 3]);
    expect(finiteExtent([NaN, NaN])).toBeUndefined();
    expect(finiteExtent([])).toBeUndefined();
  });

  it('maps a zero-width domain to the middle of the range', () => {
    expect(linearScale([2, 2], [0, 100])(2)).toBe(50);
    expect(linearScale([0, 10], [100, 0])(2.5)).toBe(75);
  });

  it('labels ticks with the decimals the step needs', () => {
    expect(formatTick(0.30000000000000004, 0.1)).toBe('0.3');
    expect(formatTick(0.05, 0.01)).toBe('0.05');
    expect(formatTick(25, 5)).toBe('25');
    expect(formatTick(2.5, 2.5)).toBe('2.5');
    expect(formatTick(15000, 5000)).toBe('15k');
    expect(formatTick(2_000_000, 1_000_000)).toBe('2M');
    expect(formatTick(-0.0000001, 0.1)).toBe('0.0');
  });
});
