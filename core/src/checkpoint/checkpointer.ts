import type { CheckpointWriter, SimulationState } from '../run/simulation-state.js';
import type { CheckpointUnit } from './checkpoint-store.js';

export interface CheckpointerOptions {
  unit: CheckpointUnit;
  /** Simulated ms between checkpoints, counted from the run's start. */
  everyMs: number;
  startTime: number;
  /** The sequence number of the checkpoint resumed from (0 for a new run). */
  sequence?: number;
  /**
   * Called once a checkpoint is durable, with its sequence number: an exactly-once transport
   * commits what was published up to it (a Kafka transaction).
   */
  commit?: (sequence: number) => Promise<void>;
  /** Checkpoints kept (default 2: the newest, and the one before in case its commit did not happen). */
  keep?: number;
  log?: (message: string) => void;
}

/**
 * Writes a world's checkpoints at start + k x every (simulated time), numbered from 1: the state
 * to a file (atomically), then the exactly-once outputs' commit, then old checkpoints are removed.
 */
export class Checkpointer implements CheckpointWriter {
  private sequence: number;

  constructor(private readonly options: CheckpointerOptions) {
    this.sequence = options.sequence ?? 0;
  }

  nextAfter(now: number): number {
    const { startTime, everyMs } = this.options;
    return startTime + (Math.floor((now - startTime) / everyMs) + 1) * everyMs;
  }

  async write(state: SimulationState, now: number): Promise<void> {
    const started = performance.now();
    const sequence = ++this.sequence;
    const path = this.options.unit.write(sequence, now, state);
    await this.options.commit?.(sequence);
    this.options.unit.prune(this.options.keep ?? 2);
    this.options.log?.(`checkpoint ${sequence} at ${new Date(now).toISOString()}: ${path} (${((performance.now() - started) / 1000).toFixed(2)} s)`);
  }
}
