import type { EventSinkState } from '../events/event-sink.js';
import type { StreamFaultsState } from '../events/stream-faults.js';
import type { MetricsState } from '../metrics/metrics-registry.js';
import type { PredictionGatewayState } from '../prediction/prediction-gateway.js';
import type { RngStreamsState } from '../rng/rng-streams.js';
import type { SchedulerState } from '../scheduler/scheduler.js';

/**
 * A simulation's whole state between two events: what a checkpoint holds. Resuming from it gives
 * the same events, in the same order, and the same summary as running on would have.
 */
export interface SimulationState {
  scheduler: SchedulerState;
  /** The world's named random streams. */
  rng: RngStreamsState;
  faults: StreamFaultsState | undefined;
  predictions: PredictionGatewayState;
  metrics: MetricsState;
  events: EventSinkState;
  /** What the domain's `snapshot` returned. */
  world: Uint8Array | object;
  /** Scheduler events dispatched so far (the summary's count continues from it). */
  dispatched: number;
  /** The transport's counters so far (a resumed run's summary adds its own to them). */
  transport: Record<string, number | string>;
  /** Event files and their length at the checkpoint: a resumed run cuts each back to it. */
  files: { path: string; bytes: number }[];
}

/** Where a simulation's checkpoints go and when: see checkpoint/checkpointer.ts. */
export interface CheckpointWriter {
  /** The simulated time of the next checkpoint after `now`. */
  nextAfter(now: number): number;
  /** Writes a checkpoint of `state` taken at simulated time `now` (atomically; then commits exactly-once outputs). */
  write(state: SimulationState, now: number): Promise<void>;
}
