import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram.js';
import { MetricsRegistry } from './metrics-registry.js';

describe('MetricsRegistry', () => {
  it('keeps one series per name and label set, and prints Prometheus text', () => {
    const m = new MetricsRegistry();
    m.counter('events_total', 'Events', { kind: 'watch' }).inc(3);
    m.counter('events_total', 'Events', { kind: 'watch' }).inc();
    m.counter('events_total', 'Events', { kind: 'rate' }).inc(2);
    const h = m.histogram('latency_ms', 'Latency', { endpoint: 'recommend' }, [10, 100]);
    [5, 50, 500].forEach((v) => h.observe(v));
    expect(m.toPrometheus()).toBe(
      [
        '# HELP events_total Events',
        '# TYPE events_total counter',
        'events_total{kind="watch"} 4',
        'events_total{kind="rate"} 2',
        '# HELP latency_ms Latency',
        '# TYPE latency_ms histogram',
        'latency_ms_bucket{endpoint="recommend",le="10"} 1',
        'latency_ms_bucket{endpoint="recommend",le="100"} 2',
        'latency_ms_bucket{endpoint="recommend",le="+Inf"} 3',
        'latency_ms_sum{endpoint="recommend"} 555',
        'latency_ms_count{endpoint="recommend"} 3',
        '',
      ].join('\n'),
    );
  });

  it('refuses to reuse a name for another kind of metric', () => {
    const m = new MetricsRegistry();
    m.counter('x', 'x');
    expect(() => m.histogram('x', 'x')).toThrow(/counter, not a histogram/);
  });
});

describe('Histogram quantiles', () => {
  it('interpolates within buckets and stays within the observed range', () => {
    const h = new Histogram('h', {}, [10, 20, 30, 40]);
    for (let v = 1; v <= 40; v++) h.observe(v);
    expect(h.quantile(0.5)).toBeCloseTo(20, 0);
    expect(h.quantile(0.99)).toBeGreaterThan(38);
    expect(h.quantile(0.99)).toBeLessThanOrEqual(40);
    expect(h.mean).toBeCloseTo(20.5);
    expect(new Histogram('e', {}).quantile(0.5)).toBeNaN();
  });
});

describe('MetricsRegistry snapshot', () => {
  it('restores values into the series already held, in the snapshot order, and makes the missing ones', () => {
    const a = new MetricsRegistry();
    a.counter('outcomes', 'o', { kind: 'ok' }).inc(5);
    a.histogram('latency', 'l', {}, [10]).observe(3);
    a.counter('outcomes', 'o', { kind: 'timeout' }).inc(2);
    const state = structuredClone(a.snapshot());
    const b = new MetricsRegistry();
    const held = b.counter('outcomes', 'o', { kind: 'timeout' });
    b.restore(state);
    expect(held.value).toBe(2);
    expect(b.toPrometheus()).toBe(a.toPrometheus());
    held.inc();
    expect(b.toPrometheus()).toContain('outcomes{kind="timeout"} 3');
  });
});
