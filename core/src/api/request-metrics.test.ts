import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { RequestMetrics } from './request-metrics.js';

describe('RequestMetrics', () => {
  it('counts requests by route pattern and status, and times them by route', () => {
    const registry = new MetricsRegistry();
    const requests = new RequestMetrics(registry);
    requests.observe('/movie/:ids', 200, 0.2);
    requests.observe('/movie/:ids', 200, 3);
    requests.observe('/movie/:ids', 404, 0.05);
    requests.observe('/user/:ids', 429, 0.1);
    requests.observe(undefined, 404, 0.3);
    const text = registry.toPrometheus();
    expect(text).toContain('prodsim_api_requests_total{route="/movie/:ids",status="200"} 2');
    expect(text).toContain('prodsim_api_requests_total{route="/movie/:ids",status="404"} 1');
    expect(text).toContain('prodsim_api_requests_total{route="/user/:ids",status="429"} 1');
    expect(text).toContain('prodsim_api_requests_total{route="unmatched",status="404"} 1');
    expect(text).toMatch(/prodsim_api_request_duration_ms_bucket\{le="\+Inf",route="\/movie\/:ids"\} 3/);
    expect(text).toMatch(/prodsim_api_request_duration_ms_bucket\{le="0.25",route="\/movie\/:ids"\} 2/);
    expect(text).toMatch(/prodsim_api_request_duration_ms_bucket\{le="\+Inf",route="unmatched"\} 1/);
    // Counters come before timers in the exposition, as the first request registered them.
    expect(text.indexOf('prodsim_api_requests_total')).toBeLessThan(text.indexOf('prodsim_api_request_duration_ms'));
  });
});
