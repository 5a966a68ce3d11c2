import { describe, expect, it } from 'vitest';
import { RandomStream } from '../rng/random-stream.js';
import { LatencyPercentiles } from './latency-percentiles.js';

/** The nearest-rank quantile of a sorted sample: the definition LatencyPercentiles estimates. */
function exact(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

describe('LatencyPercentiles', () => {
  it('is within half a percent of the exact percentiles of a heavy-tailed sample', () => {
    const rng = new RandomStream('latency');
    const sample = Array.from({ length: 20_000 }, () => Math.exp(3 + 1.2 * rng.normal()));
    const p = new LatencyPercentiles();
    for (const x of sample) p.observe(x);
    sample.sort((a, b) => a - b);
    expect(p.count).toBe(20_000);
    for (const q of [0.01, 0.5, 0.9, 0.95, 0.99, 0.999]) {
      const want = exact(sample, q);
      expect(Math.abs(p.quantile(q) - want) / want).toBeLessThan(0.005);
    }
    expect(p.quantile(1)).toBe(sample[sample.length - 1]);
  });

  it('reports zero latencies (in-process answers) as zero and is NaN when empty', () => {
    const p = new LatencyPercentiles();
    expect(p.quantile(0.5)).toBeNaN();
    for (let i = 0; i < 10; i++) p.observe(0);
    expect(p.quantile(0.99)).toBe(0);
    p.observe(250);
    expect(p.quantile(0.5)).toBe(0);
    expect(p.quantile(0.99)).toBe(250);
  });

  it('keeps a latency beyond the last bucket as the maximum seen', () => {
    const p = new LatencyPercentiles();
    p.observe(5);
    p.observe(2_000_000);
    expect(p.quantile(1)).toBe(2_000_000);
    expect(p.quantile(0.5)).toBeCloseTo(5, 1);
  });
});
