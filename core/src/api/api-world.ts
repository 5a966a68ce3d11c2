import type { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { Simulation } from '../run/simulation.js';
import type { PublicCatalog } from '../world/entity-collection.js';
import type { RouteDeclaration } from '../world/route.js';
import { EventStreamBuffer, type EventStreamBufferOptions } from './event-stream-buffer.js';

/**
 * What the API server needs of one world: its public face and its metrics, nothing else (the
 * hidden ground truth is simply not in here). A world with a `team` is served under `/<team>/`;
 * one with a `token` answers only requests that carry `Authorization: Bearer <token>`.
 */
export interface ApiWorld {
  team?: string;
  token?: string;
  catalog: PublicCatalog;
  routes: readonly RouteDeclaration[];
  metrics: MetricsRegistry;
  /** The world's recent events for `GET /stream` (`/<team>/stream`); absent: not served. */
  stream?: EventStreamBuffer;
  /** Refreshes scrape-time figures (events by kind, scheduler lag) just before `/metrics` reads them. */
  collect?: () => void;
  /** Passes each line of the world's stream to `listener` (for the staff dashboard); returns how to stop. */
  listen?: (listener: (value: string) => void) => () => void;
  /** The world's simulated time now. */
  now?: () => number;
}

/**
 * The API view of a simulation (after `sim.init()`): catalog, routes, metrics, live gauges, and
 * its event stream for /stream (unless `stream: false`), kept from this call on.
 */
export function apiWorldOf(sim: Simulation, access: { team?: string; token?: string; stream?: EventStreamBufferOptions | false } = {}): ApiWorld {
  const world = sim.domainWorld;
  const { stream: streamOptions, ...who } = access;
  // The stream keeps what the transport gets from here on (after stream faults): the same lines.
  const stream = streamOptions === false ? undefined : new EventStreamBuffer(streamOptions);
  if (stream) sim.tap.listen((_topic, _key, value) => stream.add(value));
  return {
    ...who,
    catalog: world.catalog,
    routes: world.routes,
    metrics: sim.metrics,
    stream,
    collect: () => collectSimulation(sim),
    listen: (listener) => sim.tap.listen((_topic, _key, value) => listener(value)),
    now: () => sim.scheduler.now,
  };
}

/**
 * Copies the run's live figures into its registry. Events and late events are counted where they
 * happen without touching the registry (hot paths); at scrape time their totals are copied into
 * counters, which is why these set `value` rather than increment.
 */
export function collectSimulation(sim: Simulation): void {
  const m = sim.metrics;
  for (const [kind, n] of Object.entries(sim.events.countsByKind())) {
    m.counter('prodsim_events_total', 'Events emitted, by kind', { kind }).value = n;
  }
  const lag = sim.scheduler.lag;
  m.gauge('prodsim_scheduler_lag_ms', 'How late the most recent event ran behind the wall clock (paced runs), ms').set(lag.currentMs);
  m.gauge('prodsim_scheduler_lag_max_ms', 'Largest lag behind the wall clock so far (paced runs), ms').set(lag.maxMs);
  m.counter('prodsim_scheduler_late_events_total', 'Events that ran later than their wall-clock due time (paced runs)').value = lag.lateEvents;
  m.gauge('prodsim_scheduler_pending_events', 'Events queued in the scheduler').set(sim.scheduler.pending);
  m.gauge('prodsim_simulated_time_seconds', 'Current simulated time, seconds since the Unix epoch').set(sim.scheduler.now / 1000);
  m.gauge('prodsim_predictions_in_flight', 'Prediction requests sent and not yet answered').set(sim.predictions.pending);
}
