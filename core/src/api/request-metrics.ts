import type { Counter } from '../metrics/counter.js';
import type { Histogram } from '../metrics/histogram.js';
import type { MetricsRegistry } from '../metrics/metrics-registry.js';

/** API answer times are sub-millisecond on loopback: finer buckets than the prediction latencies. */
const API_BUCKETS_MS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000];

/** One route's series: its answer times, and its request counters by status. */
interface RouteSeries {
  timer: Histogram;
  byStatus: Map<number, Counter>;
}

/**
 * Counts API requests by route pattern and status and times them. Series are cached per route,
 * then per status (a number key), so that a request costs two map lookups and no string built.
 */
export class RequestMetrics {
  private readonly routes = new Map<string, RouteSeries>();

  constructor(private readonly registry: MetricsRegistry) {}

  observe(routePattern: string | undefined, status: number, elapsedMs: number): void {
    // The pattern (`/movie/:ids`), never the raw URL: label values must stay a small set.
    const route = routePattern ?? 'unmatched';
    let series = this.routes.get(route);
    let counter = series?.byStatus.get(status);
    if (counter === undefined) {
      // The counter before the route's timer, as they were always registered (the /metrics order).
      counter = this.registry.counter('prodsim_api_requests_total', 'Entity API requests by route and status', { route, status: String(status) });
      series ??= this.addRoute(route);
      series.byStatus.set(status, counter);
    }
    counter.value++;
    (series as RouteSeries).timer.observe(elapsedMs);
  }

  private addRoute(route: string): RouteSeries {
    const timer = this.registry.histogram('prodsim_api_request_duration_ms', 'Entity API answer time by route, ms', { route }, API_BUCKETS_MS);
    const series = { timer, byStatus: new Map<number, Counter>() };
    this.routes.set(route, series);
    return series;
  }
}
