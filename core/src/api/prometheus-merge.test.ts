import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { mergePrometheus } from './prometheus-merge.js';

describe('mergePrometheus', () => {
  it('declares each family once and labels every sample of a labelled part, histograms included', () => {
    const a = new MetricsRegistry();
    const b = new MetricsRegistry();
    a.gauge('lag_ms', 'Lag').set(3);
    b.gauge('lag_ms', 'Lag').set(4);
    b.histogram('latency_ms', 'Latency', { endpoint: 'recommend' }, [10]).observe(5);
    const text = mergePrometheus([{ text: a.toPrometheus() }, { text: b.toPrometheus(), labels: { team: 't"1' } }]);
    expect(text).toBe(
      [
        '# HELP lag_ms Lag',
        '# TYPE lag_ms gauge',
        'lag_ms 3',
        'lag_ms{team="t\\"1"} 4',
        '# HELP latency_ms Latency',
        '# TYPE latency_ms histogram',
        'latency_ms_bucket{team="t\\"1",endpoint="recommend",le="10"} 1',
        'latency_ms_bucket{team="t\\"1",endpoint="recommend",le="+Inf"} 1',
        'latency_ms_sum{team="t\\"1",endpoint="recommend"} 5',
        'latency_ms_count{team="t\\"1",endpoint="recommend"} 1',
        '',
      ].join('\n'),
    );
  });

  it('is empty for empty registries', () => {
    expect(mergePrometheus([{ text: new MetricsRegistry().toPrometheus() }])).toBe('');
  });
});
