import { createHash } from 'node:crypto';
import type { WorkUnit } from '../work-units.js';

/** The job message's format; a worker refuses a job of another protocol, as of another prodsim version. */
export const JOB_PROTOCOL = 1;

/**
 * One unit of work on the queue. Everything a worker needs travels with it: the (sweep point's)
 * spec as written, the unit, the outside plugins' module URLs (workers load the same plugins;
 * the built-ins come with the worker's own prodsim), and the coordinator's version.
 */
export interface QueueJob {
  protocol: number;
  /** The coordinator's prodsim version: a worker of another version refuses the job. */
  prodsim: string;
  /** `<experiment key>.<unit key>`: the job's subject token, status key and result name. */
  id: string;
  /** For messages: "3", "3-random", "p2/3". */
  label: string;
  specInput: Record<string, unknown>;
  unit: WorkUnit;
  plugins: string[];
  /** With raw data: the unit's name in the raw file names ("3", "3-random"). */
  raw?: string;
  /** The queue's ack wait: a worker heartbeats well within it. */
  ackWaitMs: number;
}

/** What a unit's key in the status bucket holds, as its worker goes. */
export type UnitStatus =
  | { state: 'running'; worker: string; delivery: number; day: number }
  | { state: 'done'; worker: string; raw: string[] }
  | { state: 'failed'; worker: string; phase: 'load' | 'run'; message: string; code?: string }
  | { state: 'refused'; worker: string; prodsim: string; protocol: number };

/**
 * The key of an experiment (or sweep point) on the queue: a hash of everything its results
 * depend on (spec, plugins, raw data or not, prodsim version). The same experiment run again, by
 * a restarted coordinator or anyone else, has the same key and finds the results stored so far.
 */
export function experimentKey(specInput: unknown, plugins: readonly string[], raw: boolean, version: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ specInput, plugins, raw, version, protocol: JOB_PROTOCOL }))
    .digest('hex')
    .slice(0, 24);
}

/** A job's id: the experiment's key and the unit ("r3", or "r3a1" in the paired design). */
export function jobId(key: string, unit: WorkUnit): string {
  return `${key}.r${unit.replication}${unit.arm === undefined ? '' : `a${unit.arm}`}`;
}

export function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/**
 * What every protocol keeps: the job's id, protocol and prodsim version, read before anything
 * else, so that a worker can refuse a job of another version by name even if the rest changed.
 */
export interface JobEnvelope {
  id: string;
  protocol: number;
  prodsim: string;
  body: Record<string, unknown>;
}

/** The envelope of a message, or undefined when it is not a job at all. */
export function jobEnvelope(data: Uint8Array): JobEnvelope | undefined {
  try {
    const body = JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>;
    if (typeof body?.id !== 'string' || typeof body.protocol !== 'number' || typeof body.prodsim !== 'string') return undefined;
    return { id: body.id, protocol: body.protocol, prodsim: body.prodsim, body };
  } catch {
    return undefined;
  }
}

/** The job in an envelope of this protocol, or undefined when it lacks a field. */
export function jobOf(envelope: JobEnvelope): QueueJob | undefined {
  const job = envelope.body as Partial<QueueJob>;
  const ok =
    typeof job.label === 'string' &&
    typeof job.specInput === 'object' &&
    job.specInput !== null &&
    typeof job.unit?.replication === 'number' &&
    Array.isArray(job.plugins) &&
    typeof job.ackWaitMs === 'number';
  return ok ? (job as QueueJob) : undefined;
}

/** A unit's status from the bucket, or undefined (a delete marker, or not a status). */
export function decodeStatus(data: Uint8Array): UnitStatus | undefined {
  if (data.length === 0) return undefined;
  try {
    const status = JSON.parse(new TextDecoder().decode(data)) as UnitStatus;
    return typeof status?.state === 'string' ? status : undefined;
  } catch {
    return undefined;
  }
}
