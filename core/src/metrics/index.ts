export { Counter, Gauge } from './counter.js';
export { Histogram, LATENCY_BUCKETS_MS } from './histogram.js';
export { MetricsRegistry } from './metrics-registry.js';
export type { MetricsState } from './metrics-registry.js';
