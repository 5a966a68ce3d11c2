import { errorClass, type ErrorCode } from '@prodsim/core';

/** Codes of the distributed runner: a coordinator and its workers meet only through the queue. */
export const QueueErrorCodes = {
  /** The NATS server at the queue URL cannot be reached. */
  UNREACHABLE: 'PRODSIM_ERR_QUEUE_UNREACHABLE',
  /** The server answers but has no JetStream, or the queue's stream, consumer or buckets cannot be set up. */
  JETSTREAM: 'PRODSIM_ERR_QUEUE_JETSTREAM',
  /** A worker runs another prodsim version (or job protocol) than the coordinator: its results could differ. */
  VERSION: 'PRODSIM_ERR_QUEUE_VERSION',
  /** A worker could not load a job's spec: a plugin, the domain or the spec itself. */
  SPEC: 'PRODSIM_ERR_QUEUE_SPEC',
  /** A job failed on a worker without a code of its own (a crashed thread, ...). */
  JOB_FAILED: 'PRODSIM_ERR_QUEUE_JOB_FAILED',
  /** A job was delivered as often as the queue allows and never finished: its workers died running it. */
  ABANDONED: 'PRODSIM_ERR_QUEUE_ABANDONED',
  /** A finished job's result is missing or is not the job's (expired from the store, or corrupt). */
  RESULT: 'PRODSIM_ERR_QUEUE_RESULT',
  /** The coordinator was stopped (Ctrl-C) before every job was done: the jobs stay queued. */
  INTERRUPTED: 'PRODSIM_ERR_QUEUE_INTERRUPTED',
} as const satisfies Record<string, ErrorCode>;

export type QueueErrorCode = (typeof QueueErrorCodes)[keyof typeof QueueErrorCodes];

export const QueueError = errorClass('QueueError', QueueErrorCodes);
export type QueueError = InstanceType<typeof QueueError>;
