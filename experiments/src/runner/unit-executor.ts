import type { ExperimentSpec } from '../spec/experiment-spec.js';
import type { ReplicationResult } from './run-replication.js';
import type { WorkUnit } from './work-units.js';

/** One unit of work of one experiment (or of one sweep point), as an executor runs it. */
export interface UnitJob {
  /** Unique within a run, for messages: "3", "3-random", or "p2/3" in a sweep. */
  label: string;
  /** The experiment's spec as written (a sweep point's own spec): what threads and queue workers parse. */
  specInput: Record<string, unknown>;
  /** The same, parsed: what a unit run in this thread uses. */
  spec: ExperimentSpec;
  unit: WorkUnit;
  /** With raw data: the folder and unit name its Parquet files go to. */
  raw?: { dir: string; unit: string };
}

export interface UnitCallbacks {
  /** A simulated day of the job is done (progress). */
  day(job: UnitJob, day: number): void;
  /** The job's result; called once per job. */
  done(job: UnitJob, result: ReplicationResult): void;
}

/**
 * Runs units of work somewhere: in this thread, in worker threads, or on workers behind a
 * JetStream work queue (queue/queue-executor.ts). The runner keeps, aggregates and reports; an
 * executor only runs. It rejects on the first failure.
 */
export interface UnitExecutor {
  run(jobs: readonly UnitJob[], callbacks: UnitCallbacks): Promise<void>;
}
