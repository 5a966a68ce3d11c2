import type { Counter } from '../metrics/counter.js';
import type { Histogram } from '../metrics/histogram.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';

/** API answer times are sub-millisecond on loopback: finer buckets than the prediction latencies. */
const API_BUCKETS_MS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000];

/**
 * Counts API requests by route pattern and status and times them. Series are cached per
 * (route, status) so that the per-request cost is a map lookup, not a label-string build.
 */
export class RequestMetrics {
  private readonly counters = new Map<string, Counter>();
  private readonly timers = new Map<string, Histogram>();

  constructor(private readonly registry: MetricsRegistry) {}

  observe(routePattern: string | undefined, status: number, elapsedMs: number): void {
    // The pattern (`/movie/:ids`), never the raw URL: label values must stay a small set.
    const route = routePattern ?? 'unmatched';
    const key = `${status} ${route}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = this.registry.counter('prodsim_api_requests_total', 'Entity API requests by route and status', { route, status: String(status) });
      this.counters.set(key, counter);
    }
    counter.value++;
    let timer = this.timers.get(route);
    if (!timer) {
      timer = this.registry.histogram('prodsim_api_request_duration_ms', 'Entity API answer time by route, ms', { route }, API_BUCKETS_MS);
      this.timers.set(route, timer);
    }
    timer.observe(elapsedMs);
  }
}
